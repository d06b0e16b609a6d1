/**
 * How a decision looks over HTTP. A legal reviewer (jurist) sees it masked: no name, no
 * personnummer, no address, and no free text a case worker wrote, which may describe the person.
 */
import type { DecisionView } from '../domain/cases/runner';
import type { CaseFileView } from '../domain/cases/case-file';
import type { CaseSummary } from '../domain/cases/search';
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

/** A case as a search lists it (staff only: the person's name and number are shown). */
export function caseSummaryResource(summary: CaseSummary) {
  return {
    ...summary,
    decisions: summary.decisions.map((d) => ({ ...d, links: { self: `/v1/decisions/${d.decisionId}` } })),
    links: { self: `/v1/cases/${summary.caseId}` },
  };
}

/** The case file (akt) for staff: everything in the case, in one resource. */
export function caseFileResource(view: CaseFileView) {
  const { file } = view;
  const decisions = [...file.decisions].sort((a, b) => (a.proposedAt < b.proposedAt ? -1 : 1));
  return {
    id: file.case.caseId,
    caseNumber: file.case.caseNumber,
    status: view.status,
    applicant: file.case.applicant,
    formerNames: file.case.formerNames ?? [],
    contact: file.case.contact,
    responsible: file.case.responsible ?? null,
    createdAt: file.case.createdAt,
    lastEntryAt: file.case.lastEntryAt,
    decisions: decisions.map((d) => ({
      id: d.decisionId,
      status: d.status,
      decisionDate: d.decisionDate,
      proposedOutcome: d.proposal.outcome,
      proposedAt: d.proposedAt,
      proposedBy: d.proposedBy,
      ruleSet: d.proposal.ruleSet,
      replaces: d.replaces ?? null,
      reconsiderationReason: d.reconsiderationReason ?? null,
      withdrawn: d.withdrawn ?? null,
      signed: d.signed
        ? { at: d.signed.at, by: d.signed.by, finalOutcome: d.signed.finalOutcome, decisionMaker: d.signed.decisionMaker, grantedPeriod: d.signed.grantedPeriod ?? d.proposal.period?.granted ?? null }
        : null,
      supersededBy: d.supersededBy ?? null,
      links: { self: `/v1/decisions/${d.decisionId}` },
    })),
    letters: decisions
      .filter((d) => d.signed)
      .map((d) => ({ decisionId: d.decisionId, createdAt: d.signed?.at, sha256: d.signed?.letterSha256, links: { pdf: `/v1/decisions/${d.decisionId}/letter` } })),
    followUps: [...file.milestones].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0)),
    endings: file.endings,
    referral: view.referral
      ? { id: view.referral.referralId, createdAt: view.referral.createdAt, referredBy: view.referral.referredBy, consent: view.referral.consent, note: view.referral.note ?? null }
      : null,
    history: file.audit,
    links: { self: `/v1/cases/${file.case.caseId}` },
  };
}
