/**
 * A signed decision: the engine's proposal plus what a named delegate adds when deciding. It is
 * what a decision letter is rendered from and what storage keeps (issue 4). A signed decision is
 * never edited: a changed decision is a new decision (SoL 11 kap. 5 §, SOSFS 2014:5).
 *
 * Every string here may end up in a letter, so the schema also decides which characters a letter
 * can carry: no control or format characters (they are invisible, or reorder text as bidi
 * overrides do), and names in Latin script as they are registered in folkbokföringen.
 */
import * as z from 'zod/mini';
import { canonicalJson } from './canonical-json';
import { type IsoDate, ageOn, compareDates, parseIsoDate } from './dates';
import { planFollowUp } from './follow-up-plan';
import { type LegalBasis, type Milestone, type Proposal, isoDate, proposalSchema } from './proposal-schema';
import { UNPRINTABLE, multiLine, personName, printable, singleLine } from './text';
import { signingRuleIssues } from './cases/signing-rules';
import { identityNumberSchema, periodSchema, recordedFactsSchema } from './facts';
import { parseIdentityNumber } from './personnummer';
import { ValidationError } from './errors';
import { issuesFromZod } from './validation';

/** The letter kinds, one per final outcome. PARTIAL is a grant that is partly a refusal. */
export const FINAL_OUTCOMES = ['GRANT', 'PARTIAL', 'REFUSE', 'REFER'] as const;
export type FinalOutcome = (typeof FINAL_OUTCOMES)[number];

// ---------------------------------------------------------------------------------------------
// The signing fields

/** The board's case number (diarienummer), e.g. `AMN 2024/01234`. Printed and put in the PDF metadata. */
export const caseNumberSchema = z
  .string({ error: 'Ange ärendenumret.' })
  .check(
    z.regex(
      /^[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9 .:/-]{1,39}$/,
      'Ärendenumret ska vara 2–40 tecken: bokstäver, siffror, mellanslag och . : / -',
    ),
  );

export const postalAddressSchema = z.strictObject({
  /** Street address, c/o and similar, one line each, as the post is addressed. */
  lines: z
    .array(singleLine(60, 'adressraden'), { error: 'Ange adressraderna som en lista.' })
    .check(z.minLength(1, 'Ange minst en adressrad.'), z.maxLength(3, 'Ange högst tre adressrader.')),
  postalCode: z.string({ error: 'Ange postnumret.' }).check(z.regex(/^\d{3} ?\d{2}$/, 'Skriv postnumret som fem siffror, t.ex. 123 45.')),
  city: singleLine(40, 'postorten'),
});

export const applicantSchema = z.strictObject({
  name: personName('sökandens namn'),
  personnummer: identityNumberSchema,
  address: postalAddressSchema,
});

export const decisionMakerSchema = z.strictObject({
  /** A decision may not be anonymous: the delegate is named in the letter. */
  name: personName('beslutsfattarens namn'),
  title: singleLine(100, 'beslutsfattarens befattning'),
  /** The point in the board's delegationsordning the decision was made under, e.g. `3.1.4`. */
  delegationReference: z
    .string({ error: 'Ange punkten i delegationsordningen.' })
    .check(
      z.regex(/^[0-9A-Za-z][0-9A-Za-z .:-]{0,29}$/, 'Ange punkten i delegationsordningen, t.ex. 3.1.4 (högst 30 tecken: bokstäver, siffror och . : -).'),
    ),
  /** The point's heading in the delegationsordning in force, which the letter names beside its number. */
  delegationTitle: z.optional(singleLine(300, 'delegationspunktens rubrik')),
});

export const contactPersonSchema = z.strictObject({
  name: personName('kontaktpersonens namn'),
  phone: z
    .string({ error: 'Ange kontaktpersonens telefonnummer.' })
    .check(z.regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'Skriv telefonnumret med siffror, t.ex. 08-508 12 345.')),
  email: z.email({ error: 'Ange en giltig e-postadress, t.ex. fornamn.efternamn@stockholm.se.' }).check(z.maxLength(120, 'E-postadressen får vara högst 120 tecken.')),
});

/** A case worker's written text about the person, printed in the letter: it may have line breaks, nothing invisible. */
const writtenText = z.string().check(printable(UNPRINTABLE));

/**
 * The facts the case worker recorded, as the proposal was evaluated on. Their written grounds are
 * printed in the letter (FL 32 §: the decisive facts), so they must be printable as well.
 */
export const letterFactsSchema = recordedFactsSchema.check(
  z.superRefine((facts, ctx) => {
    const texts: Array<[string[], string | undefined]> = [
      [['assessedNeed', 'grounds'], facts.assessedNeed?.grounds],
      [['weakLabourMarketPosition', 'grounds'], facts.weakLabourMarketPosition?.grounds],
      [['apparentEntitlementNeed', 'description'], facts.apparentEntitlementNeed?.description],
    ];
    for (const [path, value] of texts) {
      if (value === undefined) continue;
      const parsed = writtenText.safeParse(value);
      if (!parsed.success) for (const issue of parsed.error.issues) ctx.issues.push({ code: 'custom', message: issue.message, path, input: value });
    }
  }),
);

const signedDecisionObject = z.strictObject({
  schemaVersion: z.literal(1, { error: 'schemaVersion ska vara 1.' }),
  caseNumber: caseNumberSchema,
  /** The day the delegate decided; it must be the day the proposal was evaluated for. */
  decisionDate: isoDate,
  finalOutcome: z.enum(FINAL_OUTCOMES, { error: 'Välj GRANT (beviljas), PARTIAL (beviljas delvis), REFUSE (avslås) eller REFER (hänvisning).' }),
  proposal: proposalSchema,
  applicant: applicantSchema,
  decisionMaker: decisionMakerSchema,
  contact: contactPersonSchema,
  /** Required when the final outcome differs from the proposal, and only then. */
  deviationReason: z.optional(multiLine(4000, 'skälet till att beslutet avviker från förslaget')),
  /** PARTIAL only: the part of the proposed period that is granted. */
  grantedPeriod: z.optional(periodSchema),
  /** The recorded facts the proposal was evaluated on; with them the letter prints the case worker's written grounds. */
  facts: z.optional(letterFactsSchema),
});

/** The signed decision's fields before the signing rules (cases/signing-rules.ts) are applied. */
export type SignedDecisionShape = z.infer<typeof signedDecisionObject>;

/** The signed decision: the proposal, the signing fields, and the rules for how they fit together. */
export const signedDecisionSchema = signedDecisionObject.check(
  // Only on an otherwise valid decision, so every message is about one real problem.
  z.superRefine(
    (d, ctx) => {
      for (const issue of signingRuleIssues(d)) ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: d });
    },
    { when: (payload) => payload.issues.length === 0 },
  ),
);
export type SignedDecision = z.infer<typeof signedDecisionSchema>;

export type ParseSignedDecisionResult = { ok: true; decision: SignedDecision } | { ok: false; error: ValidationError };

export function parseSignedDecision(input: unknown): ParseSignedDecisionResult {
  const parsed = signedDecisionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: new ValidationError(issuesFromZod(parsed.error.issues), 'Beslutet kunde inte tas emot. Rätta fälten nedan och försök igen.') };
  }
  return { ok: true, decision: parsed.data };
}

/**
 * Which of the rule set's outcomes a final outcome rests on (`decision`) and whose appeal
 * information it gets (`appeal`). A partial grant rests on the grant's provisions, but it is partly
 * a refusal, so the refused part gets the refusal's appeal information.
 */
export function basesFor(finalOutcome: FinalOutcome): { decision: keyof NonNullable<Proposal['legalBases']>; appeal: keyof NonNullable<Proposal['legalBases']> } {
  if (finalOutcome === 'PARTIAL') return { decision: 'GRANT', appeal: 'REFUSE' };
  return { decision: finalOutcome, appeal: finalOutcome };
}

/** The legal basis of the signed outcome and the one whose appeal route the letter gives, from the rule set's data. */
export function legalBasisOf(decision: SignedDecision): { decision: LegalBasis; appeal: LegalBasis } {
  const bases = decision.proposal.legalBases;
  // A validated decision always has them (checkFit); this guards against an unvalidated one.
  if (!bases) throw new Error('legalBasisOf: the proposal carries no legal bases');
  const { decision: d, appeal } = basesFor(decision.finalOutcome);
  return { decision: bases[d], appeal: bases[appeal] };
}

/** JO: the record that 4 kap. 1 § was tried first, in the words for the outcome decided, not the one proposed. */
export function considerationOfRightOf(decision: SignedDecision): string {
  const byOutcome = decision.proposal.considerationOfRight.reasonByOutcome;
  return byOutcome ? byOutcome[basesFor(decision.finalOutcome).decision] : decision.proposal.considerationOfRight.reason;
}

/** The period the letter states as granted, or null for a refusal or referral. */
export function grantedPeriodOf(decision: SignedDecision): { from: IsoDate; to: IsoDate } | null {
  if (decision.finalOutcome === 'PARTIAL' && decision.grantedPeriod) {
    return { from: decision.grantedPeriod.from as IsoDate, to: decision.grantedPeriod.to as IsoDate };
  }
  if (decision.finalOutcome === 'GRANT' && decision.proposal.period) return decision.proposal.period.granted;
  return null;
}

/**
 * The follow-up the letter promises. A partial grant that ends earlier than proposed is planned
 * afresh for its own period from the rule set's parameters the proposal carries, exactly as the
 * engine would have planned a grant of that period.
 */
export function followUpOf(decision: SignedDecision): Milestone[] {
  const granted = grantedPeriodOf(decision);
  const { period: proposed, followUp, followUpParameters } = decision.proposal;
  if (!granted || !proposed) return [];
  if (granted.from === proposed.granted.from && granted.to === proposed.granted.to) return followUp;
  // A validated decision always has them with a period (checkFit); this guards an unvalidated one.
  if (!followUpParameters) throw new Error('followUpOf: the proposal carries no follow-up parameters');
  return planFollowUp(followUpParameters, granted);
}
