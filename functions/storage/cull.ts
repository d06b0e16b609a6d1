/**
 * Gallring of a whole case. Only the case item carries the TTL (it is touched by every write, so
 * its expiry always follows the last entry); when DynamoDB's TTL deletes it, the table's stream
 * reports the removal and this deletes the rest of the case: decisions, letters, milestones,
 * endings, audit events and the decisions' reference items.
 */
import { type AttributeValue, DeleteItemCommand, type DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';
import { KEYS } from './table';

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

/**
 * One DeleteItem per item, a few at a time. Gallring's role may delete and nothing else, which
 * BatchWriteItem (puts and deletes under one IAM action) would not allow. The client retries
 * throttling; an item already gone is no error, so a retried batch does no harm.
 */
async function deleteAll(client: DynamoDBClient, tableName: string, keys: Array<Record<string, AttributeValue>>): Promise<void> {
  for (let i = 0; i < keys.length; i += DELETES_AT_ONCE) {
    await Promise.all(keys.slice(i, i + DELETES_AT_ONCE).map((Key) => client.send(new DeleteItemCommand({ TableName: tableName, Key }))));
  }
}

/** Deletes every remaining item of a culled case. Returns how many items were deleted. */
export async function cullCase(client: DynamoDBClient, tableName: string, caseId: string): Promise<number> {
  const keys: Array<Record<string, AttributeValue>> = [];
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
      keys.push({ [KEYS.partition]: item[KEYS.partition] as AttributeValue, [KEYS.sort]: item[KEYS.sort] as AttributeValue });
      const sk = item[KEYS.sort]?.S ?? '';
      if (sk.startsWith('DECISION#')) {
        keys.push({ [KEYS.partition]: { S: `DECISION#${sk.slice('DECISION#'.length)}` }, [KEYS.sort]: { S: 'REF' } });
      }
    }
  }
  await deleteAll(client, tableName, keys);
  return keys.length;
}
