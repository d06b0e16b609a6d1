/**
 * A rules folder with a draft rule set for the legal reviewer's tools to find differences in:
 * a copy of the shipped rules/, the 2025:400 rule set ending 2027-06-30, and after it a draft
 * `jobbtorg-sis-sol2027` that a jurist is asked to approve. The draft is derived from the shipped
 * 2025:400 file, so it follows that file as it changes, and changes what a reviewer must notice:
 *
 * - the target group of young adults narrows from 19–29 to 19–25 (parameter ageMax 29 → 25);
 * - the criterion "reached through the outreach" is removed;
 * - the need criterion gets a new title and a second accepted level of need;
 * - a refusal is to be appealed by förvaltningsbesvär instead of laglighetsprövning.
 *
 * Its scenario file holds four scenarios, so most of its statuses are untested.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_RULES_DIR } from '../../functions/rule-sets/load-files';

export const DRAFT_ID = 'jobbtorg-sis-sol2027';
export const DRAFT_TITLE = 'Särskild individanpassad stödinsats genom Jobbtorg Stockholm (utkast 2027)';

export function draftRulesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobbtorg-rules-'));
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  const currentPath = join(dir, 'jobbtorg-sis-sol2025', 'rule-set.yaml');
  const current = parse(readFileSync(currentPath, 'utf8')) as Record<string, any>;
  writeFileSync(currentPath, stringify({ ...current, validTo: '2027-06-30' }));

  const draft = structuredClone(current);
  draft.id = DRAFT_ID;
  draft.title = DRAFT_TITLE;
  draft.validFrom = '2027-07-01';
  delete draft.validTo;
  draft.parameters.ageMax.value = 25;
  draft.parameters.ageMax.description = 'Högsta ålder på beslutsdagen för målgruppen unga som varken arbetar eller studerar (till dagen före 26-årsdagen).';
  draft.criteria = draft.criteria.filter((c: { id: string }) => c.id !== 'REACHED_BY_OUTREACH');
  const need = draft.criteria.find((c: { id: string }) => c.id === 'NEEDS_DEEPER_SUPPORT');
  need.title = 'Behöver individuellt stöd';
  need.conditions = { fact: 'assessedNeed', operator: 'in', value: ['DEEPER_INDIVIDUAL_SUPPORT', 'ADVICE_AND_SUPPORT'] };
  draft.outcomes.REFUSE.appealRoute = 'FORVALTNINGSBESVAR';
  mkdirSync(join(dir, DRAFT_ID));
  writeFileSync(join(dir, DRAFT_ID, 'rule-set.yaml'), stringify(draft));

  const scenarios = parse(readFileSync(join(DEFAULT_RULES_DIR, 'jobbtorg-sis-sol2025', 'scenarios.yaml'), 'utf8')) as { profiles: unknown };
  writeFileSync(
    join(dir, DRAFT_ID, 'scenarios.yaml'),
    stringify({
      ruleSet: DRAFT_ID,
      profiles: scenarios.profiles,
      scenarios: [
        { name: 'En 24-åring som uppfyller alla kriterier beviljas', decisionDate: '2027-09-15', age: 24, profile: 'eligibleYoung', expect: { outcome: 'GRANT' } },
        { name: 'En 27-åring tillhör inte längre målgruppen unga', decisionDate: '2027-09-15', age: 27, profile: 'eligibleYoung', expect: { outcome: 'REFUSE', unmetCriteria: ['TARGET_GROUP'] } },
        { name: 'Försörjningsstöd leder till hänvisning', decisionDate: '2027-09-15', age: 24, profile: 'eligibleYoung', facts: { forsorjningsstod: true }, expect: { outcome: 'REFER' } },
        { name: 'Den som inte nåtts genom uppsökande arbete beviljas ändå', decisionDate: '2027-09-15', age: 24, profile: 'eligibleYoung', facts: { reachedThroughOutreach: false }, expect: { outcome: 'GRANT' } },
      ],
    }),
  );
  return dir;
}
