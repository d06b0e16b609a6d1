/**
 * Reads the published rule sets from `rules/<id>/rule-set.yaml`. A new rule set is a new folder:
 * no code changes. YAML rather than JSON because reviewers write comments and long Swedish texts.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { RuleSetCatalog, RuleSetError, publishRuleSet, type PublishedRuleSet } from '../domain/rule-set-catalog';
import { type DelegationOrder, delegationOrderSchema } from '../domain/delegation-schema';
import { issuesFromZod } from '../domain/validation';

export const DEFAULT_RULES_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../rules');

export function parseRuleSetYaml(text: string, origin: string): PublishedRuleSet {
  let document: unknown;
  try {
    document = parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new RuleSetError(origin, [{ path: '', message: `Filen är inte giltig YAML: ${(error as Error).message}` }]);
  }
  return publishRuleSet(document, origin);
}

export function loadRuleSetFile(path: string, base = process.cwd()): PublishedRuleSet {
  return parseRuleSetYaml(readFileSync(path, 'utf8'), relative(base, path) || path);
}

/** The delegationsordning in `rules/delegationsordning/`, validated; errors name the field. */
export function loadDelegationOrder(dir: string = process.env.RULES_DIR ?? DEFAULT_RULES_DIR): DelegationOrder {
  const path = join(dir, 'delegationsordning', 'delegationsordning.yaml');
  const origin = relative(dir, path);
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new RuleSetError(origin, [{ path: '', message: `Filen kunde inte läsas som YAML: ${(error as Error).message}` }]);
  }
  const parsed = delegationOrderSchema.safeParse(document);
  if (!parsed.success) throw new RuleSetError(origin, issuesFromZod(parsed.error.issues));
  return parsed.data;
}

/** Every `rule-set.yaml` one folder below `dir`, validated together (ids unique, no overlaps). */
export function loadCatalog(dir: string = process.env.RULES_DIR ?? DEFAULT_RULES_DIR): RuleSetCatalog {
  const sets = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(dir, entry.name, 'rule-set.yaml'))
    .filter((path) => existsSync(path))
    .sort()
    .map((path) => {
      const published = loadRuleSetFile(path, dir);
      // Folder and id agree, so a reviewer finds a rule set (and its scenarios) by its id.
      const folder = basename(dirname(path));
      if (published.ruleSet.id !== folder) {
        throw new RuleSetError(published.origin, [{ path: 'id', message: `Id ${published.ruleSet.id} ska vara samma som mappens namn (${folder}).` }]);
      }
      return published;
    });
  return new RuleSetCatalog(sets);
}
