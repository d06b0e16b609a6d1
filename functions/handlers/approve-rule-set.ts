import { httpHandler } from '../http/handler';
import { approveRuleSet } from '../domain/rule-sets/approvals';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('approve-rule-set', async ({ actor, body, params }) => {
  const approval = await approveRuleSet(domain({ ruleSets }), actor, params.id ?? '', body);
  const self = `/v1/rule-sets/${approval.ruleSetId}`;
  return { status: 201, json: { ...approval, links: { ruleSet: self } }, headers: { Location: self } };
});
