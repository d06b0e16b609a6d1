/**
 * Anonymous pre-check for outreach tools: the likely path for a person, from an age (or a birth
 * year and month) and yes/no facts. It accepts no name, no identity number and no free text, and
 * nothing about the person is stored; only counts per month and path.
 */
import * as z from 'zod/mini';
import { type IsoDate, ageOn, daysInMonth, todayInStockholm } from './dates';
import { compile, evaluate } from './engine';
import { type Proposal } from './proposal';
import { type EngineFacts, NEED_LEVELS, SOCIAL_SERVICES_CONTACT, isoDateSchema } from './facts';
import type { RuleSetCatalog } from './rule-set-catalog';
import { ValidationError } from './errors';
import { issuesFromZod } from './validation';

const yesNo = z.optional(z.boolean({ error: 'Ange true eller false.' }));

export const screeningRequestSchema = z
  .strictObject({
    decisionDate: z.optional(isoDateSchema),
    age: z.optional(z.int({ error: 'Ange åldern i hela år.' }).check(z.minimum(0, 'Åldern kan inte vara negativ.'), z.maximum(130, 'Ange en ålder upp till 130 år.'))),
    birthYearMonth: z.optional(z.string({ error: 'Ange födelseår och månad som ÅÅÅÅ-MM.' }).check(z.regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'Ange födelseår och månad som ÅÅÅÅ-MM.'))),
    facts: z.strictObject(
      {
        reachedThroughOutreach: yesNo,
        working: yesNo,
        studying: yesNo,
        forsorjningsstod: yesNo,
        socialServicesContact: z.optional(z.enum(SOCIAL_SERVICES_CONTACT, { error: 'Välj NONE, CONTACT eller ONGOING_INSATS.' })),
        apparentEntitlementNeed: yesNo,
        assessedNeed: z.optional(z.enum(NEED_LEVELS, { error: 'Välj ADVICE_AND_SUPPORT eller DEEPER_INDIVIDUAL_SUPPORT.' })),
        woman: yesNo,
        weakLabourMarketPosition: yesNo,
      },
      // The pre-check is anonymous: names, numbers and free text have no field to go in.
      { error: 'Förhandsbedömningen tar bara emot ja/nej-uppgifter och val, aldrig namn, personnummer eller fritext.' },
    ),
  })
  .check(
    z.refine((r) => (r.age === undefined) !== (r.birthYearMonth === undefined), {
      message: 'Ange antingen age (ålder) eller birthYearMonth (ÅÅÅÅ-MM), inte båda och inte inget. Ange aldrig personnummer.',
      path: ['age'],
    }),
  );

export const SCREENING_PATHS = ['JOBBTORG_DECISION', 'REFUSAL', 'REFERRAL', 'MORE_INFORMATION_NEEDED', 'DEPENDS_ON_EXACT_BIRTH_DATE'] as const;
export type ScreeningPath = (typeof SCREENING_PATHS)[number];

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
