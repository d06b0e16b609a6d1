import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { reconsiderDecision } from '../domain/cases/reconsider';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('reconsider-decision', async ({ actor, params, body, idempotencyKey }) => {
  const view = await reconsiderDecision(domain({ ruleSets }), actor, params.id ?? '', body, idempotencyKey);
  const resource = decisionResource(view, { masked: false });
  return { status: 201, json: resource, headers: { Location: resource.links.self } };
});
