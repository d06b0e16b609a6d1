/**
 * Use cases of a rule set's approval: which content a jurist approved, approving one, and the
 * checks that only an approved rule set decides (functions/domain/rule-set-approval-schema.ts holds the
 * schemas and the pure rules).
 */
import type { DomainContext } from '../context';
import { valid } from '../context';
import type { IsoDate } from '../dates';
import { type Actor, actorRef } from '../records-schema';
import { ConflictError, NoRuleSetForDateError, NotFoundError, ValidationError } from '../errors';
import { type RuleSetApproval, approvalOf, approveRuleSetRequestSchema, checkApprovalRequest } from '../rule-set-approval-schema';
import type { PublishedRuleSet } from '../rule-set-catalog';

/** The stored approval of exactly this content, if any. Approvals never change, so a found one is kept. */
export async function approvalOfContent(ctx: DomainContext, published: PublishedRuleSet): Promise<RuleSetApproval | undefined> {
  const key = `${published.ruleSet.id}#${published.sha256}`;
  const known = ctx.approvals.get(key);
  if (known) return known;
  const approval = await ctx.store.readRuleSetApproval(published.ruleSet.id, published.sha256);
  if (approval) ctx.approvals.set(key, approval);
  return approval;
}

export interface RuleSetWithApproval {
  published: PublishedRuleSet;
  approval: RuleSetApproval | undefined;
}

/** The rule sets with their approvals, for the reviewer's list. */
export async function listRuleSets(ctx: DomainContext): Promise<RuleSetWithApproval[]> {
  return Promise.all(ctx.ruleSets().list().map(async (published) => ({ published, approval: await approvalOfContent(ctx, published) })));
}

/** One rule set with its approval; NotFoundError when there is no such rule set. */
export async function readRuleSet(ctx: DomainContext, id: string): Promise<RuleSetWithApproval> {
  const published = ctx.ruleSets().get(id);
  if (!published) throw new NotFoundError('Regelverket', id);
  return { published, approval: await approvalOfContent(ctx, published) };
}

/**
 * A legal reviewer approves the exact content they read. The approval is written once (a second
 * approval of the same content is a conflict) with its audit event, in one write.
 */
export async function approveRuleSet(ctx: DomainContext, actor: Actor, id: string, body: unknown): Promise<RuleSetApproval> {
  const request = valid(approveRuleSetRequestSchema.safeParse(body));
  const published = ctx.ruleSets().get(id);
  if (!published) throw new NotFoundError('Regelverket', id);
  const check = checkApprovalRequest(published, request);
  if (!check.ok && check.reason === 'STALE_CONTENT') {
    throw new ConflictError(
      'RULE_SET_CHANGED',
      `Regelverket ${id} har ändrats sedan du läste det: kontrollsumman är nu ${check.current.slice(0, 12)}…, inte ${request.sha256.slice(0, 12)}…. Läs det igen och godkänn det innehåll som gäller nu.`,
    );
  }
  if (!check.ok) throw new ValidationError(check.issues);
  if (await approvalOfContent(ctx, published)) {
    throw new ConflictError('ALREADY_APPROVED', `Regelverket ${id} är redan godkänt med detta innehåll. Ett godkännande ändras aldrig.`);
  }
  const at = ctx.clock().toISOString();
  const approval = approvalOf(published, request, { id: actor.id, name: actor.name, title: actor.title ?? 'Jurist' }, at);
  await ctx.store.recordRuleSetApproval(approval, { eventId: ctx.newId(), at, actor: actorRef(actor), action: 'RULE_SET_APPROVED', ruleSetId: id, sha256: published.sha256 });
  return approval;
}

/**
 * A proposal is signed only under the rule set it was evaluated with, when that content is still
 * the approved one in force on the decision date. Otherwise the same facts might now give another
 * outcome, and the delegate would sign what the law as approved does not propose.
 */
export async function assertStillApproved(ctx: DomainContext, used: { id: string; sha256: string }, decisionDate: string): Promise<void> {
  const stale = (why: string) => new ConflictError('RULE_SET_CHANGED', `${why} Förslaget kan därför inte beslutas. Dra tillbaka det och gör ett nytt förslag.`);
  let inForce: PublishedRuleSet;
  try {
    inForce = ctx.ruleSets().forDate(decisionDate as IsoDate);
  } catch (error) {
    if (error instanceof NoRuleSetForDateError) throw stale(`Inget regelverk gäller längre för beslutsdatumet ${decisionDate}.`);
    throw error;
  }
  if (inForce.ruleSet.id !== used.id || inForce.sha256 !== used.sha256) {
    throw stale(`Regelverket har ändrats sedan förslaget gjordes (förslaget: ${used.id} ${used.sha256.slice(0, 12)}…, nu: ${inForce.ruleSet.id} ${inForce.sha256.slice(0, 12)}…).`);
  }
  if (!(await approvalOfContent(ctx, inForce))) throw stale(`Regelverket ${inForce.ruleSet.id} är inte godkänt av en jurist i sin nuvarande lydelse.`);
}
