import { describe, expect, it } from 'vitest';
import { addDays, dateProblem, formatDate, formatDateTime, formatPeriod, monthProblem, todayInStockholm } from '../../../functions/web/format';

describe('the page’s dates', () => {
  it('shows a calendar date from the API as it is, ÅÅÅÅ-MM-DD', () => {
    expect(formatDate('2024-08-20')).toBe('2024-08-20');
    expect(formatPeriod({ from: '2024-09-02', to: '2025-02-28' })).toBe('2024-09-02 – 2025-02-28');
  });

  it('shows an instant as the Stockholm clock showed it, in summer and in winter time', () => {
    expect(formatDateTime('2024-08-20T06:05:00Z')).toBe('2024-08-20 08:05');
    expect(formatDateTime('2024-12-20T06:05:00Z')).toBe('2024-12-20 07:05');
    expect(formatDateTime(new Date('2025-01-01T12:00:00Z'))).toBe('2025-01-01 13:00');
  });

  it('dates an instant late in the UTC evening to the next day, as in Stockholm', () => {
    expect(formatDate('2024-08-20T22:30:00Z')).toBe('2024-08-21');
    expect(formatDateTime('2024-08-20T22:30:00.123Z')).toBe('2024-08-21 00:30');
    expect(todayInStockholm(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
  });

  it('uses the 24-hour clock, midnight as 00', () => {
    expect(formatDateTime('2024-03-30T23:00:00Z')).toBe('2024-03-31 00:00');
  });

  it('counts calendar days across month and year ends', () => {
    expect(addDays('2024-12-15', 30)).toBe('2025-01-14');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('shows nothing for no date, and a string it cannot read as it is', () => {
    expect(formatDate(undefined)).toBe('');
    expect(formatDateTime(null)).toBe('');
    expect(formatDate('i morgon')).toBe('i morgon');
  });
});

describe('a date or month a person types', () => {
  it('accepts ÅÅÅÅ-MM-DD for a day that exists', () => {
    expect(dateProblem('2024-02-29')).toBeUndefined();
  });

  it('asks for ÅÅÅÅ-MM-DD, in Swedish, when written another way', () => {
    for (const typed of ['08/20/2024', '20/8/2024', '2024-8-20', '20240820', '2024-08-20 ']) {
      expect(dateProblem(typed), typed).toBe('Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-09-02.');
    }
  });

  it('says so when the day does not exist', () => {
    expect(dateProblem('2025-02-29')).toBe('Datumet 2025-02-29 finns inte. Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.');
    expect(dateProblem('2024-13-01')).toContain('finns inte');
  });

  it('asks for a month as ÅÅÅÅ-MM', () => {
    expect(monthProblem('2024-08')).toBeUndefined();
    expect(monthProblem('08/2024')).toBe('Skriv månaden som ÅÅÅÅ-MM, till exempel 2024-08.');
    expect(monthProblem('2024-13')).toContain('finns inte');
  });
});
