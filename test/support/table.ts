import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { loadCatalog } from '../../functions/rule-sets/load-files';
import type { RuleSetCatalog } from '../../functions/domain/rule-set-catalog';
import { createDynamoDbClient } from '../../functions/storage/client';
import { ensureTable } from '../../functions/storage/ensure-table';
import { recordDevelopmentApprovals } from '../../infra/local/dev-approvals';

/**
 * A fresh table on the run's DynamoDB Local, built from the shared definition. Like `npm start` on
 * an empty data folder, it holds development approvals of the shipped rule sets (or of `approve`,
 * a catalog of its own), unless `approve: false` asks for a table where nothing is approved.
 */
export async function freshTable(prefix = 'test', options: { approve?: RuleSetCatalog | false } = {}) {
  const client = createDynamoDbClient({ endpoint: inject('dynamodbEndpoint'), maxAttempts: 2 });
  const tableName = `${prefix}-${randomUUID()}`;
  await ensureTable(client, tableName);
  if (options.approve !== false) await recordDevelopmentApprovals(client, tableName, options.approve ?? loadCatalog());
  return { client, tableName };
}

/** The items a test's own requests wrote: without the rule-set approvals the table starts with. */
export function withoutRuleSetItems<T extends { PK?: { S?: string } }>(items: T[] | undefined): T[] {
  return (items ?? []).filter((item) => !item.PK?.S?.startsWith('RULESET#'));
}
