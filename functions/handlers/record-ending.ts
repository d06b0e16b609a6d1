import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { decisionService } from './context';

export const handler = httpHandler('record-ending', async ({ actor, params, body }) => {
  const view = await decisionService().recordEnding(actor, params.id ?? '', body);
  return { status: 200, json: decisionResource(view, { masked: false }) };
});
