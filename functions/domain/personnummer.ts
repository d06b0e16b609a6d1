/**
 * Swedish personal identity numbers (personnummer, folkbokföringslagen 18 §) and coordination
 * numbers (samordningsnummer, 18 a §: the birth day plus 60).
 *
 * Hand-written rather than the `personnummer` package: that package infers the century of the
 * ten-digit forms from the machine clock, so the same input could mean another person on another
 * day. Here the century is resolved against the decision date, which keeps evaluation
 * deterministic and correct for the date the decision is made.
 */
import { type IsoDate, dateParts, isValidCalendarDate, toIsoDate, compareDates } from './dates';

export type IdentityKind = 'personnummer' | 'samordningsnummer';

export interface IdentityNumber {
  kind: IdentityKind;
  /** Canonical long form `YYYYMMDD-NNNN` (for a samordningsnummer the day keeps its +60). */
  canonical: string;
  birthDate: IsoDate;
}

export type IdentityError =
  | 'FORMAT'
  | 'CHECKSUM'
  | 'DATE'
  | 'BORN_AFTER_REFERENCE_DATE';

export const identityErrorMessages: Record<IdentityError, string> = {
  FORMAT:
    'Skriv personnumret eller samordningsnumret som ÅÅÅÅMMDDNNNN, ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN eller ÅÅMMDD+NNNN.',
  CHECKSUM: 'Kontrollsiffran stämmer inte. Kontrollera att alla siffror är rätt.',
  DATE: 'Numret innehåller inget giltigt födelsedatum.',
  BORN_AFTER_REFERENCE_DATE: 'Födelsedatumet i numret ligger efter beslutsdatumet.',
};

const LONG = /^(\d{4})(\d{2})(\d{2})-?(\d{3})(\d)$/;
const SHORT = /^(\d{2})(\d{2})(\d{2})([-+])(\d{3})(\d)$/;

/** The Luhn check digit for the nine digits YYMMDDNNN (Skatteverket's rule for the last digit). */
export function checkDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

function luhnValid(tenDigits: string): boolean {
  return checkDigit(tenDigits.slice(0, 9)) === Number(tenDigits[9]);
}

interface Split {
  year?: number;
  yy: string;
  mm: string;
  dd: string;
  serial: string;
  check: string;
  separator?: '-' | '+';
}

function split(input: string): Split | undefined {
  const long = LONG.exec(input);
  if (long) {
    const [, yyyy, mm, dd, serial, check] = long as unknown as [string, string, string, string, string, string];
    return { year: Number(yyyy), yy: yyyy.slice(2), mm, dd, serial, check };
  }
  const short = SHORT.exec(input);
  if (short) {
    const [, yy, mm, dd, sep, serial, check] = short as unknown as [string, string, string, string, string, string, string];
    return { yy, mm, dd, serial, check, separator: sep as '-' | '+' };
  }
  return undefined;
}

/**
 * Checks what can be checked without a reference date: the form, the checksum and that month and
 * day could be a date. Used for field-level validation messages.
 */
export function checkIdentityForm(input: string): IdentityError | undefined {
  const parts = split(input);
  if (!parts) return 'FORMAT';
  if (!luhnValid(parts.yy + parts.mm + parts.dd + parts.serial + parts.check)) return 'CHECKSUM';
  const month = Number(parts.mm);
  const rawDay = Number(parts.dd);
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  // 2000 is a leap year, so 29 February passes here; the century is checked in parseIdentityNumber.
  if (!isValidCalendarDate(2000, month, day)) return 'DATE';
  return undefined;
}

/**
 * Parses an identity number relative to `referenceDate` (the decision date).
 *
 * A ten-digit form carries no century: `-` means the person is under 100 in the reference year,
 * `+` means 100 or older (Skatteverket's convention), so the century follows from that year.
 */
export function parseIdentityNumber(
  input: string,
  referenceDate: IsoDate,
): { ok: true; value: IdentityNumber } | { ok: false; error: IdentityError } {
  const formError = checkIdentityForm(input);
  if (formError) return { ok: false, error: formError };
  const parts = split(input) as Split;
  const refYear = dateParts(referenceDate).year;
  let year: number;
  if (parts.year !== undefined) {
    year = parts.year;
  } else {
    const yy = Number(parts.yy);
    // Latest year ending in yy that is at most refYear; '+' moves it a further century back.
    year = refYear - ((((refYear - yy) % 100) + 100) % 100);
    if (parts.separator === '+') year -= 100;
  }
  const month = Number(parts.mm);
  const rawDay = Number(parts.dd);
  const kind: IdentityKind = rawDay > 60 ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? rawDay - 60 : rawDay;
  if (!isValidCalendarDate(year, month, day)) return { ok: false, error: 'DATE' };
  const birthDate = toIsoDate(year, month, day);
  if (compareDates(birthDate, referenceDate) > 0) return { ok: false, error: 'BORN_AFTER_REFERENCE_DATE' };
  const canonical = `${String(year).padStart(4, '0')}${parts.mm}${parts.dd}-${parts.serial}${parts.check}`;
  return { ok: true, value: { kind, canonical, birthDate } };
}
