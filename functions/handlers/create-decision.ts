import { httpHandler } from '../http/handler';
import { countProposal } from '../http/metrics';
import { decisionResource } from '../http/representation';
import { decisionService, serviceClock } from './context';

export const handler = httpHandler('create-decision', async ({ actor, body, idempotencyKey }) => {
  const startedAt = serviceClock()();
  const view = await decisionService().propose(actor, body, idempotencyKey);
  countProposal(view, startedAt);
  const resource = decisionResource(view, { masked: false });
  return { status: 201, json: resource, headers: { Location: resource.links.self } };
});
