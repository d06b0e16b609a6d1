import { proposalsToDecide } from '../domain/cases/queues';
import { httpHandler } from '../http/handler';
import { domain } from './context';

export const handler = httpHandler('list-to-decide', async () => ({
  status: 200,
  json: { items: (await proposalsToDecide(domain())).map((item) => ({ ...item, links: { decision: `/v1/decisions/${item.decisionId}` } })) },
}));
