import { httpHandler } from '../http/handler';
import { ruleSetResource } from '../http/rule-set-representation';
import { decisionService } from './context';

export const handler = httpHandler('get-rule-set', async ({ params }) => {
  const { published, approval } = await decisionService().ruleSetWithApproval(params.id ?? '');
  return { status: 200, json: ruleSetResource(published, approval) };
});
