/**
 * Replaying a draft rule set over decisions stored in DynamoDB Local: the decisions are read by
 * month from the index of signed decisions, in pages that follow a cursor, and the result names
 * decisions by reference only. The draft (test/support/draft-rules.ts) narrows the young target
 * group to 19–25 and drops the outreach criterion.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../functions/domain/records-schema';
import { type ReplayPage, type ReplayPair, mergeReplayPairs, replayRuleSet } from '../../functions/domain/rule-sets/replay';
import { createContext } from '../../functions/domain/context';
import { loadCatalog } from '../../functions/rule-sets/load-files';
import { DRAFT_ID, draftRulesDir } from '../support/draft-rules';
import { caseWorker, delegate, lifecycle, proposeBody } from '../support/lifecycle';

const jurist: Actor = { id: 'u-karin', name: 'Karin Sjöberg', role: 'jurist', title: 'Förvaltningsjurist' };
const draftDir = draftRulesDir();
const draftCatalog = loadCatalog(draftDir);
afterAll(() => rmSync(draftDir, { recursive: true, force: true }));

/** People with what the draft does to them, and the ids of their signed decisions. */
const people = {
  young24: { name: 'Elin Söderström', birthDate: '2000-03-14', day: '2024-08-20', facts: {} },
  young27: { name: 'Oskar Lindgren', birthDate: '1997-01-10', day: '2024-08-20', facts: {} },
  notReached: { name: 'Amira Haddad', birthDate: '2001-06-02', day: '2024-08-20', facts: { reachedThroughOutreach: false } },
  forsorjningsstod: { name: 'Jonas Åberg', birthDate: '2002-11-23', day: '2024-08-20', facts: { forsorjningsstod: true } },
  young28: { name: 'Sara Nyström', birthDate: '1996-02-01', day: '2024-09-16', facts: {} },
  october24: { name: 'Ali Mansour', birthDate: '2000-04-04', day: '2024-10-15', facts: {} },
  november27: { name: 'Karl Öberg', birthDate: '1997-02-02', day: '2024-11-12', facts: {} },
};
type Person = keyof typeof people;
const ids = {} as Record<Person, string>;
const outcomes: Record<Person, 'GRANT' | 'REFUSE' | 'REFER'> = {
  young24: 'GRANT',
  young27: 'GRANT',
  notReached: 'REFUSE',
  forsorjningsstod: 'REFER',
  young28: 'GRANT',
  october24: 'GRANT',
  november27: 'GRANT',
};
let env: Awaited<ReturnType<typeof lifecycle>>;
let unsignedId = '';

beforeAll(async () => {
  env = await lifecycle();
  for (const [person, p] of Object.entries(people) as Array<[Person, (typeof people)[Person]]>) {
    env.clock.set(`${p.day}T08:00:00Z`);
    const requestedPeriod = { from: p.day, to: `${Number(p.day.slice(0, 4)) + 1}${p.day.slice(4, 8)}01` };
    const proposed = await env.service.propose(caseWorker, proposeBody({ name: p.name, birthDate: p.birthDate, decisionDate: p.day, facts: { ...p.facts, requestedPeriod } }));
    expect(proposed.decision.proposal.outcome, person).toBe(outcomes[person]);
    await env.service.sign(delegate, proposed.decision.decisionId, { finalOutcome: outcomes[person] });
    ids[person] = proposed.decision.decisionId;
  }
  // A proposal nobody decided is no decision: a replay never reads it.
  env.clock.set('2024-08-20T10:00:00Z');
  unsignedId = (await env.service.propose(caseWorker, proposeBody({ name: 'Lina Berg', birthDate: '2001-09-09' }))).decision.decisionId;
});

const context = () => createContext({ store: env.store, ruleSets: () => draftCatalog, clock: env.clock });

async function replayAll(query: Record<string, string>): Promise<{ pages: ReplayPage[]; pairs: ReplayPair[] }> {
  const pages: ReplayPage[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await replayRuleSet(context(), jurist, DRAFT_ID, { ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.nextCursor;
    if (pages.length > 50) throw new Error('the cursor does not advance');
  } while (cursor);
  return { pages, pairs: mergeReplayPairs(pages.map((p) => p.pairs)) };
}

const pair = (pairs: ReplayPair[], from: string, to: string) => pairs.find((p) => p.from === from && p.to === to);

describe('replaying a rule set over stored decisions', () => {
  it('counts each outcome pair, names the changed decisions by reference, and tells which criteria changed', async () => {
    const { pages, pairs } = await replayAll({ from: '2024-08-01', to: '2024-10-31' });
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(pages.reduce((sum, p) => sum + p.replayed, 0)).toBe(6);

    const narrowed = pair(pairs, 'GRANT', 'REFUSE');
    expect(narrowed?.count).toBe(2);
    expect(narrowed?.decisions.map((d) => d.decisionId).sort()).toEqual([ids.young27, ids.young28].sort());
    expect(narrowed?.decisions[0]).toMatchObject({ caseNumber: expect.stringMatching(/^AMN 2024\/\d{5}$/), ruleSetId: 'jobbtorg-sis-sol2001' });
    expect(narrowed?.criteria.find((c) => c.id === 'TARGET_GROUP')).toEqual({ id: 'TARGET_GROUP', title: 'Tillhör en av målgrupperna', transitions: [{ from: 'MET', to: 'NOT_MET', count: 2 }] });

    const widened = pair(pairs, 'REFUSE', 'GRANT');
    expect(widened?.decisions.map((d) => d.decisionId)).toEqual([ids.notReached]);
    expect(widened?.criteria.find((c) => c.id === 'REACHED_BY_OUTREACH')?.transitions).toEqual([{ from: 'NOT_MET', to: null, count: 1 }]);

    // Same outcome, and the only change a criterion the draft removed: counted, not named.
    const unchanged = pair(pairs, 'GRANT', 'GRANT');
    expect(unchanged).toMatchObject({ count: 2, changed: 0, decisions: [] });
    expect(unchanged?.criteria).toEqual([{ id: 'REACHED_BY_OUTREACH', title: 'Nådd genom det uppsökande uppdraget', transitions: [{ from: 'MET', to: null, count: 2 }] }]);
    expect(pair(pairs, 'REFER', 'REFER')?.count).toBe(1);

    // Changed outcomes come first.
    expect(pairs.map((p) => `${p.from}→${p.to}`)).toEqual(['GRANT→REFUSE', 'REFUSE→GRANT', 'GRANT→GRANT', 'REFER→REFER']);
  });

  it('reads every decision once, whatever the page size, and adds up to the same result', async () => {
    const whole = await replayAll({ from: '2024-08-01', to: '2024-11-30' });
    const paged = await replayAll({ from: '2024-08-01', to: '2024-11-30', limit: '2' });
    expect(paged.pages.length).toBeGreaterThan(3);
    for (const page of paged.pages) expect(page.replayed).toBeLessThanOrEqual(2);
    expect(paged.pairs).toEqual(whole.pairs);
    const named = paged.pairs.flatMap((p) => p.decisions.map((d) => d.decisionId));
    expect(new Set(named).size).toBe(named.length);
    expect(pair(paged.pairs, 'GRANT', 'REFUSE')?.decisions.map((d) => d.decisionId).sort()).toEqual([ids.young27, ids.young28, ids.november27].sort());
  });

  it('keeps to the dates asked for, also within a month, and never reads a proposal nobody decided', async () => {
    const { pairs } = await replayAll({ from: '2024-08-21', to: '2024-09-30' });
    expect(pairs.map((p) => [p.from, p.to, p.count])).toEqual([['GRANT', 'REFUSE', 1]]);
    expect(pairs[0]?.decisions.map((d) => d.decisionId)).toEqual([ids.young28]);
    const all = await replayAll({ from: '2024-01-01', to: '2024-12-31' });
    expect(all.pairs.reduce((sum, p) => sum + p.count, 0)).toBe(7);
    expect(JSON.stringify(all.pairs)).not.toContain(unsignedId);
  });

  it('stops a page when its time is up and goes on from there with the cursor', async () => {
    let t = 0;
    const first = await replayRuleSet(context(), jurist, DRAFT_ID, { from: '2024-08-01', to: '2024-10-31' }, { timeBudgetMs: 4000, now: () => (t += 3000) });
    expect(first.replayed).toBe(4);
    expect(first.progress).toEqual({ month: '2024-09', monthsDone: 1, monthsTotal: 3 });
    expect(first.nextCursor).not.toBeNull();
    const rest = await replayRuleSet(context(), jurist, DRAFT_ID, { from: '2024-08-01', to: '2024-10-31', cursor: first.nextCursor as string });
    expect(rest.replayed).toBe(2);
    expect(rest.nextCursor).toBeNull();
  });

  it('holds no personal data: no name, personnummer, address or written grounds', async () => {
    const { pages } = await replayAll({ from: '2024-08-01', to: '2024-11-30' });
    const text = JSON.stringify(pages);
    for (const p of Object.values(people)) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.birthDate.replaceAll('-', ''));
    }
    expect(text).not.toContain('Götgatan');
    expect(text).not.toContain('Har inte arbetat eller studerat');
  });

  it('records who replayed which decisions, in the rule set’s access log', async () => {
    await replayRuleSet(context(), jurist, DRAFT_ID, { from: '2024-09-01', to: '2024-09-30' });
    const log = await env.client.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :access)',
        ExpressionAttributeValues: { ':pk': { S: `RULESET#${DRAFT_ID}` }, ':access': { S: 'ACCESS#' } },
      }),
    );
    const events = (log.Items ?? []).map((item) => JSON.parse(item.data?.S ?? '{}'));
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'RULE_SET_REPLAYED', actor: { id: 'u-karin', name: 'Karin Sjöberg', role: 'jurist' }, from: '2024-09-01', to: '2024-09-30', decisionIds: [ids.young28] }),
    );
  });

  it('refuses an open-ended or inverted range and a cursor it did not give, naming the field', async () => {
    const refused = (query: Record<string, string>) => replayRuleSet(context(), jurist, DRAFT_ID, query);
    await expect(refused({ from: '2024-08-01' })).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ path: 'to' }] });
    await expect(refused({ from: '2024-10-01', to: '2024-08-01' })).rejects.toMatchObject({ issues: [{ path: 'to', message: expect.stringContaining('ligger före') }] });
    await expect(refused({ from: '2024-08-01', to: '2024-10-31', cursor: 'eyJtIjoiMjAyMy0wMSJ9' })).rejects.toMatchObject({ issues: [{ path: 'cursor' }] });
    await expect(replayRuleSet(context(), jurist, 'jobbtorg-finns-inte', { from: '2024-08-01', to: '2024-10-31' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
