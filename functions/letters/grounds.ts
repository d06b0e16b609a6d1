/**
 * The case worker's written grounds, and under which criterion of a letter they belong. FL 32 §
 * asks for the decisive facts: the written grounds of an assessment are printed under the
 * criterion that turned on it, and only where that assessment decided it.
 */
import type { CriterionExplanation } from '../domain/proposal-schema';
import type { EngineFactName, RecordedFacts } from '../domain/facts';
import { decisiveFacts } from './decisive';

/** Where the written grounds of an engine fact are recorded. */
const WRITTEN_GROUNDS: Partial<Record<EngineFactName, (facts: RecordedFacts) => string | undefined>> = {
  assessedNeed: (facts) => facts.assessedNeed?.grounds,
  weakLabourMarketPosition: (facts) => facts.weakLabourMarketPosition?.grounds,
  apparentEntitlementNeed: (facts) => facts.apparentEntitlementNeed?.description,
};

/** The written grounds to print under a criterion, in the order its conditions name the facts. */
export function writtenGroundsFor(criterion: CriterionExplanation, facts: RecordedFacts | undefined): string[] {
  if (!facts) return [];
  // Only where the assessment decided it: a young adult's grant does not turn on a woman's
  // labour-market position, so its written grounds are not printed under it.
  const names = [...decisiveFacts(criterion)];
  return names.flatMap((name) => {
    const grounds = WRITTEN_GROUNDS[name as EngineFactName]?.(facts);
    return grounds !== undefined && grounds.trim() !== '' ? [grounds] : [];
  });
}
