/**
 * The storage port. Each write is one atomic unit: everything in it is stored, or nothing is.
 * Every write carries the case item with its expected version (optimistic locking) and the new
 * retention expiry, so concurrent changes to one case cannot both win.
 */
import type {
  ActorRef,
  ReferralRecord,
  WaitingReferral,
  AuditEvent,
  CaseFile,
  CaseRecord,
  DecisionRecord,
  DueMilestone,
  ProposalWaiting,
  OwnProposal,
  SearchLogEntry,
  EndingRecord,
  LetterRecord,
  MilestoneRecord,
  DecisionForReplay,
} from './records-schema';
import type { MonthCounts } from './statistics/statistics';
import type { RuleSetApproval } from './rule-set-approval-schema';

/** Who did what to a rule set (approvals), kept in the rule set's own partition, never changed. */
export interface RuleSetAuditEvent {
  eventId: string;
  at: string;
  actor: ActorRef;
  action: 'RULE_SET_APPROVED';
  ruleSetId: string;
  sha256: string;
}

/**
 * A replay of a rule set over stored decisions read their recorded facts: who read which
 * decisions, and over which dates, kept in the rule set's partition beside its approvals.
 */
export interface RuleSetAccessEvent {
  eventId: string;
  at: string;
  actor: ActorRef;
  action: 'RULE_SET_REPLAYED';
  ruleSetId: string;
  from: string;
  to: string;
  decisionIds: string[];
}

/** A signed decision as the index of decisions by month names it. */
export interface DecidedRef {
  caseId: string;
  decisionId: string;
  /** Undefined for a decision signed before the index carried case numbers. */
  caseNumber?: string;
}

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestSha256: string;
  /** The response to return to a retry with the same key. */
  response: unknown;
}

export interface StoredIdempotency {
  requestSha256: string;
  response: unknown;
}

/** What a write does to the case item: its new state (version + 1, retention moved). */
export interface CaseTouch {
  record: CaseRecord;
  expectedVersion: number;
}

export interface WriteUnit {
  /** A new case (created with version 1) or a touch of an existing one. */
  newCase?: CaseRecord;
  touch?: CaseTouch;
  putDecisions?: DecisionRecord[];
  /** Replace decisions whose stored version is `expectedVersion` (and status `expectedStatus`). */
  updateDecisions?: Array<{ record: DecisionRecord; expectedVersion: number; expectedStatus: DecisionRecord['status'] }>;
  putLetter?: { caseId: string; letter: LetterRecord };
  putMilestones?: MilestoneRecord[];
  updateMilestones?: Array<{ record: MilestoneRecord; expectedStatus: MilestoneRecord['status'] }>;
  putEnding?: { caseId: string; ending: EndingRecord };
  putReferral?: ReferralRecord;
  updateReferral?: { record: ReferralRecord; expectedStatus: ReferralRecord['status'] };
  audit: AuditEvent[];
  idempotency?: IdempotencyClaim;
  /**
   * The person index entry of the case (functions/domain/person-index.ts). For a new case the
   * write also claims the person: it fails if the person already has a case (one person, one case),
   * unless the claim names only cases that are gone (`staleCases`: culled, or past their expiry and
   * waiting for DynamoDB to delete them), which the new case then takes over.
   */
  indexPerson?: { personKey: string; caseId: string; claim: boolean; staleCases?: string[] };
}

export interface DecisionStore {
  /** The case a decision belongs to, or undefined. */
  caseIdOfDecision(decisionId: string): Promise<string | undefined>;
  /** The whole case with its history of changes, strongly consistent; undefined if unknown or past its retention expiry. */
  readCase(caseId: string): Promise<CaseFile | undefined>;
  readLetter(caseId: string, decisionId: string): Promise<LetterRecord | undefined>;
  /** Reads of the case's personal data and letters (kept apart from its history of changes). */
  readAccessLog(caseId: string): Promise<AuditEvent[]>;
  readIdempotency(scope: string, key: string): Promise<StoredIdempotency | undefined>;
  /** Throws ConflictError when a condition fails, or returns 'IDEMPOTENT_REPLAY' if the key was taken meanwhile. */
  write(unit: WriteUnit): Promise<'WRITTEN' | 'IDEMPOTENT_REPLAY'>;
  /** Appends audit events of reads (nothing else changes). */
  appendAudit(events: AuditEvent[]): Promise<void>;
  nextCaseNumber(year: number): Promise<string>;
  /**
   * The cases indexed under any of the person's index keys (a key rotation may leave several); the
   * case the person's claim names comes first. An entry may name a case that is gone (past its
   * expiry, not yet culled): readCase then says so.
   */
  casesOfPerson(personKeys: string[]): Promise<string[]>;
  /** The case that holds a case number, or undefined. */
  caseIdOfNumber(caseNumber: string): Promise<string | undefined>;
  /** The case items alone (no decisions), for lists that show the person's name; unknown or culled ones are left out. */
  readCaseRecords(caseIds: string[]): Promise<CaseRecord[]>;
  /** A case worker's own proposals waiting for a delegate, oldest first (*Mina ärenden*). */
  listOwnProposals(actorId: string, limit: number): Promise<OwnProposal[]>;
  /** Open follow-ups of the cases a case worker is responsible for, earliest first (*Mina ärenden*). */
  listOwnFollowUps(actorId: string, limit: number): Promise<DueMilestone[]>;
  /** Writes a search to the access log (kept apart from the cases: a search may find none). */
  appendSearchLog(entry: SearchLogEntry): Promise<void>;
  /** The searches made on a Stockholm calendar date, in time order (for whoever audits access). */
  readSearchLog(date: string): Promise<SearchLogEntry[]>;
  /** Proposals waiting for a delegate, oldest first (the *Att besluta* queue). */
  listProposalsToDecide(limit: number): Promise<ProposalWaiting[]>;
  /** Open milestones due strictly before `dueBefore`, earliest first. */
  listDue(dueBefore: string, limit: number): Promise<DueMilestone[]>;
  /** Undefined if unknown or past its retention expiry. */
  readReferral(referralId: string): Promise<ReferralRecord | undefined>;
  /** Referrals waiting for a case worker that arrived after `createdAfter` (an instant), oldest first. */
  listWaitingReferrals(limit: number, createdAfter: string): Promise<WaitingReferral[]>;
  /** Counts of signed decisions and endings per month, by statistics cell. */
  readStatistics(months: string[]): Promise<MonthCounts[]>;
  /** The approval of a rule set's exact content (id and sha256), parsed; undefined if none. */
  readRuleSetApproval(ruleSetId: string, sha256: string): Promise<RuleSetApproval | undefined>;
  /** Writes an approval and its audit event together; ConflictError('ALREADY_APPROVED') if that content is approved already. */
  recordRuleSetApproval(approval: RuleSetApproval, audit: RuleSetAuditEvent): Promise<void>;
  /**
   * The signed decisions (superseded ones too) whose decision date is in `month` (YYYY-MM), in
   * key order after decision `after`, at most `limit`; `more` when the month may hold more.
   */
  listDecidedInMonth(month: string, after: string | undefined, limit: number): Promise<{ refs: DecidedRef[]; more: boolean }>;
  /** What a replay reads of these decisions, parsed, in the order of `refs`; one that is gone is left out. */
  readDecisionsForReplay(refs: DecidedRef[]): Promise<DecisionForReplay[]>;
  /** Records who replayed a rule set over which decisions (never changed). */
  appendRuleSetAccess(event: RuleSetAccessEvent): Promise<void>;
  /** Adds one to the count of screenings with this result in this month; nothing else is kept. */
  countScreening(month: string, path: string): Promise<void>;
}
