/**
 * Every date the page shows or reads is ÅÅÅÅ-MM-DD (SS-ISO 8601, as Swedish authorities write
 * them), whatever language or time zone the browser is set to: a case worker whose browser is in
 * English must not see 08/20/2024, and an instant is shown as the Stockholm clock showed it, not
 * the laptop's. Nothing here asks the browser's locale for a format; Intl only converts an
 * instant to Stockholm's calendar and clock, and the parts are put together here.
 */
import { parseIsoDate } from '../domain/dates';

export const DATE_FORMAT = 'ÅÅÅÅ-MM-DD';
export const MONTH_FORMAT = 'ÅÅÅÅ-MM';
/** The `pattern` of a date field (and the check before anything is sent). */
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const MONTH_PATTERN = '^\\d{4}-\\d{2}$';

const STOCKHOLM = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  numberingSystem: 'latn',
});

/** Year, month, day, hour and minute of an instant on Stockholm's calendar and clock. */
function stockholmParts(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = Object.fromEntries(STOCKHOLM.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: parts.year ?? '', month: parts.month ?? '', day: parts.day ?? '', hour: parts.hour ?? '', minute: parts.minute ?? '' };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const asInstant = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/**
 * A date as ÅÅÅÅ-MM-DD. A calendar date (`2024-08-20`, as the API gives decision dates and
 * periods) is shown as it is; an instant (`2024-08-20T22:30:00Z`) as its date in Stockholm.
 */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && ISO_DAY.test(value)) return value;
  const instant = asInstant(value);
  if (Number.isNaN(instant.getTime())) return String(value);
  const p = stockholmParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** An instant as ÅÅÅÅ-MM-DD hh:mm, Stockholm time (24-hour clock). */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const instant = asInstant(value);
  if (Number.isNaN(instant.getTime())) return String(value);
  const p = stockholmParts(instant);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `2024-09-02 – 2025-02-28`. */
export const formatPeriod = (period: { from: string; to: string }) => `${formatDate(period.from)} – ${formatDate(period.to)}`;

/** Today's date in Stockholm, ÅÅÅÅ-MM-DD. */
export const todayInStockholm = (now: Date = new Date()) => formatDate(now);

/** How long something has waited, in words: "i dag", "1 dag", "12 dagar". */
export const daysInWords = (days: number): string => (days <= 0 ? 'i dag' : days === 1 ? '1 dag' : `${days} dagar`);

/** The calendar date `days` after (or before) an ÅÅÅÅ-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return `${String(shifted.getUTCFullYear()).padStart(4, '0')}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}-${String(shifted.getUTCDate()).padStart(2, '0')}`;
}

/** What is wrong with a date a person typed, in Swedish, or undefined when it is a real ÅÅÅÅ-MM-DD date. */
export function dateProblem(text: string): string | undefined {
  if (!new RegExp(DATE_PATTERN).test(text)) return `Skriv datumet som ${DATE_FORMAT}, till exempel 2024-09-02.`;
  if (!parseIsoDate(text)) return `Datumet ${text} finns inte. Skriv ett datum som finns, som ${DATE_FORMAT}.`;
  return undefined;
}

/** What is wrong with a month a person typed, or undefined when it is ÅÅÅÅ-MM. */
export function monthProblem(text: string): string | undefined {
  if (!new RegExp(MONTH_PATTERN).test(text)) return `Skriv månaden som ${MONTH_FORMAT}, till exempel 2024-08.`;
  const month = Number(text.slice(5, 7));
  if (month < 1 || month > 12) return `Månaden ${text} finns inte. Skriv en månad från 01 till 12, som ${MONTH_FORMAT}.`;
  return undefined;
}
