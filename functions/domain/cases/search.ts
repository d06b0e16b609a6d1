/**
 * Finding a person's case: by personnummer or samordningsnummer (in any form the service accepts)
 * or by case number. A personnummer is looked up through the person index (its keyed hash), never
 * as a key in plain text. Every search is written to the access log, with the cases it showed,
 * and each case shown records in its own access log that it was found.
 */
import * as z from 'zod/mini';
import type { DomainContext } from '../context';
import { valid } from '../context';
import { type IsoDate, todayInStockholm } from '../dates';
import { ValidationError } from '../errors';
import { identityErrorMessages, parseIdentityNumber } from '../personnummer';
import { type Actor, type CaseFile, type SearchLogEntry, actorRef } from '../records-schema';
import { singleLine } from '../text';
import { type CaseStatus, caseStatus } from './case-file';
import { auditEvent } from './runner';

export const caseSearchRequestSchema = z.strictObject({
  query: singleLine(40, 'personnummer, samordningsnummer eller ärendenummer'),
});

/** A case as a search result lists it: enough to recognise the person and see where the case is. */
export interface CaseSummary {
  caseId: string;
  caseNumber: string;
  applicant: { name: string; personnummer: string };
  status: CaseStatus;
  createdAt: string;
  lastEntryAt: string;
  responsible: CaseFile['case']['responsible'] | null;
  decisions: Array<{
    decisionId: string;
    status: CaseFile['decisions'][number]['status'];
    decisionDate: string;
    proposedOutcome: CaseFile['decisions'][number]['proposal']['outcome'];
    finalOutcome: string | null;
  }>;
}

export function caseSummary(file: CaseFile, today: string): CaseSummary {
  return {
    caseId: file.case.caseId,
    caseNumber: file.case.caseNumber,
    applicant: { name: file.case.applicant.name, personnummer: file.case.applicant.personnummer },
    status: caseStatus(file, today),
    createdAt: file.case.createdAt,
    lastEntryAt: file.case.lastEntryAt,
    responsible: file.case.responsible ?? null,
    decisions: [...file.decisions]
      .sort((a, b) => (a.proposedAt < b.proposedAt ? 1 : -1))
      .map((d) => ({
        decisionId: d.decisionId,
        status: d.status,
        decisionDate: d.decisionDate,
        proposedOutcome: d.proposal.outcome,
        finalOutcome: d.signed?.finalOutcome ?? null,
      })),
  };
}

/** The board's case number, as staff type it: `AMN 2024/00012`, `amn 2024/12` or `2024/12`. */
const CASE_NUMBER = /^(?:AMN\s*)?(\d{4})\s*\/\s*(\d{1,5})$/i;

export type SearchQuery = { kind: 'CASE_NUMBER'; caseNumber: string } | { kind: 'PERSONNUMMER'; canonical: string };

export function parseSearchQuery(query: string, today: IsoDate): SearchQuery {
  const text = query.trim();
  const number = CASE_NUMBER.exec(text);
  if (number) return { kind: 'CASE_NUMBER', caseNumber: `AMN ${number[1]}/${(number[2] as string).padStart(5, '0')}` };
  const identity = parseIdentityNumber(text.replace(/\s+/g, ''), today);
  if (identity.ok) return { kind: 'PERSONNUMMER', canonical: identity.value.canonical };
  const message = /[a-zåäö]/i.test(text)
    ? 'Sök på personnummer, samordningsnummer eller ärendenummer (t.ex. AMN 2024/00012). Sökning på namn finns inte.'
    : identity.error === 'FORMAT'
      ? `${identityErrorMessages.FORMAT} Ett ärendenummer skrivs AMN ÅÅÅÅ/NNNNN.`
      : identityErrorMessages[identity.error];
  throw new ValidationError([{ path: 'query', message }]);
}

export async function searchCases(ctx: DomainContext, actor: Actor, body: unknown): Promise<{ kind: SearchQuery['kind']; cases: CaseSummary[] }> {
  const { query } = valid(caseSearchRequestSchema.safeParse(body));
  const now = ctx.clock();
  const today = todayInStockholm(now);
  const parsed = parseSearchQuery(query, today);
  let searchedFor: string;
  let caseIds: string[];
  if (parsed.kind === 'CASE_NUMBER') {
    searchedFor = parsed.caseNumber;
    const caseId = await ctx.store.caseIdOfNumber(parsed.caseNumber);
    caseIds = caseId ? [caseId] : [];
  } else {
    const keys = (await ctx.personKeys()).keysOf(parsed.canonical);
    searchedFor = keys[0] as string;
    caseIds = await ctx.store.casesOfPerson(keys);
  }
  const files = (await Promise.all(caseIds.map((id) => ctx.store.readCase(id)))).filter((f): f is CaseFile => f !== undefined);
  const at = now.toISOString();
  const entry: SearchLogEntry = { eventId: ctx.newId(), at, actor: actorRef(actor), kind: parsed.kind, searchedFor, found: files.map((f) => f.case.caseId) };
  await Promise.all([
    ctx.store.appendSearchLog(entry),
    ctx.store.appendAudit(files.map((f) => auditEvent(ctx, actor, f.case.caseId, 'FOUND_BY_SEARCH', at, undefined, { search: entry.eventId }))),
  ]);
  const cases = files.map((f) => caseSummary(f, today)).sort((a, b) => (a.lastEntryAt < b.lastEntryAt ? 1 : -1));
  return { kind: parsed.kind, cases };
}
