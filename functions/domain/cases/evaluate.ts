/**
 * Evaluation under the law in force: the rule set in force on the decision date, which must be
 * approved for its exact content. A draft never decides, and nothing falls back to another set.
 */
import type { DomainContext } from '../context';
import { propose } from '../propose';
import { approvalOfContent } from '../rule-sets/approvals';

export async function evaluateApproved(ctx: DomainContext, decisionDate: string, personnummer: string, facts: unknown) {
  const result = await propose(ctx.ruleSets(), { decisionDate, applicant: { personnummer }, facts }, { approval: (published) => approvalOfContent(ctx, published) });
  if (!result.ok) throw result.error;
  return result;
}
