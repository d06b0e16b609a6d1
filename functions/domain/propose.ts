/**
 * The use case "propose a decision": validate the recorded facts, choose the rule set in force on
 * the decision date, and evaluate. Errors are typed values with stable codes; no exception
 * escapes for bad input, and only the HTTP edge turns them into problem+json.
 */
import type { IsoDate } from './dates';
import { compile, evaluate } from './engine';
import { type Proposal } from './proposal-schema';
import { type EvaluationRequest, evaluationRequestSchema, toEngineFacts } from './facts';
import { NoRuleSetForDateError, RuleSetNotApprovedError, ValidationError } from './errors';
import type { PublishedRuleSet, RuleSetCatalog } from './rule-set-catalog';
import { type RuleSetApproval, approvalRef } from './rule-set-approval-schema';
import { issuesFromZod } from './validation';

export type ProposeResult =
  | { ok: true; proposal: Proposal; request: EvaluationRequest }
  | { ok: false; error: ValidationError | NoRuleSetForDateError | RuleSetNotApprovedError };

export interface ProposeOptions {
  /**
   * The stored approval of the rule set's exact content. When given, a rule set without one
   * does not decide (422); the service always gives it. The CLI and the scenarios evaluate
   * without it, and their proposals name no approval.
   */
  approval?: (published: PublishedRuleSet) => Promise<RuleSetApproval | undefined>;
}

export async function propose(catalog: RuleSetCatalog, body: unknown, options: ProposeOptions = {}): Promise<ProposeResult> {
  const parsed = evaluationRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: new ValidationError(issuesFromZod(parsed.error.issues)) };
  const request = parsed.data;
  const decisionDate = request.decisionDate as IsoDate;
  let published;
  try {
    published = catalog.forDate(decisionDate);
  } catch (error) {
    if (error instanceof NoRuleSetForDateError) return { ok: false, error };
    throw error;
  }
  let approval: RuleSetApproval | undefined;
  if (options.approval) {
    approval = await options.approval(published);
    if (!approval) {
      const { id, version, validFrom, validTo } = published.ruleSet;
      return { ok: false, error: new RuleSetNotApprovedError({ id, version, sha256: published.sha256, validFrom, validTo: validTo ?? null }) };
    }
  }
  const { facts, applicant } = toEngineFacts(request);
  const evaluated = await evaluate(compile(published), { decisionDate, applicant, facts, recorded: request.facts });
  const proposal = approval ? { ...evaluated, ruleSet: { ...evaluated.ruleSet, approval: approvalRef(approval) } } : evaluated;
  return { ok: true, proposal, request };
}
