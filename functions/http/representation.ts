/**
 * How a decision looks over HTTP. A legal reviewer (jurist) sees it masked: nothing a person typed
 * reaches that view, since any written text (a reason, a note, a contact, even a case number from
 * before the service issued them) can hold a name. The masked view is built field by field from
 * what the service itself issued (ids, times, dates, the case number, hashes), codes from fixed
 * lists, and the rule set's own texts in the proposal; everything else is left out or replaced by
 * MASKED_TEXT. Staff appear by role and id only: the reviewer sees that two different people
 * proposed and decided, and under which point of the delegationsordning, not who they are.
 */
import type { DecisionView } from '../domain/cases/runner';
import type { CaseFileView } from '../domain/cases/case-file';
import type { AccessLogView } from '../domain/cases/access-log';
import type { CaseSummary } from '../domain/cases/search';
import { allowedFinalOutcomes } from '../domain/cases/signing-rules';
import { isIssuedCaseNumber } from '../domain/case-number';
import { parseIsoDate } from '../domain/dates';
import { ASSESSMENT_AREAS, NEED_LEVELS, SOCIAL_SERVICES_CONTACT } from '../domain/facts';
import type { ActorRef } from '../domain/records-schema';

export const MASKED_TEXT = '[maskerad]';

/** An id the service or the sign-in issued: a UUID (record ids, Cognito's `sub`). */
const ISSUED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The only words a recorded fact may hold in the masked view: its codes. */
const FACT_CODES = new Set<string>([...SOCIAL_SERVICES_CONTACT, ...NEED_LEVELS, ...ASSESSMENT_AREAS]);

/**
 * The facts with every string that is not a code or a date masked: the written grounds and
 * descriptions today, and any free-text fact added later without anyone remembering this view.
 */
function maskFacts(value: unknown): unknown {
  if (typeof value === 'string') return FACT_CODES.has(value) || parseIsoDate(value) !== undefined ? value : MASKED_TEXT;
  if (Array.isArray(value)) return value.map(maskFacts);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, maskFacts(v)]));
  return value;
}

const maskActor = (actor: ActorRef): ActorRef => ({ id: ISSUED_ID.test(actor.id) ? actor.id : MASKED_TEXT, name: MASKED_TEXT, role: actor.role });
const maskText = (value: string | undefined) => (value === undefined ? undefined : MASKED_TEXT);

function maskedDecisionResource(view: DecisionView) {
  const d = view.decision;
  return {
    id: d.decisionId,
    caseId: d.caseId,
    caseNumber: isIssuedCaseNumber(view.case.caseNumber) ? view.case.caseNumber : MASKED_TEXT,
    status: d.status,
    version: d.version,
    decisionDate: d.decisionDate,
    masked: true,
    applicant: null,
    contact: null,
    facts: maskFacts(d.facts),
    // The engine's output: the rule set's texts and citations, codes, dates and the applicant's age.
    proposal: d.proposal,
    allowedFinalOutcomes: d.status === 'PROPOSED' ? allowedFinalOutcomes(d.proposal.outcome) : [],
    proposedAt: d.proposedAt,
    proposedBy: maskActor(d.proposedBy),
    replaces: d.replaces ?? null,
    reconsiderationReason: maskText(d.reconsiderationReason) ?? null,
    withdrawn: d.withdrawn ? { at: d.withdrawn.at, by: maskActor(d.withdrawn.by), reason: MASKED_TEXT } : null,
    signed: d.signed
      ? {
          at: d.signed.at,
          by: maskActor(d.signed.by),
          finalOutcome: d.signed.finalOutcome,
          // The point of the delegationsordning (checked against it when signed) and its heading from it.
          decisionMaker: { ...d.signed.decisionMaker, name: MASKED_TEXT, title: MASKED_TEXT },
          ...(d.signed.deviationReason !== undefined ? { deviationReason: MASKED_TEXT } : {}),
          ...(d.signed.grantedPeriod ? { grantedPeriod: d.signed.grantedPeriod } : {}),
          letterSha256: d.signed.letterSha256,
          templateVersion: d.signed.templateVersion,
        }
      : null,
    supersededBy: d.supersededBy ?? null,
    milestones: view.milestones.map((m) => ({ ...m, ...(m.done ? { done: { at: m.done.at, by: maskActor(m.done.by), note: MASKED_TEXT } } : {}) })),
    ending: view.ending
      ? { ...view.ending, recordedBy: maskActor(view.ending.recordedBy), ...(view.ending.note !== undefined ? { note: MASKED_TEXT } : {}) }
      : null,
    // Audit details are ids, outcomes and codes only (records-schema.ts).
    history: view.history.map((event) => ({ ...event, actor: maskActor(event.actor) })),
    links: { self: `/v1/decisions/${d.decisionId}`, letter: null },
  };
}

export function decisionResource(view: DecisionView, options: { masked: boolean }) {
  if (options.masked) return maskedDecisionResource(view);
  const d = view.decision;
  return {
    id: d.decisionId,
    caseId: d.caseId,
    caseNumber: view.case.caseNumber,
    status: d.status,
    version: d.version,
    decisionDate: d.decisionDate,
    masked: false,
    applicant: view.case.applicant,
    contact: view.case.contact,
    facts: d.facts,
    proposal: d.proposal,
    // What a delegate may sign for this proposal (the signing rules), so a page offers only these.
    allowedFinalOutcomes: d.status === 'PROPOSED' ? allowedFinalOutcomes(d.proposal.outcome) : [],
    proposedAt: d.proposedAt,
    proposedBy: d.proposedBy,
    replaces: d.replaces ?? null,
    reconsiderationReason: d.reconsiderationReason ?? null,
    withdrawn: d.withdrawn ?? null,
    signed: d.signed ?? null,
    supersededBy: d.supersededBy ?? null,
    milestones: view.milestones,
    ending: view.ending ?? null,
    history: view.history,
    links: {
      self: `/v1/decisions/${d.decisionId}`,
      letter: d.signed ? `/v1/decisions/${d.decisionId}/letter` : null,
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

/** A case's access log (GET /v1/cases/{id}/access-log): the reads, the latest first. */
export function accessLogResource(view: AccessLogView) {
  return {
    caseId: view.caseId,
    caseNumber: view.caseNumber,
    entries: view.entries.map((e) => ({ at: e.at, actor: e.actor, action: e.action, ...(e.decisionId ? { decisionId: e.decisionId } : {}) })),
    links: { case: `/v1/cases/${view.caseId}` },
  };
}
