/**
 * Golden scenarios: reviewer-readable cases kept beside each rule set (`scenarios.yaml`), each
 * with the outcome the rule set must give. They run in `npm test` and `npm run rules -- test`.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { parse } from 'yaml';
import { isoDateSchema } from '../domain/facts';
import { propose } from '../domain/propose';
import type { RuleSetCatalog } from '../domain/rule-set-catalog';
import { ValidationError } from '../domain/errors';
import { issuesFromZod } from '../domain/validation';

const factsPatch = z.record(z.string(), z.unknown());

export const scenarioFileSchema = z.strictObject({
  ruleSet: z.string(),
  profiles: z.optional(z.record(z.string(), factsPatch)),
  scenarios: z
    .array(
      z.strictObject({
        name: z.string().check(z.minLength(1)),
        decisionDate: isoDateSchema,
        personnummer: z.string(),
        profile: z.optional(z.string()),
        facts: z.optional(factsPatch),
        expect: z.strictObject({
          outcome: z.optional(z.enum(['GRANT', 'REFUSE', 'REFER', 'INCOMPLETE'])),
          unmetCriteria: z.optional(z.array(z.string())),
          referralTriggers: z.optional(z.array(z.string())),
          missingFacts: z.optional(z.array(z.string())),
          contradictions: z.optional(z.array(z.string())),
          grantedTo: z.optional(isoDateSchema),
          error: z.optional(z.string()),
        }),
      }),
    )
    .check(z.minLength(1)),
});
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
export type Scenario = ScenarioFile['scenarios'][number];

export interface ScenarioResult {
  name: string;
  passed: boolean;
  /** One line per expectation that did not hold, in Swedish for the reviewer. */
  failures: string[];
}

export function readScenarioFile(path: string): ScenarioFile {
  // YAML reads unquoted dates as strings with the default (core) schema, which is what we want.
  const parsed = scenarioFileSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path}: ${issuesFromZod(parsed.error.issues).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Profile facts, then the scenario's own; `null` removes a fact (not recorded). */
export function scenarioRequest(file: ScenarioFile, scenario: Scenario): unknown {
  const profile = scenario.profile ? file.profiles?.[scenario.profile] : {};
  if (profile === undefined) throw new Error(`Scenario "${scenario.name}": unknown profile ${scenario.profile}`);
  const facts: Record<string, unknown> = { ...profile, ...scenario.facts };
  for (const [key, value] of Object.entries(facts)) if (value === null) delete facts[key];
  return { decisionDate: scenario.decisionDate, applicant: { personnummer: scenario.personnummer }, facts };
}

const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export async function runScenario(catalog: RuleSetCatalog, file: ScenarioFile, scenario: Scenario): Promise<ScenarioResult> {
  const failures: string[] = [];
  const expect = scenario.expect;
  const result = await propose(catalog, scenarioRequest(file, scenario));
  if (!result.ok) {
    const code = result.error.code === 'NO_RULE_SET_FOR_DATE' ? 'NO_RULE_SET_FOR_DATE' : 'VALIDATION';
    if (expect.error !== code) {
      failures.push(`gav felet ${code} (${result.error.message}; ${JSON.stringify(result.error instanceof ValidationError ? result.error.issues : [])}), väntade ${expect.error ?? expect.outcome}`);
    }
    return { name: scenario.name, passed: failures.length === 0, failures };
  }
  const p = result.proposal;
  if (expect.error) failures.push(`gav ett förslag (${p.outcome}), väntade felet ${expect.error}`);
  if (p.ruleSet.id !== file.ruleSet) failures.push(`använde regelverket ${p.ruleSet.id}, väntade ${file.ruleSet}`);
  if (expect.outcome && p.outcome !== expect.outcome) failures.push(`utfall ${p.outcome}, väntade ${expect.outcome}`);
  const compare = (label: string, actual: string[], expected: string[] | undefined) => {
    if (expected && !same(actual, expected)) failures.push(`${label}: [${actual.join(', ')}], väntade [${expected.join(', ')}]`);
  };
  compare('ej uppfyllda kriterier', p.unmetCriteria, expect.unmetCriteria);
  compare('skäl för hänvisning', p.referralTriggers, expect.referralTriggers);
  compare('saknade uppgifter', p.missingFacts.map((m) => m.fact), expect.missingFacts);
  compare('motstridiga uppgifter', p.contradictions.map((c) => c.id), expect.contradictions);
  if (expect.grantedTo && p.period?.granted.to !== expect.grantedTo) {
    failures.push(`beviljad t.o.m. ${p.period?.granted.to ?? '(ingen period)'}, väntade ${expect.grantedTo}`);
  }
  return { name: scenario.name, passed: failures.length === 0, failures };
}
