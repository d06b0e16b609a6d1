import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/constructs/bundling';
import { TABLE_ACTIONS } from '../../infra/constructs/table-access';

/** The IAM action each command (or transaction item) of the SDK needs. */
const ACTION_OF: Record<string, string> = {
  GetItemCommand: 'dynamodb:GetItem',
  QueryCommand: 'dynamodb:Query',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
  BatchGetItemCommand: 'dynamodb:BatchGetItem',
  BatchWriteItemCommand: 'dynamodb:BatchWriteItem',
  ScanCommand: 'dynamodb:Scan',
  'Put:': 'dynamodb:PutItem',
  'Update:': 'dynamodb:UpdateItem',
  'Delete:': 'dynamodb:DeleteItem',
  'ConditionCheck:': 'dynamodb:ConditionCheckItem',
  'Get:': 'dynamodb:GetItem',
};

describe('the table actions granted to route handlers', () => {
  it('cover every command the storage adapter sends, and nothing it does not', () => {
    const source = readFileSync(join(REPO_ROOT, 'functions/storage/dynamodb-store.ts'), 'utf8');
    const used = new Set<string>();
    for (const [, command = ''] of source.matchAll(/new (\w+Command)\(/g)) {
      if (command === 'TransactWriteItemsCommand' || command === 'TransactGetItemsCommand') continue;
      expect(ACTION_OF[command], `unknown command ${command}: map it here and in infra/constructs/table-access.ts`).toBeDefined();
      used.add(ACTION_OF[command]!);
    }
    // Transaction items are authorised one by one.
    for (const [, item] of source.matchAll(/\{\s*(Put|Update|Delete|ConditionCheck|Get):\s*\{/g)) used.add(ACTION_OF[`${item}:`]!);
    const granted = new Set([...TABLE_ACTIONS.read, ...TABLE_ACTIONS.write]);
    expect([...used].sort()).toEqual([...granted].sort());
  });
});
