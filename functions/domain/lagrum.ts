import type { LagrumRef, RuleSet } from './rule-set-schema';

/** A provision as it is cited in an explanation or a letter. */
export interface Citation {
  /** e.g. `4 kap. 2 § socialtjänstlagen (2001:453)` */
  text: string;
  /** e.g. `4 kap. 2 § SoL`, for tables and lists. */
  short: string;
  sfs?: string;
}

/** Citations already rendered, per rule set and reference: a proposal cites the same provisions every time. */
const rendered = new WeakMap<object, WeakMap<LagrumRef, Citation>>();

/** Renders a lagrum reference with the names the rule set gives its statutes (never code). */
export function cite(ruleSet: Pick<RuleSet, 'statutes' | 'source'>, ref: LagrumRef): Citation {
  let ofRuleSet = rendered.get(ruleSet);
  if (!ofRuleSet) rendered.set(ruleSet, (ofRuleSet = new WeakMap()));
  let citation = ofRuleSet.get(ref);
  if (!citation) ofRuleSet.set(ref, (citation = render(ruleSet, ref)));
  // A copy: each proposal holds plain data of its own.
  return { ...citation };
}

function render(ruleSet: Pick<RuleSet, 'statutes' | 'source'>, ref: LagrumRef): Citation {
  if ('guideline' in ref) {
    const base = `riktlinjen ${ruleSet.source.guideline}`;
    const text = ref.part ? `${base}, avsnittet ${ref.part}` : base;
    return { text, short: ref.part ? `${ruleSet.source.guideline} (${ref.part})` : ruleSet.source.guideline };
  }
  const statute = ruleSet.statutes.find((s) => s.id === ref.statute);
  if (!statute) throw new Error(`Unknown statute '${ref.statute}' (the rule set should have been rejected when loaded)`);
  const parts: string[] = [];
  if (ref.chapter !== undefined) parts.push(`${ref.chapter} kap.`);
  if (ref.section !== undefined) parts.push(`${ref.section} §`);
  if (ref.paragraph !== undefined) parts.push(`${ref.paragraph} st.`);
  const where = parts.join(' ');
  const text = where ? `${where} ${statute.citationName} (${statute.sfs})` : `${statute.citationName} (${statute.sfs})`;
  const short = where ? `${where} ${statute.abbreviation ?? statute.citationName}` : statute.abbreviation ?? statute.citationName;
  return { text, short, sfs: statute.sfs };
}

export function citeAll(ruleSet: Pick<RuleSet, 'statutes' | 'source'>, refs: LagrumRef[]): Citation[] {
  return refs.map((ref) => cite(ruleSet, ref));
}
