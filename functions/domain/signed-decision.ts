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
import { inputHash, planFollowUp } from './engine';
import { type LegalBasis, type Milestone, type Proposal, isoDate, proposalSchema } from './proposal';
import { UNPRINTABLE, multiLine, personName, printable, singleLine } from './text';
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

// ---------------------------------------------------------------------------------------------
// Which final outcomes fit which proposal

type SignedDecisionShape = z.infer<typeof signedDecisionObject>;

/**
 * The final outcomes a delegate may sign for each proposal. A grant needs the period and
 * follow-up the engine computes, so only a proposed grant can be granted, in full or in part; a
 * proposed grant may still be refused (bistånd beyond the right is given "om det finns skäl för
 * det", the delegate's judgement). A referral is outside Jobbtorg's own decision, but a referral
 * cannot be challenged: a person who still asks for the application to be decided gets a
 * refusal, on the criteria that referred it, which can be (FL 32–33 §§, the written reason says
 * that the person asked).
 */
const ALLOWED: Record<Proposal['outcome'], readonly FinalOutcome[]> = {
  GRANT: ['GRANT', 'PARTIAL', 'REFUSE'],
  REFUSE: ['REFUSE'],
  REFER: ['REFER', 'REFUSE'],
  INCOMPLETE: [],
};

const OUTCOME_NAMES: Record<FinalOutcome | Proposal['outcome'], string> = {
  GRANT: 'bevilja',
  PARTIAL: 'bevilja delvis',
  REFUSE: 'avslå',
  REFER: 'hänvisa till stadsdelsförvaltningen',
  INCOMPLETE: 'ofullständigt',
};

const samePeriod = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from === b.from && a.to === b.to;

/**
 * True for a referral the delegate decided as a refusal, because the person asked for the
 * application to be decided rather than only referred.
 */
export function isRefusalOnRequest(decision: Pick<SignedDecisionShape, 'finalOutcome' | 'proposal'>): boolean {
  return decision.proposal.outcome === 'REFER' && decision.finalOutcome === 'REFUSE';
}

/** True when the delegate decided otherwise than proposed, which needs a written reason. */
export function isDeviation(decision: Pick<SignedDecisionShape, 'finalOutcome' | 'proposal' | 'grantedPeriod'>): boolean {
  const { finalOutcome, proposal, grantedPeriod } = decision;
  if (finalOutcome === 'PARTIAL') {
    // A proposal the engine already capped at the longest period is a partial grant as proposed.
    return !(proposal.period?.capped === true && grantedPeriod !== undefined && samePeriod(grantedPeriod, proposal.period.granted));
  }
  return finalOutcome !== proposal.outcome;
}

function checkFit(d: SignedDecisionShape, ctx: z.core.$RefinementCtx<SignedDecisionShape>): void {
  const fail = (path: PropertyKey[], message: string) => ctx.issues.push({ code: 'custom', message, path, input: d });
  const issuesBefore = ctx.issues.length;
  const { proposal } = d;

  if (proposal.outcome === 'INCOMPLETE') {
    fail(['proposal', 'outcome'], 'Förslaget är ofullständigt: uppgifter saknas eller är motstridiga. Komplettera uppgifterna och gör ett nytt förslag innan beslut fattas.');
    return;
  }
  if (!ALLOWED[proposal.outcome].includes(d.finalOutcome)) {
    fail(
      ['finalOutcome'],
      `Förslaget är att ${OUTCOME_NAMES[proposal.outcome]}. Ett beslut att ${OUTCOME_NAMES[d.finalOutcome]} kan inte grundas på det förslaget; ` +
        `det kan bara bli ${ALLOWED[proposal.outcome].map((o) => `${o} (${OUTCOME_NAMES[o]})`).join(', ')}. Ändra uppgifterna och gör ett nytt förslag.`,
    );
    return;
  }

  if (d.decisionDate !== proposal.decisionDate) {
    fail(['decisionDate'], `Beslutsdatumet ska vara samma som förslagets (${proposal.decisionDate}), eftersom villkoren är prövade för den dagen. Gör ett nytt förslag om beslutet fattas en annan dag.`);
  }
  const { validFrom, validTo } = proposal.ruleSet;
  if (compareDates(d.decisionDate, validFrom as IsoDate) < 0 || (validTo !== undefined && compareDates(d.decisionDate, validTo as IsoDate) > 0)) {
    fail(['decisionDate'], `Regelverket ${proposal.ruleSet.id} gäller inte på beslutsdatumet ${d.decisionDate}.`);
  }

  // The proposal carries no identity, only the age and kind of number it was evaluated for: a
  // mismatch means the decision is about to be signed for someone else's proposal.
  const identity = parseIdentityNumber(d.applicant.personnummer, d.decisionDate);
  if (identity.ok) {
    const age = ageOn(identity.value.birthDate, d.decisionDate);
    if (age !== proposal.applicant.age || identity.value.kind !== proposal.applicant.identityKind) {
      fail(['applicant', 'personnummer'], `Numret hör inte till förslaget: förslaget gäller en person som var ${proposal.applicant.age} år på beslutsdagen (${proposal.applicant.identityKind}).`);
    }
  } else {
    fail(['applicant', 'personnummer'], 'Personnumret är inte giltigt på beslutsdatumet.');
  }

  // The grounds printed must be the ones the proposal was made on: the proposal's input hash covers them.
  if (d.facts !== undefined && inputHash({ decisionDate: proposal.decisionDate, applicant: proposal.applicant, recorded: d.facts }) !== proposal.inputSha256) {
    fail(['facts'], 'Uppgifterna hör inte till förslaget: förslaget är gjort på andra uppgifter. Gör ett nytt förslag på de uppgifter som gäller.');
  }

  const bases = proposal.legalBases;
  if (!bases) {
    fail(['proposal', 'legalBases'], 'Förslaget saknar lagrum. Beslutet måste ange vilka bestämmelser det grundar sig på (32 § förvaltningslagen).');
  } else {
    if (canonicalJson(proposal.legalBasis) !== canonicalJson(bases[proposal.outcome])) {
      // The proposed outcome's basis is given twice; two different answers mean the file was changed.
      fail(['proposal', 'legalBasis'], 'Förslagets lagrum stämmer inte med regelverkets lagrum för det föreslagna utfallet. Gör ett nytt förslag.');
    }
    const { decision, appeal } = basesFor(d.finalOutcome);
    if (bases[decision].lagrum.length === 0) {
      fail(['proposal', 'legalBases', decision, 'lagrum'], 'Förslaget saknar lagrum. Beslutet måste ange vilka bestämmelser det grundar sig på (32 § förvaltningslagen).');
    }
    if (d.finalOutcome !== 'REFER' && (bases[appeal].appealRoute === 'NONE' || bases[appeal].appealLagrum.length === 0)) {
      // FL 33 §: a decision that goes against the person must say how it can be challenged.
      fail(['proposal', 'legalBases', appeal, 'appealRoute'], 'Ett beslut i en ansökan ska ha en besvärshänvisning. Regelverket anger inget sätt att överklaga beslutet.');
    }
  }
  if ((proposal.outcome === 'GRANT') !== (proposal.period !== null)) {
    fail(['proposal', 'period'], 'Ett förslag om beviljande ska ha en beviljad period, och bara ett sådant förslag.');
  } else if ((proposal.period === null) !== (proposal.followUpParameters === null)) {
    fail(['proposal', 'followUpParameters'], 'Ett förslag om beviljande ska ange vad uppföljningen är beräknad från, och bara ett sådant förslag.');
  } else if (proposal.period && proposal.followUpParameters) {
    // A partial grant is planned from these parameters, so they must be the ones the plan came from.
    if (canonicalJson(planFollowUp(proposal.followUpParameters, proposal.period.granted)) !== canonicalJson(proposal.followUp)) {
      fail(['proposal', 'followUp'], 'Förslagets uppföljning stämmer inte med regelverkets parametrar för perioden. Gör ett nytt förslag.');
    }
  }
  if (proposal.outcome === 'REFUSE' && !proposal.criteria.some((c) => c.status === 'NOT_MET')) {
    fail(['proposal', 'criteria'], 'Ett förslag om avslag ska ange minst ett villkor som inte är uppfyllt.');
  }
  if (proposal.outcome === 'REFER' && (proposal.referral === null || !proposal.criteria.some((c) => proposal.referralTriggers.includes(c.id)))) {
    fail(['proposal', 'referral'], 'Ett förslag om hänvisning ska ange varför ärendet hänvisas och om personen har samtyckt till att uppgifter lämnas.');
  }

  if (d.finalOutcome === 'GRANT' && proposal.period?.capped) {
    fail(
      ['finalOutcome'],
      `Den sökta perioden är längre än insatsen kan beviljas för, så förslaget beviljar bara ${proposal.period.granted.from}–${proposal.period.granted.to}. Välj PARTIAL (beviljas delvis) så att den avslagna delen får en besvärshänvisning.`,
    );
  }

  if (d.finalOutcome === 'PARTIAL') {
    const granted = d.grantedPeriod;
    const proposed = proposal.period;
    if (!granted) {
      fail(['grantedPeriod'], 'Ange den period som beviljas (grantedPeriod) när ansökan beviljas delvis.');
    } else if (proposed) {
      if (granted.from !== proposed.granted.from) {
        // The follow-up dates are counted from the first day; another start needs a new proposal.
        fail(['grantedPeriod', 'from'], `Den beviljade perioden ska börja samma dag som i förslaget (${proposed.granted.from}). Gör ett nytt förslag om insatsen ska börja en annan dag.`);
      } else if (compareDates(granted.to as IsoDate, proposed.granted.to) > 0) {
        fail(['grantedPeriod', 'to'], `Den beviljade perioden kan inte sluta senare än förslagets period (${proposed.granted.to}).`);
      } else if (samePeriod(granted, proposed.requested)) {
        fail(['grantedPeriod'], 'Den beviljade perioden är hela den sökta perioden. Välj GRANT (beviljas) i stället för PARTIAL.');
      }
    }
  } else if (d.grantedPeriod !== undefined) {
    fail(['grantedPeriod'], 'Ange grantedPeriod bara när ansökan beviljas delvis (PARTIAL). Annars gäller förslagets period.');
  }

  // Whether the decision deviates can only be told once the outcome and period are right.
  if (ctx.issues.length > issuesBefore) return;
  const deviation = isDeviation(d);
  if (deviation && d.deviationReason === undefined) {
    fail(
      ['deviationReason'],
      isRefusalOnRequest(d)
        ? 'Förslaget är att hänvisa till stadsdelsförvaltningen. Ansökan avslås i stället bara när sökanden har begärt ett beslut om den. Skriv att sökanden har begärt det, och när; det står i beslutsbrevet.'
        : `Beslutet avviker från förslaget (${OUTCOME_NAMES[proposal.outcome]}). Skriv skälet till att beslutet avviker; det står i beslutsbrevet.`,
    );
  }
  if (!deviation && d.deviationReason !== undefined) {
    fail(['deviationReason'], 'Beslutet är detsamma som förslaget. Ta bort avvikelseskälet.');
  }
}

/** The signed decision: the proposal, the signing fields, and the rules for how they fit together. */
export const signedDecisionSchema = signedDecisionObject.check(
  // Only on an otherwise valid decision, so every message is about one real problem.
  z.superRefine(checkFit, { when: (payload) => payload.issues.length === 0 }),
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
