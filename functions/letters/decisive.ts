/**
 * Which facts decided a criterion. FL 32 § asks a decision's reasons for the decisive facts, not
 * every fact the criterion looked at: a grant to a young adult does not turn on whether she is a
 * woman with a weak position in the labour market, and printing "svag ställning på
 * arbetsmarknaden: nej" under it reads as if it did.
 *
 * Read from the engine's checks, so it follows whatever condition tree a rule set gives: each
 * check carries its result and the label of the alternative (a labelled branch of an `any`) it
 * belongs to.
 */
import type { ConditionCheck, CriterionExplanation } from '../domain/proposal-schema';

/** The checks of each labelled alternative, in the rule set's order. */
function alternativesOf(checks: ConditionCheck[]): ConditionCheck[][] {
  const byLabel = new Map<string, ConditionCheck[]>();
  for (const check of checks) {
    if (check.alternative === undefined) continue;
    const list = byLabel.get(check.alternative) ?? [];
    list.push(check);
    byLabel.set(check.alternative, list);
  }
  return [...byLabel.values()];
}

/**
 * The checks that decided the criterion's status:
 * - met: the conditions outside the alternatives, and every condition of each alternative that
 *   applied to the person (all of its conditions held);
 * - not met: the conditions outside the alternatives that failed, and, where no alternative
 *   applied, the first failed condition of each alternative in the rule set's order. One failed
 *   condition rules an alternative out, so a man is ruled out of the women's alternative by not
 *   being a woman, not also by an assessment of his labour-market position;
 * - missing: none; nothing was decided.
 */
export function decisiveChecks(criterion: CriterionExplanation): ConditionCheck[] {
  const { status, checks } = criterion;
  if (status === 'MISSING') return [];
  const alternatives = alternativesOf(checks);
  const applied = alternatives.filter((list) => list.every((c) => c.result === 'TRUE'));
  const outside = checks.filter((c) => c.alternative === undefined);
  if (status === 'MET') {
    // A nested tree can make an alternative hold without all its leaves holding; then every
    // labelled condition that held is the best the checks can tell.
    const fromAlternatives = applied.length > 0 ? applied.flat() : checks.filter((c) => c.alternative !== undefined && c.result === 'TRUE');
    return checks.filter((c) => (c.alternative === undefined ? c.result === 'TRUE' : fromAlternatives.includes(c)));
  }
  const failedOutside = outside.filter((c) => c.result === 'FALSE');
  // An alternative that applied did not make the criterion fail; the conditions outside it did.
  if (applied.length > 0) return failedOutside;
  const firstFailures = alternatives.flatMap((list) => list.find((c) => c.result === 'FALSE') ?? []);
  return checks.filter((c) => failedOutside.includes(c) || firstFailures.includes(c));
}

/** The names of the facts that decided the criterion. */
export function decisiveFacts(criterion: CriterionExplanation): Set<string> {
  return new Set(decisiveChecks(criterion).map((c) => c.fact));
}
