import { httpHandler } from '../http/handler';
import { ruleSetListItem } from '../http/rule-set-representation';
import { decisionService } from './context';

export const handler = httpHandler('list-rule-sets', async () => ({
  status: 200,
  json: { items: (await decisionService().ruleSetsWithApprovals()).map(({ published, approval }) => ruleSetListItem(published, approval)) },
}));
