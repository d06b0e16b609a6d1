import { httpHandler } from '../http/handler';
import { createReferral } from '../domain/referrals/referrals';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('create-referral', async ({ actor, body }) => {
  const referral = await createReferral(domain({ ruleSets }), actor, body);
  const self = `/v1/referrals/${referral.referralId}`;
  // The tool gets back what it may see: the id and the status, not the stored personal data.
  return { status: 201, json: { id: referral.referralId, status: referral.status, createdAt: referral.createdAt, links: { self } }, headers: { Location: self } };
});
