/**
 * Gallring on AWS: the table's stream, filtered to case items the TTL service removed, triggers
 * the function that deletes the rest of each case (functions/handlers/cull-expired-cases.ts).
 * Records that keep failing go to a dead-letter queue, and an alarm asks a person to look.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { KEYS } from '../../functions/storage/table';
import { acknowledgeNag } from './nag';
import { ServiceFunction } from './service-function';
import { grantTableAccess } from './table-access';
import { alarmOnAny } from './alarms';

/** All gallring does to the table (functions/storage/cull.ts). */
export const CULL_ACTIONS = ['dynamodb:DeleteItem', 'dynamodb:Query'];

/** What the TTL process's deletions look like on the stream (DynamoDB developer guide, "TTL"). */
export const TTL_REMOVALS = lambda.FilterCriteria.filter({
  eventName: lambda.FilterRule.isEqual('REMOVE'),
  userIdentity: { type: lambda.FilterRule.isEqual('Service'), principalId: lambda.FilterRule.isEqual('dynamodb.amazonaws.com') },
  dynamodb: { Keys: { [KEYS.sort]: { S: lambda.FilterRule.isEqual('CASE') } } },
});

export interface GallringProps {
  table: dynamodb.ITable;
  key: kms.IKey;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  alarmAction?: cloudwatch.IAlarmAction;
}

export class Gallring extends Construct {
  readonly function: ServiceFunction;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: GallringProps) {
    super(scope, id);
    this.function = new ServiceFunction(this, 'CullExpiredCases', {
      packaging: { entry: 'functions/handlers/cull-expired-cases.ts', ruleSets: false, letters: false },
      description: 'Gallring: raderar resten av ett ärende när TTL har tagit bort ärendeposten',
      environment: { TABLE_NAME: props.table.tableName },
      timeout: Duration.minutes(1),
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      ...(props.alarmAction ? { alarmAction: props.alarmAction } : {}),
      wildcardResourceReason:
        "dynamodb:ListStreams, added by the stream event source, supports no resource-level permissions; reading records (GetRecords, GetShardIterator, DescribeStream) is limited to this table's stream.",
    });
    // Query the case's partition and delete its items one by one: nothing else. Not BatchWriteItem,
    // which IAM cannot allow for deletes only: it would let gallring write. The key only to read
    // (DynamoDB decrypts the table's key for any access); a delete encrypts nothing.
    grantTableAccess(this.function.role, props.table, props.key, ['read'], { actions: CULL_ACTIONS, dueIndex: false });

    // Holds only stream metadata (keys: case ids), never a person's data.
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.function.fn.addEventSource(
      new sources.DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        onFailure: new sources.SqsDlq(this.deadLetters),
        filters: [TTL_REMOVALS],
      }),
    );
    acknowledgeNag(
      this.deadLetters,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter destination of the gallring event source (records that failed every retry); a failure here is alarmed on and handled by a person.',
    );
    alarmOnAny(
      this,
      'CullFailed',
      this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      'Gallring: a case could not be culled; see the dead-letter queue',
      props.alarmAction,
    );
  }
}
