/**
 * The small runner every case use case shares: it loads the case file, claims idempotency inside
 * the business transaction, writes the use case's change as one atomic unit, and derives the
 * response from the case file as it is after the write — in one place, for every use case.
 *
 * Every change also moves the case's version (optimistic locking) and its retention expiry, and
 * records an audit event. A signed decision is never changed: a changed decision is a new
 * decision that refers to the old one (SoL 11 kap. 5 §, SOSFS 2014:5).
 */
import * as z from 'zod/mini';
import { canonicalSha256 } from '../canonical-json';
import type { DomainContext } from '../context';
import { type IsoDate, todayInStockholm } from '../dates';
import {
  type Actor,
  type AuditAction,
  type AuditEvent,
  type CaseFile,
  type CaseRecord,
  type DecisionRecord,
  type EndingRecord,
  type MilestoneRecord,
  actorRef,
} from '../records-schema';
import type { CaseTouch, WriteUnit } from '../decision-store';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError } from '../errors';
import { parseIdentityNumber } from '../personnummer';
import { retentionExpiry } from '../retention';

/** What a reader of one decision sees: the decision, its case, its follow-ups and the case's history. */
export interface DecisionView {
  decision: DecisionRecord;
  case: CaseRecord;
  milestones: MilestoneRecord[];
  ending: EndingRecord | null;
  history: AuditEvent[];
}

/** What a use case decides: the write, and the decision the response is about. */
export interface CaseChange {
  unit: WriteUnit;
  decisionId: string;
}

/** The one derivation of the response view from a case file. */
export function decisionView(file: CaseFile, decisionId: string): DecisionView {
  const decision = file.decisions.find((d) => d.decisionId === decisionId);
  if (!decision) throw new NotFoundError('Beslutet', decisionId);
  return {
    decision,
    case: file.case,
    milestones: file.milestones.filter((m) => m.decisionId === decisionId),
    ending: file.endings.find((e) => e.decisionId === decisionId) ?? null,
    history: [...file.audit].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
  };
}

const sameMilestone = (a: MilestoneRecord, b: MilestoneRecord) => a.decisionId === b.decisionId && a.milestoneId === b.milestoneId;

/** The case file as it is once `unit` is written (what the store holds after a successful write). */
export function applyWrite(file: CaseFile | undefined, unit: WriteUnit): CaseFile {
  const record = unit.touch?.record ?? unit.newCase ?? file?.case;
  if (!record) throw new Error('A case write names no case');
  const replaced = <T>(items: T[], updates: T[] | undefined, same: (a: T, b: T) => boolean) =>
    items.map((item) => updates?.find((u) => same(u, item)) ?? item);
  return {
    case: record,
    decisions: [
      ...replaced(file?.decisions ?? [], unit.updateDecisions?.map((u) => u.record), (a, b) => a.decisionId === b.decisionId),
      ...(unit.putDecisions ?? []),
    ],
    milestones: [...replaced(file?.milestones ?? [], unit.updateMilestones?.map((u) => u.record), sameMilestone), ...(unit.putMilestones ?? [])],
    endings: [...(file?.endings ?? []), ...(unit.putEnding ? [unit.putEnding.ending] : [])],
    audit: [...(file?.audit ?? []), ...unit.audit],
  };
}

/** The case's new state for a write at `now`: version + 1, retention counted from now under the case's policy. */
export function touched(record: CaseRecord, now: Date): CaseTouch {
  const birth = parseIdentityNumber(record.applicant.personnummer, todayInStockholm(now));
  const birthDate = birth.ok ? birth.value.birthDate : (`${record.applicant.personnummer.slice(0, 4)}-01-01` as IsoDate);
  return {
    expectedVersion: record.version,
    record: { ...record, version: record.version + 1, lastEntryAt: now.toISOString(), expiresAt: retentionExpiry(now, birthDate, record.retention) },
  };
}

export function auditEvent(
  ctx: Pick<DomainContext, 'newId'>,
  actor: Actor,
  caseId: string,
  action: AuditAction,
  at: string,
  decisionId?: string,
  details?: AuditEvent['details'],
): AuditEvent {
  return { eventId: ctx.newId(), caseId, at, actor: actorRef(actor), action, ...(decisionId ? { decisionId } : {}), ...(details ? { details } : {}) };
}

/** A case has at most one proposal waiting for a decision at a time. */
export function assertNoOpenProposal(file: CaseFile): void {
  if (file.decisions.some((d) => d.status === 'PROPOSED')) {
    throw new ConflictError('OPEN_PROPOSAL', 'Ärendet har redan ett förslag som inte är beslutat. Besluta eller dra tillbaka det först.');
  }
}

export async function loadDecision(ctx: Pick<DomainContext, 'store'>, decisionId: string): Promise<{ file: CaseFile; decision: DecisionRecord }> {
  const caseId = await ctx.store.caseIdOfDecision(decisionId);
  const file = caseId ? await ctx.store.readCase(caseId) : undefined;
  const decision = file?.decisions.find((d) => d.decisionId === decisionId);
  if (!file || !decision) throw new NotFoundError('Beslutet', decisionId);
  return { file, decision };
}

/** An idempotency record keeps only the id of the decision a request made, never personal data. */
const idempotentResponseSchema = z.strictObject({ decisionId: z.string() });

/**
 * Writes a use case's change. With an idempotency key, the claim goes into the same transaction:
 * a retry with the same key and body gets the first result and writes nothing; the same key with
 * another body is an error. The scope names the actor as well as the use case: a key is one
 * person's, and someone else who sends it never gets that person's result.
 */
export async function runCaseChange(
  ctx: DomainContext,
  idempotency: { scope: string; key: string | undefined; body: unknown } | undefined,
  decide: () => Promise<{ change: CaseChange; file: CaseFile | undefined }>,
): Promise<DecisionView> {
  const key = idempotency?.key;
  const requestSha256 = canonicalSha256(idempotency?.body ?? null);
  const replay = async (): Promise<DecisionView> => {
    const stored = await ctx.store.readIdempotency(idempotency?.scope as string, key as string);
    if (!stored) throw new ConflictError('VERSION', 'En samtidig begäran med samma idempotensnyckel pågår. Försök igen om en stund.');
    if (stored.requestSha256 !== requestSha256) throw new IdempotencyKeyReusedError();
    const parsed = idempotentResponseSchema.safeParse(stored.response);
    if (!parsed.success) throw new Error('The stored idempotent response names no decision');
    const { file } = await loadDecision(ctx, parsed.data.decisionId);
    return decisionView(file, parsed.data.decisionId);
  };
  if (idempotency && key !== undefined && (await ctx.store.readIdempotency(idempotency.scope, key))) return replay();
  const { change, file } = await decide();
  const unit: WriteUnit = idempotency && key !== undefined
    ? { ...change.unit, idempotency: { scope: idempotency.scope, key, requestSha256, response: { decisionId: change.decisionId } } }
    : change.unit;
  const outcome = await ctx.store.write(unit);
  if (outcome === 'IDEMPOTENT_REPLAY') return replay();
  return decisionView(applyWrite(file, unit), change.decisionId);
}
