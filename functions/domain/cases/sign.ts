/**
 * A named delegate decides. The signed decision is checked against the signing rules
 * (signing-rules.ts) before anything else; the letter is then rendered from the parsed decision,
 * and the decision, the letter, the follow-up milestones and the audit event are stored in one
 * transaction. A decision may not be anonymous or made without delegated authority.
 */
import type { DomainContext } from '../context';
import { valid } from '../context';
import { type IsoDate, todayInStockholm } from '../dates';
import { type Actor, type DecisionRecord, type MilestoneRecord, actorRef, signRequestSchema } from '../records-schema';
import type { WriteUnit } from '../decision-store';
import { ConflictError, ForbiddenError, LetterTooLargeError, ValidationError } from '../errors';
import { checkDelegation } from '../delegation-schema';
import { assertStillApproved } from '../rule-sets/approvals';
import { followUpOf, parseSignedDecision } from '../signed-decision-schema';
import { type DecisionView, auditEvent, loadDecision, runCaseChange, touched } from './runner';
import { liveGrant } from './case-file';

export async function signDecision(ctx: DomainContext, actor: Actor, decisionId: string, body: unknown, idempotencyKey?: string): Promise<DecisionView> {
  // The key is the delegate's own: another delegate reusing it makes an attempt of their own
  // (409 once the decision is signed), never receives the first delegate's signed decision.
  return runCaseChange(ctx, { scope: `sign#${decisionId}#${actor.id}`, key: idempotencyKey, body }, async () => {
    const request = valid(signRequestSchema.safeParse(body));
    const { file, decision } = await loadDecision(ctx, decisionId);
    if (decision.status === 'SIGNED' || decision.status === 'SUPERSEDED') throw new ConflictError('ALREADY_SIGNED', 'Beslutet är redan fattat och kan inte ändras. Ett ändrat beslut fattas genom omprövning.');
    if (decision.status !== 'PROPOSED') throw new ConflictError('NOT_PROPOSED', 'Förslaget är tillbakadraget och kan inte beslutas.');
    if (!actor.delegationReference) {
      throw new ValidationError([{ path: 'delegationReference', message: 'Beslutsfattaren saknar delegation. Logga in som beslutsfattare med delegation.' }]);
    }
    // Four eyes: whoever proposed a decision may not decide it.
    if (decision.proposedBy.id === actor.id) {
      throw new ForbiddenError('FOUR_EYES', 'Du har själv gjort förslaget och får därför inte besluta om det. En annan beslutsfattare med delegation ska fatta beslutet (fyraögonprincipen).');
    }
    // Only under a point of the delegationsordning in force that covers this outcome.
    const delegation = checkDelegation(ctx.delegations(), decision.decisionDate as IsoDate, actor.delegationReference, request.finalOutcome);
    if (!delegation.ok) throw new ForbiddenError('DELEGATION', delegation.message);
    const now = ctx.clock();
    const at = now.toISOString();
    // The letter states the decision date; a decision is not back-dated or dated ahead. The
    // proposal was evaluated for its date (age, rule set), so another day needs a new proposal.
    const today = todayInStockholm(now);
    if (today !== decision.decisionDate) {
      throw new ConflictError(
        'DECISION_DATE_NOT_TODAY',
        `Förslaget gäller beslutsdatum ${decision.decisionDate}, men i dag är det ${today}. Dra tillbaka förslaget och gör ett nytt för dagens datum.`,
      );
    }
    await assertStillApproved(ctx, decision.proposal.ruleSet, decision.decisionDate);
    // One live grant per case: another is granted only by omprövning of the one in force.
    if ((request.finalOutcome === 'GRANT' || request.finalOutcome === 'PARTIAL') && !decision.replaces) {
      const live = liveGrant(file, decision.decisionDate);
      if (live) {
        throw new ConflictError(
          'LIVE_GRANT',
          `Ärendet har redan ett gällande beslut om insatsen (beviljad ${live.period.from}–${live.period.to}). En ny insats beviljas genom omprövning av det beslutet, inte genom ett nytt beslut bredvid det.`,
        );
      }
    }
    const parsed = parseSignedDecision({
      schemaVersion: 1,
      caseNumber: file.case.caseNumber,
      decisionDate: decision.decisionDate,
      finalOutcome: request.finalOutcome,
      proposal: decision.proposal,
      applicant: file.case.applicant,
      decisionMaker: { name: actor.name, title: actor.title ?? 'Beslutsfattare', delegationReference: actor.delegationReference, delegationTitle: delegation.point.title },
      contact: file.case.contact,
      facts: decision.facts,
      ...(request.deviationReason !== undefined ? { deviationReason: request.deviationReason } : {}),
      ...(request.grantedPeriod !== undefined ? { grantedPeriod: request.grantedPeriod } : {}),
    });
    if (!parsed.ok) throw parsed.error;
    const signed = parsed.decision;
    const rendered = await ctx.renderLetter(signed);
    if (!rendered.ok) throw rendered.error;
    const { letter } = rendered;
    if (letter.pdf.byteLength > ctx.letterLimit) throw new LetterTooLargeError(letter.pdf.byteLength, ctx.letterLimit);

    const record: DecisionRecord = {
      ...decision,
      status: 'SIGNED',
      version: decision.version + 1,
      signed: {
        at,
        by: actorRef(actor),
        finalOutcome: signed.finalOutcome,
        decisionMaker: signed.decisionMaker,
        ...(signed.deviationReason !== undefined ? { deviationReason: signed.deviationReason } : {}),
        ...(signed.grantedPeriod !== undefined ? { grantedPeriod: signed.grantedPeriod } : {}),
        letterSha256: letter.sha256,
        templateVersion: String(letter.templateVersion),
      },
    };
    const milestones: MilestoneRecord[] = followUpOf(signed).map((m, i) => ({
      caseId: file.case.caseId,
      decisionId,
      milestoneId: String(i + 1).padStart(2, '0'),
      kind: m.kind,
      due: m.due,
      status: 'OPEN',
    }));
    const audit = [
      auditEvent(ctx, actor, file.case.caseId, 'SIGNED', at, decisionId, {
        finalOutcome: signed.finalOutcome,
        proposedOutcome: decision.proposal.outcome,
        deviation: signed.deviationReason !== undefined,
        letterSha256: letter.sha256,
      }),
    ];
    const unit: WriteUnit = {
      touch: touched(file.case, now),
      updateDecisions: [{ record, expectedVersion: decision.version, expectedStatus: 'PROPOSED' }],
      putLetter: { caseId: file.case.caseId, letter: { decisionId, pdf: letter.pdf, sha256: letter.sha256, templateVersion: String(letter.templateVersion), createdAt: at } },
      putMilestones: milestones,
      audit,
    };
    if (decision.replaces) {
      // Omprövning: the old decision stays as it was, marked superseded, and its open follow-ups
      // close; the new decision's follow-ups replace them.
      const old = file.decisions.find((d) => d.decisionId === decision.replaces);
      if (!old || old.status !== 'SIGNED') throw new ConflictError('SUPERSEDED', 'Det beslut som omprövas har redan ersatts av ett annat beslut.');
      const superseded: DecisionRecord = { ...old, status: 'SUPERSEDED', version: old.version + 1, supersededBy: { decisionId, at } };
      unit.updateDecisions?.push({ record: superseded, expectedVersion: old.version, expectedStatus: 'SIGNED' });
      unit.updateMilestones = file.milestones
        .filter((m) => m.decisionId === old.decisionId && m.status === 'OPEN')
        .map((m) => ({ record: { ...m, status: 'CLOSED' as const, closed: { at, reason: 'SUPERSEDED' as const } }, expectedStatus: 'OPEN' as const }));
      audit.push(auditEvent(ctx, actor, file.case.caseId, 'SUPERSEDED', at, old.decisionId, { supersededBy: decisionId }));
    }
    return { change: { unit, decisionId }, file };
  });
}
