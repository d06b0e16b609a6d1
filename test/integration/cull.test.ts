import { DeleteItemCommand, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
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

describe('gallring and the person index', () => {
  const scan = async (client: DynamoDBClient, tableName: string) => (await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? [];
  const indexItems = (items: Awaited<ReturnType<typeof scan>>) =>
    items.filter((i) => i.PK?.S?.startsWith('PERSON#') || i.PK?.S?.startsWith('CASENUMBER#')).map((i) => ({ pk: i.PK?.S?.split('#')[0], sk: i.SK?.S, caseId: i.caseId?.S }));
  /** What DynamoDB's TTL process does to a case item, then the stream's cull. */
  const expire = async (client: DynamoDBClient, tableName: string, caseId: string) => {
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: { PK: { S: `CASE#${caseId}` }, SK: { S: 'CASE' } } }));
    return cullCase(client, tableName, caseId);
  };

  it('deletes the person index entry, the claim and the case number with the case, so the person gets a new case when they come back', async () => {
    const { service, client, tableName } = await lifecycle();
    const body = proposeBody();
    const culled = await service.propose(caseWorker, body);
    await service.sign(delegate, culled.decision.decisionId, { finalOutcome: 'GRANT' });
    const other = await service.propose(caseWorker, proposeBody({ name: 'Per Öberg', birthDate: '1999-03-02' }));
    const othersIndex = indexItems(await scan(client, tableName)).filter((i) => i.caseId === other.case.caseId);

    await expire(client, tableName, culled.case.caseId);

    // Nothing points at the culled case any more; the other person's index is untouched.
    expect(indexItems(await scan(client, tableName))).toEqual(othersIndex);
    expect((await service.search(caseWorker, culled.case.caseNumber)).cases).toEqual([]);
    const again = await service.propose(caseWorker, body);
    expect(again.case.caseId).not.toBe(culled.case.caseId);
    expect(again.joinedExistingCase).toBe(false);
    expect((await service.search(caseWorker, body.applicant.personnummer)).cases.map((c) => c.caseId)).toEqual([again.case.caseId]);
  });

  it('gives a person whose case is past its expiry a new case before DynamoDB deletes the old one, and the late cull leaves the new case indexed', async () => {
    const { service, client, tableName, clock } = await lifecycle();
    clock.set('2024-08-20T08:00:00Z');
    const expired = await service.propose(caseWorker, proposeBody());
    clock.set('2029-08-21T08:00:00Z');
    // The old case is still in the table, its claim names it, and it is past its expiry.
    const body = proposeBody({ decisionDate: '2029-08-21' });
    const again = await service.propose(caseWorker, body);
    expect(again.case.caseId).not.toBe(expired.case.caseId);
    expect(again.joinedExistingCase).toBe(false);

    const before = (await scan(client, tableName)).length;
    const deleted = await expire(client, tableName, expired.case.caseId);
    // What it reports is what went: the case item (TTL's) aside, and the claim it left not counted.
    expect(before - 1 - (await scan(client, tableName)).length).toBe(deleted);

    expect(indexItems(await scan(client, tableName)).sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`))).toEqual([
      { pk: 'CASENUMBER', sk: 'CASE_NUMBER', caseId: again.case.caseId },
      { pk: 'PERSON', sk: `CASE#${again.case.caseId}`, caseId: again.case.caseId },
      { pk: 'PERSON', sk: 'PERSON', caseId: again.case.caseId },
    ]);
    expect((await service.search(caseWorker, body.applicant.personnummer)).cases.map((c) => c.caseId)).toEqual([again.case.caseId]);
    // Still one person, one case: the next proposal goes into the new case.
    await expect(service.propose(caseWorker, body)).rejects.toMatchObject({ reason: 'OPEN_PROPOSAL', caseRef: { caseId: again.case.caseId } });
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
