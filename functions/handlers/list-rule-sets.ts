import { httpHandler } from '../http/handler';
import { ruleSetListItem } from '../http/rule-set-representation';
import { listRuleSets } from '../domain/rule-sets/approvals';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('list-rule-sets', async () => ({
  status: 200,
  json: { items: (await listRuleSets(domain({ ruleSets }))).map(({ published, approval }) => ruleSetListItem(published, approval)) },
}));
