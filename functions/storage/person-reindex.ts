/**
 * Re-indexing the person index under the keyring's current key, for a key rotation (README,
 * "Personindex och nyckelbyte") and for cases made before the index existed. An operator runs it
 * with `npm run -s person-index -- reindex` (and `-- drop KEY_ID` after the old key is retired):
 * it reads every case item once, so it is a maintenance job with its own credentials, never part
 * of a request, and no Lambda role has Scan or DeleteItem.
 */
import { BatchWriteItemCommand, type DynamoDBClient, PutItemCommand, type WriteRequest, paginateScan } from '@aws-sdk/client-dynamodb';
import type { PersonKeys } from '../domain/person-index';
import { caseRecordSchema } from '../domain/records-schema';
import { keys } from './dynamodb-store';
import { INDEXED_PERSON, KEYS } from './table';

export interface ReindexReport {
  cases: number;
  indexed: number;
  /** People with more than one case (made before one person, one case): each case is indexed, the first claims the person. */
  peopleWithSeveralCases: number;
}

export async function reindexPersons(client: DynamoDBClient, tableName: string, personKeys: PersonKeys): Promise<ReindexReport> {
  const report: ReindexReport = { cases: 0, indexed: 0, peopleWithSeveralCases: 0 };
  const claimed = new Set<string>();
  const pages = paginateScan(
    { client },
    { TableName: tableName, FilterExpression: '#sk = :case', ExpressionAttributeNames: { '#sk': KEYS.sort, '#data': 'data' }, ExpressionAttributeValues: { ':case': { S: 'CASE' } }, ProjectionExpression: '#data' },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const record = caseRecordSchema.parse(JSON.parse(item.data?.S ?? 'null'));
      report.cases++;
      const [personKey] = personKeys.keysOf(record.applicant.personnummer);
      if (!personKey) throw new Error('The keyring gave no key');
      await client.send(new PutItemCommand({ TableName: tableName, Item: { ...keys.personCase(personKey, record.caseId), type: { S: 'PERSON_CASE' }, caseId: { S: record.caseId } } }));
      // The back-references gallring follows (functions/storage/cull.ts); also for cases made before them.
      await client.send(new PutItemCommand({ TableName: tableName, Item: { ...keys.indexedPerson(record.caseId, personKey), type: { S: 'INDEXED' } } }));
      await client.send(new PutItemCommand({ TableName: tableName, Item: { ...keys.indexedCaseNumber(record.caseId, record.caseNumber), type: { S: 'INDEXED' } } }));
      if (claimed.has(personKey)) report.peopleWithSeveralCases++;
      else {
        claimed.add(personKey);
        await client
          .send(
            new PutItemCommand({
              TableName: tableName,
              Item: { ...keys.personClaim(personKey), type: { S: 'PERSON' }, caseId: { S: record.caseId } },
              ConditionExpression: `attribute_not_exists(${KEYS.partition})`,
            }),
          )
          .catch((error: { name?: string }) => {
            if (error.name !== 'ConditionalCheckFailedException') throw error;
          });
      }
      report.indexed++;
    }
  }
  return report;
}

/** Deletes every index entry made under a retired key (`<keyId>:…`), and the cases' back-references to them; returns how many. */
export async function dropPersonKey(client: DynamoDBClient, tableName: string, keyId: string): Promise<number> {
  const requests: WriteRequest[] = [];
  const pages = paginateScan(
    { client },
    {
      TableName: tableName,
      FilterExpression: 'begins_with(#pk, :prefix) OR begins_with(#sk, :backReference)',
      ExpressionAttributeNames: { '#pk': KEYS.partition, '#sk': KEYS.sort },
      ExpressionAttributeValues: { ':prefix': { S: `PERSON#${keyId}:` }, ':backReference': { S: `${INDEXED_PERSON}${keyId}:` } },
      ProjectionExpression: '#pk, #sk',
    },
  );
  for await (const page of pages) for (const item of page.Items ?? []) requests.push({ DeleteRequest: { Key: { [KEYS.partition]: item[KEYS.partition]!, [KEYS.sort]: item[KEYS.sort]! } } });
  for (let i = 0; i < requests.length; i += 25) {
    let pending: WriteRequest[] | undefined = requests.slice(i, i + 25);
    while (pending && pending.length > 0) {
      const out: { UnprocessedItems?: Record<string, WriteRequest[]> } = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = out.UnprocessedItems?.[tableName];
    }
  }
  return requests.length;
}
