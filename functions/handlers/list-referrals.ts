import { httpHandler } from '../http/handler';
import { listWaitingReferrals } from '../domain/referrals/referrals';
import { domain } from './context';

export const handler = httpHandler('list-referrals', async () => {
  const items = await listWaitingReferrals(domain());
  return { status: 200, json: { items: items.map((r) => ({ ...r, links: { self: `/v1/referrals/${r.referralId}` } })) } };
});
