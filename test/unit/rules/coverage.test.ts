import { rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../functions/domain/errors';
import { type RuleSetCoverage, coverageOf, ruleSetCoverage } from '../../../functions/domain/rule-sets/coverage';
import { DEFAULT_RULES_DIR, loadCatalog } from '../../../functions/rule-sets/load-files';
import { runAllScenarios } from '../../../functions/rule-sets/scenarios';
import { DRAFT_ID, draftRulesDir } from '../../support/draft-rules';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const draft = () => {
  const dir = draftRulesDir();
  dirs.push(dir);
  return { dir, catalog: loadCatalog(dir) };
};

const cell = (coverage: RuleSetCoverage, criterion: string, status: string) =>
  coverage.criteria.find((c) => c.id === criterion)?.cells.find((c) => c.status === status)?.scenarios.map((s) => s.name);

describe('coverage of a rule set by its golden scenarios', () => {
  it('counts, for each criterion and status, the scenarios in which the engine gave that status', async () => {
    const { dir, catalog } = draft();
    const coverage = ruleSetCoverage(catalog, DRAFT_ID, await runAllScenarios(catalog, dir));
    expect(cell(coverage, 'TARGET_GROUP', 'NOT_MET')).toEqual(['En 27-åring tillhör inte längre målgruppen unga']);
    expect(cell(coverage, 'NO_FORSORJNINGSSTOD', 'NOT_MET')).toEqual(['Försörjningsstöd leder till hänvisning']);
    expect(cell(coverage, 'TARGET_GROUP', 'MET')).toHaveLength(3);
  });

  it('lists every criterion × status, outcome and contradiction that no scenario reaches, in Swedish', async () => {
    const { dir, catalog } = draft();
    const coverage = ruleSetCoverage(catalog, DRAFT_ID, await runAllScenarios(catalog, dir));
    expect(coverage.untested.map((u) => u.text)).toEqual([
      'Kriteriet ”Tillhör en av målgrupperna”: kan inte bedömas, uppgift saknas',
      'Kriteriet ”Får inte försörjningsstöd”: kan inte bedömas, uppgift saknas',
      'Kriteriet ”Ingen kontakt eller insats hos socialtjänsten”: inte uppfyllt',
      'Kriteriet ”Ingen kontakt eller insats hos socialtjänsten”: kan inte bedömas, uppgift saknas',
      'Kriteriet ”Inget behov som prövas enligt 11 kap. 1 § eller 12 kap. 1 § SoL”: inte uppfyllt',
      'Kriteriet ”Inget behov som prövas enligt 11 kap. 1 § eller 12 kap. 1 § SoL”: kan inte bedömas, uppgift saknas',
      'Kriteriet ”Behöver individuellt stöd”: inte uppfyllt',
      'Kriteriet ”Behöver individuellt stöd”: kan inte bedömas, uppgift saknas',
      'Utfallet ”Inget förslag: uppgifter saknas eller är motstridiga”',
      expect.stringMatching(/^Motstridigheten ”En bedömning av svag ställning på arbetsmarknaden är antecknad/),
    ]);
    expect(coverage.scenarios).toMatchObject({ total: 4, passed: 4, failed: 0 });
  });

  it('follows the rule set: a criterion the draft removed is not listed, one it has is', async () => {
    const { dir, catalog } = draft();
    const coverage = ruleSetCoverage(catalog, DRAFT_ID, await runAllScenarios(catalog, dir));
    expect(coverage.criteria.map((c) => c.id)).not.toContain('REACHED_BY_OUTREACH');
    expect(coverage.criteria.map((c) => c.title)).toContain('Behöver individuellt stöd');
  });

  it('counts a scenario for the rule set in force on its decision date, whichever file holds it', async () => {
    const catalog = loadCatalog();
    const all = await runAllScenarios(catalog, DEFAULT_RULES_DIR);
    const coverage = ruleSetCoverage(catalog, 'jobbtorg-sis-sol2001', all);
    const boundary = 'Den som fyller 30 år den 1 juli 2025 tillhör målgruppen unga vid ett beslut den 30 juni 2025 (2001:453)';
    expect(coverage.outcomes.find((o) => o.outcome === 'GRANT')?.scenarios).toContainEqual({ file: 'jobbtorg-sis-sol2025', name: boundary });
    // The file's own results still list only its own scenarios.
    expect(coverage.scenarios?.results.map((r) => r.name)).not.toContain(boundary);
  });

  it('finds every outcome of the shipped rule sets exercised, and every golden scenario passing', async () => {
    const catalog = loadCatalog();
    const all = await runAllScenarios(catalog, DEFAULT_RULES_DIR);
    for (const { ruleSet } of catalog.list()) {
      const coverage = ruleSetCoverage(catalog, ruleSet.id, all);
      expect(coverage.untested.filter((u) => u.kind === 'outcome'), ruleSet.id).toEqual([]);
      expect(coverage.scenarios?.failed, ruleSet.id).toBe(0);
      // What is untested is exactly the cells without a scenario.
      const empty = coverage.criteria.flatMap((c) => c.cells.filter((x) => x.scenarios.length === 0).map((x) => `${c.id}:${x.status}`));
      expect(coverage.untested.filter((u) => u.kind === 'criterion').map((u) => `${u.id}:${u.status}`), ruleSet.id).toEqual(empty);
    }
  });

  it('shows a failing scenario with what went wrong', () => {
    const catalog = loadCatalog();
    const published = catalog.get('jobbtorg-sis-sol2025');
    if (!published) throw new Error('no such rule set');
    const coverage = coverageOf(
      published,
      [{ file: 'jobbtorg-sis-sol2025', name: 'Ett avslag', passed: false, failures: ['utfall GRANT, väntade REFUSE'], evaluated: { ruleSetId: 'jobbtorg-sis-sol2025', outcome: 'GRANT', criteria: [], contradictions: [] } }],
      true,
    );
    expect(coverage.scenarios).toMatchObject({ total: 1, failed: 1, results: [{ name: 'Ett avslag', passed: false, failures: ['utfall GRANT, väntade REFUSE'], outcomeLabel: 'Bevilja särskild individanpassad stödinsats' }] });
  });

  it('leaves everything untested for a rule set without a scenario file', async () => {
    const { dir, catalog } = draft();
    unlinkSync(join(dir, DRAFT_ID, 'scenarios.yaml'));
    const all = await runAllScenarios(catalog, dir);
    expect(all.withoutScenarios).toEqual([DRAFT_ID]);
    const coverage = ruleSetCoverage(catalog, DRAFT_ID, all);
    expect(coverage.scenarios).toBeNull();
    expect(coverage.counted).toBe(0);
    expect(coverage.untested).toHaveLength(coverage.criteria.length * 3 + 4 + coverage.contradictions.length);
  });

  it('refuses an unknown rule set as not found', () => {
    expect(() => ruleSetCoverage(loadCatalog(), 'jobbtorg-finns-inte', { runs: [], withoutScenarios: [] })).toThrow(NotFoundError);
  });
});
