/**
 * A case's access log for the log check (loggkontroll) a manager makes of who has read personal
 * data: every opening of the case file, a decision or a letter, and every search that showed the
 * case, with who and when, the latest first. Changes are in the case's history; this is the reads.
 * Only delegates (the unit's managers) may read it, and reading it is itself logged.
 */
import type { DomainContext } from '../context';
import { NotFoundError } from '../errors';
import type { Actor, AuditEvent } from '../records-schema';
import { auditEvent } from './runner';

export interface AccessLogView {
  caseId: string;
  caseNumber: string;
  /** The reads, the latest first; this reading is logged after it and is not among them. */
  entries: AuditEvent[];
}

export async function readCaseAccessLog(ctx: DomainContext, actor: Actor, caseId: string): Promise<AccessLogView> {
  // The case item alone: the log names the case by its number, and a culled case has no log to show.
  const [record] = await ctx.store.readCaseRecords([caseId]);
  if (!record) throw new NotFoundError('Ärendet', caseId);
  const entries = await ctx.store.readAccessLog(caseId);
  await ctx.store.appendAudit([auditEvent(ctx, actor, caseId, 'READ_ACCESS_LOG', ctx.clock().toISOString())]);
  return {
    caseId,
    caseNumber: record.caseNumber,
    entries: [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
  };
}
