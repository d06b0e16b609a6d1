import { describe, expect, it } from 'vitest';
import { ageBand, monthsBetween, statisticsRows } from '../../../functions/domain/statistics/statistics';

describe('statisticsRows', () => {
  it('never shows a count below five, which could point at a person', () => {
    const rows = statisticsRows([{ month: '2024-08', counts: { 'outcome=GRANT': 12, 'outcome=REFUSE': 4, 'ending=WORK': 1, 'targetGroup=UNGA': 5 } }]);
    expect(rows).toEqual([
      { month: '2024-08', dimension: 'ending', value: 'WORK', count: null },
      { month: '2024-08', dimension: 'outcome', value: 'GRANT', count: 12 },
      { month: '2024-08', dimension: 'outcome', value: 'REFUSE', count: null },
      { month: '2024-08', dimension: 'targetGroup', value: 'UNGA', count: 5 },
    ]);
  });

});

describe('monthsBetween', () => {
  it('lists the months across a year boundary', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('refuses a reversed range and more than the maximum', () => {
    expect(monthsBetween('2025-02', '2024-11')).toBeUndefined();
    expect(monthsBetween('2020-01', '2025-12', 60)).toBeUndefined();
    expect(monthsBetween('2021-01', '2025-12', 60)).toHaveLength(60);
  });
});

describe('ageBand', () => {
  it('puts the target group limits on band edges', () => {
    expect([18, 19, 24, 25, 29, 30, 49, 50].map(ageBand)).toEqual(['18 eller yngre', '19–24', '19–24', '25–29', '25–29', '30–39', '40–49', '50 eller äldre']);
  });
});
