import { httpHandler } from '../http/handler';
import { decisionService } from './context';

export const handler = httpHandler('list-referrals', async () => {
  const items = await decisionService().listWaitingReferrals();
  return { status: 200, json: { items: items.map((r) => ({ ...r, links: { self: `/v1/referrals/${r.referralId}` } })) } };
});
