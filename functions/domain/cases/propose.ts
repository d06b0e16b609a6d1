/**
 * A case worker proposes: the facts go in, the engine's proposal under the approved law in force
 * comes out and is stored (status PROPOSED), on a new case or on the person's existing one.
 */
import type { DomainContext } from '../context';
import { valid } from '../context';
import { type IsoDate, dateParts, todayInStockholm } from '../dates';
import {
  type Actor,
  type AuditEvent,
  type CaseFile,
  type CaseRecord,
  type DecisionRecord,
  type ReferralRecord,
  actorRef,
  proposeRequestSchema,
} from '../records-schema';
import type { WriteUnit } from '../decision-store';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseIdentityNumber } from '../personnummer';
import type { Proposal } from '../proposal-schema';
import { retentionExpiry } from '../retention';
import { evaluateApproved } from './evaluate';
import { type DecisionView, assertNoOpenProposal, auditEvent, runCaseChange, touched } from './runner';

/** A new decision record holding the engine's proposal, waiting for a delegate. */
export function proposedDecision(p: {
  decisionId: string;
  caseId: string;
  decisionDate: string;
  facts: DecisionRecord['facts'];
  proposal: Proposal;
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

export async function proposeDecision(ctx: DomainContext, actor: Actor, body: unknown, idempotencyKey?: string): Promise<DecisionView> {
  return runCaseChange(ctx, { scope: `propose#${actor.id}`, key: idempotencyKey, body }, async () => {
    const request = valid(proposeRequestSchema.safeParse(body));
    const now = ctx.clock();
    const at = now.toISOString();
    const decisionDate = request.decisionDate ?? todayInStockholm(now);
    const { proposal, request: evaluated } = await evaluateApproved(ctx, decisionDate, request.applicant.personnummer, request.facts);
    const identity = parseIdentityNumber(evaluated.applicant.personnummer, decisionDate as IsoDate);
    if (!identity.ok) throw new Error('identity was validated by propose()');
    const personnummer = identity.value.canonical;

    let referral: ReferralRecord | undefined;
    if (request.referralId) {
      referral = await ctx.store.readReferral(request.referralId);
      if (!referral) throw new NotFoundError('Anmälan', request.referralId);
      if (referral.status !== 'WAITING') throw new ConflictError('VERSION', 'Anmälan är redan omhändertagen av en handläggare.');
      if (referral.applicant.personnummer !== personnummer) {
        throw new ValidationError([{ path: 'applicant.personnummer', message: 'Personnumret stämmer inte med anmälan.' }]);
      }
    }
    let file: CaseFile | undefined;
    if (request.caseId) {
      file = await ctx.store.readCase(request.caseId);
      if (!file) throw new NotFoundError('Ärendet', request.caseId);
      if (file.case.applicant.personnummer !== personnummer) {
        throw new ValidationError([{ path: 'applicant.personnummer', message: 'Personnumret hör inte till ärendet.' }]);
      }
      if (request.correctionReason === undefined) assertNoOpenProposal(file);
    } else if (request.correctionReason !== undefined) {
      throw new ValidationError([{ path: 'correctionReason', message: 'Ett rättat förslag hör till ett ärende: ange ärendets id (caseId).' }]);
    }

    const decisionId = ctx.newId();
    const audit: AuditEvent[] = [];
    let unit: WriteUnit;
    let caseRecord: CaseRecord;
    if (file) {
      // The case worker's verified details replace earlier ones (e.g. from an outreach referral).
      const touch = touched(
        { ...file.case, applicant: { ...request.applicant, personnummer }, ...(request.contact ? { contact: request.contact } : {}), retention: proposal.retention },
        now,
      );
      caseRecord = touch.record;
      unit = { touch, audit };
    } else {
      caseRecord = {
        caseId: ctx.newId(),
        // The board's diarienummer is issued by the service only, never typed by a caller.
        caseNumber: await ctx.store.nextCaseNumber(dateParts(decisionDate as IsoDate).year),
        applicant: { ...request.applicant, personnummer },
        contact: request.contact ?? { name: actor.name, ...ctx.defaultContact },
        createdAt: at,
        lastEntryAt: at,
        retention: proposal.retention,
        expiresAt: retentionExpiry(now, identity.value.birthDate, proposal.retention),
        version: 1,
      };
      audit.push(auditEvent(ctx, actor, caseRecord.caseId, 'CASE_CREATED', at));
      unit = { newCase: caseRecord, audit };
    }
    // Corrected facts: the open proposal is withdrawn with the reason, in the same write, and kept.
    const open = request.correctionReason !== undefined ? file?.decisions.find((d) => d.status === 'PROPOSED') : undefined;
    if (request.correctionReason !== undefined && !open) {
      throw new ValidationError([{ path: 'correctionReason', message: 'Ärendet har inget öppet förslag att rätta. Gör ett nytt förslag utan rättelse.' }]);
    }
    if (open && request.correctionReason !== undefined) {
      const withdrawn: DecisionRecord = { ...open, status: 'WITHDRAWN', version: open.version + 1, withdrawn: { at, by: actorRef(actor), reason: request.correctionReason } };
      unit.updateDecisions = [{ record: withdrawn, expectedVersion: open.version, expectedStatus: 'PROPOSED' }];
      audit.push(auditEvent(ctx, actor, caseRecord.caseId, 'WITHDRAWN', at, open.decisionId, { correctedBy: decisionId }));
    }
    const decision = proposedDecision({ decisionId, caseId: caseRecord.caseId, decisionDate, facts: evaluated.facts, proposal, at, actor });
    audit.push(auditEvent(ctx, actor, caseRecord.caseId, 'PROPOSED', at, decisionId, { outcome: proposal.outcome, ruleSet: `${proposal.ruleSet.id}@${proposal.ruleSet.version}` }));
    unit.putDecisions = [decision];
    if (referral) {
      // Taken up, the referral is part of the case file: no longer culled as a waiting one
      // (referrals.ts) but under the case file's retention from today, research sample included.
      const taken: ReferralRecord = {
        ...referral,
        status: 'TAKEN',
        taken: { at, by: actorRef(actor), caseId: caseRecord.caseId, decisionId },
        expiresAt: retentionExpiry(now, identity.value.birthDate, proposal.retention),
      };
      unit.updateReferral = { record: taken, expectedStatus: 'WAITING' };
      audit.push(auditEvent(ctx, actor, caseRecord.caseId, 'REFERRAL_TAKEN', at, decisionId, { referralId: referral.referralId }));
    }
    return { change: { unit, decisionId }, file };
  });
}
