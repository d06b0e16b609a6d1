/**
 * Creates the table from the shared definition, or adds what an older table lacks (an index,
 * TTL). Used by `npm start` and the tests; in AWS the CDK stack builds the same table.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TTL_ATTRIBUTE, createTableInput } from './table';

async function waitActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Table ${tableName} did not become active`);
}

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'updated' | 'unchanged'> {
  const definition = createTableInput(tableName);
  let result: 'created' | 'updated' | 'unchanged' = 'unchanged';
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // One index at a time, as DynamoDB requires: each added index must be active before the next.
    for (const index of definition.GlobalSecondaryIndexes ?? []) {
      if ((Table?.GlobalSecondaryIndexes ?? []).some((g) => g.IndexName === index.IndexName)) continue;
      await client.send(
        new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: definition.AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: index as never }] }),
      );
      await waitActive(client, tableName);
      result = 'updated';
    }
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
    await client.send(new CreateTableCommand(definition));
    result = 'created';
  }
  await waitActive(client, tableName);
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }));
    if (result === 'unchanged') result = 'updated';
  }
  return result;
}
