/**
 * Referrals from outreach tools: a person who consented is registered for a case worker to take
 * up (taking one up is part of proposing, cases/propose.ts). Secrecy between the boards (OSL
 * 26 kap.) decides what an outreach tool may see of it afterwards.
 */
import type { DomainContext } from '../context';
import { valid } from '../context';
import { todayInStockholm } from '../dates';
import { type Actor, type AuditEvent, type ReferralRecord, type WaitingReferral, actorRef, referralRequestSchema } from '../records-schema';
import { NotFoundError, ValidationError } from '../errors';
import { parseIdentityNumber } from '../personnummer';
import { retentionExpiry } from '../retention';
import { retentionInForce } from '../rule-sets/approvals';

export async function createReferral(ctx: DomainContext, actor: Actor, body: unknown): Promise<ReferralRecord> {
  const request = valid(referralRequestSchema.safeParse(body));
  const now = ctx.clock();
  const at = now.toISOString();
  const identity = parseIdentityNumber(request.applicant.personnummer, todayInStockholm(now));
  if (!identity.ok) throw new ValidationError([{ path: 'applicant.personnummer', message: 'Personnumret är inte giltigt i dag.' }]);
  const referral: ReferralRecord = {
    referralId: ctx.newId(),
    status: 'WAITING',
    createdAt: at,
    referredBy: actorRef(actor),
    applicant: { ...request.applicant, personnummer: identity.value.canonical },
    consent: request.consent,
    ...(request.note ? { note: request.note } : {}),
    // A referral is kept under the retention of the rule set in force on the day it arrives.
    expiresAt: retentionExpiry(now, identity.value.birthDate, retentionInForce(ctx, todayInStockholm(now))),
  };
  const audit: AuditEvent = { eventId: ctx.newId(), caseId: '', referralId: referral.referralId, at, actor: actorRef(actor), action: 'REFERRAL_RECEIVED' };
  await ctx.store.write({ putReferral: referral, audit: [audit] });
  return referral;
}

/** An outreach tool sees only the status of its own referrals; staff see the referral and the read is audited. */
export async function readReferral(
  ctx: DomainContext,
  actor: Actor,
  referralId: string,
): Promise<ReferralRecord | { referralId: string; status: ReferralRecord['status']; createdAt: string }> {
  const referral = await ctx.store.readReferral(referralId);
  if (!referral || (actor.role === 'uppsok' && referral.referredBy.id !== actor.id)) throw new NotFoundError('Anmälan', referralId);
  if (actor.role === 'uppsok') return { referralId, status: referral.status, createdAt: referral.createdAt };
  const at = ctx.clock().toISOString();
  await ctx.store.appendAudit([{ eventId: ctx.newId(), caseId: referral.taken?.caseId ?? '', referralId, at, actor: actorRef(actor), action: 'READ_REFERRAL' }]);
  return referral;
}

export async function listWaitingReferrals(ctx: DomainContext, limit = 200): Promise<WaitingReferral[]> {
  return ctx.store.listWaitingReferrals(limit);
}
