import { describe, expect, it } from 'vitest';
import { type IsoDate, addMonths, ageOn, daysInMonth, parseIsoDate, todayInStockholm } from '../../../functions/domain/dates';

const d = (s: string) => s as IsoDate;

describe('ageOn', () => {
  it('counts a person as turning 19 on their 19th birthday, not the day after', () => {
    expect(ageOn(d('2005-03-15'), d('2024-03-14'))).toBe(18);
    expect(ageOn(d('2005-03-15'), d('2024-03-15'))).toBe(19);
  });

  it('lets someone born on 29 February turn a year older on 28 February in a common year', () => {
    expect(ageOn(d('2004-02-29'), d('2023-02-27'))).toBe(18);
    expect(ageOn(d('2004-02-29'), d('2023-02-28'))).toBe(19);
    expect(ageOn(d('2004-02-29'), d('2024-02-28'))).toBe(19);
    expect(ageOn(d('2004-02-29'), d('2024-02-29'))).toBe(20);
  });
});

describe('daysInMonth', () => {
  it('agrees with the Gregorian calendar in every month from 1800 to 2400, century leap years included', () => {
    const wrong: string[] = [];
    for (let year = 1800; year <= 2400; year++) {
      for (let month = 1; month <= 12; month++) {
        if (daysInMonth(year, month) !== new Date(Date.UTC(year, month, 0)).getUTCDate()) wrong.push(`${year}-${month}`);
      }
    }
    expect(wrong).toEqual([]);
    expect([daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2024, 2), daysInMonth(2025, 2)]).toEqual([28, 29, 29, 28]);
  });
});

describe('addMonths', () => {
  it('ends on the last day of a shorter target month', () => {
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonths(d('2023-01-31'), 1)).toBe('2023-02-28');
    expect(addMonths(d('2024-11-30'), 3)).toBe('2025-02-28');
  });
});

describe('parseIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2023-13-01')).toBeUndefined();
    expect(parseIsoDate('2023-1-01')).toBeUndefined();
  });
});

describe('todayInStockholm', () => {
  it('gives the Stockholm calendar date, which differs from UTC just before midnight UTC', () => {
    expect(todayInStockholm(new Date('2024-06-30T22:30:00Z'))).toBe('2024-07-01');
    expect(todayInStockholm(new Date('2024-12-31T22:59:00Z'))).toBe('2024-12-31');
  });
});
