import { httpHandler } from '../http/handler';
import { decisionService } from './context';

export const handler = httpHandler('get-referral', async ({ actor, params }) => ({
  status: 200,
  json: await decisionService().getReferral(actor, params.id ?? ''),
}));
