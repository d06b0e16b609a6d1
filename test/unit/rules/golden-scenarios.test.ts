import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadCatalog } from '../../../functions/rule-sets/load-files';
import { readScenarioFile, runScenario } from '../../../functions/rule-sets/scenarios';

const catalog = loadCatalog(DEFAULT_RULES_DIR);
const files = readdirSync(DEFAULT_RULES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => join(DEFAULT_RULES_DIR, e.name, 'scenarios.yaml'))
  .filter((path) => existsSync(path));

describe('golden scenarios beside each rule set', () => {
  it('exist for every published rule set', () => {
    const covered = files.map((path) => readScenarioFile(path).ruleSet).sort();
    expect(covered).toEqual(catalog.list().map((s) => s.ruleSet.id).sort());
  });

  for (const path of files) {
    const file = readScenarioFile(path);
    describe(file.ruleSet, () => {
      it('has at least 25 scenarios', () => {
        expect(file.scenarios.length).toBeGreaterThanOrEqual(25);
      });
      it.each(file.scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
        const result = await runScenario(catalog, file, scenario);
        expect(result.failures).toEqual([]);
      });
    });
  }
});
