/** A proposal not yet decided is withdrawn, with a reason; it is kept, marked WITHDRAWN. */
import type { DomainContext } from '../context';
import { valid } from '../context';
import { type Actor, type DecisionRecord, actorRef, withdrawRequestSchema } from '../records-schema';
import { ConflictError } from '../errors';
import { type DecisionView, auditEvent, loadDecision, runCaseChange, touched } from './runner';

export async function withdrawProposal(ctx: DomainContext, actor: Actor, decisionId: string, body: unknown): Promise<DecisionView> {
  return runCaseChange(ctx, undefined, async () => {
    const { reason } = valid(withdrawRequestSchema.safeParse(body));
    const { file, decision } = await loadDecision(ctx, decisionId);
    if (decision.status !== 'PROPOSED') throw new ConflictError('NOT_PROPOSED', 'Bara ett förslag som inte är beslutat kan dras tillbaka.');
    const now = ctx.clock();
    const at = now.toISOString();
    const withdrawn: DecisionRecord = { ...decision, status: 'WITHDRAWN', version: decision.version + 1, withdrawn: { at, by: actorRef(actor), reason } };
    const unit = {
      touch: touched(file.case, now),
      updateDecisions: [{ record: withdrawn, expectedVersion: decision.version, expectedStatus: 'PROPOSED' as const }],
      audit: [auditEvent(ctx, actor, file.case.caseId, 'WITHDRAWN', at, decisionId)],
    };
    return { change: { unit, decisionId }, file };
  });
}
