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

const VALUE_LABELS: Record<Dimension, Record<string, string>> = {
  outcome: OUTCOME_LABELS,
  targetGroup: TARGET_GROUP_LABELS,
  ageBand: AGE_BAND_LABELS,
  ending: ENDING_LABELS,
};

export const dimensionLabel = (dimension: string): string => DIMENSION_LABELS[dimension as Dimension] ?? dimension;

/** A counted value in Swedish; a value no table knows (counted by an older version) as it was counted. */
export const statisticsValueLabel = (dimension: string, value: string): string => VALUE_LABELS[dimension as Dimension]?.[value] ?? value;
