/** Reading a decision or its letter. Reading personal data is itself recorded: who read whose case, when. */
import type { DomainContext } from '../context';
import type { Actor } from '../records-schema';
import { NotFoundError } from '../errors';
import { type DecisionView, auditEvent, decisionView, loadDecision } from './runner';

export async function readDecision(ctx: DomainContext, actor: Actor, decisionId: string, options: { auditRead: boolean; masked?: boolean } = { auditRead: true }): Promise<DecisionView> {
  const { file } = await loadDecision(ctx, decisionId);
  if (options.auditRead) {
    await ctx.store.appendAudit([auditEvent(ctx, actor, file.case.caseId, 'READ_DECISION', ctx.clock().toISOString(), decisionId, { masked: options.masked === true })]);
  }
  return decisionView(file, decisionId);
}

export async function readLetter(ctx: DomainContext, actor: Actor, decisionId: string): Promise<{ pdf: Uint8Array; sha256: string; caseNumber: string }> {
  const { file, decision } = await loadDecision(ctx, decisionId);
  const letter = decision.signed ? await ctx.store.readLetter(file.case.caseId, decisionId) : undefined;
  if (!letter) throw new NotFoundError('Beslutsbrevet för beslutet', decisionId);
  await ctx.store.appendAudit([auditEvent(ctx, actor, file.case.caseId, 'READ_LETTER', ctx.clock().toISOString(), decisionId, { letterSha256: letter.sha256 })]);
  return { pdf: letter.pdf, sha256: letter.sha256, caseNumber: file.case.caseNumber };
}
