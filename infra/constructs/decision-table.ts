/**
 * The cases-and-decisions table, built from the one definition in functions/storage/table.ts
 * (the same one DynamoDB Local gets), plus what only AWS has: a customer-managed key, point-in-time
 * recovery, deletion protection and the stream the gallring function reads.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { DEFAULT_TABLE_NAME, TTL_ATTRIBUTE, createTableInput } from '../../functions/storage/table';

type KeyTypeOf = (name: string) => dynamodb.AttributeType;

function attribute(name: string | undefined, typeOf: KeyTypeOf): dynamodb.Attribute {
  if (!name) throw new Error('Key schema element without an attribute name');
  return { name, type: typeOf(name) };
}

function keysOf(schema: Array<{ AttributeName?: string; KeyType?: string }> | undefined, typeOf: KeyTypeOf) {
  const hash = schema?.find((k) => k.KeyType === 'HASH');
  const range = schema?.find((k) => k.KeyType === 'RANGE');
  return {
    partitionKey: attribute(hash?.AttributeName, typeOf),
    ...(range ? { sortKey: attribute(range.AttributeName, typeOf) } : {}),
  };
}

/** The shared CreateTable input as CDK table and index properties: keys, types, projections. */
export function tableShapeFromDefinition(tableName: string = DEFAULT_TABLE_NAME) {
  const input = createTableInput(tableName);
  if (input.BillingMode !== 'PAY_PER_REQUEST') throw new Error('The shared table definition is expected to be on-demand');
  const types = new Map((input.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]));
  const typeOf: KeyTypeOf = (name) => {
    const type = types.get(name);
    if (type === 'S') return dynamodb.AttributeType.STRING;
    if (type === 'N') return dynamodb.AttributeType.NUMBER;
    if (type === 'B') return dynamodb.AttributeType.BINARY;
    throw new Error(`Attribute ${name} has no definition in the shared table definition`);
  };
  const indexes: dynamodb.GlobalSecondaryIndexProps[] = (input.GlobalSecondaryIndexes ?? []).map((gsi) => {
    const projection = gsi.Projection?.ProjectionType ?? 'ALL';
    return {
      indexName: gsi.IndexName as string,
      ...keysOf(gsi.KeySchema, typeOf),
      projectionType: projection as dynamodb.ProjectionType,
      ...(projection === 'INCLUDE' ? { nonKeyAttributes: gsi.Projection?.NonKeyAttributes ?? [] } : {}),
    };
  });
  return { ...keysOf(input.KeySchema, typeOf), indexes };
}

export interface DecisionTableProps {
  /** Retain the table and key when the stack is deleted (always for data that is not a test's). */
  removalPolicy: RemovalPolicy;
}

export class DecisionTable extends Construct {
  readonly table: dynamodb.Table;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: DecisionTableProps) {
    super(scope, id);
    const shape = tableShapeFromDefinition();

    // A key of the city's own: the data can be made unreadable by disabling the key, and every use
    // of it is in CloudTrail. Rotated yearly by KMS.
    this.key = new kms.Key(this, 'Key', {
      description: 'Jobbtorg beslutsstöd: ärenden och beslut (DynamoDB)',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: shape.partitionKey,
      ...(shape.sortKey ? { sortKey: shape.sortKey } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      deletionProtection: true,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // The gallring function reads only the keys of removed case items.
      stream: dynamodb.StreamViewType.KEYS_ONLY,
      removalPolicy: props.removalPolicy,
    });
    for (const index of shape.indexes) this.table.addGlobalSecondaryIndex(index);
  }
}
