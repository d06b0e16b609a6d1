/**
 * Dates and times as staff read them: ÅÅÅÅ-MM-DD, and a moment as ÅÅÅÅ-MM-DD hh:mm in Stockholm
 * time whatever the computer's own time zone. The API keeps moments in UTC (`…T08:15:00Z`); shown
 * raw, a decision signed after ten at night would carry the next day's date in UTC.
 */

const STOCKHOLM = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function partsOf(instant: string): Record<string, string> | undefined {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return undefined;
  return Object.fromEntries(STOCKHOLM.formatToParts(date).map((p) => [p.type, p.value]));
}

/** A calendar date (`2024-08-20`) as is; a moment (`2024-08-20T22:30:00Z`) as its Stockholm date. */
export function stockholmDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = partsOf(value);
  return p ? `${p.year}-${p.month}-${p.day}` : value;
}

/** A moment as ÅÅÅÅ-MM-DD hh:mm, Stockholm time. */
export function stockholmTime(value: string | null | undefined): string {
  if (!value) return '';
  const p = partsOf(value);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : value;
}

/** Today's date in Stockholm (for what is overdue). */
export const stockholmToday = (): string => stockholmDate(new Date().toISOString());

/** How long something has waited, in words: "i dag", "1 dag", "12 dagar". */
export const daysInWords = (days: number): string => (days <= 0 ? 'i dag' : days === 1 ? '1 dag' : `${days} dagar`);
