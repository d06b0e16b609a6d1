import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../functions/domain/errors';
import { type ComparisonSection, type RuleSetComparison, compareInCatalog, compareRuleSets } from '../../../functions/domain/rule-sets/compare';
import { loadCatalog } from '../../../functions/rule-sets/load-files';
import { DRAFT_ID, draftRulesDir } from '../../support/draft-rules';

const shipped = loadCatalog();
const draftDir = draftRulesDir();
const withDraft = loadCatalog(draftDir);
afterAll(() => rmSync(draftDir, { recursive: true, force: true }));

const sectionOf = (c: RuleSetComparison, key: ComparisonSection['key']) => c.sections.find((s) => s.key === key) as ComparisonSection;
const item = (s: ComparisonSection, kind: 'added' | 'removed' | 'changed', key: string) => s[kind].find((i) => i.key === key);
const change = (s: ComparisonSection, key: string, field: string) => item(s, 'changed', key)?.changes.find((c) => c.field === field);

describe('comparing a rule set with the one it follows', () => {
  const comparison = compareInCatalog(shipped, 'jobbtorg-sis-sol2025', undefined);

  it('compares the 2025:400 rule set with the 2001:453 one it follows when no other is named', () => {
    expect(comparison.base.id).toBe('jobbtorg-sis-sol2001');
    expect(comparison.subject.id).toBe('jobbtorg-sis-sol2025');
    expect(comparison.identical).toBe(false);
  });

  it('shows the statute whose SFS number changed, old → new', () => {
    expect(change(sectionOf(comparison, 'statutes'), 'SoL', 'sfs')).toEqual({ field: 'sfs', label: 'SFS-nummer', before: '2001:453', after: '2025:400' });
  });

  it('shows a criterion whose lagrum changed as cited, statute name and SFS number included', () => {
    expect(change(sectionOf(comparison, 'criteria'), 'NO_FORSORJNINGSSTOD', 'lagrum')).toMatchObject({
      label: 'Lagrum',
      before: 'riktlinjen KS 2022/759, avsnittet Kriterier för beslut; 4 kap. 1 § socialtjänstlagen (2001:453)',
      after: 'riktlinjen KS 2022/759, avsnittet Kriterier för beslut; 12 kap. 1 § socialtjänstlagen (2025:400)',
    });
  });

  it('shows the new appeal provision of förvaltningsbesvär and the grant now resting on 11 kap. 4 §', () => {
    expect(change(sectionOf(comparison, 'appealRoutes'), 'FORVALTNINGSBESVAR', 'lagrum')).toMatchObject({
      before: '16 kap. 3 § socialtjänstlagen (2001:453); 44 § förvaltningslagen (2017:900)',
      after: '35 kap. 1 § socialtjänstlagen (2025:400); 44 § förvaltningslagen (2017:900)',
    });
    expect(change(sectionOf(comparison, 'outcomes'), 'GRANT', 'lagrum')).toMatchObject({ label: 'Rättslig grund', before: '4 kap. 2 § socialtjänstlagen (2001:453)', after: '11 kap. 4 § socialtjänstlagen (2025:400)' });
  });

  it('lists provisions cited only by the new rule set as added and those only by the old as removed', () => {
    const references = sectionOf(comparison, 'references');
    expect(references.added.map((i) => i.name)).toContain('11 kap. 4 § socialtjänstlagen (2025:400)');
    expect(references.removed.map((i) => i.name)).toContain('4 kap. 2 § socialtjänstlagen (2001:453)');
  });

  it('reports no change of conditions or parameter values, since the law changed its numbers and not the criteria', () => {
    const criteria = sectionOf(comparison, 'criteria');
    expect(criteria.added).toEqual([]);
    expect(criteria.removed).toEqual([]);
    expect(criteria.changed.flatMap((c) => c.changes.map((x) => x.field))).not.toContain('conditions');
    expect(sectionOf(comparison, 'parameters').changed.flatMap((p) => p.changes.map((x) => x.field))).not.toContain('value');
  });

  it('sums the changes up per section, in Swedish', () => {
    expect(comparison.summary).toContain('Författningar: 1 ändrad');
    expect(comparison.summary).toContain('Lagrum som regelverket hänvisar till: 4 tillagda, 3 borttagna');
  });
});

describe('comparing a draft with the rule set in force', () => {
  const comparison = compareInCatalog(withDraft, DRAFT_ID, undefined);

  it('shows a parameter whose value changed, old → new with its unit', () => {
    expect(change(sectionOf(comparison, 'parameters'), 'ageMax', 'value')).toEqual({ field: 'value', label: 'Värde', before: '29 år', after: '25 år' });
    expect(item(sectionOf(comparison, 'parameters'), 'changed', 'ageMax')?.name).toBe('Högsta ålder på beslutsdagen för målgruppen unga som varken arbetar eller studerar');
  });

  it('shows a removed criterion with everything it said, and a changed condition in words', () => {
    const criteria = sectionOf(comparison, 'criteria');
    const removed = item(criteria, 'removed', 'REACHED_BY_OUTREACH');
    expect(removed?.name).toBe('Nådd genom det uppsökande uppdraget');
    expect(removed?.changes.find((c) => c.field === 'conditions')).toEqual({
      field: 'conditions',
      label: 'Villkor',
      before: '- nådd genom arbetsmarknadsnämndens uppsökande uppdrag är ja',
      after: null,
    });
    expect(change(criteria, 'NEEDS_DEEPER_SUPPORT', 'conditions')).toMatchObject({
      before: '- bedömt behov är fördjupat individuellt stöd under längre tid',
      after: '- bedömt behov är en av fördjupat individuellt stöd under längre tid, råd och stöd räcker',
    });
    expect(change(criteria, 'NEEDS_DEEPER_SUPPORT', 'title')).toMatchObject({ before: 'Behöver fördjupat individuellt stöd', after: 'Behöver individuellt stöd' });
  });

  it('does not call a text changed when only the parameter it names changed', () => {
    // TARGET_GROUP's description names {{param.ageMax}}: the parameter is listed once, under Parametrar.
    expect(item(sectionOf(comparison, 'criteria'), 'changed', 'TARGET_GROUP')).toBeUndefined();
  });

  it('shows an outcome whose appeal route changed', () => {
    expect(change(sectionOf(comparison, 'outcomes'), 'REFUSE', 'appealRoute')).toEqual({
      field: 'appealRoute',
      label: 'Hur beslutet kan prövas',
      before: 'laglighetsprövning (inte förvaltningsbesvär)',
      after: 'förvaltningsbesvär',
    });
  });

  it('shows an added criterion when compared the other way round', () => {
    const reversed = compareInCatalog(withDraft, 'jobbtorg-sis-sol2025', DRAFT_ID);
    expect(item(sectionOf(reversed, 'criteria'), 'added', 'REACHED_BY_OUTREACH')?.changes.find((c) => c.field === 'title')).toEqual({
      field: 'title',
      label: 'Kriteriets namn',
      before: null,
      after: 'Nådd genom det uppsökande uppdraget',
    });
  });
});

describe('comparing, edge cases', () => {
  it('finds nothing to report between a rule set and itself', () => {
    const same = shipped.get('jobbtorg-sis-sol2025');
    if (!same) throw new Error('no such rule set');
    const comparison = compareRuleSets(same, same);
    expect(comparison.identical).toBe(true);
    expect(comparison.summary).toEqual([]);
  });

  it('refuses an unknown rule set, and an unknown one to compare with, as not found', () => {
    expect(() => compareInCatalog(shipped, 'jobbtorg-finns-inte', undefined)).toThrow(NotFoundError);
    expect(() => compareInCatalog(shipped, 'jobbtorg-sis-sol2025', 'jobbtorg-finns-inte')).toThrow(NotFoundError);
  });

  it('asks for `with` when the rule set follows none', () => {
    try {
      compareInCatalog(shipped, 'jobbtorg-sis-sol2001', undefined);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        { path: 'with', message: 'Regelverket jobbtorg-sis-sol2001 följer inget annat regelverk. Ange vilket det ska jämföras med (with).' },
      ]);
    }
  });
});
