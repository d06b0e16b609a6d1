/**
 * Error paths of the DynamoDB adapter with faults injected into the SDK client. The database
 * itself is exercised on DynamoDB Local (test/integration); the mock only produces the faults.
 */
import {
  DynamoDBClient,
  GetItemCommand,
  InternalServerError,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WriteUnit } from '../../../functions/domain/decision-store';
import { ConflictError, UnavailableError } from '../../../functions/domain/errors';
import { DynamoDbDecisionStore } from '../../../functions/storage/dynamodb-store';

const client = new DynamoDBClient({ region: 'eu-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const mock = mockClient(client);
const store = new DynamoDbDecisionStore(client, 'table');

const at = '2024-08-20T08:00:00.000Z';
const audit = { eventId: 'e1', caseId: 'c1', at, actor: { id: 'u', name: 'Anna Lindqvist', role: 'handlaggare' as const }, action: 'WITHDRAWN' as const };
const unit = (extra: Partial<WriteUnit> = {}): WriteUnit => ({ audit: [audit], ...extra });

function cancelled(codes: string[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

beforeEach(() => mock.reset());

describe('DynamoDbDecisionStore.write under faults', () => {
  it('turns throttling into a typed "unavailable" error', async () => {
    mock.on(TransactWriteItemsCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(store.write(unit())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('turns an internal server error into a typed "unavailable" error', async () => {
    mock.on(TransactWriteItemsCommand).rejects(new InternalServerError({ message: 'boom', $metadata: {} }));
    await expect(store.write(unit())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('turns a failed condition inside the transaction into a typed conflict', async () => {
    mock.on(TransactWriteItemsCommand).rejects(cancelled(['ConditionalCheckFailed', 'None']));
    await expect(store.write(unit())).rejects.toBeInstanceOf(ConflictError);
  });

  it('turns a transaction conflict with another transaction into a typed conflict', async () => {
    mock.on(TransactWriteItemsCommand).rejects(cancelled(['TransactionConflict']));
    await expect(store.write(unit())).rejects.toMatchObject({ code: 'CONFLICT', reason: 'VERSION' });
  });

  it('turns throttling inside a cancelled transaction into "unavailable", not a conflict', async () => {
    mock.on(TransactWriteItemsCommand).rejects(cancelled(['None', 'ThrottlingError']));
    await expect(store.write(unit())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('reports a replay when only the idempotency record already existed', async () => {
    mock.on(TransactWriteItemsCommand).rejects(cancelled(['None', 'ConditionalCheckFailed']));
    const result = await store.write(unit({ idempotency: { scope: 's', key: 'k', requestSha256: 'h', response: { decisionId: 'd' } } }));
    expect(result).toBe('IDEMPOTENT_REPLAY');
  });

  it('passes an unknown error through unchanged rather than hiding it', async () => {
    const odd = Object.assign(new Error('odd'), { name: 'ValidationException' });
    mock.on(TransactWriteItemsCommand).rejects(odd);
    await expect(store.write(unit())).rejects.toBe(odd);
  });
});

describe('DynamoDbDecisionStore reads under faults', () => {
  it.each([
    ['readCase', () => store.readCase('c1'), QueryCommand],
    ['caseIdOfDecision', () => store.caseIdOfDecision('d1'), GetItemCommand],
    ['readLetter', () => store.readLetter('c1', 'd1'), GetItemCommand],
    ['readIdempotency', () => store.readIdempotency('s', 'k'), GetItemCommand],
    ['listDue', () => store.listDue('2024-09-01', 10), QueryCommand],
  ] as const)('%s turns throttling into "unavailable"', async (_name, call, command) => {
    mock.on(command as never).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(call()).rejects.toBeInstanceOf(UnavailableError);
  });

  it('reads every page of a query, and turns throttling on a later page into "unavailable"', async () => {
    const page1 = { Items: [{ stats: { S: 'decided|GRANT' } }], LastEvaluatedKey: { PK: { S: 'STATS#2024-08' }, SK: { S: 'DECISION#d1' } } };
    const page2 = { Items: [{ stats: { S: 'decided|REFUSE' } }] };
    const startKeys: unknown[] = [];
    mock.on(QueryCommand).callsFake((input: { ExclusiveStartKey?: unknown }) => {
      startKeys.push(structuredClone(input.ExclusiveStartKey));
      return input.ExclusiveStartKey ? page2 : page1;
    });
    const [month] = await store.readStatistics(['2024-08']);
    expect(month?.counts).toEqual({ decided: 2, GRANT: 1, REFUSE: 1 });
    expect(startKeys).toEqual([undefined, page1.LastEvaluatedKey]);

    mock.reset();
    mock.on(QueryCommand).resolvesOnce(page1).rejectsOnce(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(store.readStatistics(['2024-08'])).rejects.toBeInstanceOf(UnavailableError);
  });

  it('appendAudit and nextCaseNumber turn throttling into "unavailable"', async () => {
    mock.on(PutItemCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} }));
    mock.on(UpdateItemCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} }));
    await expect(store.appendAudit([audit])).rejects.toBeInstanceOf(UnavailableError);
    await expect(store.nextCaseNumber(2024)).rejects.toBeInstanceOf(UnavailableError);
  });
});
