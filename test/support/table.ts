import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDynamoDbClient } from '../../functions/storage/client';
import { ensureTable } from '../../functions/storage/ensure-table';

/** A fresh table on the run's DynamoDB Local, built from the shared definition. */
export async function freshTable(prefix = 'test') {
  const client = createDynamoDbClient({ endpoint: inject('dynamodbEndpoint'), maxAttempts: 2 });
  const tableName = `${prefix}-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { client, tableName };
}
