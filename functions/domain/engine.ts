/**
 * The eligibility engine: runs a rule set's criteria over the recorded facts with json-rules-engine
 * and proposes an outcome with one explanation entry per criterion.
 *
 * Every criterion is its own json-rules-engine rule, so no criterion is skipped, and rule sets may
 * not use `priority`, so no condition inside a criterion is skipped either. json-rules-engine only
 * knows true and false; a fact that was not recorded must not silently count as false, so the
 * per-condition results are combined here with three-valued (Kleene) logic: a criterion is met,
 * not met, or cannot be decided because a fact is missing.
 */
import { Engine, type RuleResult, type TopLevelCondition } from 'json-rules-engine';
import { type IsoDate, addDays, compareDates, minDate } from './dates';
import { type ApplicantSummary, type EngineFactName, type EngineFacts, FACT_CATALOG, isEngineFactName, type RecordedFacts } from './facts';
import { citeAll } from './lagrum';
import { addParameter, planFollowUp } from './follow-up-plan';
import { inputHash } from './input-hash';
import type {
  ConditionCheck,
  CriterionExplanation,
  CriterionStatus,
  Duration,
  FactValue,
  FollowUpParameters,
  LegalBasis,
  Milestone,
  MissingFact,
  Proposal,
  ProposedOutcome,
  SignableOutcome,
} from './proposal-schema';
import { type AppealRoute, type ConditionNode, type Criterion, type Parameter, type ParameterName, type RuleSet, durationParameter } from './rule-set-schema';
import { type PublishedRuleSet, interpolate } from './rule-set-catalog';

type Truth = ConditionCheck['result'];

export interface EvaluationInput {
  decisionDate: IsoDate;
  applicant: ApplicantSummary;
  facts: EngineFacts;
  recorded: RecordedFacts;
}

const REQUESTED_PERIOD: MissingFact = {
  fact: 'requestedPeriod',
  label: 'period som ansökan gäller',
  recordedAt: 'facts.requestedPeriod',
};

/** json-rules-engine needs all/any/not at the root; a bare condition is wrapped in `all`. */
function toEngineConditions(node: ConditionNode): TopLevelCondition {
  const strip = (n: ConditionNode): unknown => {
    if ('all' in n) return { all: n.all.map(strip) };
    if ('any' in n) return { any: n.any.map(strip) };
    if ('not' in n) return { not: strip(n.not) };
    return { fact: n.fact, operator: n.operator, value: n.value };
  };
  const root = strip(node) as Record<string, unknown>;
  return ('fact' in root ? { all: [root] } : root) as TopLevelCondition;
}

interface EvaluatedNode {
  truth: Truth;
  source: ConditionNode;
  children: EvaluatedNode[];
  /** For leaves: the value compared against, as json-rules-engine resolved it. */
  expected?: unknown;
  actual?: unknown;
}

export class CompiledRuleSet {
  readonly engine: Engine;

  constructor(readonly published: PublishedRuleSet) {
    const { ruleSet } = published;
    // allowUndefinedFacts: an unrecorded fact resolves to undefined instead of throwing, and is
    // then treated as unknown below, never as false.
    this.engine = new Engine([], { allowUndefinedFacts: true });
    for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
      this.engine.addFact(`param.${name}`, parameter.value);
    }
    for (const criterion of ruleSet.criteria) {
      this.engine.addRule({ name: `criterion:${criterion.id}`, conditions: toEngineConditions(criterion.conditions), event: { type: `criterion:${criterion.id}` } });
    }
    for (const contradiction of ruleSet.contradictions) {
      this.engine.addRule({
        name: `contradiction:${contradiction.id}`,
        conditions: toEngineConditions(contradiction.conditions),
        event: { type: `contradiction:${contradiction.id}` },
      });
    }
  }

  get ruleSet(): RuleSet {
    return this.published.ruleSet;
  }
}

const compiledCache = new WeakMap<PublishedRuleSet, CompiledRuleSet>();

/** Builds the json-rules-engine for a rule set once and reuses it for every evaluation. */
export function compile(published: PublishedRuleSet): CompiledRuleSet {
  let compiled = compiledCache.get(published);
  if (!compiled) {
    compiled = new CompiledRuleSet(published);
    compiledCache.set(published, compiled);
  }
  return compiled;
}

function parameterValue(ruleSet: RuleSet, name: string): number | undefined {
  return durationParameter(ruleSet, name)?.value;
}

function isKnown(facts: EngineFacts, name: string, ruleSet: RuleSet): boolean {
  if (name.startsWith('param.')) return parameterValue(ruleSet, name.slice(6)) !== undefined;
  return isEngineFactName(name) && facts[name] !== undefined;
}

/** Kleene's three-valued all/any: a dominant value decides, otherwise an unknown leaves it unknown. */
function combine(op: 'all' | 'any', children: EvaluatedNode[]): Truth {
  const dominant = op === 'all' ? 'FALSE' : 'TRUE';
  if (children.some((c) => c.truth === dominant)) return dominant;
  if (children.some((c) => c.truth === 'UNKNOWN')) return 'UNKNOWN';
  return op === 'all' ? 'TRUE' : 'FALSE';
}

/** Walks the rule set's condition tree beside json-rules-engine's annotated result tree. */
function evaluateNode(source: ConditionNode, result: Record<string, unknown>, facts: EngineFacts, ruleSet: RuleSet): EvaluatedNode {
  if ('all' in source || 'any' in source) {
    const op = 'all' in source ? 'all' : 'any';
    const sourceChildren = 'all' in source ? source.all : (source as { any: ConditionNode[] }).any;
    const resultChildren = result[op] as Array<Record<string, unknown>>;
    const children = sourceChildren.map((child, i) => evaluateNode(child, resultChildren[i] as Record<string, unknown>, facts, ruleSet));
    return { truth: combine(op, children), source, children };
  }
  if ('not' in source) {
    const child = evaluateNode(source.not, result.not as Record<string, unknown>, facts, ruleSet);
    const truth: Truth = child.truth === 'UNKNOWN' ? 'UNKNOWN' : child.truth === 'TRUE' ? 'FALSE' : 'TRUE';
    return { truth, source, children: [child] };
  }
  const valueFact = source.value !== null && typeof source.value === 'object' && !Array.isArray(source.value) ? source.value.fact : undefined;
  const known = isKnown(facts, source.fact, ruleSet) && (valueFact === undefined || isKnown(facts, valueFact, ruleSet));
  if (known && typeof result.result !== 'boolean') {
    throw new Error(`json-rules-engine did not evaluate a condition on '${source.fact}'; the explanation would be incomplete`);
  }
  return {
    truth: known ? (result.result === true ? 'TRUE' : 'FALSE') : 'UNKNOWN',
    source,
    children: [],
    expected: result.valueResult ?? source.value,
    // null, not undefined, for a fact not recorded: a proposal must survive JSON storage unchanged.
    actual: known ? result.factResult : null,
  };
}

function leaves(node: EvaluatedNode, alternative?: string, out: Array<{ node: EvaluatedNode; alternative?: string }> = []) {
  const label = node.source.label ?? alternative;
  if (node.children.length === 0) out.push({ node, alternative: label });
  node.children.forEach((child) => leaves(child, label, out));
  return out;
}

/** The facts whose absence leaves the node undecided: only under branches that are themselves unknown. */
function blockingFacts(node: EvaluatedNode, out = new Set<string>()): Set<string> {
  if (node.truth !== 'UNKNOWN') return out;
  if (node.children.length === 0) {
    const leaf = node.source as Extract<ConditionNode, { fact: string }>;
    out.add(leaf.fact);
    return out;
  }
  node.children.forEach((child) => blockingFacts(child, out));
  return out;
}

function factValue(name: EngineFactName, value: unknown): FactValue {
  const definition = FACT_CATALOG[name];
  return { fact: name, label: definition.label, value, display: definition.display(value) };
}

function missingFact(name: string): MissingFact {
  if (!isEngineFactName(name)) throw new Error(`Unknown fact ${name}`);
  const definition = FACT_CATALOG[name];
  return { fact: name, label: definition.label, recordedAt: definition.recordedAt };
}

function textLookup(ruleSet: RuleSet, facts: EngineFacts, extra: Record<string, string> = {}) {
  return (name: string): string | undefined => {
    if (name in extra) return extra[name];
    if (name.startsWith('param.')) {
      const value = parameterValue(ruleSet, name.slice(6));
      return value === undefined ? undefined : String(value);
    }
    if (isEngineFactName(name)) {
      const value = facts[name];
      return value === undefined ? '(uppgift saknas)' : String(value);
    }
    return undefined;
  };
}

const parameterTexts = new WeakMap<RuleSet, Map<string, string>>();

/**
 * A text that names only parameters (labels, descriptions, what would change: the loader allows
 * nothing else in them), filled in once per rule set, since its parameters never change.
 */
function withParameters(ruleSet: RuleSet, text: string): string {
  let texts = parameterTexts.get(ruleSet);
  if (!texts) parameterTexts.set(ruleSet, (texts = new Map()));
  let filled = texts.get(text);
  if (filled === undefined) {
    filled = interpolate(text, (name) => (name.startsWith('param.') ? parameterValue(ruleSet, name.slice(6))?.toString() : undefined));
    texts.set(text, filled);
  }
  return filled;
}

function explainCriterion(criterion: Criterion, result: RuleResult, input: EvaluationInput, ruleSet: RuleSet): CriterionExplanation {
  const evaluated = evaluateNode(criterion.conditions, unwrap(criterion.conditions, result), input.facts, ruleSet);

  // Cross-check: where nothing is unknown, our reading must agree with json-rules-engine's own.
  if (evaluated.truth !== 'UNKNOWN' && (evaluated.truth === 'TRUE') !== result.result) {
    throw new Error(`Criterion ${criterion.id}: three-valued result disagrees with json-rules-engine`);
  }

  const status: CriterionStatus = evaluated.truth === 'TRUE' ? 'MET' : evaluated.truth === 'FALSE' ? 'NOT_MET' : 'MISSING';
  const allLeaves = leaves(evaluated);
  const factNames = [...new Set(allLeaves.map((l) => (l.node.source as { fact: string }).fact))].filter(isEngineFactName);
  const factsUsed = factNames.filter((name) => input.facts[name] !== undefined).map((name) => factValue(name, input.facts[name]));
  const missingFacts = [...blockingFacts(evaluated)].filter(isEngineFactName).map(missingFact);

  const matchedAlternatives =
    'any' in criterion.conditions
      ? evaluated.children.filter((c) => c.truth === 'TRUE' && c.source.label).map((c) => withParameters(ruleSet, c.source.label as string))
      : [];
  const reasonLookup = textLookup(ruleSet, input.facts, { matchedAlternatives: matchedAlternatives.join(' och ') });
  const reasonText = status === 'MET' ? criterion.reasons.met : status === 'NOT_MET' ? criterion.reasons.notMet : criterion.reasons.missing;

  const checks: ConditionCheck[] = allLeaves.map(({ node, alternative }) => {
    const leaf = node.source as Extract<ConditionNode, { fact: string }>;
    const check: ConditionCheck = {
      fact: leaf.fact,
      factLabel: isEngineFactName(leaf.fact) ? FACT_CATALOG[leaf.fact].label : leaf.fact,
      operator: leaf.operator,
      expected: node.expected,
      actual: node.actual,
      result: node.truth,
    };
    return alternative ? { alternative: withParameters(ruleSet, alternative), ...check } : check;
  });

  const explanation: CriterionExplanation = {
    id: criterion.id,
    title: criterion.title,
    topic: criterion.topic ?? criterion.title,
    description: withParameters(ruleSet, criterion.description),
    lagrum: citeAll(ruleSet, criterion.lagrum),
    onNotMet: criterion.onNotMet,
    status,
    reason: interpolate(reasonText, reasonLookup),
    factsUsed,
    missingFacts,
    checks,
  };
  if (status === 'NOT_MET' && criterion.whatWouldChange) {
    explanation.whatWouldChange = withParameters(ruleSet, criterion.whatWouldChange);
  }
  return explanation;
}

const duration = (parameter: Parameter): Duration => ({ value: parameter.value, unit: parameter.unit });

function followUpParametersOf(ruleSet: RuleSet): FollowUpParameters {
  const p = ruleSet.parameters;
  const beforeEnd = p.followUpBeforeEnd;
  if (beforeEnd.unit !== 'days' && beforeEnd.unit !== 'weeks') throw new Error('followUpBeforeEnd must be given in days or weeks');
  return {
    firstJobPlan: duration(p.firstJobPlan),
    deeperPlan: duration(p.deeperPlan),
    followUpInterval: duration(p.followUpInterval),
    followUpBeforeEnd: { value: beforeEnd.value, unit: beforeEnd.unit },
  };
}

/** The granted period, capped by `maxPeriod`, and the follow-up milestones planned for it. */
function planGrant(ruleSet: RuleSet, requested: { from: IsoDate; to: IsoDate }) {
  const p = ruleSet.parameters;
  const cap = addDays(addParameter(requested.from, p.maxPeriod), -1);
  const granted = { from: requested.from, to: minDate(requested.to, cap) };
  const followUpParameters = followUpParametersOf(ruleSet);
  return {
    period: { requested, granted, capped: compareDates(granted.to, requested.to) < 0, maxPeriod: duration(p.maxPeriod) },
    milestones: planFollowUp(followUpParameters, granted),
    followUpParameters,
  };
}

/** What the rule set says about the facts: each criterion, the contradictions found, and the outcome. */
export interface Assessment {
  criteria: CriterionExplanation[];
  contradictions: Proposal['contradictions'];
  outcome: ProposedOutcome;
  unmetCriteria: string[];
  referralTriggers: string[];
  missingFacts: MissingFact[];
}

/**
 * Runs every criterion and contradiction check and decides the outcome, without the rest of a
 * proposal (period, follow-up, legal bases, input hash). A proposal and a replay over stored
 * decisions (rule-sets/replay.ts) both come from here, so they can never disagree.
 */
export async function assess(compiled: CompiledRuleSet, input: EvaluationInput): Promise<Assessment> {
  const { ruleSet } = compiled;
  const known = Object.fromEntries(Object.entries(input.facts).filter(([, v]) => v !== undefined));
  const { results, failureResults } = await compiled.engine.run(known);
  const byName = new Map<string, RuleResult>([...results, ...failureResults].map((r) => [String(r.name), r]));
  const ruleResult = (name: string): RuleResult => {
    const r = byName.get(name);
    if (!r) throw new Error(`json-rules-engine returned no result for ${name}`);
    return r;
  };

  const criteria = ruleSet.criteria.map((criterion) => explainCriterion(criterion, ruleResult(`criterion:${criterion.id}`), input, ruleSet));

  // A contradiction counts only when every fact it names is recorded and the condition holds.
  const contradictions = ruleSet.contradictions.flatMap((contradiction) => {
    const names = leaves(evaluateNode(contradiction.conditions, unwrap(contradiction.conditions, ruleResult(`contradiction:${contradiction.id}`)), input.facts, ruleSet))
      .map((l) => (l.node.source as { fact: string }).fact)
      .filter(isEngineFactName);
    const holds = ruleResult(`contradiction:${contradiction.id}`).result && names.every((n) => input.facts[n] !== undefined);
    return holds ? [{ id: contradiction.id, description: contradiction.description, facts: [...new Set(names)].map((n) => factValue(n, input.facts[n])) }] : [];
  });

  const referralTriggers = criteria.filter((c) => c.onNotMet === 'REFER' && c.status === 'NOT_MET').map((c) => c.id);
  const unmetCriteria = criteria.filter((c) => c.status === 'NOT_MET').map((c) => c.id);
  const missingFacts = dedupeMissing(criteria.filter((c) => c.status === 'MISSING').flatMap((c) => c.missingFacts));
  const requested = input.recorded.requestedPeriod;

  // Precedence (issue #2, DOMAIN.md): contradictory facts must be corrected first; any referral
  // trigger then refers the case whatever else holds; otherwise a missing fact blocks a proposal,
  // any unmet criterion refuses, and all met grants.
  let outcome: ProposedOutcome;
  if (contradictions.length > 0) outcome = 'INCOMPLETE';
  else if (referralTriggers.length > 0) outcome = 'REFER';
  else if (missingFacts.length > 0) outcome = 'INCOMPLETE';
  else if (unmetCriteria.length > 0) outcome = 'REFUSE';
  else if (!requested) {
    outcome = 'INCOMPLETE';
    missingFacts.push(REQUESTED_PERIOD);
  } else outcome = 'GRANT';
  return { criteria, contradictions, outcome, unmetCriteria, referralTriggers, missingFacts };
}

/** Evaluates every criterion and contradiction check and proposes an outcome. */
export async function evaluate(compiled: CompiledRuleSet, input: EvaluationInput): Promise<Proposal> {
  const { ruleSet } = compiled;
  const { criteria, contradictions, outcome, unmetCriteria, referralTriggers, missingFacts } = await assess(compiled, input);
  const requested = input.recorded.requestedPeriod as { from: IsoDate; to: IsoDate } | undefined;

  const plan = outcome === 'GRANT' && requested ? planGrant(ruleSet, requested) : null;
  const legalBases = outcome === 'INCOMPLETE' ? null : legalBasesOf(ruleSet);
  const consent = input.recorded.consentToShareWithDistrictOffice;

  return {
    schemaVersion: 1,
    outcome,
    decisionDate: input.decisionDate,
    ruleSet: {
      id: ruleSet.id,
      version: ruleSet.version,
      sha256: compiled.published.sha256,
      validFrom: ruleSet.validFrom,
      ...(ruleSet.validTo !== undefined ? { validTo: ruleSet.validTo } : {}),
      // Set by the service from the stored approval; the engine itself knows none.
      approval: null,
    },
    inputSha256: inputHash(input),
    applicant: input.applicant,
    // A copy of its own, not a reference into legalBases: a proposal is plain data.
    legalBasis: outcome === 'INCOMPLETE' ? null : legalBasisOf(ruleSet, outcome),
    legalBases,
    considerationOfRight: {
      lagrum: citeAll(ruleSet, ruleSet.considerationOfRight.lagrum),
      reason: ruleSet.considerationOfRight.reasons[outcome],
      reasonByOutcome:
        outcome === 'INCOMPLETE'
          ? null
          : {
              GRANT: ruleSet.considerationOfRight.reasons.GRANT,
              REFUSE: ruleSet.considerationOfRight.reasons[outcome === 'REFER' ? 'REFUSE_AFTER_REFERRAL' : 'REFUSE'],
              REFER: ruleSet.considerationOfRight.reasons.REFER,
            },
    },
    criteria,
    unmetCriteria,
    referralTriggers: outcome === 'REFER' ? referralTriggers : [],
    missingFacts: outcome === 'INCOMPLETE' ? missingFacts : [],
    contradictions,
    period: plan ? plan.period : null,
    followUp: plan ? plan.milestones : [],
    followUpParameters: plan ? plan.followUpParameters : null,
    referral:
      outcome === 'REFER'
        ? { consentToShare: consent ?? null, informationMayBeShared: consent === true, consentLagrum: citeAll(ruleSet, ruleSet.referral.consentLagrum) }
        : null,
    retention: {
      period: duration(ruleSet.parameters.retentionPeriod),
      researchSampleBirthDays: [...ruleSet.parameters.researchSampleBirthDays.value],
    },
  };
}

function legalBasisOf(ruleSet: RuleSet, outcome: SignableOutcome): LegalBasis {
  const basis = ruleSet.outcomes[outcome];
  return {
    lagrum: citeAll(ruleSet, basis.lagrum),
    appealRoute: basis.appealRoute,
    appealLagrum: basis.appealRoute === 'NONE' ? [] : citeAll(ruleSet, ruleSet.appealRoutes[basis.appealRoute].lagrum),
  };
}

function legalBasesOf(ruleSet: RuleSet): Record<SignableOutcome, LegalBasis> {
  return { GRANT: legalBasisOf(ruleSet, 'GRANT'), REFUSE: legalBasisOf(ruleSet, 'REFUSE'), REFER: legalBasisOf(ruleSet, 'REFER') };
}

/** The annotated result tree, without the `all` added around a bare condition. */
function unwrap(conditions: ConditionNode, result: RuleResult): Record<string, unknown> {
  const raw = (result.conditions as unknown) as Record<string, unknown>;
  return 'fact' in conditions ? ((raw.all as unknown[])[0] as Record<string, unknown>) : raw;
}

function dedupeMissing(items: MissingFact[]): MissingFact[] {
  const seen = new Map<string, MissingFact>();
  for (const item of items) if (!seen.has(item.fact)) seen.set(item.fact, item);
  return [...seen.values()];
}
