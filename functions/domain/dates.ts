/**
 * Calendar dates without time or zone (`YYYY-MM-DD`).
 *
 * Decisions are made on a date, not an instant: ages, periods and follow-up deadlines are all
 * counted in whole days. Working in UTC date arithmetic keeps results independent of the
 * machine's time zone, which determinism requires.
 */

export type IsoDate = string & { readonly __brand: 'IsoDate' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The Gregorian calendar's days in a month (1–12): arithmetic, not a Date, since every age and period asks. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses `YYYY-MM-DD` into a date, or returns undefined if it is not a real calendar date. */
export function parseIsoDate(text: string): IsoDate | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidCalendarDate(year, month, day) ? (text as IsoDate) : undefined;
}

export function toIsoDate(year: number, month: number, day: number): IsoDate {
  const y = String(year).padStart(4, '0');
  const m = String(month).padStart(2, '0');
  const d = String(day).padStart(2, '0');
  return `${y}-${m}-${d}` as IsoDate;
}

export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return toIsoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * Adds whole months. When the target month is shorter than the start day, the period ends on the
 * target month's last day (the rule of 2 § lagen (1930:173) om beräkning av lagstadgad tid).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return toIsoDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/**
 * Age in whole years on `onDate`. A person turns N on their Nth birthday; someone born on
 * 29 February turns a year older on 28 February in a common year (the same month-end rule as
 * `addMonths`; recorded as an assumption in GLOSSARY.md for the legal reviewer).
 */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  const birth = dateParts(birthDate);
  const on = dateParts(onDate);
  const birthdayThisYear = Math.min(birth.day, daysInMonth(on.year, birth.month));
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birthdayThisYear);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

/** Made on first use, not when the code loads (the first Intl object loads the locale's data), and then kept. */
let stockholmDate: Intl.DateTimeFormat | undefined;

/** Today's date in Stockholm, the date a decision made now carries. */
export function todayInStockholm(now: Date = new Date()): IsoDate {
  stockholmDate ??= new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
  return stockholmDate.format(now) as IsoDate;
}
