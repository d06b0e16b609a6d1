/**
 * A replay of a rule set over 10,000 stored decisions on DynamoDB Local, beside its bare cost in
 * the same run: a paginated read of the same items (the month partitions of the index of signed
 * decisions, then BatchGetItem of the decision items, with as many reads in flight) plus 10,000
 * bare json-rules-engine runs of the rule set's criteria on the same facts. The replay is the use
 * case itself, page by page as a caller follows the cursor: parsing what it reads, the three-valued
 * engine, the comparison with what was proposed then, and the access log of each page.
 *
 * The decisions are real ones: each is a proposal the engine made for varied facts (ages, target
 * groups, referrals, refusals) on a day in 2024, signed, and stored as the service stores it.
 * Each measurement runs three times, the three kinds in alternation; the median counts.
 */
import { BatchGetItemCommand, type DynamoDBClient, type WriteRequest, paginateQuery } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Engine } from 'json-rules-engine';
import { createContext } from '../../functions/domain/context';
import { engineFactsOf } from '../../functions/domain/facts';
import { propose } from '../../functions/domain/propose';
import type { Actor, DecisionRecord } from '../../functions/domain/records-schema';
import { type ReplayPage, replayRuleSet } from '../../functions/domain/rule-sets/replay';
import type { ConditionNode } from '../../functions/domain/rule-set-schema';
import { loadCatalog } from '../../functions/rule-sets/load-files';
import { createDynamoDbClient } from '../../functions/storage/client';
import { DynamoDbDecisionStore } from '../../functions/storage/dynamodb-store';
import { ensureTable } from '../../functions/storage/ensure-table';
import { DUE_INDEX } from '../../functions/storage/table';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { eligibleFacts } from '../support/facts';
import { personnummer } from '../support/identity';
import { writeAll } from './batch-write';
import { percentile, round } from './stats';

const DECISIONS = 10_000;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
const jurist: Actor = { id: 'bench-jurist', name: 'Karin Sjöberg', role: 'jurist', title: 'Förvaltningsjurist' };
const actorRef = { id: 'bench-hl', name: 'Anna Lindqvist', role: 'handlaggare' as const };

/** Varied facts: most grants, some refusals (age, no deeper need), referrals, a few women over 30. */
function caseFacts(i: number): Record<string, unknown> {
  switch (i % 10) {
    case 7:
      return { forsorjningsstod: true };
    case 8:
      return { assessedNeed: { level: 'ADVICE_AND_SUPPORT', grounds: 'Behöver bara tips om ansökningar.' } };
    case 9:
      return { socialServicesContact: 'CONTACT' };
    default:
      return {};
  }
}

async function decisionsToStore(): Promise<Array<{ record: DecisionRecord; caseNumber: string }>> {
  const catalog = loadCatalog();
  const out: Array<{ record: DecisionRecord; caseNumber: string }> = [];
  for (let i = 0; i < DECISIONS; i++) {
    const month = MONTHS[i % MONTHS.length] as string;
    const decisionDate = `${month}-${String((i % 28) + 1).padStart(2, '0')}`;
    // Born 1993–2005: the age on the decision date spans the young target group's limits.
    const birthYear = 1993 + (i % 13);
    const body = {
      decisionDate,
      applicant: { personnummer: personnummer(`${birthYear}-0${(i % 9) + 1}-1${i % 10}`, String(980 + (i % 20))) },
      facts: eligibleFacts({ ...caseFacts(i), requestedPeriod: { from: decisionDate, to: `${Number(month.slice(0, 4)) + 1}-${month.slice(5)}-01` } }),
    };
    const result = await propose(catalog, body);
    if (!result.ok) throw new Error(`bench decision ${i}: ${result.error.message}`);
    const { proposal } = result;
    if (proposal.outcome === 'INCOMPLETE') throw new Error(`bench decision ${i} is incomplete`);
    const at = `${decisionDate}T10:00:00.000Z`;
    out.push({
      caseNumber: `AMN 2024/${String(i + 1).padStart(5, '0')}`,
      record: {
        decisionId: randomUUID(),
        caseId: randomUUID(),
        status: 'SIGNED',
        version: 2,
        decisionDate,
        facts: result.request.facts,
        proposal,
        proposedAt: `${decisionDate}T09:00:00.000Z`,
        proposedBy: actorRef,
        signed: {
          at,
          by: { id: 'bench-bf', name: 'Göran Ödmark', role: 'beslutsfattare' },
          finalOutcome: proposal.outcome,
          decisionMaker: { name: 'Göran Ödmark', title: 'Enhetschef', delegationReference: '3.1.4' },
          letterSha256: 'a'.repeat(64),
          templateVersion: '1',
        },
      },
    });
  }
  return out;
}

async function seed(client: DynamoDBClient, tableName: string, decisions: Array<{ record: DecisionRecord; caseNumber: string }>): Promise<number> {
  let bytes = 0;
  const requests: WriteRequest[] = decisions.map(({ record, caseNumber }) => {
    const data = JSON.stringify(record);
    bytes += data.length;
    return {
      PutRequest: {
        Item: {
          PK: { S: `CASE#${record.caseId}` },
          SK: { S: `DECISION#${record.decisionId}` },
          type: { S: 'DECISION' },
          decisionId: { S: record.decisionId },
          caseId: { S: record.caseId },
          caseNumber: { S: caseNumber },
          status: { S: 'SIGNED' },
          version: { N: '2' },
          [DUE_INDEX.partition]: { S: `STATS#${record.decisionDate.slice(0, 7)}` },
          [DUE_INDEX.sort]: { S: `DECISION#${record.decisionId}` },
          stats: { S: `outcome=${record.proposal.outcome}` },
          data: { S: data },
        },
      },
    };
  });
  await writeAll(client, tableName, requests);
  return bytes / decisions.length;
}

/** The bare read: the same month partitions and the same items, 100 per BatchGetItem, four in flight, nothing parsed. */
async function bareRead(client: DynamoDBClient, tableName: string): Promise<number> {
  let items = 0;
  for (const month of MONTHS) {
    const keys: Array<Record<string, { S: string }>> = [];
    const pages = paginateQuery(
      { client },
      {
        TableName: tableName,
        IndexName: DUE_INDEX.name,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': DUE_INDEX.partition, '#sk': DUE_INDEX.sort },
        ExpressionAttributeValues: { ':pk': { S: `STATS#${month}` }, ':from': { S: 'DECISION#' }, ':to': { S: 'DECISION#\uffff' } },
        ProjectionExpression: 'caseId, decisionId',
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) keys.push({ PK: { S: `CASE#${item.caseId?.S}` }, SK: { S: `DECISION#${item.decisionId?.S}` } });
    }
    const batches: Array<typeof keys> = [];
    for (let i = 0; i < keys.length; i += 100) batches.push(keys.slice(i, i + 100));
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < batches.length) {
          let request: Record<string, { Keys: typeof keys; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }> | undefined = {
            [tableName]: { Keys: batches[next++] as typeof keys, ProjectionExpression: '#data', ExpressionAttributeNames: { '#data': 'data' } },
          };
          while (request && Object.keys(request).length > 0) {
            const out = await client.send(new BatchGetItemCommand({ RequestItems: request }));
            items += out.Responses?.[tableName]?.length ?? 0;
            request = out.UnprocessedKeys as typeof request;
          }
        }
      }),
    );
  }
  return items;
}

function bareConditions(node: ConditionNode): unknown {
  if ('all' in node) return { all: node.all.map(bareConditions) };
  if ('any' in node) return { any: node.any.map(bareConditions) };
  if ('not' in node) return { not: bareConditions(node.not) };
  return { fact: node.fact, operator: node.operator, value: node.value };
}

export async function benchReplay(): Promise<Record<string, number>> {
  const db = await startDynamoDbLocal();
  try {
    const client = createDynamoDbClient({ endpoint: db.endpoint });
    const tableName = `replay-${randomUUID()}`;
    await ensureTable(client, tableName);
    const catalog = loadCatalog();
    const subject = 'jobbtorg-sis-sol2025';
    const published = catalog.get(subject);
    if (!published) throw new Error(`no rule set ${subject}`);

    const decisions = await decisionsToStore();
    const started = performance.now();
    const itemBytes = await seed(client, tableName, decisions);
    const figures: Record<string, number> = {
      'replay.decisions': DECISIONS,
      'replay.seedSeconds': round((performance.now() - started) / 1000, 1),
      'replay.itemBytes': Math.round(itemBytes),
    };

    // Bare json-rules-engine, one rule per criterion, on the facts as stored (as engine-bench does).
    const engine = new Engine([], { allowUndefinedFacts: true });
    for (const [name, p] of Object.entries(published.ruleSet.parameters)) engine.addFact(`param.${name}`, p.value);
    for (const c of published.ruleSet.criteria) {
      const conditions = bareConditions(c.conditions) as Record<string, unknown>;
      engine.addRule({ conditions: ('fact' in conditions ? { all: [conditions] } : conditions) as never, event: { type: c.id } });
    }
    const facts = decisions.map(({ record }) => Object.fromEntries(Object.entries(engineFactsOf(record.facts, record.proposal.applicant.age)).filter(([, v]) => v !== undefined)));

    let units = 0;
    const store = new DynamoDbDecisionStore(client, tableName, () => new Date(), { onConsumedCapacity: (_op, u) => (units += u) });
    const ctx = createContext({ store, ruleSets: () => catalog });
    let pages = 0;
    let replayed = 0;
    const runs = {
      replay: async () => {
        pages = 0;
        replayed = 0;
        units = 0;
        let cursor: string | null = null;
        do {
          const page: ReplayPage = await replayRuleSet(ctx, jurist, subject, { from: '2024-01-01', to: '2024-12-31', ...(cursor ? { cursor } : {}) });
          pages += 1;
          replayed += page.replayed;
          cursor = page.nextCursor;
        } while (cursor);
      },
      bareRead: async () => {
        const read = await bareRead(client, tableName);
        if (read !== DECISIONS) throw new Error(`bare read found ${read} decisions`);
      },
      bareEngine: async () => {
        for (const f of facts) await engine.run(f);
      },
    };
    const times: Record<keyof typeof runs, number[]> = { replay: [], bareRead: [], bareEngine: [] };
    // One unmeasured pass warms DynamoDB Local, the SDK and the JIT; then three in alternation.
    for (let pass = 0; pass < 4; pass++) {
      for (const [name, run] of Object.entries(runs) as Array<[keyof typeof runs, () => Promise<void>]>) {
        const t0 = performance.now();
        await run();
        if (pass > 0) times[name].push(performance.now() - t0);
      }
    }
    if (replayed !== DECISIONS) throw new Error(`the replay read ${replayed} decisions, not ${DECISIONS}`);
    const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    const replayMs = median(times.replay);
    const bareReadMs = median(times.bareRead);
    const bareEngineMs = median(times.bareEngine);
    figures['replay.pages'] = pages;
    figures['replay.capacityUnits'] = round(units, 1);
    figures['replay.totalMs'] = round(replayMs, 0);
    figures['replay.perPageMs'] = round(replayMs / pages, 0);
    figures['replay.decisionsPerSecond'] = Math.round(DECISIONS / (replayMs / 1000));
    figures['replay.bareReadMs'] = round(bareReadMs, 0);
    figures['replay.bareEngineMs'] = round(bareEngineMs, 0);
    figures['replay.bareTotalMs'] = round(bareReadMs + bareEngineMs, 0);
    figures['replay.ratioToBare'] = round(replayMs / (bareReadMs + bareEngineMs), 2);
    return figures;
  } finally {
    await db.stop();
  }
}
