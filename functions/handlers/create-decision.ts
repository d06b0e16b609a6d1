import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { decisionService } from './context';

export const handler = httpHandler('create-decision', async ({ actor, body, idempotencyKey }) => {
  const view = await decisionService().propose(actor, body, idempotencyKey);
  const resource = decisionResource(view, { masked: false });
  return { status: 201, json: resource, headers: { Location: resource.links.self } };
});
