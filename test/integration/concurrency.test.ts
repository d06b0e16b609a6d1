import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConflictError, IdempotencyKeyReusedError } from '../../functions/domain/errors';
import { caseWorker, delegate, lifecycle, otherDelegate, proposeBody } from '../support/lifecycle';

describe('optimistic locking', () => {
  it('lets exactly one of two delegates signing the same proposal win; the other gets a typed conflict', async () => {
    const { service, store } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    const results = await Promise.allSettled([
      service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' }),
      service.sign(otherDelegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(ConflictError);
    const file = await store.readCase(proposed.case.caseId);
    expect(file?.audit.filter((e) => e.action === 'SIGNED')).toHaveLength(1);
    expect(file?.milestones).toHaveLength(4);
  });

  it('keeps twenty concurrent signatures to one signed decision, one letter and one set of milestones', async () => {
    const { service, store, client, tableName } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => service.sign(i % 2 ? delegate : otherDelegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    const file = await store.readCase(proposed.case.caseId);
    expect(file?.decisions.map((d) => d.status)).toEqual(['SIGNED']);
    expect(file?.milestones).toHaveLength(4);
    const letters = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :letter)',
        ExpressionAttributeValues: { ':pk': { S: `CASE#${proposed.case.caseId}` }, ':letter': { S: 'LETTER#' } },
      }),
    );
    expect(letters.Count).toBe(1);
  });
});

describe('idempotency', () => {
  it('returns the first result to a retry of a proposal with the same key and writes nothing new', async () => {
    const { service, client, tableName } = await lifecycle();
    const body = proposeBody();
    const first = await service.propose(caseWorker, body, 'key-1');
    const itemsAfterFirst = (await client.send(new ScanCommand({ TableName: tableName }))).Count;
    const retry = await service.propose(caseWorker, body, 'key-1');
    expect(retry.decision).toEqual(first.decision);
    expect((await client.send(new ScanCommand({ TableName: tableName }))).Count).toBe(itemsAfterFirst);
  });

  it('gives one decision for concurrent creates with one key', async () => {
    const { service, client, tableName } = await lifecycle();
    const body = proposeBody();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => service.propose(caseWorker, body, 'same-key')));
    const ids = new Set(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ decision: { decisionId: string } }>).value.decision.decisionId));
    expect(ids.size).toBe(1);
    const decisions = await client.send(
      new ScanCommand({ TableName: tableName, FilterExpression: '#t = :d', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':d': { S: 'DECISION' } } }),
    );
    expect(decisions.Count).toBe(1);
    // A loser either replays the stored result or is told to retry; none creates a second case.
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
  });

  it('refuses a key reused for a different request', async () => {
    const { service } = await lifecycle();
    await service.propose(caseWorker, proposeBody(), 'key-2');
    await expect(service.propose(caseWorker, proposeBody({ name: 'Per Öberg' }), 'key-2')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('returns the first signature to a retried signature with the same key, with one audit event', async () => {
    const { service, store } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    const first = await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' }, 'sign-1');
    const retry = await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' }, 'sign-1');
    expect(retry.decision).toEqual(first.decision);
    const file = await store.readCase(proposed.case.caseId);
    expect(file?.audit.filter((e) => e.action === 'SIGNED')).toHaveLength(1);
  });
});

describe('retention (gallring)', () => {
  const FIVE_YEARS = (iso: string) => {
    const d = new Date(iso);
    d.setUTCFullYear(d.getUTCFullYear() + 5);
    return Math.floor(d.getTime() / 1000);
  };

  it('sets the TTL five years after the last entry and moves it on every write', async () => {
    const { service, store, clock } = await lifecycle();
    clock.set('2024-08-20T08:00:00Z');
    const proposed = await service.propose(caseWorker, proposeBody());
    expect(proposed.case.expiresAt).toBe(FIVE_YEARS(proposed.case.lastEntryAt));
    clock.set('2024-08-20T15:00:00Z');
    await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
    const file = await store.readCase(proposed.case.caseId);
    expect(file?.case.lastEntryAt.startsWith('2024-08-20T15:00')).toBe(true);
    expect(file?.case.expiresAt).toBe(FIVE_YEARS(file?.case.lastEntryAt as string));
  });

  it.each(['05', '15', '25'])('keeps the file of a person born on the %sth (research sample): no TTL', async (day) => {
    const { service, client, tableName } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody({ birthDate: `2001-05-${day}` }));
    expect(proposed.case.expiresAt).toBeNull();
    const item = await client.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :pk AND SK = :sk', ExpressionAttributeValues: { ':pk': { S: `CASE#${proposed.case.caseId}` }, ':sk': { S: 'CASE' } } }),
    );
    expect(item.Items?.[0]?.expiresAt).toBeUndefined();
  });

  it('ignores a case past its TTL before DynamoDB removes it', async () => {
    const { service, store, clock } = await lifecycle();
    clock.set('2024-08-20T08:00:00Z');
    const proposed = await service.propose(caseWorker, proposeBody());
    clock.set('2029-08-20T08:00:01Z');
    expect(await store.readCase(proposed.case.caseId)).toBeUndefined();
    await expect(service.getDecision(caseWorker, proposed.decision.decisionId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('faults during a state change', () => {
  it('leaves the table exactly as it was when the database throttles a signature, and the retry then succeeds', async () => {
    const { service, client, tableName } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    let failures = 0;
    // Inject throttling into every TransactWriteItems of the real client until switched off.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && failures >= 0) {
          failures++;
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $retryable: { throttling: true } });
        }
        return next(args);
      },
      // Below the retry layer, so the SDK's own retries meet the fault too.
      { step: 'deserialize', name: 'injectThrottling' },
    );
    const snapshot = async () => JSON.stringify((await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items?.sort((a, b) => `${a.PK?.S}${a.SK?.S}`.localeCompare(`${b.PK?.S}${b.SK?.S}`)));
    const before = await snapshot();
    await expect(service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    // The test client allows two attempts (test/support/table.ts): the SDK retried once, then gave up.
    expect(failures).toBe(2);
    expect(await snapshot()).toBe(before);
    client.middlewareStack.remove('injectThrottling');
    const signed = await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
    expect(signed.decision.status).toBe('SIGNED');
  });
});
