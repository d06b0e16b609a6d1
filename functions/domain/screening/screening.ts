/**
 * Anonymous pre-check for outreach tools: the likely path for a person, from an age (or a birth
 * year and month) and yes/no facts. It accepts no name, no identity number and no free text, and
 * nothing about the person is stored; only counts per month and path.
 */
import type { DomainContext } from '../context';
import { type IsoDate, ageOn, daysInMonth, todayInStockholm } from '../dates';
import { compile, evaluate } from '../engine';
import { type Proposal } from '../proposal-schema';
import type { EngineFacts } from '../facts';
import { type ScreeningPath, screeningRequestSchema } from './screening-request';
import type { RuleSetCatalog } from '../rule-set-catalog';
import { ValidationError } from '../errors';
import { issuesFromZod } from '../validation';

export interface ScreeningResult {
  likelyPath: ScreeningPath;
  decisionDate: string;
  ruleSet: Proposal['ruleSet'];
  /** The age the check used; a range when only the birth month is known and the birthday may fall either side. */
  age: { min: number; max: number };
  criteria: Array<{ id: string; title: string; status: string; lagrum: string[]; reason: string }>;
  refusalReasons: string[];
  referralReasons: string[];
  missingFacts: string[];
  note: string;
}

const PATH_OF: Record<Proposal['outcome'], ScreeningPath> = {
  GRANT: 'JOBBTORG_DECISION',
  REFUSE: 'REFUSAL',
  REFER: 'REFERRAL',
  INCOMPLETE: 'MORE_INFORMATION_NEEDED',
};

const NOTES: Record<ScreeningPath, string> = {
  JOBBTORG_DECISION: 'Personen kan vara aktuell för ett beslut om särskild individanpassad stödinsats hos Jobbtorg. Beslutet fattas efter en ansökan och en utredning.',
  REFUSAL: 'Personen uppfyller troligen inte villkoren för insatsen. Råd och stöd på Jobbtorg kan ändå vara aktuellt.',
  REFERRAL: 'Personen bör hänvisas till stadsdelsförvaltningen, som prövar behovet.',
  MORE_INFORMATION_NEEDED: 'Uppgifter saknas för att bedöma vägen. Se vilka som saknas.',
  DEPENDS_ON_EXACT_BIRTH_DATE: 'Utfallet beror på exakt födelsedag, eftersom personen fyller år i beslutsmånaden. Ange åldern i stället.',
};

/** The youngest and oldest a person born in `yyyy-mm` can be on `date`. */
function ageRange(birthYearMonth: string, date: IsoDate): { min: number; max: number } {
  const [y, m] = birthYearMonth.split('-').map(Number) as [number, number];
  const first = `${birthYearMonth}-01` as IsoDate;
  const last = `${birthYearMonth}-${String(daysInMonth(y, m)).padStart(2, '0')}` as IsoDate;
  return { min: ageOn(last, date), max: ageOn(first, date) };
}

export async function screen(catalog: RuleSetCatalog, body: unknown, now: Date): Promise<ScreeningResult> {
  const parsed = screeningRequestSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  const request = parsed.data;
  const decisionDate = (request.decisionDate ?? todayInStockholm(now)) as IsoDate;
  // No rule set for the date throws NoRuleSetForDateError: nothing falls back to another.
  const published = catalog.forDate(decisionDate);
  if (request.birthYearMonth && `${request.birthYearMonth}-01` > decisionDate) {
    throw new ValidationError([{ path: 'birthYearMonth', message: 'Födelsemånaden ligger efter beslutsdatumet.' }]);
  }
  const age = request.age !== undefined ? { min: request.age, max: request.age } : ageRange(request.birthYearMonth as string, decisionDate);
  const compiled = compile(published);
  const run = (years: number) =>
    evaluate(compiled, {
      decisionDate,
      applicant: { age: years, identityKind: 'personnummer' },
      facts: { age: years, ...(request.facts as Omit<EngineFacts, 'age'>) },
      // The requested period is not part of a pre-check; a likely grant is reported as such.
      recorded: { requestedPeriod: { from: decisionDate, to: decisionDate } },
    });
  const [youngest, oldest] = await Promise.all([run(age.min), run(age.max)]);
  const sameOutcome = youngest.outcome === oldest.outcome && youngest.unmetCriteria.join() === oldest.unmetCriteria.join();
  const p = youngest;
  const likelyPath = sameOutcome ? PATH_OF[p.outcome] : 'DEPENDS_ON_EXACT_BIRTH_DATE';
  return {
    likelyPath,
    decisionDate,
    ruleSet: p.ruleSet,
    age,
    criteria: p.criteria.map((c) => ({ id: c.id, title: c.title, status: c.status, lagrum: c.lagrum.map((l) => l.text), reason: c.reason })),
    refusalReasons: p.criteria.filter((c) => c.status === 'NOT_MET' && c.onNotMet === 'REFUSE').map((c) => c.title),
    referralReasons: p.criteria.filter((c) => c.status === 'NOT_MET' && c.onNotMet === 'REFER').map((c) => c.title),
    missingFacts: p.missingFacts.map((m) => m.label),
    note: NOTES[likelyPath],
  };
}

/** The use case: the anonymous pre-check under the rule set in force; only a count per month and path is kept. */
export async function screenAnonymously(ctx: DomainContext, body: unknown): Promise<ScreeningResult> {
  const result = await screen(ctx.ruleSets(), body, ctx.clock());
  await ctx.store.countScreening(result.decisionDate.slice(0, 7), result.likelyPath);
  return result;
}
