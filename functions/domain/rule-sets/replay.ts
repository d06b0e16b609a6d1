/**
 * Replaying a rule set over decisions already made: for each signed decision dated in a range,
 * the rule set is run over the facts as they were recorded, with the person's age on the original
 * decision date, and what it proposes is set beside what was proposed then. The reviewer sees, per
 * outcome pair (e.g. GRANT → REFUSE), how many decisions and which criteria changed, and the
 * decisions named by reference only (decision id, case number, date): no name, personnummer,
 * address or written grounds is read into the result, and the case item is never read at all.
 *
 * Read in pages, not run as a job. A page is bounded twice: at most `limit` decisions (1,000 by
 * default, 2,000 at most) and about four seconds of work, whichever comes first, so one request
 * stays well inside the 10 s a function has (and API Gateway's 29 s) even when DynamoDB throttles
 * and the SDK retries. 100,000 decisions are 100 such requests; the caller follows `nextCursor`
 * and adds the pages up (the page and the CLI do). Why pages rather than a job: a page is a plain
 * key-based read (one Query per month on the index of signed decisions by month, BatchGetItem of
 * the decision items) with nothing to store, schedule, clean up or secure between requests; the
 * result, which names decisions, is never kept anywhere; and a reviewer who stops reading stops
 * the work. A job would need a queue or a state machine, a results item holding decision
 * references, its retention, and a second way to read it.
 *
 * The cursor is the position after the last decision replayed: its month and decision id. A page
 * never skips a decision, and a decision signed meanwhile in a month not yet reached is included.
 */
import * as z from 'zod/mini';
import type { DomainContext } from '../context';
import { type IsoDate, compareDates, parseIsoDate } from '../dates';
import type { DecidedRef } from '../decision-store';
import { NotFoundError, ValidationError } from '../errors';
import { assess, compile } from '../engine';
import { engineFactsOf } from '../facts';
import type { CriterionStatus, ProposedOutcome } from '../proposal-schema';
import { type DecisionRef, type ReplayPair, sortPairs } from './replay-pairs';

export type { DecisionRef, ReplayPair, StatusTransition } from './replay-pairs';
export { mergeReplayPairs } from './replay-pairs';
import { type Actor, type DecisionForReplay, actorRef } from '../records-schema';
import type { PublishedRuleSet } from '../rule-set-catalog';
import { monthsBetween } from '../statistics/statistics';
import { issuesFromZod } from '../validation';

/** Decisions per page when the caller names no limit, and the most a caller may ask for. */
export const REPLAY_DEFAULT_LIMIT = 1000;
export const REPLAY_MAX_LIMIT = 2000;
/** Work per page before it stops at the next batch and returns a cursor (the function has 10 s). */
export const REPLAY_TIME_BUDGET_MS = 4000;
/** Ten years of decisions at most in one replay: 120 monthly partitions. */
export const REPLAY_MAX_MONTHS = 120;
/** Decisions read per BatchGetItem, and how many such reads are under way at once. */
const BATCH = 100;
const READS_IN_FLIGHT = 4;

const dateParameter = (name: string, what: string) =>
  z
    .string({ error: `Ange ${what} (${name}) som ÅÅÅÅ-MM-DD. Ett intervall utan början eller slut går inte att pröva.` })
    .check(z.refine((s) => parseIsoDate(s) !== undefined, `Ange ${what} (${name}) som ett giltigt datum ÅÅÅÅ-MM-DD.`));

/** The query of a replay request; every message names its field. */
export const replayQuerySchema = z
  .strictObject({
    from: dateParameter('from', 'första beslutsdatum'),
    to: dateParameter('to', 'sista beslutsdatum'),
    cursor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/, 'Ange cursor precis som den kom i nextCursor.'))),
    limit: z.optional(
      z
        .string()
        .check(
          z.regex(/^[1-9][0-9]{0,3}$/, `Ange limit som ett heltal från 1 till ${REPLAY_MAX_LIMIT}.`),
          z.refine((s) => Number(s) <= REPLAY_MAX_LIMIT, `Ange limit som ett heltal från 1 till ${REPLAY_MAX_LIMIT}.`),
        ),
    ),
  })
  .check(
    z.refine((q) => compareDates(q.from as IsoDate, q.to as IsoDate) <= 0, {
      message: 'Sista beslutsdatum (to) ligger före första beslutsdatum (from). Vänd på datumen.',
      path: ['to'],
      when: (payload) => payload.issues.length === 0,
    }),
    z.refine((q) => monthsBetween(q.from.slice(0, 7), q.to.slice(0, 7), REPLAY_MAX_MONTHS) !== undefined, {
      message: `Ett intervall får omfatta högst ${REPLAY_MAX_MONTHS / 12} år (${REPLAY_MAX_MONTHS} månader). Dela upp det.`,
      path: ['to'],
      when: (payload) => payload.issues.length === 0,
    }),
  );
export type ReplayQuery = z.infer<typeof replayQuerySchema>;

const cursorSchema = z.strictObject({
  m: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  a: z.optional(z.string().check(z.regex(/^[0-9a-f-]{36}$/))),
});
type Position = { month: string; after?: string };

const badCursor = () => new ValidationError([{ path: 'cursor', message: 'Ange cursor precis som den kom i nextCursor, med samma from och to.' }]);

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ m: position.month, ...(position.after ? { a: position.after } : {}) }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, months: string[]): Position {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const parsed = cursorSchema.safeParse(document);
  if (!parsed.success || !months.includes(parsed.data.m)) throw badCursor();
  return { month: parsed.data.m, ...(parsed.data.a ? { after: parsed.data.a } : {}) };
}

export interface ReplayPage {
  ruleSet: { id: string; version: number; title: string; sha256: string };
  from: string;
  to: string;
  /** Decisions dated from `from` to `to` replayed in this page. */
  replayed: number;
  pairs: ReplayPair[];
  /** Where the page stopped: the month read last, and how many of the range's months are done. */
  progress: { month: string; monthsDone: number; monthsTotal: number };
  /** Null when the whole range is read. */
  nextCursor: string | null;
}

interface Statuses {
  outcome: ProposedOutcome;
  criteria: Map<string, { title: string; status: CriterionStatus }>;
}

/** One decision replayed: what changed, criterion by criterion (in the replayed rule set's order, then removed ones). */
function difference(before: Statuses, after: Statuses): Array<{ id: string; title: string; from: CriterionStatus | null; to: CriterionStatus | null }> {
  const ids = [...after.criteria.keys(), ...[...before.criteria.keys()].filter((id) => !after.criteria.has(id))];
  return ids.flatMap((id) => {
    const b = before.criteria.get(id);
    const a = after.criteria.get(id);
    if (b?.status === a?.status) return [];
    return [{ id, title: (a ?? b)?.title ?? id, from: b?.status ?? null, to: a?.status ?? null }];
  });
}

/** Adds replayed decisions into per-pair counts. Pure; pages are added up with `mergeReplayPairs`. */
export class ReplayTally {
  private readonly pairs = new Map<string, ReplayPair>();

  add(ref: DecisionRef, before: Statuses, after: Statuses): void {
    const key = `${before.outcome}→${after.outcome}`;
    let pair = this.pairs.get(key);
    if (!pair) this.pairs.set(key, (pair = { from: before.outcome, to: after.outcome, count: 0, changed: 0, criteria: [], decisions: [] }));
    pair.count += 1;
    const changes = difference(before, after);
    // A criterion only one of the rule sets has is counted below, but alone it does not make a
    // decision changed: it is so for every decision, and would name them all.
    if (before.outcome !== after.outcome || changes.some((c) => c.from !== null && c.to !== null)) {
      pair.changed += 1;
      pair.decisions.push(ref);
    }
    for (const change of changes) {
      let criterion = pair.criteria.find((c) => c.id === change.id);
      if (!criterion) pair.criteria.push((criterion = { id: change.id, title: change.title, transitions: [] }));
      const transition = criterion.transitions.find((t) => t.from === change.from && t.to === change.to);
      if (transition) transition.count += 1;
      else criterion.transitions.push({ from: change.from, to: change.to, count: 1 });
    }
  }

  result(): ReplayPair[] {
    return sortPairs([...this.pairs.values()]);
  }
}

/** Replays one stored decision. Pure over the decision and the rule set. */
export async function replayDecision(published: PublishedRuleSet, decision: DecisionForReplay): Promise<{ before: Statuses; after: Statuses }> {
  const { applicant } = decision.proposal;
  const assessment = await assess(compile(published), {
    decisionDate: decision.decisionDate as IsoDate,
    applicant,
    facts: engineFactsOf(decision.facts, applicant.age),
    recorded: decision.facts,
  });
  return {
    before: { outcome: decision.proposal.outcome, criteria: new Map(decision.proposal.criteria.map((c) => [c.id, { title: c.title, status: c.status }])) },
    after: { outcome: assessment.outcome, criteria: new Map(assessment.criteria.map((c) => [c.id, { title: c.title, status: c.status }])) },
  };
}

/** A read started ahead of its turn: if the page stops before it, it is never awaited, and its failure must not go unhandled. */
function startRead(ctx: DomainContext, batch: DecidedRef[]): Promise<DecisionForReplay[]> {
  const read = ctx.store.readDecisionsForReplay(batch);
  read.catch(() => undefined);
  return read;
}

export interface ReplayOptions {
  timeBudgetMs?: number;
  /** Milliseconds, for the time budget (performance.now by default). */
  now?: () => number;
}

/** The use case: one page of a replay of rule set `id` over the decisions dated `from`–`to`. */
export async function replayRuleSet(ctx: DomainContext, actor: Actor, id: string, query: unknown, options: ReplayOptions = {}): Promise<ReplayPage> {
  const published = ctx.ruleSets().get(id);
  if (!published) throw new NotFoundError('Regelverket', id);
  const parsed = replayQuerySchema.safeParse(query);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues), 'Provkörningen kunde inte göras. Rätta fälten nedan.');
  const q = parsed.data;
  const months = monthsBetween(q.from.slice(0, 7), q.to.slice(0, 7), REPLAY_MAX_MONTHS) as string[];
  let position: Position = q.cursor ? decodeCursor(q.cursor, months) : { month: months[0] as string };
  const limit = q.limit ? Number(q.limit) : REPLAY_DEFAULT_LIMIT;
  const now = options.now ?? (() => performance.now());
  const deadline = now() + (options.timeBudgetMs ?? REPLAY_TIME_BUDGET_MS);

  const tally = new ReplayTally();
  const read: string[] = [];
  let replayed = 0;
  let taken = 0;
  let done = false;
  // Months in order; within a month, decisions in id order from the cursor, read 100 at a time
  // with a few reads in flight while the engine runs over the ones that have arrived.
  while (!done && taken < limit && now() < deadline) {
    const { refs, more } = await ctx.store.listDecidedInMonth(position.month, position.after, limit - taken);
    const caseNumbers = new Map(refs.flatMap((r) => (r.caseNumber ? [[r.decisionId, r.caseNumber] as const] : [])));
    const batches: DecidedRef[][] = [];
    for (let i = 0; i < refs.length; i += BATCH) batches.push(refs.slice(i, i + BATCH));
    const reads = batches.slice(0, READS_IN_FLIGHT).map((batch) => startRead(ctx, batch));
    let stoppedEarly = false;
    for (let i = 0; i < batches.length; i++) {
      const decisions = await (reads[i] as Promise<DecisionForReplay[]>);
      const next = batches[i + READS_IN_FLIGHT];
      if (next) reads.push(startRead(ctx, next));
      for (const decision of decisions) {
        read.push(decision.decisionId);
        const date = decision.decisionDate as IsoDate;
        if (compareDates(date, q.from as IsoDate) < 0 || compareDates(date, q.to as IsoDate) > 0) continue;
        const { before, after } = await replayDecision(published, decision);
        tally.add({ decisionId: decision.decisionId, caseNumber: caseNumbers.get(decision.decisionId) ?? null, decisionDate: decision.decisionDate, ruleSetId: decision.proposal.ruleSet.id }, before, after);
        replayed += 1;
      }
      taken += (batches[i] as DecidedRef[]).length;
      position = { month: position.month, after: (batches[i] as DecidedRef[]).at(-1)?.decisionId as string };
      if (now() >= deadline && i < batches.length - 1) {
        stoppedEarly = true;
        break;
      }
    }
    if (stoppedEarly || more) continue;
    const index = months.indexOf(position.month);
    if (index === months.length - 1) done = true;
    else position = { month: months[index + 1] as string };
  }

  if (read.length > 0) {
    await ctx.store.appendRuleSetAccess({ eventId: ctx.newId(), at: ctx.clock().toISOString(), actor: actorRef(actor), action: 'RULE_SET_REPLAYED', ruleSetId: id, from: q.from, to: q.to, decisionIds: read });
  }
  const { ruleSet, sha256 } = published;
  return {
    ruleSet: { id: ruleSet.id, version: ruleSet.version, title: ruleSet.title, sha256 },
    from: q.from,
    to: q.to,
    replayed,
    pairs: tally.result(),
    progress: { month: position.month, monthsDone: done ? months.length : months.indexOf(position.month), monthsTotal: months.length },
    nextCursor: done ? null : encodeCursor(position),
  };
}
