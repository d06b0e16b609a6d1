import { httpHandler } from '../http/handler';
import { decisionService } from './context';

export const handler = httpHandler('create-referral', async ({ actor, body }) => {
  const referral = await decisionService().createReferral(actor, body);
  const self = `/v1/referrals/${referral.referralId}`;
  // The tool gets back what it may see: the id and the status, not the stored personal data.
  return { status: 201, json: { id: referral.referralId, status: referral.status, createdAt: referral.createdAt, links: { self } }, headers: { Location: self } };
});
