/**
 * What is kept about a case and its decisions (SoL 11 kap. 5 §, SOSFS 2014:5: decisions, actions,
 * the facts behind them and events of significance), and the requests that change it.
 */
import * as z from 'zod/mini';
import { isoDateSchema, periodSchema, recordedFactsSchema } from './facts';
import { identityNumberSchema } from './facts';
import { applicantSchema, contactPersonSchema, decisionMakerSchema, FINAL_OUTCOMES, postalAddressSchema } from './signed-decision-schema';
import { CRITERION_STATUSES, MILESTONE_KINDS, PROPOSED_OUTCOMES, proposalSchema, retentionPolicySchema } from './proposal-schema';
import { everyTextPrintable, multiLine, personName, singleLine } from './text';

export const ROLES = ['handlaggare', 'beslutsfattare', 'jurist', 'uppsok'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts: from the verified token. A decision-maker carries title and delegation. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  title?: string;
  delegationReference?: string;
  /** The staff record's phone and e-mail, from the token: the letter's contact person. */
  phone?: string;
  email?: string;
}
/** An actor as records keep it: who, by id and name, in which role. */
export const actorRefSchema = z.strictObject({ id: z.string(), name: z.string(), role: z.enum(ROLES) });
export type ActorRef = z.infer<typeof actorRefSchema>;

export const actorRef = (a: Actor): ActorRef => ({ id: a.id, name: a.name, role: a.role });

// --- What is stored: one schema per record, parsed when read (a malformed item is an error, never a cast)

export const DECISION_STATUSES = ['PROPOSED', 'WITHDRAWN', 'SIGNED', 'SUPERSEDED'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

const instant = z.string();
const storedDate = z.string();

export const caseRecordSchema = z.strictObject({
  caseId: z.string(),
  caseNumber: z.string(),
  applicant: applicantSchema,
  contact: contactPersonSchema,
  createdAt: instant,
  /** The last entry in the case file; retention counts from it. */
  lastEntryAt: instant,
  /** Gallring as the rule set of the case's latest proposal gives it. */
  retention: retentionPolicySchema,
  /** The case worker responsible: whoever made the latest proposal. Their *Mina ärenden* lists the case's follow-ups. */
  responsible: z.optional(actorRefSchema),
  /** Names the person had earlier in this case, with when and why the case worker changed it. */
  formerNames: z.optional(z.array(z.strictObject({ name: z.string(), until: instant, reason: z.string() }))),
  /** Epoch seconds (the table's TTL), or null for the research sample. */
  expiresAt: z.nullable(z.number()),
  version: z.int(),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

export const decisionRecordSchema = z.strictObject({
  decisionId: z.string(),
  caseId: z.string(),
  status: z.enum(DECISION_STATUSES),
  version: z.int(),
  decisionDate: storedDate,
  facts: recordedFactsSchema,
  proposal: proposalSchema,
  proposedAt: instant,
  proposedBy: actorRefSchema,
  /** Omprövning: the signed decision this one is to replace. */
  replaces: z.optional(z.string()),
  reconsiderationReason: z.optional(z.string()),
  withdrawn: z.optional(z.strictObject({ at: instant, by: actorRefSchema, reason: z.string() })),
  signed: z.optional(
    z.strictObject({
      at: instant,
      by: actorRefSchema,
      finalOutcome: z.enum(FINAL_OUTCOMES),
      decisionMaker: decisionMakerSchema,
      deviationReason: z.optional(z.string()),
      grantedPeriod: z.optional(z.strictObject({ from: storedDate, to: storedDate })),
      letterSha256: z.string(),
      templateVersion: z.string(),
    }),
  ),
  supersededBy: z.optional(z.strictObject({ decisionId: z.string(), at: instant })),
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;

/**
 * What a replay of a rule set reads of a signed decision (functions/domain/rule-sets/replay.ts):
 * the facts as recorded, the age on the decision date and what was proposed then. Parsed from the
 * same stored document as `decisionRecordSchema`, leaving the rest of it unread: the proposal's
 * texts are not needed, and the case item (name, personnummer, address) is never read at all.
 */
export const decisionForReplaySchema = z.object({
  decisionId: z.string(),
  caseId: z.string(),
  status: z.enum(DECISION_STATUSES),
  decisionDate: storedDate,
  facts: recordedFactsSchema,
  proposal: z.object({
    outcome: z.enum(PROPOSED_OUTCOMES),
    ruleSet: z.object({ id: z.string(), version: z.int(), sha256: z.string() }),
    applicant: z.object({ age: z.int().check(z.nonnegative()), identityKind: z.enum(['personnummer', 'samordningsnummer']) }),
    criteria: z.array(z.object({ id: z.string(), title: z.string(), status: z.enum(CRITERION_STATUSES) })),
  }),
  signed: z.object({ finalOutcome: z.enum(FINAL_OUTCOMES) }),
});
export type DecisionForReplay = z.infer<typeof decisionForReplaySchema>;

/** The letter's metadata as stored beside its PDF bytes (kept in a binary attribute of their own). */
export const letterMetadataSchema = z.strictObject({
  decisionId: z.string(),
  sha256: z.string(),
  templateVersion: z.string(),
  createdAt: instant,
});
export type LetterRecord = z.infer<typeof letterMetadataSchema> & { pdf: Uint8Array };

export const MILESTONE_STATUSES = ['OPEN', 'DONE', 'CLOSED'] as const;
export const MILESTONE_CLOSE_REASONS = ['ENDED', 'SUPERSEDED'] as const;

export const milestoneRecordSchema = z.strictObject({
  caseId: z.string(),
  decisionId: z.string(),
  /** Two digits, in due order: `01`, `02`, … */
  milestoneId: z.string(),
  kind: z.enum(MILESTONE_KINDS),
  due: storedDate,
  status: z.enum(MILESTONE_STATUSES),
  done: z.optional(z.strictObject({ at: instant, by: actorRefSchema, note: z.string() })),
  /** Closed without being done: the insats ended or the decision was replaced. */
  closed: z.optional(z.strictObject({ at: instant, reason: z.enum(MILESTONE_CLOSE_REASONS) })),
});
export type MilestoneRecord = z.infer<typeof milestoneRecordSchema>;

export const ENDING_REASONS = ['WORK', 'STUDIES', 'OTHER', 'INTERRUPTED'] as const;
export type EndingReason = (typeof ENDING_REASONS)[number];

export const endingRecordSchema = z.strictObject({
  decisionId: z.string(),
  reason: z.enum(ENDING_REASONS),
  endedOn: storedDate,
  note: z.optional(z.string()),
  recordedAt: instant,
  recordedBy: actorRefSchema,
});
export type EndingRecord = z.infer<typeof endingRecordSchema>;

export const AUDIT_ACTIONS = [
  'CASE_CREATED',
  'PROPOSED',
  'WITHDRAWN',
  'SIGNED',
  'SUPERSEDED',
  'MILESTONE_DONE',
  'INSATS_ENDED',
  'APPLICANT_RENAMED',
  'READ_DECISION',
  'READ_LETTER',
  'READ_CASE',
  'FOUND_BY_SEARCH',
  'REFERRAL_RECEIVED',
  'REFERRAL_TAKEN',
  'READ_REFERRAL',
  'READ_ACCESS_LOG',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did what to which record, and when. Never updated or deleted by the application. */
export const auditEventSchema = z.strictObject({
  eventId: z.string(),
  /** The case the event belongs to; for a referral not yet taken up, empty and `referralId` set. */
  caseId: z.string(),
  referralId: z.optional(z.string()),
  at: instant,
  actor: actorRefSchema,
  action: z.enum(AUDIT_ACTIONS),
  decisionId: z.optional(z.string()),
  /** No personal data: ids, outcomes and codes only. */
  details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** The whole case as read from storage. */
export interface CaseFile {
  case: CaseRecord;
  decisions: DecisionRecord[];
  milestones: MilestoneRecord[];
  endings: EndingRecord[];
  audit: AuditEvent[];
}

// --- Requests (the API's bodies; the HTTP layer adds nothing but the actor) ------------------
// Each request takes everyTextPrintable: free text enters here, and text accepted here must be
// printable in the letter when the decision is signed (the written grounds are printed in it).

export const proposeRequestSchema = z.strictObject({
  /** Take up a referral from an outreach tool: the new case starts from it. */
  referralId: z.optional(z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'Ange anmälans id.'))),
  /** Add a new proposal to an existing case (e.g. after withdrawing an incomplete one). */
  caseId: z.optional(z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'Ange ärendets id som det visades när ärendet skapades.'))),
  /**
   * Corrected facts in the same case: the new proposal replaces the open one, which is withdrawn
   * with this reason and kept. Only with `caseId`.
   */
  correctionReason: z.optional(multiLine(2000, 'varför uppgifterna rättas')),
  /**
   * The person's case has them under another name: the case worker has checked the identity and
   * says why the name changes (e.g. a new surname). Without it, another name is refused.
   */
  nameChangeReason: z.optional(multiLine(1000, 'varför namnet ändras')),
  applicant: applicantSchema,
  /** Defaults to today (Stockholm). The delegate signs for this date. */
  decisionDate: z.optional(isoDateSchema),
  facts: recordedFactsSchema,
}).check(everyTextPrintable());
export type ProposeRequest = z.infer<typeof proposeRequestSchema>;

export const signRequestSchema = z.strictObject({
  finalOutcome: z.enum(FINAL_OUTCOMES, { error: 'Välj GRANT (beviljas), PARTIAL (beviljas delvis), REFUSE (avslås) eller REFER (hänvisning).' }),
  deviationReason: z.optional(multiLine(4000, 'skälet till att beslutet avviker från förslaget')),
  grantedPeriod: z.optional(periodSchema),
}).check(everyTextPrintable());
export type SignRequest = z.infer<typeof signRequestSchema>;

export const withdrawRequestSchema = z.strictObject({ reason: multiLine(2000, 'varför förslaget dras tillbaka') }).check(everyTextPrintable());

export const reconsiderRequestSchema = z.strictObject({
  reason: multiLine(4000, 'varför beslutet omprövas'),
  /** The facts as they are now; the old decision's facts are not changed. */
  facts: recordedFactsSchema,
  decisionDate: z.optional(isoDateSchema),
}).check(everyTextPrintable());
export type ReconsiderRequest = z.infer<typeof reconsiderRequestSchema>;

export const milestoneDoneRequestSchema = z.strictObject({ note: multiLine(4000, 'en anteckning om uppföljningen') }).check(everyTextPrintable());

export const endingRequestSchema = z.strictObject({
  reason: z.enum(ENDING_REASONS, { error: 'Välj WORK (arbete), STUDIES (studier), OTHER (annat) eller INTERRUPTED (avbruten).' }),
  endedOn: isoDateSchema,
  note: z.optional(multiLine(4000, 'en anteckning')),
}).check(everyTextPrintable());

/** What the *Att besluta* queue shows of a proposal waiting for a delegate (no personal data of the applicant). */
export const queueEntrySchema = z.strictObject({
  proposedOutcome: z.enum(PROPOSED_OUTCOMES),
  proposedAt: instant,
  proposedBy: actorRefSchema,
});
export interface ProposalWaiting extends z.infer<typeof queueEntrySchema> {
  caseId: string;
  caseNumber: string;
  decisionId: string;
}

/** A case worker's own proposal still waiting for a delegate (*Mina ärenden*). */
export interface OwnProposal {
  caseId: string;
  caseNumber: string;
  decisionId: string;
  proposedAt: string;
  proposedOutcome: (typeof PROPOSED_OUTCOMES)[number];
}

/**
 * A search, as the access log keeps it: who searched, how, and which cases it showed. The
 * personnummer searched for is kept only as its person-index key (never in plain text).
 */
export const SEARCH_KINDS = ['PERSONNUMMER', 'CASE_NUMBER'] as const;
export const searchLogEntrySchema = z.strictObject({
  eventId: z.string(),
  at: instant,
  actor: actorRefSchema,
  kind: z.enum(SEARCH_KINDS),
  /** The person-index key (current key) for a personnummer search; the case number otherwise. */
  searchedFor: z.string(),
  found: z.array(z.string()),
});
export type SearchLogEntry = z.infer<typeof searchLogEntrySchema>;

export interface DueMilestone {
  caseId: string;
  caseNumber: string;
  decisionId: string;
  milestoneId: string;
  kind: MilestoneRecord['kind'];
  due: string;
}

// --- Referrals from outreach tools -------------------------------------------------------------

export const CONSENT_METHODS = ['WRITTEN', 'ORAL', 'DIGITAL'] as const;

export const referralRequestSchema = z.strictObject({
  applicant: z.strictObject({
    name: personName('personens namn'),
    personnummer: identityNumberSchema,
    address: z.optional(postalAddressSchema),
    phone: z.optional(z.string().check(z.regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'Skriv telefonnumret med siffror, t.ex. 070-123 45 67.'))),
  }),
  // OSL 26 kap.: information passes between the boards only with the person's consent.
  consent: z.strictObject({
    given: z.literal(true, { error: 'En anmälan kräver att personen har samtyckt (given: true).' }),
    recordedOn: isoDateSchema,
    method: z.enum(CONSENT_METHODS, { error: 'Välj WRITTEN (skriftligt), ORAL (muntligt) eller DIGITAL.' }),
    recordedBy: singleLine(200, 'namnet på den som tog emot samtycket'),
  }),
  note: z.optional(multiLine(2000, 'anteckningen')),
}).check(everyTextPrintable());
export type ReferralRequest = z.infer<typeof referralRequestSchema>;

export const REFERRAL_STATUSES = ['WAITING', 'TAKEN'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const referralRecordSchema = z.strictObject({
  referralId: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  createdAt: instant,
  referredBy: actorRefSchema,
  applicant: z.strictObject({ ...referralRequestSchema.shape.applicant.shape, personnummer: z.string() }),
  consent: referralRequestSchema.shape.consent,
  note: z.optional(z.string()),
  taken: z.optional(z.strictObject({ at: instant, by: actorRefSchema, caseId: z.string(), decisionId: z.string() })),
  /**
   * Epoch seconds (TTL). While waiting, always set (referrals.ts, WAITING_REFERRAL_DAYS); once
   * taken up, the case file's retention, null for the research sample.
   */
  expiresAt: z.nullable(z.number()),
});
export type ReferralRecord = z.infer<typeof referralRecordSchema>;

export interface WaitingReferral {
  referralId: string;
  createdAt: string;
}
