/**
 * How a decision looks over HTTP. A legal reviewer (jurist) sees it masked: no name, no
 * personnummer, no address, and no free text a case worker wrote, which may describe the person.
 */
import type { DecisionView } from '../domain/cases/runner';
import { allowedFinalOutcomes } from '../domain/cases/signing-rules';

export const MASKED_TEXT = '[maskerad]';

function maskFacts(facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...facts };
  const mask = (key: string, field: string) => {
    const value = out[key] as Record<string, unknown> | undefined;
    if (value && typeof value[field] === 'string') out[key] = { ...value, [field]: MASKED_TEXT };
  };
  mask('assessedNeed', 'grounds');
  mask('weakLabourMarketPosition', 'grounds');
  mask('apparentEntitlementNeed', 'description');
  return out;
}

export function decisionResource(view: DecisionView, options: { masked: boolean }) {
  const d = view.decision;
  const masked = options.masked;
  const text = (value: string | undefined) => (value === undefined ? undefined : masked ? MASKED_TEXT : value);
  return {
    id: d.decisionId,
    caseId: d.caseId,
    caseNumber: view.case.caseNumber,
    status: d.status,
    version: d.version,
    decisionDate: d.decisionDate,
    masked,
    applicant: masked ? null : view.case.applicant,
    contact: view.case.contact,
    facts: masked ? maskFacts(d.facts as Record<string, unknown>) : d.facts,
    proposal: d.proposal,
    // What a delegate may sign for this proposal (the signing rules), so a page offers only these.
    allowedFinalOutcomes: d.status === 'PROPOSED' ? allowedFinalOutcomes(d.proposal.outcome) : [],
    proposedAt: d.proposedAt,
    proposedBy: d.proposedBy,
    replaces: d.replaces ?? null,
    reconsiderationReason: text(d.reconsiderationReason) ?? null,
    withdrawn: d.withdrawn ? { ...d.withdrawn, reason: text(d.withdrawn.reason) } : null,
    signed: d.signed ? { ...d.signed, ...(d.signed.deviationReason !== undefined ? { deviationReason: text(d.signed.deviationReason) } : {}) } : null,
    supersededBy: d.supersededBy ?? null,
    milestones: view.milestones.map((m) => ({ ...m, ...(m.done ? { done: { ...m.done, note: text(m.done.note) } } : {}) })),
    ending: view.ending ? { ...view.ending, ...(view.ending.note !== undefined ? { note: text(view.ending.note) } : {}) } : null,
    history: view.history,
    links: {
      self: `/v1/decisions/${d.decisionId}`,
      letter: d.signed && !masked ? `/v1/decisions/${d.decisionId}/letter` : null,
    },
  };
}
