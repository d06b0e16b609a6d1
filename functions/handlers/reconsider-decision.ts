import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { decisionService } from './context';

export const handler = httpHandler('reconsider-decision', async ({ actor, params, body, idempotencyKey }) => {
  const view = await decisionService().reconsider(actor, params.id ?? '', body, idempotencyKey);
  const resource = decisionResource(view, { masked: false });
  return { status: 201, json: resource, headers: { Location: resource.links.self } };
});
