import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../functions/domain/dates';
import { checkIdentityForm, parseIdentityNumber } from '../../../functions/domain/personnummer';
import { inForm, personnummer } from '../../support/identity';

const on = (s: string) => s as IsoDate;

describe('parseIdentityNumber', () => {
  const long = personnummer('1998-07-21');

  it.each(['YYYYMMDDNNNN', 'YYYYMMDD-NNNN', 'YYMMDD-NNNN'] as const)('reads the %s form as the same person', (form) => {
    const parsed = parseIdentityNumber(inForm(long, form), on('2024-05-01'));
    expect(parsed).toEqual({ ok: true, value: { kind: 'personnummer', canonical: long, birthDate: '1998-07-21' } });
  });

  it('reads YYMMDD+NNNN as a person aged 100 or more', () => {
    const centenarian = personnummer('1921-04-02');
    const parsed = parseIdentityNumber(inForm(centenarian, 'YYMMDD+NNNN'), on('2024-05-01'));
    expect(parsed.ok && parsed.value.birthDate).toBe('1921-04-02');
  });

  it('resolves the century of a ten-digit number from the decision date, not the clock', () => {
    const number = inForm(personnummer('2025-12-01'), 'YYMMDD-NNNN');
    // '-' means under 100 in the decision year: in 2026 that is 2025, in 2024 it is 1925 (aged 99).
    expect(parseIdentityNumber(number, on('2026-01-10'))).toMatchObject({ ok: true, value: { birthDate: '2025-12-01' } });
    expect(parseIdentityNumber(number, on('2024-06-01'))).toMatchObject({ ok: true, value: { birthDate: '1925-12-01' } });
    // In the year they turn 100 a person writes '+', so '-' cannot mean 1925 in 2025.
    expect(parseIdentityNumber(number, on('2025-06-01'))).toEqual({ ok: false, error: 'BORN_AFTER_REFERENCE_DATE' });
  });

  it('recognises a samordningsnummer (day plus 60) and gives the real birth date', () => {
    const number = personnummer('2001-09-05', '983', { samordning: true });
    expect(number.slice(6, 8)).toBe('65');
    expect(parseIdentityNumber(number, on('2024-05-01'))).toMatchObject({ ok: true, value: { kind: 'samordningsnummer', birthDate: '2001-09-05' } });
  });

  it('rejects a wrong check digit', () => {
    const wrong = long.slice(0, -1) + String((Number(long.at(-1)) + 1) % 10);
    expect(parseIdentityNumber(wrong, on('2024-05-01'))).toEqual({ ok: false, error: 'CHECKSUM' });
  });

  it('rejects 29 February in a year that is not a leap year', () => {
    // Same digits as a valid 2000-02-29 number, so only the century (and so the date) is wrong.
    const notLeap = personnummer('2000-02-29').replace(/^2000/, '1900');
    expect(checkIdentityForm(notLeap)).toBeUndefined();
    expect(parseIdentityNumber(notLeap, on('2024-05-01'))).toEqual({ ok: false, error: 'DATE' });
  });

  it('rejects a birth date after the decision date', () => {
    expect(parseIdentityNumber(personnummer('2024-06-01'), on('2024-05-01'))).toEqual({ ok: false, error: 'BORN_AFTER_REFERENCE_DATE' });
  });

  it.each(['', '19980721', '1998-07-21-1234', '199807211234567', '98072l-1234', '980721 1234', '19980721+1234'])('rejects the malformed input %j', (input) => {
    expect(parseIdentityNumber(input, on('2024-05-01'))).toEqual({ ok: false, error: 'FORMAT' });
  });
});
