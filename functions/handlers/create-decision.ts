import { proposeDecision } from '../domain/cases/propose';
import { httpHandler } from '../http/handler';
import { countProposal } from '../http/metrics';
import { decisionResource } from '../http/representation';
import { domain } from './context';
import { personKeys } from './person-keys';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('create-decision', async ({ actor, body, idempotencyKey }) => {
  const ctx = domain({ ruleSets, personKeys });
  const startedAt = ctx.clock();
  const view = await proposeDecision(ctx, actor, body, idempotencyKey);
  countProposal(view, startedAt);
  const resource = { ...decisionResource(view, { masked: false }), joinedExistingCase: view.joinedExistingCase };
  return { status: 201, json: resource, headers: { Location: resource.links.self } };
});
