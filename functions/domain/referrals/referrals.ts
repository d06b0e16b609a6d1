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
import { isExpired } from '../retention';

/**
 * How long a referral may wait for a case worker: 180 days from its arrival, then it is culled
 * (the table's TTL) and no longer listed or readable.
 *
 * Why not the case file's retention: a waiting referral is not yet a case file (personakt). The
 * socialtjänstlag's culling rule and its research exception (the sample born on certain days,
 * kept for research) are about case files, so neither applies while it waits; keeping a waiting
 * referral for years, or for ever for the research sample, had no purpose. What it is for is one
 * thing: that a case worker contacts the person, which the person consented to (OSL 26 kap.,
 * consent to pass their details on). A referral nobody took up within half a year has outlived
 * that purpose, and the person can be reached again through the outreach work. Personal data is
 * kept no longer than its purpose needs (GDPR art. 5.1 e). The period is the board's choice, to
 * be confirmed by its legal reviewer (GLOSSARY.md, assumptions in code). Once taken up, the
 * referral belongs to the case file and is kept as the case is (cases/propose.ts).
 */
export const WAITING_REFERRAL_DAYS = 180;

const DAY_SECONDS = 24 * 60 * 60;

/** Epoch seconds at which a referral that is still waiting is culled. */
export function waitingReferralExpiry(createdAt: Date): number {
  return Math.floor(createdAt.getTime() / 1000) + WAITING_REFERRAL_DAYS * DAY_SECONDS;
}

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
    expiresAt: waitingReferralExpiry(now),
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

/** The referrals waiting for a case worker, oldest first; one that waited its full period is gone. */
export async function listWaitingReferrals(ctx: DomainContext, limit = 200): Promise<WaitingReferral[]> {
  const now = ctx.clock();
  // DynamoDB culls an expired item only eventually; the list starts after the last expired one.
  const since = new Date(now.getTime() - WAITING_REFERRAL_DAYS * DAY_SECONDS * 1000).toISOString();
  return (await ctx.store.listWaitingReferrals(limit, since)).filter((r) => !isExpired(waitingReferralExpiry(new Date(r.createdAt)), now));
}
