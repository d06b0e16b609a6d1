/**
 * The case file (akt) as one view: the person, every decision with its status, the letters, the
 * follow-ups, the endings, the referral the case came from, and the history of who did what and
 * when. Opening it is itself recorded in the case's access log.
 */
import type { DomainContext } from '../context';
import { todayInStockholm } from '../dates';
import { NotFoundError } from '../errors';
import type { Actor, CaseFile, ReferralRecord } from '../records-schema';
import { auditEvent } from './runner';

/** What a case is doing now, as a list of cases shows it. */
export const CASE_STATUSES = ['PROPOSAL_WAITING', 'INSATS_ONGOING', 'DECIDED', 'NO_DECISION'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A signed grant in the case whose insats has not ended and whose period reaches `date`. */
export function liveGrant(file: Pick<CaseFile, 'decisions' | 'endings'>, date: string): { decisionId: string; period: { from: string; to: string } } | undefined {
  for (const d of file.decisions) {
    const outcome = d.signed?.finalOutcome;
    if (d.status !== 'SIGNED' || (outcome !== 'GRANT' && outcome !== 'PARTIAL')) continue;
    if (file.endings.some((e) => e.decisionId === d.decisionId)) continue;
    const period = d.signed?.grantedPeriod ?? d.proposal.period?.granted;
    if (period && period.to >= date) return { decisionId: d.decisionId, period };
  }
  return undefined;
}

export function caseStatus(file: CaseFile, today: string): CaseStatus {
  if (file.decisions.some((d) => d.status === 'PROPOSED')) return 'PROPOSAL_WAITING';
  if (liveGrant(file, today)) return 'INSATS_ONGOING';
  if (file.decisions.some((d) => d.status === 'SIGNED' || d.status === 'SUPERSEDED')) return 'DECIDED';
  return 'NO_DECISION';
}

export interface CaseFileView {
  file: CaseFile;
  status: CaseStatus;
  /** The referral from an outreach tool the case was started from, if any. */
  referral: ReferralRecord | null;
}

export async function readCaseFile(ctx: DomainContext, actor: Actor, caseId: string): Promise<CaseFileView> {
  const file = await ctx.store.readCase(caseId);
  if (!file) throw new NotFoundError('Ärendet', caseId);
  const now = ctx.clock();
  const referralId = file.audit.find((e) => e.action === 'REFERRAL_TAKEN')?.details?.referralId;
  const [referral] = await Promise.all([
    typeof referralId === 'string' ? ctx.store.readReferral(referralId) : Promise.resolve(undefined),
    ctx.store.appendAudit([auditEvent(ctx, actor, caseId, 'READ_CASE', now.toISOString())]),
  ]);
  const history = [...file.audit].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { file: { ...file, audit: history }, status: caseStatus(file, todayInStockholm(now)), referral: referral ?? null };
}
