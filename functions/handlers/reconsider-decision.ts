import { reconsiderDecision } from '../domain/cases/reconsider';
import { httpHandler } from '../http/handler';
import { countProposal } from '../http/metrics';
import { decisionResource } from '../http/representation';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('reconsider-decision', async ({ actor, params, body, idempotencyKey }) => {
  const ctx = domain({ ruleSets });
  const startedAt = ctx.clock();
  const view = await reconsiderDecision(ctx, actor, params.id ?? '', body, idempotencyKey);
  countProposal(view, startedAt);
  const resource = decisionResource(view, { masked: false });
  return { status: 201, json: resource, headers: { Location: resource.links.self } };
});
