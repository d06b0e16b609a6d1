/**
 * A replay's result per outcome pair, and how pages of it are added up: pure and free of the
 * engine, so the CLI, the tests and the staff page in the browser add pages up the same way.
 */
// Types only: the staff page bundles this module, and proposal-schema would bring zod into it.
import type { CriterionStatus, ProposedOutcome } from '../proposal-schema';

/** A decision, named by reference only. */
export interface DecisionRef {
  decisionId: string;
  caseNumber: string | null;
  decisionDate: string;
  /** The rule set it was proposed under. */
  ruleSetId: string;
}

/** One criterion's change of status; null where the criterion is not in that rule set. */
export interface StatusTransition {
  from: CriterionStatus | null;
  to: CriterionStatus | null;
  count: number;
}

export interface ReplayPair {
  /** What was proposed when the decision was made. */
  from: ProposedOutcome;
  /** What the replayed rule set proposes on the same facts. */
  to: ProposedOutcome;
  count: number;
  /** Decisions in the pair whose outcome changed, or the status of a criterion both rule sets have. */
  changed: number;
  criteria: Array<{ id: string; title: string; transitions: StatusTransition[] }>;
  /** The changed decisions, by reference. Unchanged ones are only counted. */
  decisions: DecisionRef[];
}

/** PROPOSED_OUTCOMES' order, as a record so the compiler checks that every outcome has a place. */
const OUTCOME_ORDER: Record<ProposedOutcome, number> = { GRANT: 0, REFUSE: 1, REFER: 2, INCOMPLETE: 3 };
const outcomeOrder = (o: ProposedOutcome) => OUTCOME_ORDER[o];
/** Changed outcomes first (the reviewer's question), then by outcome. */
export const sortPairs = (pairs: ReplayPair[]) =>
  pairs.sort((a, b) => Number(a.from === a.to) - Number(b.from === b.to) || outcomeOrder(a.from) - outcomeOrder(b.from) || outcomeOrder(a.to) - outcomeOrder(b.to));

/** Adds up the pairs of several pages (the CLI, tests; the page does the same in the browser). */
export function mergeReplayPairs(pages: ReplayPair[][]): ReplayPair[] {
  const merged = new Map<string, ReplayPair>();
  for (const pair of pages.flat()) {
    const key = `${pair.from}→${pair.to}`;
    const into = merged.get(key);
    if (!into) {
      merged.set(key, structuredClone(pair));
      continue;
    }
    into.count += pair.count;
    into.changed += pair.changed;
    into.decisions.push(...pair.decisions);
    for (const criterion of pair.criteria) {
      const target = into.criteria.find((c) => c.id === criterion.id);
      if (!target) {
        into.criteria.push(structuredClone(criterion));
        continue;
      }
      for (const t of criterion.transitions) {
        const existing = target.transitions.find((x) => x.from === t.from && x.to === t.to);
        if (existing) existing.count += t.count;
        else target.transitions.push({ ...t });
      }
    }
  }
  return sortPairs([...merged.values()]);
}

