/**
 * Storage figures on DynamoDB Local: propose + sign + store beside a bare TransactWriteItems of
 * the same items, and the due-list query on 10,000 and 100,000 stored decisions (time and
 * consumed capacity). DynamoDB Local is not DynamoDB: the figures compare our code with the bare
 * SDK on the same emulator, and show how the due list scales, not what AWS would take.
 */
import { type DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand, UpdateItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { createContext } from '../../functions/domain/context';
import { proposeDecision } from '../../functions/domain/cases/propose';
import { signDecision } from '../../functions/domain/cases/sign';
import { recordDevelopmentApprovals } from '../../infra/local/dev-approvals';
import type { Actor } from '../../functions/domain/records-schema';
import { renderLetter, renderSignedDecision } from '../../functions/letters/render-letter';
import { sampleDecisionInput } from '../../functions/letters/samples';
import { loadCatalog, loadDelegationOrder } from '../../functions/rule-sets/load-files';
import { createDynamoDbClient } from '../../functions/storage/client';
import { DynamoDbDecisionStore, TO_DECIDE_QUEUE, dueShard } from '../../functions/storage/dynamodb-store';
import { ensureTable } from '../../functions/storage/ensure-table';
import { DUE_INDEX, QUEUE_INDEX } from '../../functions/storage/table';
import { searchCases } from '../../functions/domain/cases/search';
import { proposalsToDecide } from '../../functions/domain/cases/queues';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { eligibleFacts } from '../support/facts';
import { personnummer } from '../support/identity';
import { writeAll } from './batch-write';
import { alternating, percentile, round, time } from './stats';
import { newKeyring, personKeysOf } from '../../functions/person-index/keyring';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { bareRender, letterDefinitions } from './letter-bench';

const caseWorker: Actor = { id: 'bench-hl', name: 'Anna Lindqvist', role: 'handlaggare' };
const delegate: Actor = { id: 'bench-bf', name: 'Göran Ödmark', role: 'beslutsfattare', title: 'Enhetschef', delegationReference: '3.1.4' };

function body(i: number) {
  return {
    applicant: {
      name: 'Elin Söderström',
      personnummer: personnummer(`2001-05-${String((i % 27) + 1).padStart(2, '0')}`, String(980 + (i % 20)).padStart(3, '0')),
      address: { lines: ['Götgatan 12'], postalCode: '118 46', city: 'Stockholm' },
    },
    decisionDate: '2024-08-20',
    facts: eligibleFacts(),
  };
}

async function seed(client: DynamoDBClient, tableName: string, decisions: number, openDue: number, waiting = 0) {
  const filler = 'x'.repeat(800);
  const requests: WriteRequest[] = [];
  const index = personKeysOf(newKeyring('bench'));
  for (let i = 0; i < decisions; i++) {
    const caseId = randomUUID();
    // Decisions whose follow-ups are done: in the table, not in the sparse due index.
    requests.push({ PutRequest: { Item: { PK: { S: `CASE#${caseId}` }, SK: { S: `DECISION#${randomUUID()}` }, type: { S: 'DECISION' }, status: { S: 'SIGNED' }, data: { S: filler } } } });
    // Each case's person in the person index, as a proposal writes them.
    const [personKey] = index.keysOf(`bench-person-${i}`);
    requests.push({ PutRequest: { Item: { PK: { S: `PERSON#${personKey}` }, SK: { S: `CASE#${caseId}` }, type: { S: 'PERSON_CASE' }, caseId: { S: caseId } } } });
    requests.push({ PutRequest: { Item: { PK: { S: `PERSON#${personKey}` }, SK: { S: 'PERSON' }, type: { S: 'PERSON' }, caseId: { S: caseId } } } });
    if (i < waiting) {
      // A proposal waiting for a delegate: in the Att besluta queue.
      const decisionId = randomUUID();
      const proposedAt = new Date(Date.UTC(2024, 7, 1) + i * 60_000).toISOString();
      requests.push({
        PutRequest: {
          Item: {
            PK: { S: `CASE#${caseId}` },
            SK: { S: `DECISION#${decisionId}` },
            type: { S: 'DECISION' },
            status: { S: 'PROPOSED' },
            decisionId: { S: decisionId },
            caseId: { S: caseId },
            caseNumber: { S: `AMN 2024/${String(i + 1).padStart(5, '0')}` },
            [QUEUE_INDEX.partition]: { S: TO_DECIDE_QUEUE },
            [QUEUE_INDEX.sort]: { S: `${proposedAt}#${decisionId}` },
            queue: { S: JSON.stringify({ proposedOutcome: 'GRANT', proposedAt, proposedBy: { id: 'bench-hl', name: 'Anna Lindqvist', role: 'handlaggare' } }) },
            data: { S: filler },
          },
        },
      });
    }
    if (i < openDue) {
      const due = i % 2 === 0 ? '2024-09-10' : '2025-03-01';
      requests.push({
        PutRequest: {
          Item: {
            PK: { S: `CASE#${caseId}` },
            SK: { S: `MILESTONE#d${i}#01` },
            [DUE_INDEX.partition]: { S: `DUE#${dueShard(caseId)}` },
            [DUE_INDEX.sort]: { S: `${due}#${caseId}#d${i}#01` },
            caseId: { S: caseId },
            decisionId: { S: `d${i}` },
            kind: { S: 'FOLLOW_UP' },
            due: { S: due },
            caseNumber: { S: 'AMN 2024/00001' },
          },
        },
      });
    }
  }
  await writeAll(client, tableName, requests);
}

/** The items a signature writes (case update, decision, letter, four milestones, audit), as one bare transaction. */
export async function bareSignTransaction(client: DynamoDBClient, tableName: string, pdf: Uint8Array): Promise<void> {
  const pk = { S: `CASE#${randomUUID()}` };
  const doc = { S: 'y'.repeat(6000) };
  await client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { PK: pk, SK: { S: 'CASE' }, version: { N: '2' }, data: doc } } },
        { Put: { TableName: tableName, Item: { PK: pk, SK: { S: 'DECISION#d' }, version: { N: '2' }, data: doc } } },
        { Put: { TableName: tableName, Item: { PK: pk, SK: { S: 'LETTER#d' }, pdf: { B: pdf } } } },
        ...[1, 2, 3, 4].map((n) => ({ Put: { TableName: tableName, Item: { PK: pk, SK: { S: `MILESTONE#d#0${n}` }, data: { S: 'z'.repeat(200) } } } })),
        { Put: { TableName: tableName, Item: { PK: pk, SK: { S: 'AUDIT#t#00#e' }, data: { S: 'z'.repeat(300) } } } },
      ],
    }),
  );
}

/**
 * The round trips propose + sign make, done with the bare SDK and bare pdfmake: the person-index
 * Query, the case-number counter and the proposal's transaction; then the decision's reference,
 * the case file's three ranges, the letter and the signature's transaction. What this costs is
 * the floor for the two requests as the domain needs them (one person one case, a number per
 * case, optimistic locking); the ratio to it shows what our own code adds on top.
 */
export async function bareSameRoundTrips(client: DynamoDBClient, tableName: string, definition: TDocumentDefinitions): Promise<void> {
  const caseId = randomUUID();
  const pk = { S: `CASE#${caseId}` };
  const person = { S: `PERSON#bench:${randomUUID()}` };
  const doc = (n: number) => ({ S: 'y'.repeat(n) });
  await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': person }, ConsistentRead: true }));
  await client.send(
    new UpdateItemCommand({ TableName: tableName, Key: { PK: { S: 'COUNTER#BENCH' }, SK: { S: 'COUNTER' } }, UpdateExpression: 'ADD #n :one', ExpressionAttributeNames: { '#n': 'value' }, ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' }),
  );
  const put = (PK: { S: string }, SK: string, size = 100) => ({ Put: { TableName: tableName, Item: { PK, SK: { S: SK }, data: doc(size) } } });
  await client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        put(pk, 'CASE', 1500),
        put({ S: `CASENUMBER#${caseId}` }, 'CASE_NUMBER'),
        put(pk, `INDEXED#CASENUMBER#${caseId}`),
        put(person, `CASE#${caseId}`),
        put(pk, `INDEXED#PERSON#${person.S}`),
        put(person, 'PERSON'),
        put(pk, 'DECISION#d', 6000),
        put({ S: `DECISION#${caseId}` }, 'REF'),
        put(pk, 'AUDIT#t#00#a', 300),
        put(pk, 'AUDIT#t#01#b', 300),
      ],
    }),
  );
  await client.send(new GetItemCommand({ TableName: tableName, Key: { PK: { S: `DECISION#${caseId}` }, SK: { S: 'REF' } }, ConsistentRead: true }));
  const range = (from: string, to: string) =>
    client.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': pk, ':from': { S: from }, ':to': { S: to } }, ConsistentRead: true }),
    );
  await Promise.all([range('CASE', 'ENDING#\uffff'), range('MILESTONE#', 'MILESTONE#\uffff'), range('AUDIT#', 'AUDIT#\uffff')]);
  const pdf = await bareRender(definition);
  await bareSignTransaction(client, tableName, new Uint8Array(pdf));
}

export async function benchStorage(): Promise<Record<string, number>> {
  const db = await startDynamoDbLocal();
  try {
    const client = createDynamoDbClient({ endpoint: db.endpoint });
    const figures: Record<string, number> = {};

    const lifecycleTable = `bench-${randomUUID()}`;
    await ensureTable(client, lifecycleTable);
    const catalog = loadCatalog();
    // As `npm start` on an empty data folder: the shipped rule sets approved for development.
    await recordDevelopmentApprovals(client, lifecycleTable, catalog);
    // A fixed day inside a rule set's validity, so every proposal is signed on its own date.
    const clock = () => new Date('2024-08-20T09:00:00Z');
    const store = new DynamoDbDecisionStore(client, lifecycleTable, clock);
    const ctx = createContext({ store, ruleSets: () => catalog, delegations: () => loadDelegationOrder(), renderLetter: renderSignedDecision, clock, personKeys: async () => personKeysOf(newKeyring('bench')) });
    let i = 0;
    const sample = await renderLetter(await sampleDecisionInput('grant'));
    if (!sample.ok) throw new Error('sample letter did not render');
    // The bare cost of the same work: pdfmake rendering the letter's document definition, then
    // the transaction, with none of our validation, evaluation, reads or audit; and the same
    // round trips as propose + sign make, done bare. All three alternate, pass by pass.
    const definitions = letterDefinitions(await sampleDecisionInput('grant'), 140);
    let next = 0;
    const timed = await alternating(
      {
        ours: async () => {
          const proposed = await proposeDecision(ctx, caseWorker, body(i++));
          await signDecision(ctx, delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
        },
        bareRenderAndWrite: async () => {
          const pdf = await bareRender(definitions[next++] as TDocumentDefinitions);
          await bareSignTransaction(client, lifecycleTable, new Uint8Array(pdf));
        },
        bareRoundTrips: () => bareSameRoundTrips(client, lifecycleTable, definitions[next++] as TDocumentDefinitions),
      },
      60,
      5,
    );
    const { ours, bareRenderAndWrite, bareRoundTrips } = timed;
    const bare = await time(() => bareSignTransaction(client, lifecycleTable, sample.letter.pdf), 60, 5);
    figures['storage.bareSameRoundTrips.medianMs'] = round(bareRoundTrips.medianMs, 2);
    figures['storage.proposeSignStore.ratioToBareSameRoundTrips'] = round(ours.medianMs / bareRoundTrips.medianMs, 2);
    figures['storage.proposeSignStore.medianMs'] = round(ours.medianMs, 2);
    figures['storage.proposeSignStore.p99Ms'] = round(ours.p99Ms, 2);
    figures['storage.bareTransactWriteItems.medianMs'] = round(bare.medianMs, 2);
    figures['storage.proposeSignStore.ratio'] = round(ours.medianMs / bare.medianMs, 2);
    figures['storage.bareRenderPlusTransaction.medianMs'] = round(bareRenderAndWrite.medianMs, 2);
    figures['storage.proposeSignStore.ratioToBareRenderPlusTransaction'] = round(ours.medianMs / bareRenderAndWrite.medianMs, 2);

    // Two tables, 10,000 and 100,000 stored cases, seeded first; then each list is timed on both
    // in alternation, so a busy machine slows both sizes alike and the ratio stays fair.
    const keys = personKeysOf(newKeyring('bench'));
    const person = body(7);
    const sizes = [];
    for (const decisions of [10_000, 100_000]) {
      const tableName = `lists-${decisions}-${randomUUID()}`;
      await ensureTable(client, tableName);
      const started = Date.now();
      await seed(client, tableName, decisions, 200, 200);
      figures[`storage.seed${decisions}.seconds`] = round((Date.now() - started) / 1000, 1);
      await recordDevelopmentApprovals(client, tableName, catalog);
      const seeded = createContext({ store: new DynamoDbDecisionStore(client, tableName, clock), ruleSets: () => catalog, clock, personKeys: async () => keys });
      await proposeDecision(seeded, caseWorker, person);
      const meter = { units: 0 };
      const store = new DynamoDbDecisionStore(client, tableName, clock, { onConsumedCapacity: (_op, units) => (meter.units += units) });
      sizes.push({ decisions, store, meter, ctx: createContext({ store, ruleSets: () => catalog, clock, personKeys: async () => keys }) });
    }
    const lists = {
      // Search by personnummer: the use case (index query, the case file, the access log writes).
      search: async (ctx: ReturnType<typeof createContext>) => (await searchCases(ctx, caseWorker, { query: person.applicant.personnummer })).cases.length,
      // Att besluta: the first 200 proposals waiting.
      attBesluta: async (ctx: ReturnType<typeof createContext>) => (await proposalsToDecide(ctx, 200)).length,
      dueList: async (ctx: ReturnType<typeof createContext>) => (await ctx.store.listDue('2024-10-01', 500)).length,
    };
    for (const [name, run] of Object.entries(lists)) {
      for (const size of sizes) {
        size.meter.units = 0;
        figures[`storage.${name}${size.decisions}.items`] = await run(size.ctx);
        figures[`storage.${name}${size.decisions}.capacityUnits`] = round(size.meter.units, 2);
      }
      const samples = new Map<number, number[]>(sizes.map((size) => [size.decisions, []]));
      for (let pass = 0; pass < 33; pass++) {
        for (const size of sizes) {
          const started = performance.now();
          await run(size.ctx);
          if (pass >= 3) samples.get(size.decisions)?.push(performance.now() - started);
        }
      }
      for (const [decisions, times] of samples) figures[`storage.${name}${decisions}.medianMs`] = round(percentile(times.sort((x, y) => x - y), 50), 2);
    }
    return figures;
  } finally {
    await db.stop();
  }
}
