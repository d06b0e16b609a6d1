/**
 * Gallring of a whole case. Only the case item carries the TTL (it is touched by every write, so
 * its expiry always follows the last entry); when DynamoDB's TTL deletes it, the table's stream
 * reports the removal and this deletes the rest of the case: decisions, letters, milestones,
 * endings, audit events, and the items outside the case's partition that point at it.
 */
import { type AttributeValue, DeleteItemCommand, type DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';
import { INDEXED_CASE_NUMBER, INDEXED_PERSON, KEYS } from './table';

const DELETES_AT_ONCE = 10;

/** The shape of a DynamoDB stream record, as much of it as the cull reads. */
export interface StreamRecordLike {
  eventName?: string;
  userIdentity?: { type?: string; principalId?: string };
  dynamodb?: { Keys?: Record<string, { S?: string }>; OldImage?: Record<string, { S?: string }> };
}

/** Case ids whose case item the TTL process removed (not a person, not the application). */
export function expiredCaseIds(records: StreamRecordLike[]): string[] {
  return records
    .filter((r) => r.eventName === 'REMOVE' && r.userIdentity?.type === 'Service' && r.userIdentity.principalId === 'dynamodb.amazonaws.com')
    .map((r) => r.dynamodb?.Keys)
    .filter((k) => k?.[KEYS.sort]?.S === 'CASE' && k[KEYS.partition]?.S?.startsWith('CASE#'))
    .map((k) => (k?.[KEYS.partition]?.S as string).slice('CASE#'.length));
}

/** A delete, and for an item another case may have taken over, the condition that it is still this case's. */
interface Deletion {
  Key: Record<string, AttributeValue>;
  ifCaseId?: string;
}

/**
 * One DeleteItem per item, a few at a time. Gallring's role may delete and nothing else, which
 * BatchWriteItem (puts and deletes under one IAM action) would not allow. The client retries
 * throttling; an item already gone is no error, nor is one another case has taken over, so a
 * retried batch does no harm.
 */
async function deleteAll(client: DynamoDBClient, tableName: string, deletions: Deletion[]): Promise<number> {
  const one = ({ Key, ifCaseId }: Deletion): Promise<number> =>
    client
      .send(
        new DeleteItemCommand({
          TableName: tableName,
          Key,
          ...(ifCaseId === undefined
            ? {}
            : { ConditionExpression: '#caseId = :caseId', ExpressionAttributeNames: { '#caseId': 'caseId' }, ExpressionAttributeValues: { ':caseId': { S: ifCaseId } } }),
        }),
      )
      .then(() => 1)
      .catch((error: { name?: string }) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
        return 0;
      });
  let deleted = 0;
  for (let i = 0; i < deletions.length; i += DELETES_AT_ONCE) {
    deleted += (await Promise.all(deletions.slice(i, i + DELETES_AT_ONCE).map(one))).reduce((sum, n) => sum + n, 0);
  }
  return deleted;
}

/**
 * Deletes every remaining item of a culled case, and what points at it from outside its partition:
 * the decisions' reference items, its case number, and its person index entries, with the person's
 * claim unless a newer case has taken it over. The outside items go first: while they remain, the
 * back-references in the partition that lead to them remain too, so a retry finds them again.
 * Returns how many items it deleted (or found gone already); a claim another case has taken over
 * is left and not counted.
 */
export async function cullCase(client: DynamoDBClient, tableName: string, caseId: string): Promise<number> {
  const inPartition: Deletion[] = [];
  const outside: Deletion[] = [];
  const key = (pk: string, sk: string) => ({ [KEYS.partition]: { S: pk }, [KEYS.sort]: { S: sk } });
  const pages = paginateQuery(
    { client },
    {
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': KEYS.partition, '#sk': KEYS.sort },
      ExpressionAttributeValues: { ':pk': { S: `CASE#${caseId}` } },
      ProjectionExpression: '#pk, #sk',
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const sk = item[KEYS.sort]?.S ?? '';
      inPartition.push({ Key: key(`CASE#${caseId}`, sk) });
      if (sk.startsWith('DECISION#')) outside.push({ Key: key(`DECISION#${sk.slice('DECISION#'.length)}`, 'REF') });
      if (sk.startsWith(INDEXED_CASE_NUMBER)) outside.push({ Key: key(`CASENUMBER#${sk.slice(INDEXED_CASE_NUMBER.length)}`, 'CASE_NUMBER'), ifCaseId: caseId });
      if (sk.startsWith(INDEXED_PERSON)) {
        const personKey = sk.slice(INDEXED_PERSON.length);
        outside.push({ Key: key(`PERSON#${personKey}`, `CASE#${caseId}`) }, { Key: key(`PERSON#${personKey}`, 'PERSON'), ifCaseId: caseId });
      }
    }
  }
  const deletedOutside = await deleteAll(client, tableName, outside);
  return deletedOutside + (await deleteAll(client, tableName, inPartition));
}
