import { DeleteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { cullCase, expiredCaseIds } from '../../functions/storage/cull';
import { caseWorker, delegate, lifecycle, proposeBody } from '../support/lifecycle';

describe('gallring of a whole case', () => {
  it('deletes every remaining item of a case once its case item is gone, and nothing of other cases', async () => {
    const { service, client, tableName } = await lifecycle();
    const culled = await service.propose(caseWorker, proposeBody());
    await service.sign(delegate, culled.decision.decisionId, { finalOutcome: 'GRANT' });
    const kept = await service.propose(caseWorker, proposeBody({ name: 'Per Öberg', birthDate: '1999-03-02' }));
    const before = (await client.send(new ScanCommand({ TableName: tableName }))).Items ?? [];

    // What DynamoDB's TTL process does to the case item.
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: { PK: { S: `CASE#${culled.case.caseId}` }, SK: { S: 'CASE' } } }));
    const deleted = await cullCase(client, tableName, culled.case.caseId);

    const after = (await client.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
    expect(after.some((i) => i.PK?.S === `CASE#${culled.case.caseId}`)).toBe(false);
    expect(after.some((i) => i.PK?.S === `DECISION#${culled.decision.decisionId}`)).toBe(false);
    expect(after.filter((i) => i.PK?.S === `CASE#${kept.case.caseId}`).length).toBe(before.filter((i) => i.PK?.S === `CASE#${kept.case.caseId}`).length);
    // Decision, its reference, the letter, four milestones and the audit events.
    expect(deleted).toBeGreaterThanOrEqual(8);
    await expect(service.getDecision(caseWorker, culled.decision.decisionId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('expiredCaseIds', () => {
  const removal = (sk: string, principalId = 'dynamodb.amazonaws.com') => ({
    eventName: 'REMOVE',
    userIdentity: { type: 'Service', principalId },
    dynamodb: { Keys: { PK: { S: 'CASE#c-1' }, SK: { S: sk } } },
  });

  it('picks only case items removed by the TTL process', () => {
    expect(
      expiredCaseIds([
        removal('CASE'),
        removal('DECISION#d'),
        removal('CASE', 'someone-else'),
        { eventName: 'REMOVE', dynamodb: { Keys: { PK: { S: 'CASE#c-2' }, SK: { S: 'CASE' } } } },
        { eventName: 'MODIFY', userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' }, dynamodb: { Keys: { PK: { S: 'CASE#c-3' }, SK: { S: 'CASE' } } } },
      ]),
    ).toEqual(['c-1']);
  });
});
