/**
 * Golden scenarios: reviewer-readable cases kept beside each rule set (`scenarios.yaml`), each
 * with the outcome the rule set must give. They run in `npm test` and `npm run rules -- test`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod/mini';
import { parse } from 'yaml';
import { type IsoDate, addMonths, todayInStockholm } from '../domain/dates';
import { isoDateSchema } from '../domain/facts';
import { checkDigit } from '../domain/personnummer';
import { propose } from '../domain/propose';
import type { RuleSetCatalog } from '../domain/rule-set-catalog';
import { ValidationError } from '../domain/errors';
import type { CriterionStatus, ProposedOutcome } from '../domain/proposal-schema';
import { issuesFromZod } from '../domain/validation';

const factsPatch = z.record(z.string(), z.unknown());

/** `today` is resolved when the scenario runs, so a file can say "a decision made today". */
export const TODAY = 'today';

export const scenarioSchema = z
  .strictObject({
    name: z.string().check(z.minLength(1)),
    decisionDate: z.union([isoDateSchema, z.literal(TODAY)]),
    /** A fixed number, or `age` below: the runner then forms a number for someone that age. */
    personnummer: z.optional(z.string()),
    age: z.optional(z.int().check(z.minimum(0), z.maximum(120))),
    profile: z.optional(z.string()),
    facts: z.optional(factsPatch),
    expect: z.strictObject({
      /** The rule set the catalog must choose for the decision date; the file's `ruleSet` when absent. */
      ruleSet: z.optional(z.string()),
      outcome: z.optional(z.enum(['GRANT', 'REFUSE', 'REFER', 'INCOMPLETE'])),
      unmetCriteria: z.optional(z.array(z.string())),
      referralTriggers: z.optional(z.array(z.string())),
      missingFacts: z.optional(z.array(z.string())),
      contradictions: z.optional(z.array(z.string())),
      grantedTo: z.optional(isoDateSchema),
      error: z.optional(z.string()),
    }),
  })
  .check(
    z.refine((s) => (s.personnummer === undefined) !== (s.age === undefined), {
      message: 'Ange antingen personnummer eller age (ålder på beslutsdagen), inte båda.',
      path: ['personnummer'],
    }),
  );

export const scenarioFileSchema = z.strictObject({
  ruleSet: z.string(),
  profiles: z.optional(z.record(z.string(), factsPatch)),
  scenarios: z.array(scenarioSchema).check(z.minLength(1)),
});
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
export type Scenario = ScenarioFile['scenarios'][number];

export interface ScenarioOptions {
  /** What `decisionDate: today` means; today's date in Stockholm when not given. */
  today?: IsoDate;
}

export interface ScenarioResult {
  name: string;
  passed: boolean;
  /** One line per expectation that did not hold, in Swedish for the reviewer. */
  failures: string[];
  /**
   * What the engine gave, when it gave a proposal: the rule set chosen for the decision date and
   * each criterion's status. Coverage (domain/rule-sets/coverage.ts) is counted from these.
   */
  evaluated?: EvaluatedScenario;
}

export interface EvaluatedScenario {
  ruleSetId: string;
  outcome: ProposedOutcome;
  criteria: Array<{ id: string; status: CriterionStatus }>;
  contradictions: string[];
}

export function parseScenarioFile(text: string, origin: string): ScenarioFile {
  // YAML reads unquoted dates as strings with the default (core) schema, which is what we want.
  const parsed = scenarioFileSchema.safeParse(parse(text));
  if (!parsed.success) {
    throw new Error(`${origin}: ${issuesFromZod(parsed.error.issues).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function readScenarioFile(path: string): ScenarioFile {
  return parseScenarioFile(readFileSync(path, 'utf8'), path);
}

/**
 * A personnummer for someone who is `age` on `decisionDate`: born half a year after a birthday,
 * so the age is never a boundary case, with serial 98x (never assigned, so no real person) and a
 * correct check digit.
 */
export function personnummerForAge(age: number, decisionDate: IsoDate): string {
  const birth = addMonths(decisionDate, -(12 * age + 6));
  const digits = birth.replaceAll('-', '');
  const serial = '982';
  return `${digits}-${serial}${checkDigit(`${digits.slice(2)}${serial}`)}`;
}

/** The decision date and personnummer the scenario stands for when it runs. */
export function resolveScenario(scenario: Scenario, options: ScenarioOptions = {}): { decisionDate: IsoDate; personnummer: string } {
  const decisionDate = (scenario.decisionDate === TODAY ? (options.today ?? todayInStockholm()) : scenario.decisionDate) as IsoDate;
  const personnummer = scenario.personnummer ?? personnummerForAge(scenario.age as number, decisionDate);
  return { decisionDate, personnummer };
}

/** Profile facts, then the scenario's own; `null` removes a fact (not recorded). */
export function scenarioRequest(file: ScenarioFile, scenario: Scenario, options: ScenarioOptions = {}): unknown {
  const profile = scenario.profile ? file.profiles?.[scenario.profile] : {};
  if (profile === undefined) throw new Error(`Scenario "${scenario.name}": unknown profile ${scenario.profile}`);
  const facts: Record<string, unknown> = { ...profile, ...scenario.facts };
  for (const [key, value] of Object.entries(facts)) if (value === null) delete facts[key];
  const { decisionDate, personnummer } = resolveScenario(scenario, options);
  return { decisionDate, applicant: { personnummer }, facts };
}

const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export async function runScenario(catalog: RuleSetCatalog, file: ScenarioFile, scenario: Scenario, options: ScenarioOptions = {}): Promise<ScenarioResult> {
  const failures: string[] = [];
  const expect = scenario.expect;
  const result = await propose(catalog, scenarioRequest(file, scenario, options));
  if (!result.ok) {
    const code = result.error.code === 'NO_RULE_SET_FOR_DATE' ? 'NO_RULE_SET_FOR_DATE' : 'VALIDATION';
    if (expect.error !== code) {
      failures.push(`gav felet ${code} (${result.error.message}; ${JSON.stringify(result.error instanceof ValidationError ? result.error.issues : [])}), väntade ${expect.error ?? expect.outcome}`);
    }
    return { name: scenario.name, passed: failures.length === 0, failures: withResolvedInputs(scenario, options, failures) };
  }
  const p = result.proposal;
  const evaluated: EvaluatedScenario = {
    ruleSetId: p.ruleSet.id,
    outcome: p.outcome,
    criteria: p.criteria.map((c) => ({ id: c.id, status: c.status })),
    contradictions: p.contradictions.map((c) => c.id),
  };
  if (expect.error) failures.push(`gav ett förslag (${p.outcome}), väntade felet ${expect.error}`);
  // The catalog chooses by decision date; a scenario near a change of law names the one it expects.
  const expectedRuleSet = expect.ruleSet ?? file.ruleSet;
  if (p.ruleSet.id !== expectedRuleSet) failures.push(`använde regelverket ${p.ruleSet.id}, väntade ${expectedRuleSet}`);
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
  return { name: scenario.name, passed: failures.length === 0, failures: withResolvedInputs(scenario, options, failures), evaluated };
}

/** A failing scenario dated `today` or given by `age` says which date and number it ran with. */
function withResolvedInputs(scenario: Scenario, options: ScenarioOptions, failures: string[]): string[] {
  if (failures.length === 0 || (scenario.decisionDate !== TODAY && scenario.age === undefined)) return failures;
  const { decisionDate, personnummer } = resolveScenario(scenario, options);
  return [...failures, `(kördes med beslutsdatum ${decisionDate} och personnummer ${personnummer})`];
}

/** A scenario's result with the rule set whose `scenarios.yaml` holds it. */
export interface ScenarioRun extends ScenarioResult {
  file: string;
}

/**
 * Runs the scenarios of every rule set in the catalog (`<dir>/<id>/scenarios.yaml`). A rule set
 * without a scenario file is named in `withoutScenarios`: it has no scenario, which coverage shows.
 */
export async function runAllScenarios(catalog: RuleSetCatalog, dir: string, options: ScenarioOptions = {}): Promise<{ runs: ScenarioRun[]; withoutScenarios: string[] }> {
  const runs: ScenarioRun[] = [];
  const withoutScenarios: string[] = [];
  for (const { ruleSet, origin } of catalog.list()) {
    const path = join(dir, dirname(origin), 'scenarios.yaml');
    if (!existsSync(path)) {
      withoutScenarios.push(ruleSet.id);
      continue;
    }
    const file = readScenarioFile(path);
    for (const scenario of file.scenarios) runs.push({ file: ruleSet.id, ...(await runScenario(catalog, file, scenario, options)) });
  }
  return { runs, withoutScenarios };
}
