/**
 * Gallring: when DynamoDB's TTL removes a case item, delete the rest of the case. Triggered by the
 * table's stream; the event-source filter already passes only REMOVE records made by the TTL
 * service, and expiredCaseIds checks that again (a filter is configuration, this is the rule).
 *
 * A case that fails is reported back as a batch item failure, so Lambda retries from it and the
 * cases after it; culling is idempotent, so a case culled twice is no harm.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { observability } from '../http/observability';
import { logger } from '../http/logger';
import { tracer } from '../http/tracer';
import { createDynamoDbClient } from '../storage/client';
import { type StreamRecordLike, cullCase, expiredCaseIds } from '../storage/cull';
import { DEFAULT_TABLE_NAME } from '../storage/table';

/** The handler for a table; Lambda's is the one below, on TABLE_NAME. */
export function cullExpiredCases(client: DynamoDBClient, tableName: string) {
  return async function cullExpiredCasesHandler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
    for (const record of event.Records) {
      const [caseId] = expiredCaseIds([record as StreamRecordLike]);
      if (!caseId) continue;
      try {
        const deleted = await cullCase(client, tableName, caseId);
        // The case id only: nothing about the person.
        logger.info('case culled', { caseId, deleted });
      } catch (error) {
        logger.error('cull failed', { caseId, error: (error as Error).name });
        // Lambda retries from this record; the ones before it are done.
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
}

export const handler = middy(cullExpiredCases(tracer.captureAWSv3Client(createDynamoDbClient()), process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME)).use(observability());
