/** Records how a granted insats ended; its open follow-ups close. */
import type { DomainContext } from '../context';
import { valid } from '../context';
import { type Actor, type EndingRecord, type MilestoneRecord, actorRef, endingRequestSchema } from '../records-schema';
import { todayInStockholm } from '../dates';
import { ConflictError, ValidationError } from '../errors';
import { type DecisionView, auditEvent, loadDecision, runCaseChange, touched } from './runner';

export async function recordEnding(ctx: DomainContext, actor: Actor, decisionId: string, body: unknown): Promise<DecisionView> {
  return runCaseChange(ctx, undefined, async () => {
    const request = valid(endingRequestSchema.safeParse(body));
    const { file, decision } = await loadDecision(ctx, decisionId);
    const outcome = decision.signed?.finalOutcome;
    if (decision.status !== 'SIGNED' || (outcome !== 'GRANT' && outcome !== 'PARTIAL')) {
      throw new ConflictError('NOT_GRANTED', 'Bara en beviljad insats i ett gällande beslut kan avslutas.');
    }
    if (file.endings.some((e) => e.decisionId === decisionId)) throw new ConflictError('ALREADY_ENDED', 'Insatsen är redan avslutad.');
    const now = ctx.clock();
    // An insats ends within its granted period, and not on a day that has not yet come.
    const period = decision.signed?.grantedPeriod ?? decision.proposal.period?.granted;
    const today = todayInStockholm(now);
    if (request.endedOn > today) {
      throw new ValidationError([{ path: 'endedOn', message: `Slutdatumet ligger i framtiden. Ange den dag insatsen faktiskt avslutades (senast ${today}).` }]);
    }
    if (period && (request.endedOn < period.from || request.endedOn > period.to)) {
      throw new ValidationError([{ path: 'endedOn', message: `Slutdatumet ska ligga inom den beviljade perioden ${period.from}–${period.to}.` }]);
    }
    const at = now.toISOString();
    const ending: EndingRecord = { decisionId, reason: request.reason, endedOn: request.endedOn, ...(request.note ? { note: request.note } : {}), recordedAt: at, recordedBy: actorRef(actor) };
    const closed = file.milestones
      .filter((m) => m.decisionId === decisionId && m.status === 'OPEN')
      .map((m): MilestoneRecord => ({ ...m, status: 'CLOSED', closed: { at, reason: 'ENDED' } }));
    const unit = {
      touch: touched(file.case, now),
      putEnding: { caseId: file.case.caseId, ending },
      updateMilestones: closed.map((record) => ({ record, expectedStatus: 'OPEN' as const })),
      audit: [auditEvent(ctx, actor, file.case.caseId, 'INSATS_ENDED', at, decisionId, { reason: request.reason })],
    };
    return { change: { unit, decisionId }, file };
  });
}
