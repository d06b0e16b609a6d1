import { DeleteItemCommand, DynamoDBClient, ProvisionedThroughputExceededException, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { cullExpiredCases } from '../../functions/handlers/cull-expired-cases';
import { caseWorker, delegate, lifecycle, proposeBody } from '../support/lifecycle';

/** A stream record as DynamoDB writes it when an item is removed (by TTL: the service principal). */
function removal(caseId: string, sequence: string, byTtl = true): DynamoDBRecord {
  return {
    eventID: `e-${sequence}`,
    eventName: 'REMOVE',
    eventSource: 'aws:dynamodb',
    ...(byTtl ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } : {}),
    dynamodb: { Keys: { PK: { S: `CASE#${caseId}` }, SK: { S: 'CASE' } }, SequenceNumber: sequence, StreamViewType: 'KEYS_ONLY' },
  };
}

const itemsOf = async (client: DynamoDBClient, tableName: string, caseId: string) =>
  ((await client.send(new ScanCommand({ TableName: tableName }))).Items ?? []).filter((i) => i.PK?.S === `CASE#${caseId}`);

describe('the gallring handler', () => {
  it('deletes the rest of a case whose case item the TTL removed, and leaves a case someone else removed alone', async () => {
    const { service, client, tableName } = await lifecycle();
    const expired = await service.propose(caseWorker, proposeBody());
    await service.sign(delegate, expired.decision.decisionId, { finalOutcome: 'GRANT' });
    const removedByHand = await service.propose(caseWorker, proposeBody({ name: 'Per Öberg', birthDate: '1999-03-02' }));
    for (const c of [expired, removedByHand]) {
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: { PK: { S: `CASE#${c.case.caseId}` }, SK: { S: 'CASE' } } }));
    }
    const leftOfOther = (await itemsOf(client, tableName, removedByHand.case.caseId)).length;

    const event: DynamoDBStreamEvent = { Records: [removal(expired.case.caseId, '100'), removal(removedByHand.case.caseId, '101', false)] };
    const response = await cullExpiredCases(client, tableName)(event);

    expect(response.batchItemFailures).toEqual([]);
    expect(await itemsOf(client, tableName, expired.case.caseId)).toEqual([]);
    expect((await itemsOf(client, tableName, removedByHand.case.caseId)).length).toBe(leftOfOther);
    expect(leftOfOther).toBeGreaterThan(0);
  });

  it('reports the record it could not cull, so Lambda retries from there', async () => {
    const failing = new DynamoDBClient({ region: 'eu-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    mockClient(failing).onAnyCommand().rejects(new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} }));
    const response = await cullExpiredCases(failing, 'any')({ Records: [removal('c-1', '200'), removal('c-2', '201')] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '200' }]);
  });
});
