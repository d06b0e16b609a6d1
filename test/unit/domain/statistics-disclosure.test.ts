/**
 * Issue #14.1: can a reader undo the suppression? A reader of the statistics (JSON or CSV) acts as
 * an attacker who knows how the table is built: each signed decision is counted once by outcome,
 * once by target group and once by age band, so in a month those three breakdowns add up to the
 * same (unpublished) number of decisions; a count not listed is zero; a hidden count is at least
 * one. From that alone the attacker narrows every hidden count down by interval propagation over
 * the linear relations (a total minus the known cells, across every breakdown) until nothing
 * changes. For these equations, which share only the month's total, the bounds it reaches are
 * the exact ones: whatever it cannot pin down has more than one possible value.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ENDING_REASONS } from '../../../functions/domain/records-schema';
import { FINAL_OUTCOMES } from '../../../functions/domain/signed-decision-schema';
import {
  DECISION_DIMENSIONS,
  HIDDEN_COUNT,
  MIN_CELL_SIZE,
  type MonthCounts,
  type StatisticsRow,
  statisticsRows,
} from '../../../functions/domain/statistics/statistics';
import { evidenceCounter } from '../../evidence/record';
import { statisticsCsv } from '../../../functions/http/statistics-csv';
import { DIMENSION_LABELS, VALUE_LABELS } from '../../../functions/domain/statistics/statistics-labels';

interface Interval {
  lo: number;
  hi: number;
}

/** What a reader can know of each listed cell of a month, as `month|dimension=value` → interval. */
function attack(published: Array<Pick<StatisticsRow, 'month' | 'dimension' | 'value' | 'count'>>): Map<string, Interval> {
  const bounds = new Map<string, Interval>();
  for (const row of published) bounds.set(`${row.month}|${row.dimension}=${row.value}`, row.count === null ? { lo: 1, hi: Infinity } : { lo: row.count, hi: row.count });
  for (const month of new Set(published.map((r) => r.month))) {
    const total: Interval = { lo: 0, hi: Infinity };
    const groups = DECISION_DIMENSIONS.map((dimension) => published.filter((r) => r.month === month && r.dimension === dimension).map((r) => `${month}|${dimension}=${r.value}`));
    for (let changed = true; changed; ) {
      changed = false;
      const narrow = (target: Interval, lo: number, hi: number) => {
        if (lo > target.lo) (target.lo = lo), (changed = true);
        if (hi < target.hi) (target.hi = hi), (changed = true);
      };
      for (const cells of groups) {
        const of = cells.map((cell) => bounds.get(cell) as Interval);
        // The breakdown's cells add up to the month's total …
        narrow(total, of.reduce((s, b) => s + b.lo, 0), of.reduce((s, b) => s + b.hi, 0));
        // … so each cell is the total minus the others.
        of.forEach((cell, i) => {
          const others = of.filter((_, j) => j !== i);
          narrow(cell, total.lo - others.reduce((s, b) => s + b.hi, 0), total.hi - others.reduce((s, b) => s + b.lo, 0));
        });
      }
    }
  }
  return bounds;
}

/** The hidden cells whose value the reader can work out exactly, with that value. */
function derivedHiddenCounts(published: StatisticsRow[]): string[] {
  const bounds = attack(published);
  return published
    .filter((r) => r.count === null)
    .map((r) => [`${r.month}|${r.dimension}=${r.value}`, bounds.get(`${r.month}|${r.dimension}=${r.value}`) as Interval] as const)
    .filter(([, b]) => b.lo === b.hi)
    .map(([cell, b]) => `${cell} = ${b.lo}`);
}

/** The CSV read back as a reader's spreadsheet would: one row per line after the header. */
/** The CSV as a reader has it, its Swedish words taken back to the cells they name. */
function readCsv(csv: string): StatisticsRow[] {
  const dimensions = Object.entries(DIMENSION_LABELS) as Array<[StatisticsRow['dimension'], string]>;
  return csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [month, dimensionText, valueText, count] = line.split(';') as [string, string, string, string];
      const dimension = dimensions.find(([, text]) => text === dimensionText)?.[0];
      if (!dimension) throw new Error(`unknown dimension ${dimensionText}`);
      const value = Object.entries(VALUE_LABELS[dimension] ?? {}).find(([, text]) => text === valueText)?.[0] ?? valueText;
      return { month, dimension, value, count: count === HIDDEN_COUNT ? null : Number(count) };
    });
}

const TARGET_GROUPS = ['UNGA', 'KVINNOR', 'BADA', 'INGEN'] as const;
const AGE_BANDS = ['18 eller yngre', '19–24', '25–29', '30–39', '40–49', '50 eller äldre'] as const;

/** Counts as the store returns them, from a month's signed decisions and endings. */
function countsOf(decisions: Array<{ outcome: string; targetGroup: string; ageBand: string }>, endings: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (cell: string) => void (counts[cell] = (counts[cell] ?? 0) + 1);
  for (const d of decisions) [`outcome=${d.outcome}`, `targetGroup=${d.targetGroup}`, `ageBand=${d.ageBand}`].forEach(add);
  for (const reason of endings) add(`ending=${reason}`);
  return counts;
}

/**
 * A month's decisions. Real months are lopsided (most decisions one outcome, one age band), which
 * is where small cells sit beside large ones and a breakdown can show all its counts; so each
 * month leans towards one value of each breakdown, some months hard, some hardly at all.
 */
const lean = <T extends string>(common: T, values: readonly T[], weight: number) =>
  fc.oneof({ arbitrary: fc.constant(common), weight }, { arbitrary: fc.constantFrom(...values), weight: 1 });
const month = fc
  .tuple(fc.constantFrom(...FINAL_OUTCOMES), fc.constantFrom(...TARGET_GROUPS), fc.constantFrom(...AGE_BANDS), fc.integer({ min: 0, max: 30 }))
  .chain(([outcome, targetGroup, ageBand, weight]) =>
    fc.record({
      decisions: fc.array(
        fc.record({ outcome: lean(outcome, FINAL_OUTCOMES, weight), targetGroup: lean(targetGroup, TARGET_GROUPS, weight), ageBand: lean(ageBand, AGE_BANDS, weight) }),
        { maxLength: 60 },
      ),
      endings: fc.array(fc.constantFrom(...ENDING_REASONS), { maxLength: 12 }),
    }),
  );

const evidence = evidenceCounter('#14.1 statistics: no hidden count can be worked out');
afterAll(() => evidence.record());

describe('the published statistics, read by someone who wants a hidden count back', () => {
  it('cannot get the refusal from the age band minus the grants (issue #14.1: 19–24 = 15, GRANT = 14)', () => {
    evidence.case();
    const counts: MonthCounts[] = [{ month: '2024-08', counts: countsOf([...Array.from({ length: 14 }, () => ({ outcome: 'GRANT', targetGroup: 'UNGA', ageBand: '19–24' })), { outcome: 'REFUSE', targetGroup: 'UNGA', ageBand: '19–24' }], []) }];

    const rows = statisticsRows(counts);

    expect(derivedHiddenCounts(rows)).toEqual([]);
    expect(derivedHiddenCounts(readCsv(statisticsCsv(rows)))).toEqual([]);
    evidence.passed();
  });

  it('can work out no hidden count, in JSON or CSV, for any mix of decisions and endings over several months', () => {
    evidence.case();
    let tables = 0;
    let hidden = 0;
    fc.assert(
      fc.property(fc.array(month, { minLength: 1, maxLength: 3 }), (months) => {
        const counts = months.map((m, i) => ({ month: `2024-0${i + 1}`, counts: countsOf(m.decisions, m.endings) }));

        const rows = statisticsRows(counts);

        tables += 1;
        hidden += rows.filter((r) => r.count === null).length;
        for (const row of rows) {
          const truth = counts.find((c) => c.month === row.month)?.counts[`${row.dimension}=${row.value}`] as number;
          // Small counts are never shown, and a shown count is the true one.
          if (truth < MIN_CELL_SIZE) expect(row.count, `${row.month} ${row.dimension}=${row.value}`).toBeNull();
          if (row.count !== null) expect(row.count).toBe(truth);
        }
        expect(derivedHiddenCounts(rows)).toEqual([]);
        expect(derivedHiddenCounts(readCsv(statisticsCsv(rows)))).toEqual([]);
      }),
      { numRuns: 500 },
    );
    evidence.figure('random months', tables);
    evidence.figure('hidden cells attacked', hidden);
    evidence.passed();
  });

  it('shows a month the same whichever range it is asked in, so two downloads cannot be compared', () => {
    evidence.case();
    fc.assert(
      fc.property(month, month, (a, b) => {
        const august = { month: '2024-08', counts: countsOf(a.decisions, a.endings) };
        const september = { month: '2024-09', counts: countsOf(b.decisions, b.endings) };

        const alone = statisticsRows([august]);
        const together = statisticsRows([august, september]).filter((r) => r.month === '2024-08');

        expect(together).toEqual(alone);
      }),
      { numRuns: 200 },
    );
    evidence.passed();
  });
});
