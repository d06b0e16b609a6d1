/**
 * The Swedish words for the statistics' dimensions and values, shared by the CSV a spreadsheet
 * opens and the staff page's tables, so both say the same thing. The codes stay in the counters.
 */
import type { FinalOutcome } from '../signed-decision-schema';
import type { EndingReason } from '../records-schema';
import type { AgeBand, Dimension, TargetGroup } from './statistics';

export const DIMENSION_LABELS: Record<Dimension, string> = {
  outcome: 'Beslut',
  targetGroup: 'Målgrupp',
  ageBand: 'Åldersgrupp',
  ending: 'Hur insatsen avslutades',
};

/** Nouns for what was decided (a table reads "Beviljat 12"), not the verbs of a proposal. */
const OUTCOME_LABELS: Record<FinalOutcome, string> = {
  GRANT: 'Beviljat',
  PARTIAL: 'Delvis beviljat',
  REFUSE: 'Avslag',
  REFER: 'Hänvisat till stadsdelsförvaltningen',
};

const TARGET_GROUP_LABELS: Record<TargetGroup, string> = {
  UNGA: 'Unga 19–29 år som varken arbetar eller studerar',
  KVINNOR: 'Kvinnor med svag ställning på arbetsmarknaden',
  BADA: 'Båda målgrupperna',
  INGEN: 'Ingen av målgrupperna',
};

const AGE_BAND_LABELS: Record<AgeBand, string> = {
  '18 eller yngre': '18 år eller yngre',
  '19–24': '19–24 år',
  '25–29': '25–29 år',
  '30–39': '30–39 år',
  '40–49': '40–49 år',
  '50 eller äldre': '50 år eller äldre',
};

const ENDING_LABELS: Record<EndingReason, string> = {
  WORK: 'Arbete',
  STUDIES: 'Studier',
  OTHER: 'Annat',
  INTERRUPTED: 'Avbruten',
};

export const VALUE_LABELS: Record<Dimension, Record<string, string>> = {
  outcome: OUTCOME_LABELS,
  targetGroup: TARGET_GROUP_LABELS,
  ageBand: AGE_BAND_LABELS,
  ending: ENDING_LABELS,
};

/**
 * Where a row goes in a table a person reads: dimensions as DIMENSION_LABELS lists them (the
 * decision first), and values in their own order (age bands youngest first, a grant before a
 * refusal), not in the alphabetical order of their codes. Unknown values last.
 */
export function statisticsOrder(row: { dimension: string; value: string }): [number, number] {
  const dimensions = Object.keys(DIMENSION_LABELS);
  const values = Object.keys(VALUE_LABELS[row.dimension as Dimension] ?? {});
  const at = (list: string[], key: string) => (list.includes(key) ? list.indexOf(key) : list.length);
  return [at(dimensions, row.dimension), at(values, row.value)];
}

/** Rows by month, then in the order a person reads them (statisticsOrder); the input is not changed. */
export function inReadingOrder<T extends { month: string; dimension: string; value: string }>(rows: readonly T[]): T[] {
  const key = (r: T) => [r.month, ...statisticsOrder(r)] as const;
  return [...rows].sort((a, b) => {
    const [am, ad, av] = key(a);
    const [bm, bd, bv] = key(b);
    return am < bm ? -1 : am > bm ? 1 : ad - bd || av - bv;
  });
}

export const dimensionLabel = (dimension: string): string => DIMENSION_LABELS[dimension as Dimension] ?? dimension;

/** A counted value in Swedish; a value no table knows (counted by an older version) as it was counted. */
export const statisticsValueLabel = (dimension: string, value: string): string => VALUE_LABELS[dimension as Dimension]?.[value] ?? value;
