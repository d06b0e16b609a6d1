/** Seeding the bench's tables: BatchWriteItem, 25 items a request, eight requests at a time, until DynamoDB has taken every item. */
import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';

export async function writeAll(client: DynamoDBClient, tableName: string, requests: WriteRequest[]): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let pending: WriteRequest[] | undefined = batches[next++];
        while (pending && pending.length > 0) {
          const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
          pending = out.UnprocessedItems?.[tableName];
        }
      }
    }),
  );
}
