/**
 * The case worker's written grounds, and under which criterion of a letter they belong. FL 32 §
 * asks for the decisive facts: the written grounds of an assessment are printed under the
 * criterion that turned on it, and only where that assessment decided it.
 */
import type { CriterionExplanation } from '../domain/engine';
import type { EngineFactName, RecordedFacts } from '../domain/facts';

/** Where the written grounds of an engine fact are recorded. */
const WRITTEN_GROUNDS: Partial<Record<EngineFactName, (facts: RecordedFacts) => string | undefined>> = {
  assessedNeed: (facts) => facts.assessedNeed?.grounds,
  weakLabourMarketPosition: (facts) => facts.weakLabourMarketPosition?.grounds,
  apparentEntitlementNeed: (facts) => facts.apparentEntitlementNeed?.description,
};

/**
 * True when the condition on `fact` decided the criterion. Inside a labelled alternative (such as
 * "kvinnor med svag ställning på arbetsmarknaden") that is the case only when every other
 * condition of the alternative held: the alternative was then the one that applied to the person,
 * and it stood or fell with this fact. A young man's criterion does not turn on a woman's
 * labour-market position, nor a grant for the young-adult group on it.
 */
function decisive(criterion: CriterionExplanation, fact: string): boolean {
  const expected = criterion.status === 'MET' ? 'TRUE' : criterion.status === 'NOT_MET' ? 'FALSE' : undefined;
  if (!expected) return false;
  return criterion.checks.some((check) => {
    if (check.fact !== fact || check.result !== expected) return false;
    if (check.alternative === undefined) return true;
    return criterion.checks.filter((other) => other !== check && other.alternative === check.alternative).every((other) => other.result === 'TRUE');
  });
}

/** The written grounds to print under a criterion, in the order its conditions name the facts. */
export function writtenGroundsFor(criterion: CriterionExplanation, facts: RecordedFacts | undefined): string[] {
  if (!facts) return [];
  const names = [...new Set(criterion.checks.map((c) => c.fact))];
  return names.flatMap((name) => {
    const grounds = WRITTEN_GROUNDS[name as EngineFactName]?.(facts);
    return grounds !== undefined && grounds.trim() !== '' && decisive(criterion, name) ? [grounds] : [];
  });
}
