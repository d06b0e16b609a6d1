/**
 * What is kept about a case and its decisions (SoL 11 kap. 5 §, SOSFS 2014:5: decisions, actions,
 * the facts behind them and events of significance), and the requests that change it.
 */
import * as z from 'zod/mini';
import type { Proposal, Milestone } from './proposal';
import { isoDateSchema, periodSchema, recordedFactsSchema, type RecordedFacts } from './facts';
import { identityNumberSchema } from './facts';
import { applicantSchema, caseNumberSchema, contactPersonSchema, FINAL_OUTCOMES, postalAddressSchema, type FinalOutcome, type SignedDecision } from './signed-decision';
import { type RetentionPolicy } from './proposal';
import { multiLine, personName, singleLine } from './text';

export const ROLES = ['handlaggare', 'beslutsfattare', 'jurist', 'uppsok'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts: from the verified token. A decision-maker carries title and delegation. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  title?: string;
  delegationReference?: string;
}
export type ActorRef = Pick<Actor, 'id' | 'name' | 'role'>;

export const actorRef = (a: Actor): ActorRef => ({ id: a.id, name: a.name, role: a.role });

export type DecisionStatus = 'PROPOSED' | 'WITHDRAWN' | 'SIGNED' | 'SUPERSEDED';

export interface CaseRecord {
  caseId: string;
  caseNumber: string;
  applicant: z.infer<typeof applicantSchema>;
  contact: z.infer<typeof contactPersonSchema>;
  createdAt: string;
  /** The last entry in the case file; retention counts from it. */
  lastEntryAt: string;
  /** Gallring as the rule set of the case's latest proposal gives it. */
  retention: RetentionPolicy;
  /** Epoch seconds (the table's TTL), or null for the research sample. */
  expiresAt: number | null;
  version: number;
}

export interface DecisionRecord {
  decisionId: string;
  caseId: string;
  status: DecisionStatus;
  version: number;
  decisionDate: string;
  facts: RecordedFacts;
  proposal: Proposal;
  proposedAt: string;
  proposedBy: ActorRef;
  /** Omprövning: the signed decision this one is to replace. */
  replaces?: string;
  reconsiderationReason?: string;
  withdrawn?: { at: string; by: ActorRef; reason: string };
  signed?: {
    at: string;
    by: ActorRef;
    finalOutcome: FinalOutcome;
    decisionMaker: SignedDecision['decisionMaker'];
    deviationReason?: string;
    grantedPeriod?: { from: string; to: string };
    letterSha256: string;
    templateVersion: string;
  };
  supersededBy?: { decisionId: string; at: string };
}

export interface LetterRecord {
  decisionId: string;
  pdf: Uint8Array;
  sha256: string;
  templateVersion: string;
  createdAt: string;
}

export const MILESTONE_KINDS = ['FIRST_JOB_PLAN', 'DEEPER_PLAN', 'FOLLOW_UP', 'FINAL_FOLLOW_UP'] as const;

export interface MilestoneRecord {
  caseId: string;
  decisionId: string;
  /** Two digits, in due order: `01`, `02`, … */
  milestoneId: string;
  kind: Milestone['kind'];
  due: string;
  status: 'OPEN' | 'DONE' | 'CLOSED';
  done?: { at: string; by: ActorRef; note: string };
  /** Closed without being done: the insats ended or the decision was replaced. */
  closed?: { at: string; reason: 'ENDED' | 'SUPERSEDED' };
}

export const ENDING_REASONS = ['WORK', 'STUDIES', 'OTHER', 'INTERRUPTED'] as const;
export type EndingReason = (typeof ENDING_REASONS)[number];

export interface EndingRecord {
  decisionId: string;
  reason: EndingReason;
  endedOn: string;
  note?: string;
  recordedAt: string;
  recordedBy: ActorRef;
}

export const AUDIT_ACTIONS = [
  'CASE_CREATED',
  'PROPOSED',
  'WITHDRAWN',
  'SIGNED',
  'SUPERSEDED',
  'MILESTONE_DONE',
  'INSATS_ENDED',
  'READ_DECISION',
  'READ_LETTER',
  'REFERRAL_RECEIVED',
  'REFERRAL_TAKEN',
  'READ_REFERRAL',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did what to which record, and when. Never updated or deleted by the application. */
export interface AuditEvent {
  eventId: string;
  /** The case the event belongs to; for a referral not yet taken up, empty and `referralId` set. */
  caseId: string;
  referralId?: string;
  at: string;
  actor: ActorRef;
  action: AuditAction;
  decisionId?: string;
  /** No personal data: ids, outcomes and codes only. */
  details?: Record<string, string | number | boolean>;
}

/** The whole case as read from storage. */
export interface CaseFile {
  case: CaseRecord;
  decisions: DecisionRecord[];
  milestones: MilestoneRecord[];
  endings: EndingRecord[];
  audit: AuditEvent[];
}

// --- Requests (the API's bodies; the HTTP layer adds nothing but the actor) ------------------

export const proposeRequestSchema = z.strictObject({
  /** Take up a referral from an outreach tool: the new case starts from it. */
  referralId: z.optional(z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'Ange anmälans id.'))),
  /** Add a new proposal to an existing case (e.g. after withdrawing an incomplete one). */
  caseId: z.optional(z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'Ange ärendets id som det visades när ärendet skapades.'))),
  /** The board's diarienummer; assigned when not given. */
  caseNumber: z.optional(caseNumberSchema),
  applicant: applicantSchema,
  contact: z.optional(contactPersonSchema),
  /** Defaults to today (Stockholm). The delegate signs for this date. */
  decisionDate: z.optional(isoDateSchema),
  facts: recordedFactsSchema,
});
export type ProposeRequest = z.infer<typeof proposeRequestSchema>;

export const signRequestSchema = z.strictObject({
  finalOutcome: z.enum(FINAL_OUTCOMES, { error: 'Välj GRANT (beviljas), PARTIAL (beviljas delvis), REFUSE (avslås) eller REFER (hänvisning).' }),
  deviationReason: z.optional(multiLine(4000, 'skälet till att beslutet avviker från förslaget')),
  grantedPeriod: z.optional(periodSchema),
});
export type SignRequest = z.infer<typeof signRequestSchema>;

export const withdrawRequestSchema = z.strictObject({ reason: multiLine(2000, 'varför förslaget dras tillbaka') });

export const reconsiderRequestSchema = z.strictObject({
  reason: multiLine(4000, 'varför beslutet omprövas'),
  /** The facts as they are now; the old decision's facts are not changed. */
  facts: recordedFactsSchema,
  decisionDate: z.optional(isoDateSchema),
});
export type ReconsiderRequest = z.infer<typeof reconsiderRequestSchema>;

export const milestoneDoneRequestSchema = z.strictObject({ note: multiLine(4000, 'en anteckning om uppföljningen') });

export const endingRequestSchema = z.strictObject({
  reason: z.enum(ENDING_REASONS, { error: 'Välj WORK (arbete), STUDIES (studier), OTHER (annat) eller INTERRUPTED (avbruten).' }),
  endedOn: isoDateSchema,
  note: z.optional(multiLine(4000, 'en anteckning')),
});

export interface DueMilestone {
  caseId: string;
  caseNumber: string;
  decisionId: string;
  milestoneId: string;
  kind: Milestone['kind'];
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
});
export type ReferralRequest = z.infer<typeof referralRequestSchema>;

export type ReferralStatus = 'WAITING' | 'TAKEN';

export interface ReferralRecord {
  referralId: string;
  status: ReferralStatus;
  createdAt: string;
  referredBy: ActorRef;
  applicant: ReferralRequest['applicant'] & { personnummer: string };
  consent: ReferralRequest['consent'];
  note?: string;
  taken?: { at: string; by: ActorRef; caseId: string; decisionId: string };
  /** Epoch seconds (TTL), or null for the research sample. */
  expiresAt: number | null;
}

export interface WaitingReferral {
  referralId: string;
  createdAt: string;
}
