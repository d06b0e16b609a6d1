/**
 * The use case "propose a decision": validate the recorded facts, choose the rule set in force on
 * the decision date, and evaluate. Errors are values with stable codes; no exception escapes for
 * bad input.
 */
import type { IsoDate } from './dates';
import { compile, evaluate, type Proposal } from './engine';
import { type EvaluationRequest, evaluationRequestSchema, toEngineFacts } from './facts';
import { NoRuleSetForDateError, type RuleSetCatalog } from './rule-set-catalog';
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

export async function propose(catalog: RuleSetCatalog, body: unknown): Promise<ProposeResult> {
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
  const { facts, applicant } = toEngineFacts(request);
  const proposal = await evaluate(compile(published), { decisionDate, applicant, facts, recorded: request.facts });
  return { ok: true, proposal, request };
}
