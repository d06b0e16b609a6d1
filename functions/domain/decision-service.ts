/**
 * The decision lifecycle: propose, withdraw, sign, reconsider, follow up, read. Pure orchestration
 * over the storage port and the letter renderer; no AWS and no HTTP here.
 *
 * Every change is one atomic write that also moves the case's version (optimistic locking) and
 * its retention expiry, and records an audit event. A signed decision is never changed: a changed
 * decision is a new decision that refers to the old one (SoL 11 kap. 5 §, SOSFS 2014:5).
 */
import { canonicalSha256 } from './canonical-json';
import { type IsoDate, dateParts, todayInStockholm } from './dates';
import {
  type Actor,
  type AuditAction,
  type AuditEvent,
  type CaseFile,
  type CaseRecord,
  type DecisionRecord,
  type DueMilestone,
  type EndingRecord,
  type MilestoneRecord,
  type ReferralRecord,
  type WaitingReferral,
  actorRef,
  referralRequestSchema,
  endingRequestSchema,
  milestoneDoneRequestSchema,
  proposeRequestSchema,
  reconsiderRequestSchema,
  signRequestSchema,
  withdrawRequestSchema,
} from './decision-records';
import type { DecisionStore, WriteUnit } from './decision-store';
import { ConflictError, IdempotencyKeyReusedError, LetterTooLargeError, NoRuleSetForDateError, NotFoundError, ValidationError } from './errors';
import { parseIdentityNumber } from './personnummer';
import { propose as evaluateProposal } from './propose';
import { retentionExpiry } from './retention';
import { screen, type ScreeningResult } from './screening';
import { type StatisticsRow, monthsBetween, statisticsRows } from './statistics';
import type { PublishedRuleSet, RuleSetCatalog } from './rule-set-catalog';
import { type RuleSetApproval, approvalOf, approveRuleSetRequestSchema, checkApprovalRequest } from './rule-set-approval';
import { followUpOf, type SignedDecision } from './signed-decision';
import { type RetentionPolicy } from './proposal';
import { issuesFromZod } from './validation';

/** What the letter renderer (functions/letters) answers; declared here so the core imports no adapter. */
export type LetterRenderResult =
  | { ok: true; letter: { pdf: Uint8Array; sha256: string; templateVersion: number | string } }
  | { ok: false; error: ValidationError };

/** DynamoDB items are at most 400 KB; the letter's item keeps a margin for its other attributes. */
export const LETTER_LIMIT_BYTES = 350_000;

export interface DecisionServiceDeps {
  store: DecisionStore;
  catalog: RuleSetCatalog;
  renderLetter: (decision: unknown) => Promise<LetterRenderResult>;
  clock?: () => Date;
  newId?: () => string;
  letterLimitBytes?: number;
  /** Contact details printed when a proposal names no contact person (the unit's switchboard). */
  defaultContact?: { phone: string; email: string };
}

export interface DecisionView {
  decision: DecisionRecord;
  case: CaseRecord;
  milestones: MilestoneRecord[];
  ending: EndingRecord | null;
  history: AuditEvent[];
}

type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };

function valid<T>(result: Parsed<T>): T {
  if (!result.success) throw new ValidationError(issuesFromZod(result.error.issues));
  return result.data;
}

/** A case has at most one proposal waiting for a decision at a time. */
function assertNoOpenProposal(file: CaseFile): void {
  if (file.decisions.some((d) => d.status === 'PROPOSED')) {
    throw new ConflictError('OPEN_PROPOSAL', 'Ärendet har redan ett förslag som inte är beslutat. Besluta eller dra tillbaka det först.');
  }
}

function proposedDecision(p: {
  decisionId: string;
  caseId: string;
  decisionDate: string;
  facts: DecisionRecord['facts'];
  proposal: DecisionRecord['proposal'];
  at: string;
  actor: Actor;
}): DecisionRecord {
  return {
    decisionId: p.decisionId,
    caseId: p.caseId,
    status: 'PROPOSED',
    version: 1,
    decisionDate: p.decisionDate,
    facts: p.facts,
    proposal: p.proposal,
    proposedAt: p.at,
    proposedBy: actorRef(p.actor),
  };
}

export class DecisionService {
  private readonly store: DecisionStore;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly letterLimit: number;
  private readonly approvals = new Map<string, RuleSetApproval>();

  constructor(private readonly deps: DecisionServiceDeps) {
    this.store = deps.store;
    this.clock = deps.clock ?? (() => new Date());
    this.newId = deps.newId ?? (() => crypto.randomUUID());
    this.letterLimit = deps.letterLimitBytes ?? LETTER_LIMIT_BYTES;
  }

  private audit(actor: Actor, caseId: string, action: AuditAction, at: string, decisionId?: string, details?: AuditEvent['details']): AuditEvent {
    return { eventId: this.newId(), caseId, at, actor: actorRef(actor), action, ...(decisionId ? { decisionId } : {}), ...(details ? { details } : {}) };
  }

  /** The case's new state for a write at `now`: version + 1, retention counted from now under the case's policy. */
  private touched(record: CaseRecord, now: Date): { record: CaseRecord; expectedVersion: number } {
    const birth = parseIdentityNumber(record.applicant.personnummer, todayInStockholm(now));
    const birthDate = birth.ok ? birth.value.birthDate : (`${record.applicant.personnummer.slice(0, 4)}-01-01` as IsoDate);
    return {
      expectedVersion: record.version,
      record: { ...record, version: record.version + 1, lastEntryAt: now.toISOString(), expiresAt: retentionExpiry(now, birthDate, record.retention) },
    };
  }

  /**
   * Runs a write that may carry an idempotency key. A retry with the same key and body gets the
   * first result and writes nothing; the same key with another body is an error. The record keeps
   * only the decision's id, never a copy of personal data.
   */
  private async idempotent(
    scope: string,
    key: string | undefined,
    body: unknown,
    run: (claim?: WriteUnit['idempotency']) => Promise<{ unit: WriteUnit; response: DecisionView }>,
  ): Promise<DecisionView> {
    const requestSha256 = canonicalSha256(body ?? null);
    const replay = async (): Promise<DecisionView> => {
      const stored = await this.store.readIdempotency(scope, key as string);
      if (!stored) throw new ConflictError('VERSION', 'En samtidig begäran med samma idempotensnyckel pågår. Försök igen om en stund.');
      if (stored.requestSha256 !== requestSha256) throw new IdempotencyKeyReusedError();
      const { decisionId } = stored.response as { decisionId: string };
      const { file, decision } = await this.loadDecision(decisionId);
      return this.view(file, decision);
    };
    if (key !== undefined && (await this.store.readIdempotency(scope, key))) return replay();
    const { unit, response } = await run(key === undefined ? undefined : { scope, key, requestSha256, response: undefined });
    if (unit.idempotency) unit.idempotency.response = { decisionId: response.decision.decisionId };
    const outcome = await this.store.write(unit);
    return outcome === 'IDEMPOTENT_REPLAY' ? replay() : response;
  }

  private async loadDecision(decisionId: string): Promise<{ file: CaseFile; decision: DecisionRecord }> {
    const caseId = await this.store.caseIdOfDecision(decisionId);
    const file = caseId ? await this.store.readCase(caseId) : undefined;
    const decision = file?.decisions.find((d) => d.decisionId === decisionId);
    if (!file || !decision) throw new NotFoundError('Beslutet', decisionId);
    return { file, decision };
  }

  /**
   * Evaluates under the rule set in force on the decision date, which must be approved for its
   * exact content. A draft never decides, and nothing falls back to another rule set.
   */
  private async evaluate(decisionDate: string, personnummer: string, facts: unknown) {
    const result = await evaluateProposal(this.deps.catalog, { decisionDate, applicant: { personnummer }, facts }, { approval: (published) => this.approvalOf(published) });
    if (!result.ok) throw result.error;
    return result;
  }

  /** The stored approval of exactly this content, if any. Approvals never change, so a found one is kept. */
  private async approvalOf(published: PublishedRuleSet): Promise<RuleSetApproval | undefined> {
    const key = `${published.ruleSet.id}#${published.sha256}`;
    const known = this.approvals.get(key);
    if (known) return known;
    const approval = await this.store.readRuleSetApproval(published.ruleSet.id, published.sha256);
    if (approval) this.approvals.set(key, approval);
    return approval;
  }

  /** The rule sets with their approvals, for the reviewer's list. */
  async ruleSetsWithApprovals(): Promise<Array<{ published: PublishedRuleSet; approval: RuleSetApproval | undefined }>> {
    const sets = this.deps.catalog.list();
    return Promise.all(sets.map(async (published) => ({ published, approval: await this.approvalOf(published) })));
  }

  /** One rule set with its approval; NotFoundError when there is no such rule set. */
  async ruleSetWithApproval(id: string): Promise<{ published: PublishedRuleSet; approval: RuleSetApproval | undefined }> {
    const published = this.deps.catalog.get(id);
    if (!published) throw new NotFoundError('Regelverket', id);
    return { published, approval: await this.approvalOf(published) };
  }

  /**
   * A legal reviewer approves the exact content they read. The approval is written once (a
   * second approval of the same content is a conflict) with its audit event, in one write.
   */
  async approveRuleSet(actor: Actor, id: string, body: unknown): Promise<RuleSetApproval> {
    const request = valid(approveRuleSetRequestSchema.safeParse(body));
    const published = this.deps.catalog.get(id);
    if (!published) throw new NotFoundError('Regelverket', id);
    const check = checkApprovalRequest(published, request);
    if (!check.ok && check.reason === 'STALE_CONTENT') {
      throw new ConflictError(
        'RULE_SET_CHANGED',
        `Regelverket ${id} har ändrats sedan du läste det: kontrollsumman är nu ${check.current.slice(0, 12)}…, inte ${request.sha256.slice(0, 12)}…. Läs det igen och godkänn det innehåll som gäller nu.`,
      );
    }
    if (!check.ok) throw new ValidationError(check.issues);
    if (await this.approvalOf(published)) {
      throw new ConflictError('ALREADY_APPROVED', `Regelverket ${id} är redan godkänt med detta innehåll. Ett godkännande ändras aldrig.`);
    }
    const at = this.clock().toISOString();
    const approval = approvalOf(published, request, { id: actor.id, name: actor.name, title: actor.title ?? 'Jurist' }, at);
    await this.store.recordRuleSetApproval(approval, { eventId: this.newId(), at, actor: actorRef(actor), action: 'RULE_SET_APPROVED', ruleSetId: id, sha256: published.sha256 });
    return approval;
  }

  /** The retention of the rule set in force on a day (for records made without a proposal). */
  private retentionInForce(day: string): RetentionPolicy {
    const { parameters } = this.deps.catalog.forDate(day as IsoDate).ruleSet;
    return { period: { value: parameters.retentionPeriod.value, unit: parameters.retentionPeriod.unit }, researchSampleBirthDays: [...parameters.researchSampleBirthDays.value] };
  }

  /** Stores the facts and the engine's proposal (status PROPOSED), on a new or an existing case. */
  async propose(actor: Actor, body: unknown, idempotencyKey?: string): Promise<DecisionView> {
    return this.idempotent(`propose#${actor.id}`, idempotencyKey, body, async (claim) => {
      const request = valid(proposeRequestSchema.safeParse(body));
      const now = this.clock();
      const at = now.toISOString();
      const decisionDate = request.decisionDate ?? todayInStockholm(now);
      const { proposal, request: evaluated } = await this.evaluate(decisionDate, request.applicant.personnummer, request.facts);
      const identity = parseIdentityNumber(evaluated.applicant.personnummer, decisionDate as IsoDate);
      if (!identity.ok) throw new Error('identity was validated by propose()');

      let caseRecord: CaseRecord;
      let unit: WriteUnit;
      const decisionId = this.newId();
      const audit: AuditEvent[] = [];
      let referral: ReferralRecord | undefined;
      if (request.referralId) {
        referral = await this.store.readReferral(request.referralId);
        if (!referral) throw new NotFoundError('Anmälan', request.referralId);
        if (referral.status !== 'WAITING') throw new ConflictError('VERSION', 'Anmälan är redan omhändertagen av en handläggare.');
        if (referral.applicant.personnummer !== identity.value.canonical) {
          throw new ValidationError([{ path: 'applicant.personnummer', message: 'Personnumret stämmer inte med anmälan.' }]);
        }
      }
      if (request.caseId) {
        const file = await this.store.readCase(request.caseId);
        if (!file) throw new NotFoundError('Ärendet', request.caseId);
        if (file.case.applicant.personnummer !== identity.value.canonical) {
          throw new ValidationError([{ path: 'applicant.personnummer', message: 'Personnumret hör inte till ärendet.' }]);
        }
        assertNoOpenProposal(file);
        // The case worker's verified details replace earlier ones (e.g. from an outreach referral).
        const touch = this.touched(
          {
            ...file.case,
            applicant: { ...request.applicant, personnummer: identity.value.canonical },
            ...(request.contact ? { contact: request.contact } : {}),
            retention: proposal.retention,
          },
          now,
        );
        caseRecord = touch.record;
        unit = { touch, audit };
      } else {
        const caseId = this.newId();
        caseRecord = {
          caseId,
          caseNumber: request.caseNumber ?? (await this.store.nextCaseNumber(dateParts(decisionDate as IsoDate).year)),
          applicant: { ...request.applicant, personnummer: identity.value.canonical },
          contact: request.contact ?? { name: actor.name, phone: this.deps.defaultContact?.phone ?? '08-508 00 000', email: this.deps.defaultContact?.email ?? 'jobbtorg@stockholm.se' },
          createdAt: at,
          lastEntryAt: at,
          retention: proposal.retention,
          expiresAt: retentionExpiry(now, identity.value.birthDate, proposal.retention),
          version: 1,
        };
        audit.push(this.audit(actor, caseId, 'CASE_CREATED', at));
        unit = { newCase: caseRecord, audit };
      }
      const decision = proposedDecision({ decisionId, caseId: caseRecord.caseId, decisionDate, facts: evaluated.facts, proposal, at, actor });
      audit.push(this.audit(actor, caseRecord.caseId, 'PROPOSED', at, decisionId, { outcome: proposal.outcome, ruleSet: `${proposal.ruleSet.id}@${proposal.ruleSet.version}` }));
      unit.putDecisions = [decision];
      if (referral) {
        const taken: ReferralRecord = { ...referral, status: 'TAKEN', taken: { at, by: actorRef(actor), caseId: caseRecord.caseId, decisionId } };
        unit.updateReferral = { record: taken, expectedStatus: 'WAITING' };
        audit.push(this.audit(actor, caseRecord.caseId, 'REFERRAL_TAKEN', at, decisionId, { referralId: referral.referralId }));
      }
      if (claim) unit.idempotency = claim;
      return { unit, response: { decision, case: caseRecord, milestones: [], ending: null, history: audit } };
    });
  }

  async withdraw(actor: Actor, decisionId: string, body: unknown): Promise<DecisionView> {
    const { reason } = valid(withdrawRequestSchema.safeParse(body));
    const { file, decision } = await this.loadDecision(decisionId);
    if (decision.status !== 'PROPOSED') throw new ConflictError('NOT_PROPOSED', 'Bara ett förslag som inte är beslutat kan dras tillbaka.');
    const now = this.clock();
    const at = now.toISOString();
    const updated: DecisionRecord = { ...decision, status: 'WITHDRAWN', version: decision.version + 1, withdrawn: { at, by: actorRef(actor), reason } };
    const touch = this.touched(file.case, now);
    const audit = [this.audit(actor, file.case.caseId, 'WITHDRAWN', at, decisionId)];
    await this.store.write({ touch, updateDecisions: [{ record: updated, expectedVersion: decision.version, expectedStatus: 'PROPOSED' }], audit });
    return this.view({ ...file, case: touch.record, audit: [...file.audit, ...audit] }, updated);
  }

  /**
   * A proposal is signed only under the rule set it was evaluated with, when that content is
   * still the approved one in force on the decision date. Otherwise the same facts might now give
   * another outcome, and the delegate would sign what the law as approved does not propose.
   */
  private async assertRuleSetStillApproved(decision: DecisionRecord): Promise<void> {
    const stale = (why: string) =>
      new ConflictError('RULE_SET_CHANGED', `${why} Förslaget kan därför inte beslutas. Dra tillbaka det och gör ett nytt förslag.`);
    let inForce: PublishedRuleSet;
    try {
      inForce = this.deps.catalog.forDate(decision.decisionDate as IsoDate);
    } catch (error) {
      if (error instanceof NoRuleSetForDateError) throw stale(`Inget regelverk gäller längre för beslutsdatumet ${decision.decisionDate}.`);
      throw error;
    }
    const used = decision.proposal.ruleSet;
    if (inForce.ruleSet.id !== used.id || inForce.sha256 !== used.sha256) {
      throw stale(`Regelverket har ändrats sedan förslaget gjordes (förslaget: ${used.id} ${used.sha256.slice(0, 12)}…, nu: ${inForce.ruleSet.id} ${inForce.sha256.slice(0, 12)}…).`);
    }
    if (!(await this.approvalOf(inForce))) throw stale(`Regelverket ${inForce.ruleSet.id} är inte godkänt av en jurist i sin nuvarande lydelse.`);
  }

  /**
   * The named delegate decides. The letter is rendered first; the decision, the letter, the
   * follow-up milestones and the audit event are then stored in one transaction.
   */
  async sign(actor: Actor, decisionId: string, body: unknown, idempotencyKey?: string): Promise<DecisionView> {
    return this.idempotent(`sign#${decisionId}`, idempotencyKey, body, async (claim) => {
      const request = valid(signRequestSchema.safeParse(body));
      const { file, decision } = await this.loadDecision(decisionId);
      if (decision.status === 'SIGNED' || decision.status === 'SUPERSEDED') throw new ConflictError('ALREADY_SIGNED', 'Beslutet är redan fattat och kan inte ändras. Ett ändrat beslut fattas genom omprövning.');
      if (decision.status !== 'PROPOSED') throw new ConflictError('NOT_PROPOSED', 'Förslaget är tillbakadraget och kan inte beslutas.');
      if (!actor.delegationReference) {
        // A decision may not be anonymous or made without delegated authority.
        throw new ValidationError([{ path: 'delegationReference', message: 'Beslutsfattaren saknar delegation. Logga in som beslutsfattare med delegation.' }]);
      }
      const now = this.clock();
      const at = now.toISOString();
      // The letter states the decision date; a decision is not back-dated or dated ahead. The
      // proposal was evaluated for its date (age, rule set), so another day needs a new proposal.
      const today = todayInStockholm(now);
      if (today !== decision.decisionDate) {
        throw new ConflictError(
          'DECISION_DATE_NOT_TODAY',
          `Förslaget gäller beslutsdatum ${decision.decisionDate}, men i dag är det ${today}. Dra tillbaka förslaget och gör ett nytt för dagens datum.`,
        );
      }
      await this.assertRuleSetStillApproved(decision);
      const signed = {
        schemaVersion: 1,
        caseNumber: file.case.caseNumber,
        decisionDate: decision.decisionDate,
        finalOutcome: request.finalOutcome,
        proposal: decision.proposal,
        applicant: file.case.applicant,
        decisionMaker: { name: actor.name, title: actor.title ?? 'Beslutsfattare', delegationReference: actor.delegationReference },
        contact: file.case.contact,
        facts: decision.facts,
        ...(request.deviationReason !== undefined ? { deviationReason: request.deviationReason } : {}),
        ...(request.grantedPeriod !== undefined ? { grantedPeriod: request.grantedPeriod } : {}),
      };
      const rendered = await this.deps.renderLetter(signed);
      if (!rendered.ok) throw rendered.error;
      const { letter } = rendered;
      if (letter.pdf.byteLength > this.letterLimit) throw new LetterTooLargeError(letter.pdf.byteLength, this.letterLimit);

      const record: DecisionRecord = {
        ...decision,
        status: 'SIGNED',
        version: decision.version + 1,
        signed: {
          at,
          by: actorRef(actor),
          finalOutcome: request.finalOutcome,
          decisionMaker: signed.decisionMaker,
          ...(request.deviationReason !== undefined ? { deviationReason: request.deviationReason } : {}),
          ...(request.grantedPeriod !== undefined ? { grantedPeriod: request.grantedPeriod } : {}),
          letterSha256: letter.sha256,
          templateVersion: String(letter.templateVersion),
        },
      };
      const milestones: MilestoneRecord[] = followUpOf(signed as SignedDecision).map((m, i) => ({
        caseId: file.case.caseId,
        decisionId,
        milestoneId: String(i + 1).padStart(2, '0'),
        kind: m.kind,
        due: m.due,
        status: 'OPEN',
      }));
      const touch = this.touched(file.case, now);
      const audit = [
        this.audit(actor, file.case.caseId, 'SIGNED', at, decisionId, {
          finalOutcome: request.finalOutcome,
          proposedOutcome: decision.proposal.outcome,
          deviation: request.deviationReason !== undefined,
          letterSha256: letter.sha256,
        }),
      ];
      const unit: WriteUnit = {
        touch,
        updateDecisions: [{ record, expectedVersion: decision.version, expectedStatus: 'PROPOSED' }],
        putLetter: { caseId: file.case.caseId, letter: { decisionId, pdf: letter.pdf, sha256: letter.sha256, templateVersion: String(letter.templateVersion), createdAt: at } },
        putMilestones: milestones,
        audit,
      };
      const updatedMilestones: MilestoneRecord[] = [];
      const decisions = file.decisions.map((d) => (d.decisionId === decisionId ? record : d));
      if (decision.replaces) {
        // Omprövning: the old decision stays as it was, marked superseded, and its open
        // follow-ups close; the new decision's follow-ups replace them.
        const old = file.decisions.find((d) => d.decisionId === decision.replaces);
        if (!old || old.status !== 'SIGNED') throw new ConflictError('SUPERSEDED', 'Det beslut som omprövas har redan ersatts av ett annat beslut.');
        const superseded: DecisionRecord = { ...old, status: 'SUPERSEDED', version: old.version + 1, supersededBy: { decisionId, at } };
        unit.updateDecisions?.push({ record: superseded, expectedVersion: old.version, expectedStatus: 'SIGNED' });
        for (const m of file.milestones.filter((m) => m.decisionId === old.decisionId && m.status === 'OPEN')) {
          const closed: MilestoneRecord = { ...m, status: 'CLOSED', closed: { at, reason: 'SUPERSEDED' } };
          updatedMilestones.push(closed);
          unit.updateMilestones = [...(unit.updateMilestones ?? []), { record: closed, expectedStatus: 'OPEN' }];
        }
        audit.push(this.audit(actor, file.case.caseId, 'SUPERSEDED', at, old.decisionId, { supersededBy: decisionId }));
        decisions.splice(decisions.findIndex((d) => d.decisionId === old.decisionId), 1, superseded);
      }
      if (claim) unit.idempotency = claim;
      const milestonesAfter = [...file.milestones.map((m) => updatedMilestones.find((u) => u.milestoneId === m.milestoneId && u.decisionId === m.decisionId) ?? m), ...milestones];
      const view = this.view({ ...file, case: touch.record, decisions, milestones: milestonesAfter, audit: [...file.audit, ...audit] }, record);
      return { unit, response: view };
    });
  }

  /** Omprövning: a new proposal, on the facts as they are now, to replace a signed decision. */
  async reconsider(actor: Actor, decisionId: string, body: unknown, idempotencyKey?: string): Promise<DecisionView> {
    return this.idempotent(`reconsider#${decisionId}`, idempotencyKey, body, async (claim) => {
      const request = valid(reconsiderRequestSchema.safeParse(body));
      const { file, decision } = await this.loadDecision(decisionId);
      if (decision.status === 'SUPERSEDED') throw new ConflictError('SUPERSEDED', 'Beslutet har redan ersatts av ett nytt beslut. Ompröva det gällande beslutet.');
      if (decision.status !== 'SIGNED') throw new ConflictError('NOT_SIGNED', 'Bara ett fattat beslut kan omprövas.');
      assertNoOpenProposal(file);
      const now = this.clock();
      const at = now.toISOString();
      const decisionDate = request.decisionDate ?? todayInStockholm(now);
      const { proposal, request: evaluated } = await this.evaluate(decisionDate, file.case.applicant.personnummer, request.facts);
      const newId = this.newId();
      const record: DecisionRecord = {
        ...proposedDecision({ decisionId: newId, caseId: file.case.caseId, decisionDate, facts: evaluated.facts, proposal, at, actor }),
        replaces: decisionId,
        reconsiderationReason: request.reason,
      };
      const touch = this.touched({ ...file.case, retention: proposal.retention }, now);
      const audit = [this.audit(actor, file.case.caseId, 'PROPOSED', at, newId, { outcome: proposal.outcome, replaces: decisionId })];
      const unit: WriteUnit = { touch, putDecisions: [record], audit };
      if (claim) unit.idempotency = claim;
      return { unit, response: this.view({ ...file, case: touch.record, decisions: [...file.decisions, record], audit: [...file.audit, ...audit] }, record) };
    });
  }

  async recordMilestoneDone(actor: Actor, decisionId: string, milestoneId: string, body: unknown): Promise<DecisionView> {
    const { note } = valid(milestoneDoneRequestSchema.safeParse(body));
    const { file, decision } = await this.loadDecision(decisionId);
    const milestone = file.milestones.find((m) => m.decisionId === decisionId && m.milestoneId === milestoneId);
    if (!milestone) throw new NotFoundError('Uppföljningspunkten', `${decisionId}/${milestoneId}`);
    if (milestone.status !== 'OPEN') throw new ConflictError('ALREADY_DONE', 'Uppföljningspunkten är redan avslutad.');
    const now = this.clock();
    const at = now.toISOString();
    const done: MilestoneRecord = { ...milestone, status: 'DONE', done: { at, by: actorRef(actor), note } };
    const touch = this.touched(file.case, now);
    const audit = [this.audit(actor, file.case.caseId, 'MILESTONE_DONE', at, decisionId, { milestoneId, kind: milestone.kind })];
    await this.store.write({ touch, updateMilestones: [{ record: done, expectedStatus: 'OPEN' }], audit });
    return this.view({ ...file, case: touch.record, milestones: file.milestones.map((m) => (m === milestone ? done : m)), audit: [...file.audit, ...audit] }, decision);
  }

  /** Records how a granted insats ended; its open follow-ups close. */
  async recordEnding(actor: Actor, decisionId: string, body: unknown): Promise<DecisionView> {
    const request = valid(endingRequestSchema.safeParse(body));
    const { file, decision } = await this.loadDecision(decisionId);
    const outcome = decision.signed?.finalOutcome;
    if (decision.status !== 'SIGNED' || (outcome !== 'GRANT' && outcome !== 'PARTIAL')) {
      throw new ConflictError('NOT_GRANTED', 'Bara en beviljad insats i ett gällande beslut kan avslutas.');
    }
    if (file.endings.some((e) => e.decisionId === decisionId)) throw new ConflictError('ALREADY_ENDED', 'Insatsen är redan avslutad.');
    const now = this.clock();
    const at = now.toISOString();
    const ending: EndingRecord = { decisionId, reason: request.reason, endedOn: request.endedOn, ...(request.note ? { note: request.note } : {}), recordedAt: at, recordedBy: actorRef(actor) };
    const closed = file.milestones
      .filter((m) => m.decisionId === decisionId && m.status === 'OPEN')
      .map((m): MilestoneRecord => ({ ...m, status: 'CLOSED', closed: { at, reason: 'ENDED' } }));
    const touch = this.touched(file.case, now);
    const audit = [this.audit(actor, file.case.caseId, 'INSATS_ENDED', at, decisionId, { reason: request.reason })];
    await this.store.write({ touch, putEnding: { caseId: file.case.caseId, ending }, updateMilestones: closed.map((record) => ({ record, expectedStatus: 'OPEN' as const })), audit });
    const milestones = file.milestones.map((m) => closed.find((c) => c.milestoneId === m.milestoneId && c.decisionId === m.decisionId) ?? m);
    return this.view({ ...file, case: touch.record, milestones, endings: [...file.endings, ending], audit: [...file.audit, ...audit] }, decision);
  }

  /** Reading personal data is itself an event worth recording (who read whose case, when). */
  async getDecision(actor: Actor, decisionId: string, options: { auditRead: boolean; masked?: boolean } = { auditRead: true }): Promise<DecisionView> {
    const { file, decision } = await this.loadDecision(decisionId);
    if (options.auditRead) {
      const event = this.audit(actor, file.case.caseId, 'READ_DECISION', this.clock().toISOString(), decisionId, { masked: options.masked === true });
      await this.store.appendAudit([event]);
    }
    return this.view(file, decision);
  }

  async getLetter(actor: Actor, decisionId: string): Promise<{ pdf: Uint8Array; sha256: string; caseNumber: string }> {
    const { file, decision } = await this.loadDecision(decisionId);
    const letter = decision.signed ? await this.store.readLetter(file.case.caseId, decisionId) : undefined;
    if (!letter) throw new NotFoundError('Beslutsbrevet för beslutet', decisionId);
    await this.store.appendAudit([this.audit(actor, file.case.caseId, 'READ_LETTER', this.clock().toISOString(), decisionId, { letterSha256: letter.sha256 })]);
    return { pdf: letter.pdf, sha256: letter.sha256, caseNumber: file.case.caseNumber };
  }

  async listDue(dueBefore: string, limit = 100): Promise<DueMilestone[]> {
    return this.store.listDue(dueBefore, limit);
  }

  /** An outreach tool registers a person, with recorded consent, for a case worker to take up. */
  async createReferral(actor: Actor, body: unknown): Promise<ReferralRecord> {
    const request = valid(referralRequestSchema.safeParse(body));
    const now = this.clock();
    const at = now.toISOString();
    const identity = parseIdentityNumber(request.applicant.personnummer, todayInStockholm(now));
    if (!identity.ok) {
      throw new ValidationError([{ path: 'applicant.personnummer', message: 'Personnumret är inte giltigt i dag.' }]);
    }
    const referral: ReferralRecord = {
      referralId: this.newId(),
      status: 'WAITING',
      createdAt: at,
      referredBy: actorRef(actor),
      applicant: { ...request.applicant, personnummer: identity.value.canonical },
      consent: request.consent,
      ...(request.note ? { note: request.note } : {}),
      // A referral is kept under the retention of the rule set in force on the day it arrives.
      expiresAt: retentionExpiry(now, identity.value.birthDate, this.retentionInForce(todayInStockholm(now))),
    };
    const audit: AuditEvent = { eventId: this.newId(), caseId: '', referralId: referral.referralId, at, actor: actorRef(actor), action: 'REFERRAL_RECEIVED' };
    await this.store.write({ putReferral: referral, audit: [audit] });
    return referral;
  }

  /**
   * An outreach tool sees only the status of its own referrals (secrecy: nothing of what the
   * board decided); staff see the referral and the read is audited.
   */
  async getReferral(actor: Actor, referralId: string): Promise<ReferralRecord | { referralId: string; status: ReferralRecord['status']; createdAt: string }> {
    const referral = await this.store.readReferral(referralId);
    if (!referral || (actor.role === 'uppsok' && referral.referredBy.id !== actor.id)) throw new NotFoundError('Anmälan', referralId);
    if (actor.role === 'uppsok') return { referralId, status: referral.status, createdAt: referral.createdAt };
    const at = this.clock().toISOString();
    await this.store.appendAudit([{ eventId: this.newId(), caseId: referral.taken?.caseId ?? '', referralId, at, actor: actorRef(actor), action: 'READ_REFERRAL' }]);
    return referral;
  }

  async listWaitingReferrals(limit = 200): Promise<WaitingReferral[]> {
    return this.store.listWaitingReferrals(limit);
  }

  /** Anonymised counts for the months from `from` to `to` (YYYY-MM), small cells suppressed. */
  async statistics(from: string, to: string): Promise<StatisticsRow[]> {
    const valid = /^\d{4}-(0[1-9]|1[0-2])$/;
    const issues = [
      ...(valid.test(from) ? [] : [{ path: 'from', message: 'Ange från-månaden som ÅÅÅÅ-MM.' }]),
      ...(valid.test(to) ? [] : [{ path: 'to', message: 'Ange till-månaden som ÅÅÅÅ-MM.' }]),
    ];
    const months = issues.length === 0 ? monthsBetween(from, to) : undefined;
    if (issues.length === 0 && !months) issues.push({ path: 'to', message: 'Till-månaden ska vara samma som eller efter från-månaden, högst 60 månader senare.' });
    if (!months) throw new ValidationError(issues);
    return statisticsRows(await this.store.readStatistics(months));
  }

  /** The anonymous pre-check; only a count per month and path is kept. */
  async screen(body: unknown): Promise<ScreeningResult> {
    const now = this.clock();
    const result = await screen(this.deps.catalog, body, now);
    await this.store.countScreening(result.decisionDate.slice(0, 7), result.likelyPath);
    return result;
  }

  private view(file: CaseFile, decision: DecisionRecord): DecisionView {
    return {
      decision,
      case: file.case,
      milestones: file.milestones.filter((m) => m.decisionId === decision.decisionId),
      ending: file.endings.find((e) => e.decisionId === decision.decisionId) ?? null,
      history: [...file.audit].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    };
  }
}
