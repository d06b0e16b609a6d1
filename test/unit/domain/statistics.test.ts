import { describe, expect, it } from 'vitest';
import { ageBand, monthsBetween, statisticsRows } from '../../../functions/domain/statistics/statistics';

describe('statisticsRows', () => {
  it('never shows a count below five, which could point at a person', () => {
    // Sixteen decisions in the month, each counted once per breakdown; no breakdown shows them all.
    const counts = { 'outcome=GRANT': 12, 'outcome=REFUSE': 4, 'targetGroup=UNGA': 13, 'targetGroup=KVINNOR': 3, 'ageBand=19–24': 14, 'ageBand=25–29': 2, 'ending=WORK': 1 };
    const rows = statisticsRows([{ month: '2024-08', counts }]);
    expect(rows).toEqual([
      { month: '2024-08', dimension: 'ageBand', value: '19–24', count: 14 },
      { month: '2024-08', dimension: 'ageBand', value: '25–29', count: null },
      { month: '2024-08', dimension: 'ending', value: 'WORK', count: null },
      { month: '2024-08', dimension: 'outcome', value: 'GRANT', count: 12 },
      { month: '2024-08', dimension: 'outcome', value: 'REFUSE', count: null },
      { month: '2024-08', dimension: 'targetGroup', value: 'KVINNOR', count: null },
      { month: '2024-08', dimension: 'targetGroup', value: 'UNGA', count: 13 },
    ]);
  });

  it('hides the other outcome too when the age band shows every decision, so 15 − 14 cannot give the refusal away', () => {
    const counts = { 'ageBand=19–24': 15, 'outcome=GRANT': 14, 'outcome=REFUSE': 1, 'targetGroup=UNGA': 15 };
    const rows = statisticsRows([{ month: '2024-08', counts }]);
    expect(rows.filter((r) => r.dimension === 'outcome')).toEqual([
      { month: '2024-08', dimension: 'outcome', value: 'GRANT', count: null },
      { month: '2024-08', dimension: 'outcome', value: 'REFUSE', count: null },
    ]);
    expect(rows.filter((r) => r.dimension !== 'outcome').map((r) => r.count)).toEqual([15, 15]);
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
