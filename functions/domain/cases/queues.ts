/** The work queues: *Att besluta*, the delegate's start page — proposals waiting, oldest first. */
import type { DomainContext } from '../context';
import { type IsoDate, todayInStockholm } from '../dates';
import type { ProposalWaiting } from '../records-schema';

export interface WaitingToDecide extends ProposalWaiting {
  /** Whole calendar days since it was proposed (Stockholm dates). */
  daysWaiting: number;
}

const dayNumber = (date: IsoDate) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/** Whole calendar days from one date to a later one. */
export const daysBetween = (from: IsoDate, to: IsoDate) => dayNumber(to) - dayNumber(from);

export async function proposalsToDecide(ctx: DomainContext, limit = 200): Promise<WaitingToDecide[]> {
  const today = todayInStockholm(ctx.clock());
  const waiting = await ctx.store.listProposalsToDecide(limit);
  return waiting.map((item) => ({ ...item, daysWaiting: daysBetween(todayInStockholm(new Date(item.proposedAt)), today) }));
}
