/** The DynamoDB client, created once per module (Lambda reuses it across invocations). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface ClientOptions {
  /** DynamoDB Local's URL; unset in AWS. */
  endpoint?: string;
  region?: string;
  /** The SDK retries throttling and internal errors this many times in all, with backoff. */
  maxAttempts?: number;
}

export function createDynamoDbClient(options: ClientOptions = {}): DynamoDBClient {
  const endpoint = options.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  return new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? 'eu-north-1',
    maxAttempts: options.maxAttempts ?? 4,
    ...(endpoint
      ? {
          endpoint,
          // DynamoDB Local accepts any credentials; never use real ones against it.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
}
