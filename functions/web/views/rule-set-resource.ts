/**
 * A rule set as GET /v1/rule-sets/{id} gives it (only what the page reads), and the Swedish way
 * the page writes a parameter's value.
 */

/** A provision as the API renders it: in full for text, abbreviated for tables and lists. */
export interface Citation {
  text: string;
  short: string;
}

export interface RuleSetApproval {
  ruleSetId: string;
  version: number;
  sha256: string;
  approvedAt: string;
  approvedBy: { name: string; title: string };
  confirmedParameters: string[];
  confirmedReferences: string[];
  note?: string;
  /** Recorded by the local server, never a real review. */
  development: boolean;
}

export interface RuleSetStatus {
  status: 'APPROVED' | 'DRAFT';
  /** Swedish, e.g. `Utkast – inte godkänt`. */
  statusText: string;
  approval: RuleSetApproval | null;
}

interface Reviewed {
  source: string;
  status: 'CONFIRMED' | 'UNCONFIRMED';
}

export type Parameter = Reviewed & { description: string } & (
  | { value: number; unit: 'years' | 'months' | 'weeks' | 'days' }
  | { value: number[]; unit: 'dayOfMonth' }
);

export interface ChecklistItem {
  key: string;
  label: string;
  confirmedInFile: boolean;
}

export interface RuleSet extends RuleSetStatus {
  id: string;
  version: number;
  title: string;
  validFrom: string;
  validTo?: string | null;
  sha256: string;
  source: { guideline: string; title: string };
  assumptions: Array<{ id: string; text: string }>;
  parameters: Record<string, Parameter>;
  references: Array<Reviewed & { key: string; about: string; citation: Citation }>;
  criteria: Array<{ id: string; title: string; description: string; citations: Citation[]; onNotMet: string; whatWouldChange?: string }>;
  /** What a reviewer confirms one by one. */
  review: { parameters: ChecklistItem[]; references: ChecklistItem[] };
}

const UNIT: Record<string, [one: string, many: string]> = {
  years: ['år', 'år'],
  months: ['månad', 'månader'],
  weeks: ['vecka', 'veckor'],
  days: ['dag', 'dagar'],
};

/** `5, 15 och 25`. */
export function swedishList(items: Array<string | number>): string {
  const texts = items.map(String);
  return texts.length <= 1 ? texts.join('') : `${texts.slice(0, -1).join(', ')} och ${texts[texts.length - 1]}`;
}

/** `19 år`, `1 månad`, `den 5, 15 och 25 i månaden`. */
export function parameterValue(p: Parameter): string {
  if (p.unit === 'dayOfMonth') return `den ${swedishList(p.value)} i månaden`;
  const unit = UNIT[p.unit];
  return unit ? `${p.value} ${p.value === 1 ? unit[0] : unit[1]}` : `${p.value} ${p.unit}`;
}

/**
 * A rule set's own texts may name another rule set by its id (`jobbtorg-sis-sol2001`); the page
 * names it by its title, as a reader knows it.
 */
export function nameRuleSets(text: string, ruleSets: Array<{ id: string; title: string }>): string {
  return ruleSets.reduce((result, r) => result.split(r.id).join(`”${r.title}”`), text);
}

/**
 * An assumption as the rule set's texts refer to it: `A7_PERIOD_OCH_UPPFOLJNING` is
 * "Antagande A7", which the sources cite as "Antagande (A7)".
 */
export const assumptionName = (id: string) => `Antagande ${id.split('_')[0]}`;
