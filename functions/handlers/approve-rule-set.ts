import { httpHandler } from '../http/handler';
import { decisionService } from './context';

export const handler = httpHandler('approve-rule-set', async ({ actor, body, params }) => {
  const approval = await decisionService().approveRuleSet(actor, params.id ?? '', body);
  const self = `/v1/rule-sets/${approval.ruleSetId}`;
  return { status: 201, json: { ...approval, links: { ruleSet: self } }, headers: { Location: self } };
});
