/**
 * The rule sets for the functions whose route says `usesRules`: read from rules/ (shipped beside
 * those bundles, RULES_DIR) and validated on first use, then kept for the life of the module.
 */
import type { RuleSetCatalog } from '../domain/rule-set-catalog';
import { loadCatalog } from '../rule-sets/load-files';

let catalog: RuleSetCatalog | undefined;

export function ruleSets(): RuleSetCatalog {
  catalog ??= loadCatalog(process.env.RULES_DIR);
  return catalog;
}
