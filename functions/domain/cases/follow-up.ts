/** Follow-up: the milestones due before a date, and recording one as done. */
import type { DomainContext } from '../context';
import { valid } from '../context';
import { type Actor, type DueMilestone, type MilestoneRecord, actorRef, milestoneDoneRequestSchema } from '../records-schema';
import { ConflictError, NotFoundError } from '../errors';
import { type DecisionView, auditEvent, loadDecision, runCaseChange, touched } from './runner';
import { type Named, withNames } from './my-work';

/** Open follow-ups due before a date, earliest first, each with the person's name (staff only). */
export async function listDue(ctx: DomainContext, dueBefore: string, limit = 100): Promise<Array<DueMilestone & Named>> {
  return withNames(ctx, await ctx.store.listDue(dueBefore, limit));
}

export async function recordMilestoneDone(ctx: DomainContext, actor: Actor, decisionId: string, milestoneId: string, body: unknown): Promise<DecisionView> {
  return runCaseChange(ctx, undefined, async () => {
    const { note } = valid(milestoneDoneRequestSchema.safeParse(body));
    const { file } = await loadDecision(ctx, decisionId);
    const milestone = file.milestones.find((m) => m.decisionId === decisionId && m.milestoneId === milestoneId);
    if (!milestone) throw new NotFoundError('Uppföljningspunkten', `${decisionId}/${milestoneId}`);
    if (milestone.status !== 'OPEN') throw new ConflictError('ALREADY_DONE', 'Uppföljningspunkten är redan avslutad.');
    const now = ctx.clock();
    const at = now.toISOString();
    const done: MilestoneRecord = { ...milestone, status: 'DONE', done: { at, by: actorRef(actor), note } };
    const unit = {
      touch: touched(file.case, now),
      updateMilestones: [{ record: done, expectedStatus: 'OPEN' as const }],
      audit: [auditEvent(ctx, actor, file.case.caseId, 'MILESTONE_DONE', at, decisionId, { milestoneId, kind: milestone.kind })],
    };
    return { change: { unit, decisionId }, file };
  });
}
