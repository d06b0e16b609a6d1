/**
 * Anonymised statistics (seed 003: the city lacks a shared way to follow up its labour-market
 * measures). Counts by month of decision, outcome, target group, age band and how the insats
 * ended. Counted when a decision is signed or an insats ends, in the same transaction, so they
 * never disagree with the decisions. A count below the minimum cell size is never shown: it
 * could point at a person. Nor is a count from which a hidden one could be worked out
 * (secondary suppression, `hiddenCells`).
 */
import type { DomainContext } from '../context';
import { ValidationError } from '../errors';
import type { Proposal } from '../proposal-schema';
import type { EndingReason } from '../records-schema';
import type { FinalOutcome } from '../signed-decision-schema';

/** Counts of 1–4 are suppressed (a common disclosure-control threshold; the legal reviewer confirms). */
export const MIN_CELL_SIZE = 5;

export type TargetGroup = 'UNGA' | 'KVINNOR' | 'BADA' | 'INGEN';
export type AgeBand = '18 eller yngre' | '19–24' | '25–29' | '30–39' | '40–49' | '50 eller äldre';

export const DIMENSIONS = ['outcome', 'targetGroup', 'ageBand', 'ending'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Every signed decision counts once in each of these, so in a month they all add up to the same
 * number of decisions. That shared total is what lets a reader work a hidden count out of the
 * others. Endings are counted on their own and add up to nothing published.
 */
export const DECISION_DIMENSIONS = ['outcome', 'targetGroup', 'ageBand'] as const satisfies readonly Dimension[];

/**
 * How a hidden count is written in the CSV and on the page: the same for a small count and for a
 * count hidden to protect one (SCB's ".." for a value not given). Were they told apart, a reader
 * would know the second kind is five or more, which narrows the small one down again.
 */
export const HIDDEN_COUNT = '..';

export function ageBand(age: number): AgeBand {
  if (age <= 18) return '18 eller yngre';
  if (age <= 24) return '19–24';
  if (age <= 29) return '25–29';
  if (age <= 39) return '30–39';
  if (age <= 49) return '40–49';
  return '50 eller äldre';
}

/**
 * Which target group the proposal found met. Each alternative of the criterion is recognised by
 * the facts it checks (stable names in code), not by its label, which a reviewer may reword.
 */
export function targetGroupOf(proposal: Proposal): TargetGroup {
  const checks = proposal.criteria.find((c) => c.id === 'TARGET_GROUP')?.checks ?? [];
  const alternatives = new Map<string, typeof checks>();
  for (const check of checks) alternatives.set(check.alternative ?? '', [...(alternatives.get(check.alternative ?? '') ?? []), check]);
  const metBy = (fact: string) =>
    [...alternatives.values()].some((group) => group.some((c) => c.fact === fact) && group.every((c) => c.result === 'TRUE'));
  const young = metBy('age');
  const women = metBy('woman');
  return young && women ? 'BADA' : young ? 'UNGA' : women ? 'KVINNOR' : 'INGEN';
}

/** The counter cells a signed decision adds one to, as `dimension=value`. */
export function decisionCells(proposal: Proposal, finalOutcome: FinalOutcome): string[] {
  return [`outcome=${finalOutcome}`, `targetGroup=${targetGroupOf(proposal)}`, `ageBand=${ageBand(proposal.applicant.age)}`];
}

export function endingCells(reason: EndingReason): string[] {
  return [`ending=${reason}`];
}

/** The months from `from` to `to` inclusive (YYYY-MM), or undefined if more than `max` or reversed. */
export function monthsBetween(from: string, to: string, max = 60): string[] | undefined {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let current = from; current <= to; current = `${year}-${String(month).padStart(2, '0')}`) {
    if (months.length === max) return undefined;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months.length > 0 ? months : undefined;
}

export interface MonthCounts {
  month: string;
  counts: Record<string, number>;
}

export interface StatisticsRow {
  month: string;
  dimension: Dimension;
  value: string;
  /** null when hidden: fewer than MIN_CELL_SIZE, or a count the hidden ones could be worked out from. */
  count: number | null;
}

const dimensionOf = (cell: string) => cell.slice(0, cell.indexOf('=')) as Dimension;

/**
 * The cells of one month's counts that are not shown, as `dimension=value`.
 *
 * First every count of 1–4 (primary suppression). Then, while a hidden count can still be worked
 * out, one more count is hidden (secondary suppression). A reader sees which cells are hidden and
 * that each is at least one (a zero is not listed). What they can work out:
 *
 * - The month's number of decisions N is known exactly when some decision breakdown (outcome,
 *   target group, age band) shows every one of its counts; otherwise it is only bounded below.
 * - With N known, a breakdown that hides one count gives it away (N minus the shown ones), and
 *   one whose hidden counts are all 1 gives them away too (their sum equals how many they are).
 * - With N unknown, nothing hidden can be pinned down: each hidden count could be larger.
 *
 * So for an exposed breakdown the smallest shown count in it is hidden as well (it is at least
 * five, so the hidden ones no longer add up to a single possibility); when it shows nothing more,
 * the smallest shown count of a fully shown breakdown is hidden, so N is no longer known. Each
 * step hides one more count, so it ends; everything hidden gives nothing away. The result depends
 * only on the month's own counts, so asking for other months never shows a month differently.
 */
export function hiddenCells(counts: Record<string, number>): Set<string> {
  const cells = Object.entries(counts)
    .filter(([cell, count]) => (DIMENSIONS as readonly string[]).includes(dimensionOf(cell)) && count > 0)
    .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0));
  const hidden = new Set(cells.filter(([, count]) => count < MIN_CELL_SIZE).map(([cell]) => cell));
  const inDimension = (dimension: Dimension) => cells.filter(([cell]) => dimensionOf(cell) === dimension);
  const smallestShown = (dimension: Dimension) => inDimension(dimension).find(([cell]) => !hidden.has(cell))?.[0];
  const fullyShown = () => DECISION_DIMENSIONS.filter((d) => inDimension(d).length > 0 && inDimension(d).every(([cell]) => !hidden.has(cell)));
  const exposed = () =>
    DECISION_DIMENSIONS.find((d) => {
      const concealed = inDimension(d).filter(([cell]) => hidden.has(cell));
      const sum = concealed.reduce((total, [, count]) => total + count, 0);
      return concealed.length > 0 && (concealed.length === 1 || sum === concealed.length);
    });
  for (let dimension = exposed(); dimension !== undefined && fullyShown().length > 0; dimension = exposed()) {
    const next = smallestShown(dimension) ?? smallestShown(fullyShown()[0] as Dimension);
    hidden.add(next as string);
  }
  return hidden;
}

/** Rows for every counted cell; small counts, and counts that would give them away, hidden. */
export function statisticsRows(months: MonthCounts[]): StatisticsRow[] {
  const rows: StatisticsRow[] = [];
  for (const { month, counts } of [...months].sort((a, b) => (a.month < b.month ? -1 : 1))) {
    const hidden = hiddenCells(counts);
    for (const [cell, count] of Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [dimension, value] = cell.split('=') as [Dimension, string];
      if (!(DIMENSIONS as readonly string[]).includes(dimension) || count <= 0) continue;
      rows.push({ month, dimension, value, count: hidden.has(cell) ? null : count });
    }
  }
  return rows;
}

/** The use case: anonymised counts for the months from `from` to `to` (YYYY-MM), small cells hidden. */
export async function readStatistics(ctx: DomainContext, from: string, to: string): Promise<StatisticsRow[]> {
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  const issues = [
    ...(month.test(from) ? [] : [{ path: 'from', message: 'Ange från-månaden som ÅÅÅÅ-MM.' }]),
    ...(month.test(to) ? [] : [{ path: 'to', message: 'Ange till-månaden som ÅÅÅÅ-MM.' }]),
  ];
  const months = issues.length === 0 ? monthsBetween(from, to) : undefined;
  if (issues.length === 0 && !months) issues.push({ path: 'to', message: 'Till-månaden ska vara samma som eller efter från-månaden, högst 60 månader senare.' });
  if (!months) throw new ValidationError(issues);
  return statisticsRows(await ctx.store.readStatistics(months));
}
