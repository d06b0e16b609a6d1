/**
 * Least-privilege table access. A route lists what its handler does to the table ('read',
 * 'write'); these are the DynamoDB and KMS actions that means, and nothing else: no Scan, no
 * DeleteItem, no table management, no other table, and the key only through DynamoDB.
 *
 * The actions follow the commands the storage adapter sends (functions/storage/dynamodb-store.ts;
 * TransactWriteItems is authorised per item as PutItem/UpdateItem). test/infra checks the adapter
 * against these lists, so a new command cannot go unnoticed until it fails in AWS.
 */
import { Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { TableAccess } from '../../functions/http/routes';
import { DUE_INDEX, QUEUE_INDEX } from '../../functions/storage/table';

const INDEXES = [DUE_INDEX, QUEUE_INDEX];

export const TABLE_ACTIONS: Record<TableAccess, string[]> = {
  read: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
};

/**
 * DynamoDB decrypts with the caller's permission on the table's key; writes also need it to
 * encrypt. Allowed only when the request comes through DynamoDB in this region (kms:ViaService).
 */
export const KEY_ACTIONS: Record<TableAccess, string[]> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  write: ['kms:Encrypt', 'kms:GenerateDataKey'],
};

export function tableActionsFor(access: readonly TableAccess[]): string[] {
  return [...new Set(access.flatMap((a) => TABLE_ACTIONS[a]))].sort();
}

export function keyActionsFor(access: readonly TableAccess[]): string[] {
  // Writing always means reading the item's current version first (optimistic locking).
  const levels = access.includes('write') ? (['read', 'write'] as const) : access;
  return [...new Set(levels.flatMap((a) => KEY_ACTIONS[a]))].sort();
}

/** Adds exactly the listed access on the table (and its due index) to a role. */
export function grantTableAccess(
  role: iam.IRole,
  table: dynamodb.ITable,
  key: kms.IKey,
  access: readonly TableAccess[],
  options: { actions?: string[]; dueIndex?: boolean } = {},
): void {
  if (access.length === 0) return;
  const tableActions = options.actions ?? tableActionsFor(access);
  const resources = [table.tableArn];
  // The work lists query the table's sparse indexes (functions/storage/table.ts): follow-ups,
  // statistics and a case worker's proposals in the due index, Att besluta and a case worker's
  // follow-ups in the queue index. Route handlers that read may list them.
  if ((options.dueIndex ?? true) && tableActions.includes('dynamodb:Query')) resources.push(...INDEXES.map((index) => `${table.tableArn}/index/${index.name}`));
  role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'Table', actions: tableActions, resources }));
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableKey',
      actions: keyActionsFor(access),
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(table).region}.amazonaws.com` } },
    }),
  );
}
