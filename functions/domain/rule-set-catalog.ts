/**
 * The published rule sets, validated as a whole, and the choice of rule set by decision date.
 * Pure: the caller reads the files (see functions/rule-sets/load-files.ts).
 */
import { type IsoDate, compareDates } from './dates';
import { canonicalSha256 } from './canonical-json';
import { isEngineFactName } from './facts';
import { type ConditionNode, type LagrumRef, type RuleSet, REQUIRED_PARAMETERS, referenceKey, ruleSetSchema } from './rule-set-schema';
import { NoRuleSetForDateError } from './errors';
import { type ValidationIssue, issuesFromZod } from './validation';

export interface PublishedRuleSet {
  ruleSet: RuleSet;
  /** sha256 of the canonical JSON of the validated rule set. */
  sha256: string;
  /** Where it came from, for error messages (a file path). */
  origin: string;
}

export class RuleSetError extends Error {
  readonly code = 'RULE_SET_INVALID';
  constructor(
    readonly origin: string,
    readonly issues: ValidationIssue[],
  ) {
    super(`Regelverket i ${origin} är ogiltigt:\n${issues.map((i) => `  ${i.path || '(roten)'}: ${i.message}`).join('\n')}`);
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;
const TEXT_PLACEHOLDERS_ALLOWED = new Set(['matchedAlternatives']);

function collectLeaves(node: ConditionNode, out: Array<Extract<ConditionNode, { fact: string }>> = []) {
  if ('all' in node) node.all.forEach((c) => collectLeaves(c, out));
  else if ('any' in node) node.any.forEach((c) => collectLeaves(c, out));
  else if ('not' in node) collectLeaves(node.not, out);
  else out.push(node);
  return out;
}

function collectLabels(node: ConditionNode, out: string[] = []): string[] {
  if (node.label) out.push(node.label);
  if ('all' in node) node.all.forEach((c) => collectLabels(c, out));
  else if ('any' in node) node.any.forEach((c) => collectLabels(c, out));
  else if ('not' in node) collectLabels(node.not, out);
  return out;
}

const isParameterFact = (name: string) => name.startsWith('param.');

/** Checks what the schema cannot: that every name a rule set uses refers to something real. */
export function crossCheck(ruleSet: RuleSet): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const statuteIds = new Set(ruleSet.statutes.map((s) => s.id));
  const parameterNames = new Set<string>(REQUIRED_PARAMETERS);

  const referenceKeys = new Map<string, number>();
  ruleSet.references.forEach((ref, i) => {
    const key = referenceKey(ref);
    if (!statuteIds.has(ref.statute)) {
      issues.push({ path: `references.${i}.statute`, message: `Lagen '${ref.statute}' finns inte i listan statutes.` });
    }
    if (referenceKeys.has(key)) issues.push({ path: `references.${i}`, message: `Hänvisningen ${key} finns två gånger i references.` });
    referenceKeys.set(key, i);
  });
  const cited = new Set<string>();
  const checkLagrum = (refs: LagrumRef[], path: string) =>
    refs.forEach((ref, i) => {
      if (!('statute' in ref)) return;
      if (!statuteIds.has(ref.statute)) {
        issues.push({ path: `${path}.${i}.statute`, message: `Lagen '${ref.statute}' finns inte i listan statutes.` });
      }
      const key = referenceKey(ref);
      cited.add(key);
      if (!referenceKeys.has(key)) {
        issues.push({ path: `${path}.${i}`, message: `Hänvisningen ${key} saknas i references (varje lagrum anges där med källa och granskningsstatus).` });
      }
    });

  const checkFactName = (name: string, path: string) => {
    if (isParameterFact(name)) {
      if (!parameterNames.has(name.slice('param.'.length))) {
        issues.push({ path, message: `Parametern '${name}' finns inte i parameters.` });
      }
    } else if (!isEngineFactName(name)) {
      issues.push({ path, message: `Uppgiften '${name}' är okänd. Se faktalistan i GLOSSARY.md.` });
    }
  };

  const checkText = (text: string, path: string, allowed: (name: string) => boolean) => {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const name = match[1] as string;
      if (!allowed(name)) issues.push({ path, message: `Platshållaren {{${name}}} är okänd.` });
    }
  };
  const knownInText = (name: string) =>
    TEXT_PLACEHOLDERS_ALLOWED.has(name) ||
    (isParameterFact(name) ? parameterNames.has(name.slice('param.'.length)) : isEngineFactName(name));
  const parametersOnly = (name: string) => isParameterFact(name) && parameterNames.has(name.slice('param.'.length));

  const checkConditions = (node: ConditionNode, path: string) => {
    collectLeaves(node).forEach((leaf) => {
      checkFactName(leaf.fact, `${path}.fact`);
      if (leaf.value !== null && typeof leaf.value === 'object' && !Array.isArray(leaf.value)) {
        checkFactName(leaf.value.fact, `${path}.value.fact`);
      }
    });
    collectLabels(node).forEach((label) => checkText(label, `${path}.label`, parametersOnly));
  };

  const seen = new Set<string>();
  ruleSet.criteria.forEach((criterion, i) => {
    const path = `criteria.${i}`;
    if (seen.has(criterion.id)) issues.push({ path: `${path}.id`, message: `Kriteriet ${criterion.id} finns två gånger.` });
    seen.add(criterion.id);
    checkLagrum(criterion.lagrum, `${path}.lagrum`);
    checkConditions(criterion.conditions, `${path}.conditions`);
    checkText(criterion.description, `${path}.description`, parametersOnly);
    // Printed as written as a letter's heading: nothing in it is filled in.
    if (criterion.topic !== undefined) checkText(criterion.topic, `${path}.topic`, () => false);
    for (const key of ['met', 'notMet', 'missing'] as const) {
      checkText(criterion.reasons[key], `${path}.reasons.${key}`, knownInText);
    }
    if (criterion.whatWouldChange) checkText(criterion.whatWouldChange, `${path}.whatWouldChange`, parametersOnly);
  });
  ruleSet.contradictions.forEach((c, i) => checkConditions(c.conditions, `contradictions.${i}.conditions`));
  checkLagrum(ruleSet.considerationOfRight.lagrum, 'considerationOfRight.lagrum');
  for (const outcome of ['GRANT', 'REFUSE', 'REFER'] as const) {
    checkLagrum(ruleSet.outcomes[outcome].lagrum, `outcomes.${outcome}.lagrum`);
  }
  checkLagrum(ruleSet.referral.consentLagrum, 'referral.consentLagrum');
  for (const route of ['LAGLIGHETSPROVNING', 'FORVALTNINGSBESVAR'] as const) {
    checkLagrum(ruleSet.appealRoutes[route].lagrum, `appealRoutes.${route}.lagrum`);
  }
  for (const [key, i] of referenceKeys) {
    if (!cited.has(key)) issues.push({ path: `references.${i}`, message: `Hänvisningen ${key} används inte av något kriterium, utfall eller överklagandesätt.` });
  }
  if (ruleSet.validTo !== undefined && compareDates(ruleSet.validTo as IsoDate, ruleSet.validFrom as IsoDate) < 0) {
    issues.push({ path: 'validTo', message: 'validTo ligger före validFrom.' });
  }
  if (ruleSet.parameters.ageMin.value > ruleSet.parameters.ageMax.value) {
    issues.push({ path: 'parameters.ageMin', message: 'ageMin är större än ageMax.' });
  }
  return issues;
}

/** Validates one parsed rule-set document; throws RuleSetError naming every problem. */
export function publishRuleSet(document: unknown, origin: string): PublishedRuleSet {
  const parsed = ruleSetSchema.safeParse(document);
  if (!parsed.success) throw new RuleSetError(origin, issuesFromZod(parsed.error.issues));
  const issues = crossCheck(parsed.data);
  if (issues.length > 0) throw new RuleSetError(origin, issues);
  return { ruleSet: parsed.data, sha256: canonicalSha256(parsed.data), origin };
}

export class RuleSetCatalog {
  private readonly sets: PublishedRuleSet[];

  constructor(sets: PublishedRuleSet[]) {
    this.sets = [...sets].sort((a, b) => compareDates(a.ruleSet.validFrom as IsoDate, b.ruleSet.validFrom as IsoDate));
    const ids = new Map<string, PublishedRuleSet>();
    for (const s of this.sets) {
      const earlier = ids.get(s.ruleSet.id);
      if (earlier && earlier.ruleSet.version === s.ruleSet.version && earlier.sha256 !== s.sha256) {
        // An approval names id, version and content: two contents under one name would let an
        // edited copy pass for the approved one.
        throw new RuleSetError(s.origin, [
          { path: 'id', message: `${s.ruleSet.id} version ${s.ruleSet.version} finns också i ${earlier.origin}, med samma id och version men annat innehåll.` },
        ]);
      }
      if (earlier) throw new RuleSetError(s.origin, [{ path: 'id', message: `Id ${s.ruleSet.id} används redan.` }]);
      ids.set(s.ruleSet.id, s);
    }
    // Two rule sets in force on the same day would make the choice arbitrary: refuse to start.
    for (let i = 1; i < this.sets.length; i++) {
      const prev = this.sets[i - 1] as PublishedRuleSet;
      const next = this.sets[i] as PublishedRuleSet;
      if (prev.ruleSet.validTo === undefined || compareDates(prev.ruleSet.validTo as IsoDate, next.ruleSet.validFrom as IsoDate) >= 0) {
        throw new RuleSetError(next.origin, [
          { path: 'validFrom', message: `Giltighetstiden överlappar regelverket ${prev.ruleSet.id} (${prev.origin}).` },
        ]);
      }
    }
  }

  list(): PublishedRuleSet[] {
    return [...this.sets];
  }

  get(id: string): PublishedRuleSet | undefined {
    return this.sets.find((s) => s.ruleSet.id === id);
  }

  /** The rule set in force on `date`. Never falls back to another: no match is an error. */
  forDate(date: IsoDate): PublishedRuleSet {
    const match = this.sets.find(
      (s) =>
        compareDates(s.ruleSet.validFrom as IsoDate, date) <= 0 &&
        (s.ruleSet.validTo === undefined || compareDates(date, s.ruleSet.validTo as IsoDate) <= 0),
    );
    if (!match) {
      throw new NoRuleSetForDateError(
        date,
        this.sets.map((s) => ({ id: s.ruleSet.id, validFrom: s.ruleSet.validFrom, validTo: s.ruleSet.validTo })),
      );
    }
    return match;
  }
}

/** Replaces `{{name}}` placeholders; unknown names were rejected when the rule set was loaded. */
export function interpolate(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => lookup(name) ?? whole);
}
