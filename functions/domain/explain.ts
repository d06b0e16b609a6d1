/**
 * Swedish prose for people: a proposal as a case worker reads it, and a rule set as a legal
 * reviewer reads it. Plain text, so it works in a terminal, a log-free report or a web page.
 */
import type { CriterionStatus, Milestone, Proposal, ProposedOutcome } from './proposal-schema';
import { FACT_CATALOG, isEngineFactName } from './facts';
import { citeAll } from './lagrum';
import { type ConditionNode, type DayListParameter, type Parameter, type RuleSet, durationParameter } from './rule-set-schema';
import { interpolate, type PublishedRuleSet } from './rule-set-catalog';

export const outcomeLabels: Record<ProposedOutcome, string> = {
  GRANT: 'Bevilja särskild individanpassad stödinsats',
  REFUSE: 'Avslå ansökan',
  REFER: 'Hänvisa till stadsdelsförvaltningen',
  INCOMPLETE: 'Inget förslag: uppgifter saknas eller är motstridiga',
};

export const statusLabels: Record<CriterionStatus, string> = {
  MET: 'uppfyllt',
  NOT_MET: 'inte uppfyllt',
  MISSING: 'kan inte bedömas, uppgift saknas',
};

export const milestoneLabels: Record<Milestone['kind'], string> = {
  FIRST_JOB_PLAN: 'första jobbplan upprättad',
  DEEPER_PLAN: 'fördjupad jobbplan upprättad',
  FOLLOW_UP: 'uppföljning',
  FINAL_FOLLOW_UP: 'uppföljning före periodens slut',
};

export const appealLabels = {
  LAGLIGHETSPROVNING: 'laglighetsprövning (inte förvaltningsbesvär)',
  FORVALTNINGSBESVAR: 'förvaltningsbesvär',
  NONE: 'inget överklagbart beslut',
} as const;

const unitLabels: Record<Parameter['unit'], [string, string]> = {
  years: ['år', 'år'],
  months: ['månad', 'månader'],
  weeks: ['vecka', 'veckor'],
  days: ['dag', 'dagar'],
};

export function formatParameter(p: Pick<Parameter, 'value' | 'unit'> | Pick<DayListParameter, 'value' | 'unit'>): string {
  if (p.unit === 'dayOfMonth') return `den ${(p.value as number[]).join(', ')} i månaden`;
  const [one, many] = unitLabels[p.unit];
  return `${p.value} ${p.value === 1 ? one : many}`;
}

const indent = (text: string, by = '   ') => text.split('\n').map((line) => (line ? by + line : line)).join('\n');

export function explainProposal(p: Proposal): string {
  const out: string[] = [];
  out.push(`Förslag: ${outcomeLabels[p.outcome]}`);
  out.push(`Beslutsdatum: ${p.decisionDate}`);
  out.push(`Regelverk: ${p.ruleSet.id} version ${p.ruleSet.version} (gäller ${p.ruleSet.validFrom}–${p.ruleSet.validTo ?? 'tills vidare'})`);
  out.push(`Sökande: ${p.applicant.age} år på beslutsdagen (${p.applicant.identityKind})`);
  if (p.legalBasis) {
    out.push(`Rättslig grund: ${p.legalBasis.lagrum.map((c) => c.text).join('; ')}`);
    const appeal = appealLabels[p.legalBasis.appealRoute];
    const via = p.legalBasis.appealLagrum.map((c) => c.text).join('; ');
    out.push(`Hur beslutet kan prövas: ${appeal}${via ? ` enligt ${via}` : ''}`);
  }
  out.push('', `Prövning mot ${p.considerationOfRight.lagrum.map((c) => c.text).join('; ')}:`, indent(p.considerationOfRight.reason));
  if (p.contradictions.length > 0) {
    out.push('', 'Motstridiga uppgifter som måste rättas:');
    for (const c of p.contradictions) {
      out.push(`   - ${c.description}`, `     (${c.facts.map((f) => `${f.label}: ${f.display}`).join(', ')})`);
    }
  }
  if (p.missingFacts.length > 0) {
    out.push('', 'Uppgifter som saknas:');
    for (const m of p.missingFacts) out.push(`   - ${m.label} (fält ${m.recordedAt})`);
  }
  out.push('', 'Kriterier:');
  p.criteria.forEach((c, i) => {
    out.push(`${i + 1}. ${c.title}: ${statusLabels[c.status]}`);
    out.push(`   Lagrum: ${c.lagrum.map((l) => l.text).join('; ')}`);
    out.push(indent(c.reason));
    if (c.factsUsed.length > 0) out.push(`   Uppgifter: ${c.factsUsed.map((f) => `${f.label}: ${f.display}`).join(', ')}`);
    if (c.whatWouldChange) out.push(`   Vad som skulle behöva vara annorlunda: ${c.whatWouldChange}`);
  });
  if (p.period) {
    out.push('', `Period: ${p.period.granted.from} – ${p.period.granted.to}` + (p.period.capped ? ` (ansökan gällde till ${p.period.requested.to}; längsta period är ${formatParameter(p.period.maxPeriod)})` : ''));
  }
  if (p.followUp.length > 0) {
    out.push('', 'Uppföljning:');
    for (const m of p.followUp) out.push(`   ${m.due}  ${milestoneLabels[m.kind]}`);
  }
  if (p.referral) {
    const lagrum = p.referral.consentLagrum.map((c) => c.text).join('; ');
    out.push(
      '',
      p.referral.informationMayBeShared
        ? `Personen har samtyckt till att uppgifter lämnas till stadsdelsförvaltningen (${lagrum}).`
        : `Samtycke finns inte antecknat: inga uppgifter får lämnas till stadsdelsförvaltningen (${lagrum}). Personen behöver själv kontakta stadsdelsförvaltningen.`,
    );
  }
  return out.join('\n') + '\n';
}

const operatorLabels: Record<string, string> = {
  equal: 'är',
  notEqual: 'är inte',
  lessThan: 'är mindre än',
  lessThanInclusive: 'är högst',
  greaterThan: 'är större än',
  greaterThanInclusive: 'är minst',
  in: 'är en av',
  notIn: 'är inte en av',
};

function describeValue(ruleSet: RuleSet, fact: string, value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
    const name = String((value as { fact: string }).fact);
    if (name.startsWith('param.')) {
      const parameter = durationParameter(ruleSet, name.slice(6));
      return parameter ? `${parameter.value} (parametern ${name.slice(6)})` : name;
    }
    return isEngineFactName(name) ? FACT_CATALOG[name].label : name;
  }
  if (Array.isArray(value)) return value.map((v) => describeValue(ruleSet, fact, v)).join(', ');
  return isEngineFactName(fact) ? FACT_CATALOG[fact].display(value) : String(value);
}

export function describeConditions(ruleSet: RuleSet, node: ConditionNode, depth = 0): string[] {
  const pad = '   '.repeat(depth);
  const label = node.label ? ` (${interpolate(node.label, (n) => (n.startsWith('param.') ? String(durationParameter(ruleSet, n.slice(6))?.value) : undefined))})` : '';
  if ('all' in node) return [`${pad}alla dessa${label}:`, ...node.all.flatMap((c) => describeConditions(ruleSet, c, depth + 1))];
  if ('any' in node) return [`${pad}minst ett av dessa${label}:`, ...node.any.flatMap((c) => describeConditions(ruleSet, c, depth + 1))];
  if ('not' in node) return [`${pad}inte${label}:`, ...describeConditions(ruleSet, node.not, depth + 1)];
  const factLabel = isEngineFactName(node.fact) ? FACT_CATALOG[node.fact].label : node.fact;
  return [`${pad}- ${factLabel} ${operatorLabels[node.operator] ?? node.operator} ${describeValue(ruleSet, node.fact, node.value)}${label}`];
}

const parameterStatusLabels = { UNCONFIRMED: 'EJ BEKRÄFTAD av jurist', CONFIRMED: 'bekräftad' } as const;

/** A rule set as a legal reviewer reads it (`npm run -s rules -- show ID`). */
export function describeRuleSet({ ruleSet, sha256, origin }: PublishedRuleSet): string {
  // Placeholders filled per case are shown as what they will say, so the reviewer reads a sentence.
  const lookup = (n: string) => {
    if (n.startsWith('param.')) return String(durationParameter(ruleSet, n.slice(6))?.value);
    if (n === 'matchedAlternatives') return '‹den eller de målgrupper som är uppfyllda›';
    return isEngineFactName(n) ? `‹${FACT_CATALOG[n].label}›` : `{{${n}}}`;
  };
  const out: string[] = [];
  out.push(`${ruleSet.title}`, '='.repeat(Math.min(ruleSet.title.length, 100)));
  out.push(`Id: ${ruleSet.id}   Version: ${ruleSet.version}   Fil: ${origin}`);
  out.push(`Gäller för beslut: ${ruleSet.validFrom} – ${ruleSet.validTo ?? 'tills vidare'}`);
  out.push(`Sha256: ${sha256}`);
  out.push(`Underlag: ${ruleSet.source.title} (${ruleSet.source.guideline})`);
  for (const d of ruleSet.source.documents ?? []) out.push(`   - ${d}`);
  out.push('', 'Författningar:');
  for (const s of ruleSet.statutes) out.push(`   - ${s.title}${s.abbreviation ? ` (${s.abbreviation})` : ''}, SFS ${s.sfs}`);
  out.push('', 'Parametrar:');
  for (const [name, p] of Object.entries(ruleSet.parameters) as Array<[string, Parameter | DayListParameter]>) {
    out.push(`   - ${name}: ${formatParameter(p)} [${parameterStatusLabels[p.status]}${p.confirmedBy ? `: ${p.confirmedBy} ${p.confirmedOn}` : ''}]`);
    out.push(`     ${p.description}`, `     Källa: ${p.source}`);
  }
  out.push('', 'Kriterier (alla prövas, i denna ordning):');
  ruleSet.criteria.forEach((c, i) => {
    out.push('', `${i + 1}. ${c.title} [${c.id}]`);
    out.push(indent(interpolate(c.description, lookup)));
    if (c.topic !== undefined) out.push(`   Rubrik i beslutsbrevet: ${c.topic}`);
    out.push(`   Lagrum: ${citeAll(ruleSet, c.lagrum).map((l) => l.text).join('; ')}`);
    out.push(`   Om kriteriet inte är uppfyllt: ${c.onNotMet === 'REFER' ? 'hänvisning till stadsdelsförvaltningen' : 'avslag'}`);
    out.push('   Villkor:', ...describeConditions(ruleSet, c.conditions, 2));
    out.push(`   Skäl när uppfyllt: ${interpolate(c.reasons.met, lookup)}`);
    out.push(`   Skäl när inte uppfyllt: ${interpolate(c.reasons.notMet, lookup)}`);
    out.push(`   När uppgift saknas: ${c.reasons.missing}`);
  });
  if (ruleSet.contradictions.length > 0) {
    out.push('', 'Motstridiga uppgifter som stoppar ett förslag:');
    for (const c of ruleSet.contradictions) out.push(`   - [${c.id}] ${c.description}`, ...describeConditions(ruleSet, c.conditions, 2));
  }
  out.push('', 'Utfall, rättslig grund och hur beslutet kan prövas:');
  for (const outcome of ['GRANT', 'REFUSE', 'REFER'] as const) {
    const basis = ruleSet.outcomes[outcome];
    const route = basis.appealRoute === 'NONE' ? appealLabels.NONE : `${appealLabels[basis.appealRoute]} enligt ${citeAll(ruleSet, ruleSet.appealRoutes[basis.appealRoute].lagrum).map((l) => l.text).join('; ')}`;
    out.push(`   - ${outcomeLabels[outcome]}: ${citeAll(ruleSet, basis.lagrum).map((l) => l.text).join('; ')}; ${route}`);
  }
  out.push('', `Prövning mot ${citeAll(ruleSet, ruleSet.considerationOfRight.lagrum).map((l) => l.text).join('; ')}, text per utfall:`);
  for (const [outcome, text] of Object.entries(ruleSet.considerationOfRight.reasons)) out.push(`   - ${outcome}: ${text}`);
  out.push('', 'Antaganden som en jurist ska bekräfta:');
  for (const a of ruleSet.assumptions) out.push(`   - [${a.id}] ${a.text}`);
  return out.join('\n') + '\n';
}
