/**
 * The facts a case worker records (the boundary schema) and the flat engine facts the rule sets
 * reason over. A fact that is not recorded is absent: it is never guessed, and the engine reports
 * it as missing where a criterion needs it.
 */
import * as z from 'zod/mini';
import { type IsoDate, ageOn, parseIsoDate, compareDates } from './dates';
import { checkIdentityForm, identityErrorMessages, parseIdentityNumber, type IdentityKind } from './personnummer';

export const SOCIAL_SERVICES_CONTACT = ['NONE', 'CONTACT', 'ONGOING_INSATS'] as const;
export type SocialServicesContact = (typeof SOCIAL_SERVICES_CONTACT)[number];

export const NEED_LEVELS = ['ADVICE_AND_SUPPORT', 'DEEPER_INDIVIDUAL_SUPPORT'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

/** Assessment areas of the city's initial assessment and FIA (seed 001). */
export const ASSESSMENT_AREAS = [
  'EDUCATION',
  'WORK_EXPERIENCE',
  'SOCIAL_NETWORK',
  'MENTAL_HEALTH',
  'PHYSICAL_HEALTH',
  'DEPENDENCY',
  'HOUSING',
  'RELATIVES',
  'EARLIER_MEASURES',
  'WORK_GOALS',
] as const;

export const assessmentAreaLabels: Record<(typeof ASSESSMENT_AREAS)[number], string> = {
  EDUCATION: 'utbildning',
  WORK_EXPERIENCE: 'arbetslivserfarenhet',
  SOCIAL_NETWORK: 'socialt nätverk',
  MENTAL_HEALTH: 'psykisk hälsa',
  PHYSICAL_HEALTH: 'fysisk hälsa',
  DEPENDENCY: 'beroendefrågor',
  HOUSING: 'boende',
  RELATIVES: 'närståendes situation',
  EARLIER_MEASURES: 'tidigare arbetsmarknadsinsatser',
  WORK_GOALS: 'mål i fråga om arbete',
};

const yesNo = (what: string) => z.boolean({ error: `Ange ja (true) eller nej (false): ${what}.` });

/** A written ground for an assessment: what the case worker's judgement rests on. */
const grounds = z
  .string({ error: 'Skriv vad bedömningen grundar sig på.' })
  .check(
    z.refine((s) => s.trim().length > 0, 'Skriv vad bedömningen grundar sig på.'),
    z.maxLength(4000, 'Grunderna får vara högst 4 000 tecken.'),
  );

export const isoDateSchema = z
  .string({ error: 'Ange ett datum som ÅÅÅÅ-MM-DD.' })
  .check(z.refine((s) => parseIsoDate(s) !== undefined, 'Ange ett giltigt datum som ÅÅÅÅ-MM-DD.'));

export const identityNumberSchema = z.string({ error: 'Ange personnummer eller samordningsnummer.' }).check(
  z.superRefine((value, ctx) => {
    const error = checkIdentityForm(value);
    if (error) ctx.issues.push({ code: 'custom', message: identityErrorMessages[error], input: value });
  }),
);

export const periodSchema = z
  .strictObject({ from: isoDateSchema, to: isoDateSchema })
  .check(
    z.refine((p) => compareDates(p.from as IsoDate, p.to as IsoDate) <= 0, {
      message: 'Periodens slutdatum kan inte ligga före startdatumet.',
      path: ['to'],
    }),
  );

export const recordedFactsSchema = z.strictObject({
  reachedThroughOutreach: z.optional(yesNo('har personen nåtts genom det uppsökande uppdraget')),
  working: z.optional(yesNo('arbetar personen')),
  studying: z.optional(yesNo('studerar personen')),
  forsorjningsstod: z.optional(yesNo('får personen försörjningsstöd')),
  socialServicesContact: z.optional(
    z.enum(SOCIAL_SERVICES_CONTACT, {
      error: 'Välj NONE (ingen kontakt), CONTACT (kontakt) eller ONGOING_INSATS (pågående insats).',
    }),
  ),
  apparentEntitlementNeed: z.optional(
    z.strictObject({
      present: yesNo('finns ett behov som hör till rätten till bistånd (t.ex. pengar till levnadskostnader)'),
      description: z.optional(z.string().check(z.maxLength(4000, 'Beskrivningen får vara högst 4 000 tecken.'))),
    }),
  ),
  assessedNeed: z.optional(
    z.strictObject({
      level: z.enum(NEED_LEVELS, {
        error: 'Välj ADVICE_AND_SUPPORT (råd och stöd räcker) eller DEEPER_INDIVIDUAL_SUPPORT (fördjupat individuellt stöd under längre tid).',
      }),
      grounds,
      areas: z.optional(z.array(z.enum(ASSESSMENT_AREAS, { error: 'Okänt bedömningsområde.' }))),
    }),
  ),
  woman: z.optional(yesNo('är personen kvinna')),
  weakLabourMarketPosition: z.optional(
    z.strictObject({ weak: yesNo('har personen svag ställning på arbetsmarknaden'), grounds }),
  ),
  consentToShareWithDistrictOffice: z.optional(yesNo('samtycker personen till att uppgifter lämnas till stadsdelsförvaltningen')),
  requestedPeriod: z.optional(periodSchema),
});
export type RecordedFacts = z.infer<typeof recordedFactsSchema>;

export const evaluationRequestSchema = z
  .strictObject({
    decisionDate: isoDateSchema,
    applicant: z.strictObject({ personnummer: identityNumberSchema }),
    facts: recordedFactsSchema,
  })
  .check(
    z.superRefine((request, ctx) => {
      // The century of a ten-digit number and "not born yet" depend on the decision date.
      const parsed = parseIdentityNumber(request.applicant.personnummer, request.decisionDate as IsoDate);
      if (!parsed.ok) {
        ctx.issues.push({
          code: 'custom',
          message: identityErrorMessages[parsed.error],
          path: ['applicant', 'personnummer'],
          input: request.applicant.personnummer,
        });
      }
    }),
  );
export type EvaluationRequest = z.infer<typeof evaluationRequestSchema>;

/** The flat facts the rule sets' conditions name. Absent = not recorded. */
export interface EngineFacts {
  age?: number;
  reachedThroughOutreach?: boolean;
  working?: boolean;
  studying?: boolean;
  forsorjningsstod?: boolean;
  socialServicesContact?: SocialServicesContact;
  apparentEntitlementNeed?: boolean;
  assessedNeed?: NeedLevel;
  woman?: boolean;
  weakLabourMarketPosition?: boolean;
}
export type EngineFactName = keyof EngineFacts;

interface FactDefinition {
  /** Swedish label for case workers and reviewers. */
  label: string;
  /** Where the case worker records it in the request (a JSON path for error messages). */
  recordedAt: string;
  display: (value: unknown) => string;
}

const yesNoDisplay = (value: unknown) => (value === true ? 'ja' : value === false ? 'nej' : String(value));
const contactLabels: Record<SocialServicesContact, string> = {
  NONE: 'ingen kontakt',
  CONTACT: 'kontakt med socialtjänsten',
  ONGOING_INSATS: 'pågående insats från socialtjänsten',
};
const needLabels: Record<NeedLevel, string> = {
  ADVICE_AND_SUPPORT: 'råd och stöd räcker',
  DEEPER_INDIVIDUAL_SUPPORT: 'fördjupat individuellt stöd under längre tid',
};

/** Every fact a rule set may name. A rule set naming another fact is rejected when loaded. */
export const FACT_CATALOG: Record<EngineFactName, FactDefinition> = {
  age: { label: 'ålder på beslutsdagen', recordedAt: 'applicant.personnummer', display: (v) => `${String(v)} år` },
  reachedThroughOutreach: {
    label: 'nådd genom arbetsmarknadsnämndens uppsökande uppdrag',
    recordedAt: 'facts.reachedThroughOutreach',
    display: yesNoDisplay,
  },
  working: { label: 'arbetar', recordedAt: 'facts.working', display: yesNoDisplay },
  studying: { label: 'studerar', recordedAt: 'facts.studying', display: yesNoDisplay },
  forsorjningsstod: { label: 'får försörjningsstöd', recordedAt: 'facts.forsorjningsstod', display: yesNoDisplay },
  socialServicesContact: {
    // Contact or insats other than försörjningsstöd, which is its own fact (rule set assumption A4).
    label: 'annan kontakt eller insats hos stadsdelsförvaltningens socialtjänst än försörjningsstöd',
    recordedAt: 'facts.socialServicesContact',
    display: (v) => contactLabels[v as SocialServicesContact] ?? String(v),
  },
  apparentEntitlementNeed: {
    label: 'behov som hör till rätten till bistånd (t.ex. pengar till levnadskostnader)',
    recordedAt: 'facts.apparentEntitlementNeed.present',
    display: yesNoDisplay,
  },
  assessedNeed: {
    label: 'bedömt behov',
    recordedAt: 'facts.assessedNeed.level',
    display: (v) => needLabels[v as NeedLevel] ?? String(v),
  },
  woman: { label: 'kvinna', recordedAt: 'facts.woman', display: yesNoDisplay },
  weakLabourMarketPosition: {
    label: 'svag ställning på arbetsmarknaden',
    recordedAt: 'facts.weakLabourMarketPosition.weak',
    display: yesNoDisplay,
  },
};

export function isEngineFactName(name: string): name is EngineFactName {
  return Object.hasOwn(FACT_CATALOG, name);
}

export interface ApplicantSummary {
  /** No name or number: a proposal carries no direct identifier. */
  age: number;
  identityKind: IdentityKind;
}

/** Derives the engine's facts from a validated request. */
export function toEngineFacts(request: EvaluationRequest): { facts: EngineFacts; applicant: ApplicantSummary } {
  const decisionDate = request.decisionDate as IsoDate;
  const identity = parseIdentityNumber(request.applicant.personnummer, decisionDate);
  if (!identity.ok) throw new Error('toEngineFacts: request was not validated');
  const age = ageOn(identity.value.birthDate, decisionDate);
  return { facts: engineFactsOf(request.facts, age), applicant: { age, identityKind: identity.value.kind } };
}

/**
 * The engine's facts from facts as recorded and the age on the decision date. A replay over
 * stored decisions starts here too: it has the recorded facts and the age the proposal was made
 * with, and never the identity number.
 */
export function engineFactsOf(f: RecordedFacts, age: number): EngineFacts {
  return {
    age,
    reachedThroughOutreach: f.reachedThroughOutreach,
    working: f.working,
    studying: f.studying,
    forsorjningsstod: f.forsorjningsstod,
    socialServicesContact: f.socialServicesContact,
    apparentEntitlementNeed: f.apparentEntitlementNeed?.present,
    assessedNeed: f.assessedNeed?.level,
    woman: f.woman,
    weakLabourMarketPosition: f.weakLabourMarketPosition?.weak,
  };
}
