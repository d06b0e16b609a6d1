import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { propose } from '../../../functions/domain/propose';
import { RuleSetCatalog, RuleSetError, publishRuleSet } from '../../../functions/domain/rule-set-catalog';
import { DEFAULT_RULES_DIR, loadCatalog } from '../../../functions/rule-sets/load-files';
import { eligibleFacts } from '../../support/facts';
import { personnummer } from '../../support/identity';
import { domainProblem } from '../../../functions/http/problems';

const realPath = join(DEFAULT_RULES_DIR, 'jobbtorg-sis-sol2001', 'rule-set.yaml');
const realDocument = () => parse(readFileSync(realPath, 'utf8')) as Record<string, any>;

function problemsOf(document: unknown): string[] {
  try {
    publishRuleSet(document, 'test.yaml');
    return [];
  } catch (error) {
    if (!(error instanceof RuleSetError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

/**
 * A fictitious successor citing SoL (2025:400) with other chapter numbers and parameters, written
 * as a reviewer would: a new folder beside the real one. Chapter numbers are made up for the test.
 */
function writeFixtureSuccessor(dir: string) {
  const doc = realDocument();
  doc.id = 'fixture-sis-sol2025';
  doc.version = 2;
  doc.title = 'TESTFIXTUR (fiktiva lagrum): stödinsats enligt socialtjänstlagen (2025:400)';
  doc.validFrom = '2025-07-01';
  delete doc.validTo;
  const sol = doc.statutes.find((s: any) => s.id === 'SoL');
  sol.sfs = '2025:400';
  sol.title = 'Socialtjänstlag (2025:400)';
  doc.outcomes.GRANT.lagrum = [{ statute: 'SoL', chapter: 11, section: 3 }];
  doc.references.push({ statute: 'SoL', chapter: 11, section: 3, about: 'Fiktivt lagrum för testet.', source: 'Testfixtur', status: 'UNCONFIRMED' });
  doc.parameters.ageMax.value = 30;
  doc.parameters.maxPeriod.value = 6;
  mkdirSync(join(dir, 'fixture-sis-sol2025'));
  writeFileSync(join(dir, 'fixture-sis-sol2025', 'rule-set.yaml'), stringify(doc));
  mkdirSync(join(dir, 'jobbtorg-sis-sol2001'));
  writeFileSync(join(dir, 'jobbtorg-sis-sol2001', 'rule-set.yaml'), readFileSync(realPath));
}

describe('the published rule sets', () => {
  it('all pass the schema and the cross-checks', () => {
    const catalog = loadCatalog();
    expect(catalog.list().length).toBeGreaterThan(0);
    for (const { ruleSet, sha256 } of catalog.list()) {
      expect(ruleSet.criteria.length).toBeGreaterThan(0);
      expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe('a new rule-set version', () => {
  it('is picked up from a new folder with no code change, with its own parameters and statute reference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFixtureSuccessor(dir);
    const catalog = loadCatalog(dir);
    // A 30-year-old is outside 19–29 under the real rule set but inside 19–30 under the fixture.
    const body = (decisionDate: string) => ({
      decisionDate,
      applicant: { personnummer: personnummer('1995-03-01') },
      facts: eligibleFacts({ requestedPeriod: { from: '2025-08-01', to: '2026-07-31' } }),
    });
    const before = await propose(catalog, body('2025-06-30'));
    const after = await propose(catalog, body('2025-07-01'));
    expect(before.ok && before.proposal.ruleSet.id).toBe('jobbtorg-sis-sol2001');
    expect(before.ok && before.proposal.outcome).toBe('REFUSE');
    expect(after.ok && after.proposal.ruleSet.id).toBe('fixture-sis-sol2025');
    expect(after.ok && after.proposal.outcome).toBe('GRANT');
    expect(after.ok && after.proposal.legalBasis?.lagrum.map((c) => c.text)).toEqual(['11 kap. 3 § socialtjänstlagen (2025:400)']);
    // maxPeriod 6 months in the fixture caps a 12-month request.
    expect(after.ok && after.proposal.period?.granted).toEqual({ from: '2025-08-01', to: '2026-01-31' });
  });
});

describe('loading rule sets from folders', () => {
  it('requires the folder name to equal the rule set id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    mkdirSync(join(dir, 'misnamed'));
    writeFileSync(join(dir, 'misnamed', 'rule-set.yaml'), readFileSync(realPath));
    expect(() => loadCatalog(dir)).toThrow(/ska vara samma som mappens namn \(misnamed\)/);
  });
});

describe('choosing a rule set by decision date', () => {
  it('gives a clear error naming the published validity when no rule set covers the date', async () => {
    const result = await propose(loadCatalog(), { decisionDate: '2022-11-22', applicant: { personnummer: personnummer('2000-01-20') }, facts: eligibleFacts() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(domainProblem(result.error).status).toBe(422);
    expect(domainProblem(result.error).detail).toContain('Inget regelverk gäller för beslutsdatum 2022-11-22');
    expect(domainProblem(result.error).detail).toContain('jobbtorg-sis-sol2001 (2023-01-01–2025-06-30), jobbtorg-sis-sol2025 (2025-07-01–tills vidare)');
  });

  it('applies SoL (2001:453) to a decision dated 2025-06-30 and SoL (2025:400) from 2025-07-01', async () => {
    const body = (decisionDate: string) => ({
      decisionDate,
      applicant: { personnummer: personnummer('2001-01-20') },
      facts: eligibleFacts({ requestedPeriod: { from: '2025-08-01', to: '2026-01-31' } }),
    });
    const before = await propose(loadCatalog(), body('2025-06-30'));
    const after = await propose(loadCatalog(), body('2025-07-01'));
    expect(before.ok && before.proposal.legalBasis?.lagrum.map((c) => c.text)).toEqual(['4 kap. 2 § socialtjänstlagen (2001:453)']);
    expect(after.ok && after.proposal.ruleSet.id).toBe('jobbtorg-sis-sol2025');
    expect(after.ok && after.proposal.legalBasis?.lagrum.map((c) => c.text)).toEqual(['11 kap. 4 § socialtjänstlagen (2025:400)']);
    expect(after.ok && after.proposal.legalBasis?.appealRoute).toBe('LAGLIGHETSPROVNING');
    expect(after.ok && after.proposal.considerationOfRight.lagrum.map((c) => c.short)).toEqual(['11 kap. 1 § SoL', '12 kap. 1 § SoL']);
  });

  it('refuses two rule sets with the same id and version but different content', () => {
    const a = publishRuleSet(realDocument(), 'rules/a/rule-set.yaml');
    const edited = realDocument();
    edited.criteria[0].reasons.met = 'Ändrad text.';
    expect(() => new RuleSetCatalog([a, publishRuleSet(edited, 'rules/b/rule-set.yaml')])).toThrow(/samma id och version.*annat innehåll/s);
  });

  it('refuses to load two rule sets in force on the same day', () => {
    const a = publishRuleSet(realDocument(), 'a.yaml');
    const overlapping = { ...realDocument(), id: 'other', validFrom: '2025-06-30' };
    expect(() => new RuleSetCatalog([a, publishRuleSet(overlapping, 'b.yaml')])).toThrow(/överlappar/);
  });
});

describe('rule-set validation', () => {
  it('accepts the real rule set', () => {
    expect(problemsOf(realDocument())).toEqual([]);
  });

  it('names a fact the engine does not know', () => {
    const doc = realDocument();
    doc.criteria[0].conditions.fact = 'reachedByOutrech';
    expect(problemsOf(doc)).toEqual(["criteria.0.conditions.fact: Uppgiften 'reachedByOutrech' är okänd. Se faktalistan i GLOSSARY.md."]);
  });

  it('names a lagrum that cites a statute missing from the list', () => {
    const doc = realDocument();
    doc.criteria[2].lagrum[1].statute = 'SFB';
    expect(problemsOf(doc)).toEqual([
      "criteria.2.lagrum.1.statute: Lagen 'SFB' finns inte i listan statutes.",
      'criteria.2.lagrum.1: Hänvisningen SFB:4:1 saknas i references (varje lagrum anges där med källa och granskningsstatus).',
    ]);
  });

  it('requires every provision cited to be listed once under references, with its source and status', () => {
    const doc = realDocument();
    doc.outcomes.GRANT.lagrum = [{ statute: 'SoL', chapter: 4, section: 3 }];
    expect(problemsOf(doc)).toEqual(['outcomes.GRANT.lagrum.0: Hänvisningen SoL:4:3 saknas i references (varje lagrum anges där med källa och granskningsstatus).']);

    const unsourced = realDocument();
    delete unsourced.references[0].source;
    expect(problemsOf(unsourced).join('\n')).toMatch(/references\.0\.source/);

    const twice = realDocument();
    twice.references.push({ ...twice.references[0] });
    expect(problemsOf(twice)).toEqual([`references.${twice.references.length - 1}: Hänvisningen SoL:4:1 finns två gånger i references.`]);
  });

  it('names a listed provision that nothing cites, so the list a reviewer confirms is exactly what is applied', () => {
    const doc = realDocument();
    doc.references.push({ statute: 'SoL', chapter: 4, section: 4, about: 'Praktik', source: 'SFS 2001:453', status: 'UNCONFIRMED' });
    expect(problemsOf(doc)).toEqual([`references.${doc.references.length - 1}: Hänvisningen SoL:4:4 används inte av något kriterium, utfall eller överklagandesätt.`]);
  });

  it('requires who and when for a confirmed provision, as for a parameter', () => {
    const doc = realDocument();
    doc.references[1].status = 'CONFIRMED';
    expect(problemsOf(doc).join('\n')).toMatch(/references\.1\.status: En bekräftad uppgift ska ange vem som bekräftade den och när/);
    doc.references[1].confirmedBy = 'Karin Sjöberg, förvaltningsjurist';
    doc.references[1].confirmedOn = '2026-11-02';
    expect(problemsOf(doc)).toEqual([]);
  });

  it('keeps gallring as reviewed parameters: the period and the research sample\'s birth days', () => {
    const doc = realDocument();
    doc.parameters.researchSampleBirthDays.value = [5, 15, 15];
    expect(problemsOf(doc).join('\n')).toMatch(/parameters\.researchSampleBirthDays\.value: Varje dag får stå en gång/);
    delete doc.parameters.retentionPeriod;
    expect(problemsOf(doc).join('\n')).toMatch(/parameters\.retentionPeriod/);
  });

  it('names an unknown placeholder in a reason text', () => {
    const doc = realDocument();
    doc.criteria[1].reasons.notMet = 'Du var {{alder}} år.';
    expect(problemsOf(doc)).toEqual(['criteria.1.reasons.notMet: Platshållaren {{alder}} är okänd.']);
  });

  it('gives every criterion of the real rule set a letter topic of its own', () => {
    const topics = realDocument().criteria.map((c: { topic?: string }) => c.topic);
    expect(topics.every((t: string | undefined) => typeof t === 'string' && t.trim() !== '')).toBe(true);
    expect(new Set(topics).size).toBe(topics.length);
  });

  it('accepts a rule set without letter topics, and the engine then heads each criterion with its title', async () => {
    const doc = realDocument();
    for (const criterion of doc.criteria) delete criterion.topic;
    expect(problemsOf(doc)).toEqual([]);
    const catalog = new RuleSetCatalog([publishRuleSet(doc, 'test.yaml')]);
    const result = await propose(catalog, { decisionDate: '2024-03-15', applicant: { personnummer: personnummer('2000-03-09', '986') }, facts: eligibleFacts() });
    if (!result.ok) throw new Error(JSON.stringify(domainProblem(result.error)));
    for (const criterion of result.proposal.criteria) expect(criterion.topic).toBe(criterion.title);
  });

  it('rejects a placeholder in a letter topic, since the topic is printed as written', () => {
    const doc = realDocument();
    doc.criteria[1].topic = 'Målgrupp {{param.ageMin}}';
    expect(problemsOf(doc)).toEqual(['criteria.1.topic: Platshållaren {{param.ageMin}} är okänd.']);
  });

  it('rejects a priority on a condition, because a skipped condition cannot be explained', () => {
    const doc = realDocument();
    doc.criteria[0].conditions.priority = 10;
    expect(problemsOf(doc).join('\n')).toMatch(/criteria\.0\.conditions/);
  });

  it('requires every parameter and a confirmation record for a confirmed one', () => {
    const doc = realDocument();
    delete doc.parameters.deeperPlan;
    doc.parameters.ageMin.status = 'CONFIRMED';
    const problems = problemsOf(doc).join('\n');
    expect(problems).toMatch(/parameters\.deeperPlan/);
    expect(problems).toMatch(/parameters\.ageMin\.status: En bekräftad uppgift ska ange vem som bekräftade den och när/);
  });

  it('requires a lagrum on every criterion', () => {
    const doc = realDocument();
    doc.criteria[3].lagrum = [];
    expect(problemsOf(doc)).toEqual(['criteria.3.lagrum: Varje kriterium ska ange lagrum.']);
  });

  it('reports YAML syntax errors with the file name', async () => {
    const { parseRuleSetYaml } = await import('../../../functions/rule-sets/load-files');
    expect(() => parseRuleSetYaml('id: [unclosed', 'rules/x/rule-set.yaml')).toThrow(/rules\/x\/rule-set.yaml.*inte giltig YAML/s);
  });
});
