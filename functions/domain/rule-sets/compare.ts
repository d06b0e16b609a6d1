/**
 * What one rule set changes against another, in Swedish a legal reviewer reads: criteria added,
 * removed or changed (conditions, lagrum, texts), parameters (old → new), statutes and the
 * provisions cited, outcomes and how they are appealed. Pure over the two published rule sets.
 *
 * Each field is compared in the form that decides: conditions and texts as written (a text that
 * names a parameter changes only when its wording does; the parameter itself is listed once under
 * Parametrar), lagrum as cited, so a statute whose SFS number changes shows in every citation of it.
 * Values are shown as the reviewer reads them: conditions in words, parameters with their units,
 * placeholders filled from the rule set they belong to.
 */
import { canonicalJson } from '../canonical-json';
import { NotFoundError, ValidationError } from '../errors';
import { FACT_CATALOG, isEngineFactName } from '../facts';
import { appealLabels, describeConditions, formatParameter, outcomeLabels } from '../explain';
import { citeAll } from '../lagrum';
import { interpolate, type PublishedRuleSet, type RuleSetCatalog } from '../rule-set-catalog';
import { type ConditionNode, type LagrumRef, PARAMETER_NAMES, type RuleSet, durationParameter, referenceKey } from '../rule-set-schema';

/** One field that differs: its stable name, its Swedish label, and the value before and after (null: not there). */
export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** A criterion, parameter, provision …: its stable key, its Swedish name, and what differs. */
export interface ComparedItem {
  key: string;
  name: string;
  changes: FieldChange[];
}

export const COMPARISON_SECTIONS = [
  'general',
  'criteria',
  'parameters',
  'statutes',
  'references',
  'outcomes',
  'appealRoutes',
  'considerationOfRight',
  'referral',
  'contradictions',
  'assumptions',
] as const;
export type ComparisonSectionKey = (typeof COMPARISON_SECTIONS)[number];

export interface ComparisonSection {
  key: ComparisonSectionKey;
  title: string;
  added: ComparedItem[];
  removed: ComparedItem[];
  changed: ComparedItem[];
}

export interface RuleSetRef {
  id: string;
  version: number;
  title: string;
  validFrom: string;
  validTo: string | null;
  sha256: string;
}

export interface RuleSetComparison {
  /** What is compared against: by default the rule set the subject follows. */
  base: RuleSetRef;
  subject: RuleSetRef;
  identical: boolean;
  /** One Swedish line per section with changes, e.g. `Kriterier: 1 tillagt, 2 ändrade`. */
  summary: string[];
  sections: ComparisonSection[];
}

const SECTION_TITLES: Record<ComparisonSectionKey, string> = {
  general: 'Allmänt',
  criteria: 'Kriterier',
  parameters: 'Parametrar',
  statutes: 'Författningar',
  references: 'Lagrum som regelverket hänvisar till',
  outcomes: 'Utfall och rättslig grund',
  appealRoutes: 'Överklagande',
  considerationOfRight: 'Prövning mot rätten till bistånd',
  referral: 'Hänvisning till stadsdelsförvaltningen',
  contradictions: 'Motstridiga uppgifter',
  assumptions: 'Antaganden',
};

/** A field of an item: how it is compared (`key`) and how it is shown (`text`) in one rule set. */
interface Field<T> {
  field: string;
  label: string;
  key: (item: T, ruleSet: RuleSet) => string | null;
  text: (item: T, ruleSet: RuleSet) => string | null;
}

/** A parameter's description up to its first full stop or parenthesis: a name for a heading. */
const shortDescription = (description: string) => (description.trim().split(/ \(|\. /)[0] as string).replace(/\.$/, '');

const raw = (value: unknown) => (value === undefined ? null : canonicalJson(value));

/** A text as the reviewer reads it: parameters filled in, a fact a reason names shown by its label. */
function readable(ruleSet: RuleSet, text: string | undefined): string | null {
  if (text === undefined) return null;
  return interpolate(text.trim(), (name) => {
    if (name.startsWith('param.')) {
      const parameter = durationParameter(ruleSet, name.slice(6));
      return parameter ? String(parameter.value) : undefined;
    }
    if (name === 'matchedAlternatives') return '‹den eller de målgrupper som är uppfyllda›';
    return isEngineFactName(name) ? `‹${FACT_CATALOG[name].label}›` : undefined;
  });
}

const citations = (ruleSet: RuleSet, refs: LagrumRef[]) => citeAll(ruleSet, refs).map((c) => c.text).join('; ');
const conditionsText = (ruleSet: RuleSet, node: ConditionNode) => describeConditions(ruleSet, node).map((line) => line.trimEnd()).join('\n');
const reviewText = (p: { status: string; confirmedBy?: string; confirmedOn?: string }) =>
  p.status === 'CONFIRMED' ? `bekräftad av ${p.confirmedBy ?? '?'} ${p.confirmedOn ?? ''}`.trim() : 'inte bekräftad';
const onNotMetText = (v: string) => (v === 'REFER' ? 'hänvisning till stadsdelsförvaltningen' : 'avslag');

/** A text field compared as written and shown with its rule set's parameters. */
const textField = <T>(field: string, label: string, get: (item: T) => string | undefined): Field<T> => ({
  field,
  label,
  key: (item) => raw(get(item)?.trim()),
  text: (item, ruleSet) => readable(ruleSet, get(item)),
});
/** A list of lagrum, compared and shown as cited (statute names and SFS numbers included). */
const lagrumField = <T>(field: string, label: string, get: (item: T) => LagrumRef[] | undefined): Field<T> => ({
  field,
  label,
  key: (item, ruleSet) => (get(item) ? citations(ruleSet, get(item) as LagrumRef[]) : null),
  text: (item, ruleSet) => (get(item) ? citations(ruleSet, get(item) as LagrumRef[]) : null),
});
const plainField = <T>(field: string, label: string, get: (item: T, ruleSet: RuleSet) => string | null | undefined): Field<T> => ({
  field,
  label,
  key: (item, ruleSet) => get(item, ruleSet) ?? null,
  text: (item, ruleSet) => get(item, ruleSet) ?? null,
});

function changesOf<T>(fields: Field<T>[], before: { item: T; ruleSet: RuleSet } | undefined, after: { item: T; ruleSet: RuleSet } | undefined): FieldChange[] {
  return fields.flatMap((f) => {
    const beforeKey = before ? f.key(before.item, before.ruleSet) : null;
    const afterKey = after ? f.key(after.item, after.ruleSet) : null;
    if (beforeKey === afterKey) return [];
    return [{ field: f.field, label: f.label, before: before ? f.text(before.item, before.ruleSet) : null, after: after ? f.text(after.item, after.ruleSet) : null }];
  });
}

/** Items matched by key: those only in the subject are added, only in the base removed, in both and different changed. */
function section<T>(
  key: ComparisonSectionKey,
  base: RuleSet,
  subject: RuleSet,
  itemsOf: (ruleSet: RuleSet) => Array<{ key: string; item: T }>,
  nameOf: (item: T, ruleSet: RuleSet) => string,
  fields: Field<T>[],
): ComparisonSection {
  const before = new Map(itemsOf(base).map((i) => [i.key, i.item]));
  const after = new Map(itemsOf(subject).map((i) => [i.key, i.item]));
  const out: ComparisonSection = { key, title: SECTION_TITLES[key], added: [], removed: [], changed: [] };
  for (const [k, item] of after) {
    const old = before.get(k);
    if (old === undefined) {
      out.added.push({ key: k, name: nameOf(item, subject), changes: changesOf(fields, undefined, { item, ruleSet: subject }) });
      continue;
    }
    const changes = changesOf(fields, { item: old, ruleSet: base }, { item, ruleSet: subject });
    if (changes.length > 0) out.changed.push({ key: k, name: nameOf(item, subject), changes });
  }
  for (const [k, item] of before) {
    if (!after.has(k)) out.removed.push({ key: k, name: nameOf(item, base), changes: changesOf(fields, { item, ruleSet: base }, undefined) });
  }
  return out;
}

type Criterion = RuleSet['criteria'][number];
const criterionFields: Field<Criterion>[] = [
  textField('title', 'Kriteriets namn', (c) => c.title),
  textField('topic', 'Rubrik i beslutsbrevet', (c) => c.topic),
  textField('description', 'Beskrivning', (c) => c.description),
  lagrumField('lagrum', 'Lagrum', (c) => c.lagrum),
  plainField('onNotMet', 'Om kriteriet inte är uppfyllt', (c) => onNotMetText(c.onNotMet)),
  { field: 'conditions', label: 'Villkor', key: (c) => raw(c.conditions), text: (c, rs) => conditionsText(rs, c.conditions) },
  textField('reasons.met', 'Skäl när kriteriet är uppfyllt', (c) => c.reasons.met),
  textField('reasons.notMet', 'Skäl när kriteriet inte är uppfyllt', (c) => c.reasons.notMet),
  textField('reasons.missing', 'Text när en uppgift saknas', (c) => c.reasons.missing),
  textField('whatWouldChange', 'Vad som skulle behöva vara annorlunda', (c) => c.whatWouldChange),
];

type AnyParameter = RuleSet['parameters'][(typeof PARAMETER_NAMES)[number]];
const parameterFields: Field<AnyParameter>[] = [
  plainField('value', 'Värde', (p) => formatParameter(p)),
  textField('description', 'Beskrivning', (p) => p.description),
  textField('source', 'Källa', (p) => p.source),
  plainField('status', 'Granskning i filen', (p) => reviewText(p)),
];

type Statute = RuleSet['statutes'][number];
const statuteFields: Field<Statute>[] = [
  plainField('title', 'Namn', (s) => s.title),
  plainField('sfs', 'SFS-nummer', (s) => s.sfs),
  plainField('citationName', 'Namn i hänvisningar', (s) => s.citationName),
  plainField('abbreviation', 'Förkortning', (s) => s.abbreviation),
];

type Reference = RuleSet['references'][number];
const referenceFields: Field<Reference>[] = [
  lagrumField('citation', 'Hänvisning', (r) => [r]),
  textField('about', 'Vad det gäller', (r) => r.about),
  textField('source', 'Källa', (r) => r.source),
  plainField('status', 'Granskning i filen', (r) => reviewText(r)),
];

type OutcomeKey = 'GRANT' | 'REFUSE' | 'REFER';
const outcomeFields: Field<OutcomeKey>[] = [
  { field: 'lagrum', label: 'Rättslig grund', key: (o, rs) => citations(rs, rs.outcomes[o].lagrum), text: (o, rs) => citations(rs, rs.outcomes[o].lagrum) },
  { field: 'appealRoute', label: 'Hur beslutet kan prövas', key: (o, rs) => rs.outcomes[o].appealRoute, text: (o, rs) => appealLabels[rs.outcomes[o].appealRoute] },
];

type RouteKey = 'LAGLIGHETSPROVNING' | 'FORVALTNINGSBESVAR';
const routeFields: Field<RouteKey>[] = [
  { field: 'lagrum', label: 'Lagrum', key: (r, rs) => citations(rs, rs.appealRoutes[r].lagrum), text: (r, rs) => citations(rs, rs.appealRoutes[r].lagrum) },
];

const RIGHT_TEXTS = [
  ['GRANT', 'Text vid beviljande'],
  ['REFUSE', 'Text vid avslag'],
  ['REFER', 'Text vid hänvisning'],
  ['INCOMPLETE', 'Text när underlaget inte är komplett'],
  ['REFUSE_AFTER_REFERRAL', 'Text vid avslag som personen begärt efter hänvisning'],
] as const;
type Right = RuleSet['considerationOfRight'];
const rightFields: Field<Right>[] = [
  lagrumField('lagrum', 'Lagrum som prövas först', (r) => r.lagrum),
  ...RIGHT_TEXTS.map(([key, label]) => textField<Right>(`reasons.${key}`, label, (r) => r.reasons[key])),
];

type Contradiction = RuleSet['contradictions'][number];
const contradictionFields: Field<Contradiction>[] = [
  textField('description', 'Beskrivning', (c) => c.description),
  { field: 'conditions', label: 'Villkor', key: (c) => raw(c.conditions), text: (c, rs) => conditionsText(rs, c.conditions) },
];

type General = RuleSet;
const generalFields: Field<General>[] = [
  plainField('title', 'Titel', (r) => r.title),
  plainField('version', 'Version', (r) => String(r.version)),
  plainField('validity', 'Gäller för beslutsdatum', (r) => `${r.validFrom} – ${r.validTo ?? 'tills vidare'}`),
  plainField('guideline', 'Riktlinje', (r) => `${r.source.guideline}: ${r.source.title}`),
  plainField('documents', 'Underlag', (r) => (r.source.documents ?? []).join('\n') || null),
];

const refOf = (p: PublishedRuleSet): RuleSetRef => ({
  id: p.ruleSet.id,
  version: p.ruleSet.version,
  title: p.ruleSet.title,
  validFrom: p.ruleSet.validFrom,
  validTo: p.ruleSet.validTo ?? null,
  sha256: p.sha256,
});

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function summaryLine(s: ComparisonSection): string | undefined {
  const parts = [
    s.added.length ? counted(s.added.length, 'tillagd', 'tillagda') : '',
    s.removed.length ? counted(s.removed.length, 'borttagen', 'borttagna') : '',
    s.changed.length ? counted(s.changed.length, 'ändrad', 'ändrade') : '',
  ].filter(Boolean);
  return parts.length ? `${s.title}: ${parts.join(', ')}` : undefined;
}

/** What `subject` changes against `base`. Pure. */
export function compareRuleSets(base: PublishedRuleSet, subject: PublishedRuleSet): RuleSetComparison {
  const b = base.ruleSet;
  const s = subject.ruleSet;
  const one = <T>(item: (rs: RuleSet) => T, key: string) => (rs: RuleSet) => [{ key, item: item(rs) }];
  const sections: ComparisonSection[] = [
    section('general', b, s, one((rs) => rs, 'ruleSet'), () => 'Regelverket', generalFields),
    section('criteria', b, s, (rs) => rs.criteria.map((c) => ({ key: c.id, item: c })), (c) => c.title, criterionFields),
    section(
      'parameters',
      b,
      s,
      (rs) => PARAMETER_NAMES.map((name) => ({ key: name, item: rs.parameters[name] as AnyParameter })),
      (p) => shortDescription(p.description),
      parameterFields,
    ),
    section('statutes', b, s, (rs) => rs.statutes.map((st) => ({ key: st.id, item: st })), (st) => st.title, statuteFields),
    section('references', b, s, (rs) => rs.references.map((r) => ({ key: referenceKey(r), item: r })), (r, rs) => citations(rs, [r]), referenceFields),
    section('outcomes', b, s, () => (['GRANT', 'REFUSE', 'REFER'] as const).map((o) => ({ key: o, item: o })), (o) => outcomeLabels[o], outcomeFields),
    section(
      'appealRoutes',
      b,
      s,
      () => (['LAGLIGHETSPROVNING', 'FORVALTNINGSBESVAR'] as const).map((r) => ({ key: r, item: r })),
      (r) => appealLabels[r],
      routeFields,
    ),
    section('considerationOfRight', b, s, one((rs) => rs.considerationOfRight, 'considerationOfRight'), () => 'Prövningen mot rätten till bistånd', rightFields),
    section(
      'referral',
      b,
      s,
      one((rs) => rs.referral, 'referral'),
      () => 'Samtycke till att uppgifter lämnas',
      [lagrumField<RuleSet['referral']>('consentLagrum', 'Lagrum för samtycket', (r) => r.consentLagrum)],
    ),
    section('contradictions', b, s, (rs) => rs.contradictions.map((c) => ({ key: c.id, item: c })), (c) => c.description.trim(), contradictionFields),
    section('assumptions', b, s, (rs) => rs.assumptions.map((a) => ({ key: a.id, item: a })), (a) => `Antagande ${a.id}`, [
      textField<RuleSet['assumptions'][number]>('text', 'Text', (a) => a.text),
    ]),
  ];
  const summary = sections.map(summaryLine).filter((line): line is string => line !== undefined);
  return { base: refOf(base), subject: refOf(subject), identical: summary.length === 0, summary, sections };
}

/**
 * The use case: rule set `id` against `withId`, or against the one it follows (the rule set in
 * force just before it). NotFoundError for an unknown id; a first rule set, which follows none,
 * needs `with`.
 */
export function compareInCatalog(catalog: RuleSetCatalog, id: string, withId: string | undefined): RuleSetComparison {
  const subject = catalog.get(id);
  if (!subject) throw new NotFoundError('Regelverket', id);
  if (withId !== undefined) {
    const base = catalog.get(withId);
    if (!base) throw new NotFoundError('Regelverket att jämföra med', withId);
    return compareRuleSets(base, subject);
  }
  const list = catalog.list();
  const previous = list[list.indexOf(subject) - 1];
  if (!previous) {
    throw new ValidationError(
      [{ path: 'with', message: `Regelverket ${id} följer inget annat regelverk. Ange vilket det ska jämföras med (with).` }],
      'Det finns inget tidigare regelverk att jämföra med.',
    );
  }
  return compareRuleSets(previous, subject);
}
