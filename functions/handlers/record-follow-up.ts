import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { decisionService } from './context';

export const handler = httpHandler('record-follow-up', async ({ actor, params, body }) => {
  const view = await decisionService().recordMilestoneDone(actor, params.id ?? '', params.milestone ?? '', body);
  return { status: 200, json: decisionResource(view, { masked: false }) };
});
