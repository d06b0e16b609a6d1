/**
 * The rule sets for the functions whose route says `usesRules`: read from rules/ (shipped beside
 * those bundles, RULES_DIR) and validated on first use, then kept for the life of the module.
 */
import type { RuleSetCatalog } from '../domain/rule-set-catalog';
import type { DelegationOrder } from '../domain/delegation-schema';
import { loadCatalog, loadDelegationOrder } from '../rule-sets/load-files';

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
