/**
 * The rule sets for the functions whose route says `usesRules`: read from rules/ (shipped beside
 * those bundles, RULES_DIR) and validated on first use, then kept for the life of the module.
 */
import type { RuleSetCatalog } from '../domain/rule-set-catalog';
import type { DelegationOrder } from '../domain/delegation-schema';
import { DEFAULT_RULES_DIR, loadCatalog, loadDelegationOrder } from '../rule-sets/load-files';
import { runAllScenarios } from '../rule-sets/scenarios';
import { todayInStockholm } from '../domain/dates';

let catalog: RuleSetCatalog | undefined;

export function ruleSets(): RuleSetCatalog {
  catalog ??= loadCatalog(process.env.RULES_DIR);
  return catalog;
}

let delegationOrder: DelegationOrder | undefined;

/** The delegationsordning beside the rule sets, for the signing function. */
export function delegations(): DelegationOrder {
  delegationOrder ??= loadDelegationOrder(process.env.RULES_DIR);
  return delegationOrder;
}

let scenarios: { today: string; runs: Promise<Awaited<ReturnType<typeof runAllScenarios>>> } | undefined;

/**
 * The golden scenarios beside the rule sets, run once a day per function: a scenario dated
 * `today` means the real date, as in `npm test` and `npm run rules -- test`, not a date the local
 * server pins for a demonstration.
 */
export function scenarioRuns(): ReturnType<typeof runAllScenarios> {
  const today = todayInStockholm();
  if (scenarios?.today !== today) {
    // A failure (a scenario file that does not parse) is not kept: the next request tries again.
    const runs = runAllScenarios(ruleSets(), process.env.RULES_DIR ?? DEFAULT_RULES_DIR, { today }).catch((error: unknown) => {
      scenarios = undefined;
      throw error;
    });
    scenarios = { today, runs };
  }
  return scenarios.runs;
}
