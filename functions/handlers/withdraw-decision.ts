import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { decisionService } from './context';

export const handler = httpHandler('withdraw-decision', async ({ actor, params, body }) => {
  const view = await decisionService().withdraw(actor, params.id ?? '', body);
  return { status: 200, json: decisionResource(view, { masked: false }) };
});
