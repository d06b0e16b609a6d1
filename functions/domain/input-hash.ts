/** The hash that ties a letter to the inputs its proposal was made on. */
import { canonicalSha256 } from './canonical-json';
import type { ApplicantSummary, RecordedFacts } from './facts';
import type { IsoDate } from './dates';

/**
 * The hash printed on letters to tie them to their inputs. It covers the recorded facts, date and
 * derived age, not the identity number: a hash of a personnummer can be reversed by trying them all.
 */
export function inputHash(input: { decisionDate: IsoDate; applicant: ApplicantSummary; recorded: RecordedFacts }): string {
  return canonicalSha256({ decisionDate: input.decisionDate, applicant: input.applicant, facts: input.recorded });
}
