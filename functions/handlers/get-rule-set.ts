import { httpHandler } from '../http/handler';
import { ruleSetResource } from '../http/rule-set-representation';
import { readRuleSet } from '../domain/rule-sets/approvals';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('get-rule-set', async ({ params }) => {
  const { published, approval } = await readRuleSet(domain({ ruleSets }), params.id ?? '');
  return { status: 200, json: ruleSetResource(published, approval) };
});
