/**
 * Anonymised statistics (seed 003: the city lacks a shared way to follow up its labour-market
 * measures). Counts by month of decision, outcome, target group, age band and how the insats
 * ended. Counted when a decision is signed or an insats ends, in the same transaction, so they
 * never disagree with the decisions. A count below the minimum cell size is never shown: it
 * could point at a person.
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
  /** null when suppressed (fewer than MIN_CELL_SIZE). */
  count: number | null;
}

/** Rows for every counted cell, small counts suppressed. */
export function statisticsRows(months: MonthCounts[]): StatisticsRow[] {
  const rows: StatisticsRow[] = [];
  for (const { month, counts } of [...months].sort((a, b) => (a.month < b.month ? -1 : 1))) {
    for (const [cell, count] of Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [dimension, value] = cell.split('=') as [Dimension, string];
      if (!(DIMENSIONS as readonly string[]).includes(dimension) || count <= 0) continue;
      rows.push({ month, dimension, value, count: count < MIN_CELL_SIZE ? null : count });
    }
  }
  return rows;
}

/** The use case: anonymised counts for the months from `from` to `to` (YYYY-MM), small cells suppressed. */
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
