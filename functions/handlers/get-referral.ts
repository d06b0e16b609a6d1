import { httpHandler } from '../http/handler';
import { readReferral } from '../domain/referrals/referrals';
import { domain } from './context';

export const handler = httpHandler('get-referral', async ({ actor, params }) => ({
  status: 200,
  json: await readReferral(domain(), actor, params.id ?? ''),
}));
