import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { proposeDecision } from '../domain/cases/propose';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('create-decision', async ({ actor, body, idempotencyKey }) => {
  const view = await proposeDecision(domain({ ruleSets }), actor, body, idempotencyKey);
  const resource = decisionResource(view, { masked: false });
  return { status: 201, json: resource, headers: { Location: resource.links.self } };
});
