/**
 * What the golden scenarios leave untested in a rule set: every criterion in each of its three
 * statuses (met, not met, missing), every outcome and every contradiction check, each with the
 * scenarios that reach it. Counted from what the engine gave when the scenario files ran (their
 * per-criterion statuses), never from a hand-kept list, so a new criterion or a changed condition
 * shows up here the day it is written.
 *
 * A scenario counts for the rule set the catalog chose for its decision date, whichever file holds
 * it: a scenario in the 2025:400 file dated 2025-06-30 exercises the 2001:453 rule set.
 */
import { NotFoundError } from '../errors';
import { outcomeLabels, statusLabels } from '../explain';
import { CRITERION_STATUSES, type CriterionStatus, PROPOSED_OUTCOMES, type ProposedOutcome } from '../proposal-schema';
import type { PublishedRuleSet, RuleSetCatalog } from '../rule-set-catalog';

/** A golden scenario as it ran (functions/rule-sets/scenarios.ts gives these). */
export interface ScenarioOutcome {
  /** The rule set whose scenario file holds the scenario. */
  file: string;
  name: string;
  passed: boolean;
  failures: string[];
  /** Absent when the scenario gave an error instead of a proposal (e.g. no rule set for the date). */
  evaluated?: {
    ruleSetId: string;
    outcome: ProposedOutcome;
    criteria: Array<{ id: string; status: CriterionStatus }>;
    contradictions: string[];
  };
}

export interface ScenarioRef {
  file: string;
  name: string;
}

export interface CoverageCell {
  status: CriterionStatus;
  label: string;
  scenarios: ScenarioRef[];
}

export interface UntestedItem {
  kind: 'criterion' | 'outcome' | 'contradiction';
  id: string;
  status?: CriterionStatus;
  /** Swedish, for the reviewer: what no scenario reaches. */
  text: string;
}

export interface RuleSetCoverage {
  ruleSet: { id: string; version: number; title: string };
  /** The rule set's own scenario file as it ran; null when it has none. */
  scenarios: {
    total: number;
    passed: number;
    failed: number;
    results: Array<{ name: string; passed: boolean; failures: string[]; ruleSetId: string | null; outcome: ProposedOutcome | null; outcomeLabel: string | null }>;
  } | null;
  /** Scenarios, from any file, whose proposal this rule set made: what the counts below come from. */
  counted: number;
  criteria: Array<{ id: string; title: string; cells: CoverageCell[] }>;
  outcomes: Array<{ outcome: ProposedOutcome; label: string; scenarios: ScenarioRef[] }>;
  contradictions: Array<{ id: string; description: string; scenarios: ScenarioRef[] }>;
  untested: UntestedItem[];
}

/** The coverage of one rule set by the scenarios of every file. Pure. */
export function coverageOf(published: PublishedRuleSet, runs: ScenarioOutcome[], hasScenarioFile: boolean): RuleSetCoverage {
  const { ruleSet } = published;
  const own = runs.filter((run) => run.file === ruleSet.id);
  const mine = runs.filter((run) => run.evaluated?.ruleSetId === ruleSet.id);
  const ref = (run: ScenarioOutcome): ScenarioRef => ({ file: run.file, name: run.name });

  const criteria = ruleSet.criteria.map((criterion) => ({
    id: criterion.id,
    title: criterion.title,
    cells: CRITERION_STATUSES.map((status) => ({
      status,
      label: statusLabels[status],
      scenarios: mine.filter((run) => run.evaluated?.criteria.some((c) => c.id === criterion.id && c.status === status)).map(ref),
    })),
  }));
  const outcomes = PROPOSED_OUTCOMES.map((outcome) => ({
    outcome,
    label: outcomeLabels[outcome],
    scenarios: mine.filter((run) => run.evaluated?.outcome === outcome).map(ref),
  }));
  const contradictions = ruleSet.contradictions.map((c) => ({
    id: c.id,
    description: c.description,
    scenarios: mine.filter((run) => run.evaluated?.contradictions.includes(c.id)).map(ref),
  }));

  const untested: UntestedItem[] = [
    ...criteria.flatMap((criterion) =>
      criterion.cells
        .filter((cell) => cell.scenarios.length === 0)
        .map((cell): UntestedItem => ({ kind: 'criterion', id: criterion.id, status: cell.status, text: `Kriteriet ”${criterion.title}”: ${cell.label}` })),
    ),
    ...outcomes.filter((o) => o.scenarios.length === 0).map((o): UntestedItem => ({ kind: 'outcome', id: o.outcome, text: `Utfallet ”${o.label}”` })),
    ...contradictions.filter((c) => c.scenarios.length === 0).map((c): UntestedItem => ({ kind: 'contradiction', id: c.id, text: `Motstridigheten ”${c.description}”` })),
  ];

  return {
    ruleSet: { id: ruleSet.id, version: ruleSet.version, title: ruleSet.title },
    scenarios: hasScenarioFile
      ? {
          total: own.length,
          passed: own.filter((r) => r.passed).length,
          failed: own.filter((r) => !r.passed).length,
          results: own.map((r) => ({
            name: r.name,
            passed: r.passed,
            failures: r.failures,
            ruleSetId: r.evaluated?.ruleSetId ?? null,
            outcome: r.evaluated?.outcome ?? null,
            outcomeLabel: r.evaluated ? outcomeLabels[r.evaluated.outcome] : null,
          })),
        }
      : null,
    counted: mine.length,
    criteria,
    outcomes,
    contradictions,
    untested,
  };
}

/** The use case: one rule set's coverage; NotFoundError for an unknown id. */
export function ruleSetCoverage(catalog: RuleSetCatalog, id: string, scenarios: { runs: ScenarioOutcome[]; withoutScenarios: string[] }): RuleSetCoverage {
  const published = catalog.get(id);
  if (!published) throw new NotFoundError('Regelverket', id);
  return coverageOf(published, scenarios.runs, !scenarios.withoutScenarios.includes(id));
}
