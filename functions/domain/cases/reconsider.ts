/** Omprövning: a new proposal, on the facts as they are now, to replace a signed decision. */
import type { DomainContext } from '../context';
import { valid } from '../context';
import { todayInStockholm } from '../dates';
import { type Actor, type DecisionRecord, reconsiderRequestSchema } from '../records-schema';
import { ConflictError } from '../errors';
import { evaluateApproved } from './evaluate';
import { proposedDecision } from './propose';
import { type DecisionView, assertNoOpenProposal, auditEvent, loadDecision, runCaseChange, touched } from './runner';

export async function reconsiderDecision(ctx: DomainContext, actor: Actor, decisionId: string, body: unknown, idempotencyKey?: string): Promise<DecisionView> {
  // The key is the delegate's own, as on signing (sign.ts).
  return runCaseChange(ctx, { scope: `reconsider#${decisionId}#${actor.id}`, key: idempotencyKey, body }, async () => {
    const request = valid(reconsiderRequestSchema.safeParse(body));
    const { file, decision } = await loadDecision(ctx, decisionId);
    if (decision.status === 'SUPERSEDED') throw new ConflictError('SUPERSEDED', 'Beslutet har redan ersatts av ett nytt beslut. Ompröva det gällande beslutet.');
    if (decision.status !== 'SIGNED') throw new ConflictError('NOT_SIGNED', 'Bara ett fattat beslut kan omprövas.');
    assertNoOpenProposal(file);
    const now = ctx.clock();
    const at = now.toISOString();
    const decisionDate = request.decisionDate ?? todayInStockholm(now);
    const { proposal, request: evaluated } = await evaluateApproved(ctx, decisionDate, file.case.applicant.personnummer, request.facts);
    const newId = ctx.newId();
    const record: DecisionRecord = {
      ...proposedDecision({ decisionId: newId, caseId: file.case.caseId, decisionDate, facts: evaluated.facts, proposal, at, actor }),
      replaces: decisionId,
      reconsiderationReason: request.reason,
    };
    const unit = {
      touch: touched({ ...file.case, retention: proposal.retention }, now),
      putDecisions: [record],
      audit: [auditEvent(ctx, actor, file.case.caseId, 'PROPOSED', at, newId, { outcome: proposal.outcome, replaces: decisionId })],
    };
    return { change: { unit, decisionId: newId }, file };
  });
}
