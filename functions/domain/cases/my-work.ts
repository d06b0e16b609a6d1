/**
 * *Mina ärenden*: a case worker's own work — their proposals still waiting for a delegate, and
 * the follow-ups of the cases they are responsible for, with the person's name (staff only).
 * Both lists come from sparse indexes under the case worker's id: the cost follows their own
 * work, not the table. The follow-up list for everyone (listDue) gets the names the same way.
 */
import type { DomainContext } from '../context';
import { todayInStockholm } from '../dates';
import type { CaseRecord, DueMilestone, OwnProposal } from '../records-schema';
import { daysBetween } from './queues';

export interface Named {
  /** The person's name, for staff; null if the case is gone (culled) meanwhile. */
  applicantName: string | null;
}

export interface MyWork {
  proposals: Array<OwnProposal & Named & { daysWaiting: number }>;
  followUps: Array<DueMilestone & Named>;
}

/** The person's name on each item, from one batched read of the case items. */
export async function withNames<T extends { caseId: string }>(ctx: DomainContext, items: T[]): Promise<Array<T & Named>> {
  const records = await ctx.store.readCaseRecords(items.map((i) => i.caseId));
  const byId = new Map<string, CaseRecord>(records.map((r) => [r.caseId, r]));
  return items.map((item) => ({ ...item, applicantName: byId.get(item.caseId)?.applicant.name ?? null }));
}

export async function myWork(ctx: DomainContext, actorId: string, limit = 200): Promise<MyWork> {
  const today = todayInStockholm(ctx.clock());
  const [proposals, followUps] = await Promise.all([ctx.store.listOwnProposals(actorId, limit), ctx.store.listOwnFollowUps(actorId, limit)]);
  const named = await withNames(ctx, [...proposals, ...followUps]);
  return {
    proposals: (named.slice(0, proposals.length) as Array<OwnProposal & Named>).map((p) => ({ ...p, daysWaiting: daysBetween(todayInStockholm(new Date(p.proposedAt)), today) })),
    followUps: named.slice(proposals.length) as Array<DueMilestone & Named>,
  };
}
