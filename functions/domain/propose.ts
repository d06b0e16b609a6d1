/**
 * The use case "propose a decision": validate the recorded facts, choose the rule set in force on
 * the decision date, and evaluate. Errors are values with stable codes; no exception escapes for
 * bad input.
 */
import type { IsoDate } from './dates';
import { compile, evaluate } from './engine';
import { type Proposal } from './proposal';
import { type EvaluationRequest, evaluationRequestSchema, toEngineFacts } from './facts';
import { NoRuleSetForDateError, type PublishedRuleSet, type RuleSetCatalog } from './rule-set-catalog';
import { type RuleSetApproval, approvalRef } from './rule-set-approval';
import { type ProblemDocument, issuesFromZod, validationProblem } from './validation';

export type ProposeResult = { ok: true; proposal: Proposal; request: EvaluationRequest } | { ok: false; problem: ProblemDocument };

export function noRuleSetProblem(error: NoRuleSetForDateError): ProblemDocument {
  return {
    type: '/problems/no-rule-set-for-date',
    title: 'Inget regelverk gäller för beslutsdatumet',
    status: 422,
    detail: error.message,
    errors: [{ path: 'decisionDate', pointer: '/decisionDate', message: error.message }],
    available: error.available,
  };
}

export function notApprovedProblem(published: PublishedRuleSet): ProblemDocument {
  const { id, version, validFrom, validTo } = published.ruleSet;
  const detail =
    `Regelverket ${id} version ${version} gäller för beslutsdatumet men väntar på godkännande av en jurist ` +
    `(Utkast – inte godkänt, kontrollsumma ${published.sha256.slice(0, 12)}…). Inga beslut kan föreslås enligt det förrän det är godkänt.`;
  return {
    type: '/problems/rule-set-not-approved',
    title: 'Regelverket är inte godkänt',
    status: 422,
    detail,
    errors: [{ path: 'decisionDate', pointer: '/decisionDate', message: detail }],
    ruleSet: { id, version, sha256: published.sha256, validFrom, validTo: validTo ?? null },
  };
}

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
  if (!parsed.success) return { ok: false, problem: validationProblem(issuesFromZod(parsed.error.issues)) };
  const request = parsed.data;
  const decisionDate = request.decisionDate as IsoDate;
  let published;
  try {
    published = catalog.forDate(decisionDate);
  } catch (error) {
    if (error instanceof NoRuleSetForDateError) return { ok: false, problem: noRuleSetProblem(error) };
    throw error;
  }
  let approval: RuleSetApproval | undefined;
  if (options.approval) {
    approval = await options.approval(published);
    if (!approval) return { ok: false, problem: notApprovedProblem(published) };
  }
  const { facts, applicant } = toEngineFacts(request);
  const evaluated = await evaluate(compile(published), { decisionDate, applicant, facts, recorded: request.facts });
  const proposal = approval ? { ...evaluated, ruleSet: { ...evaluated.ruleSet, approval: approvalRef(approval) } } : evaluated;
  return { ok: true, proposal, request };
}
