import { signDecision } from '../domain/cases/sign';
import { renderSignedDecision } from '../letters/render-letter';
import { httpHandler } from '../http/handler';
import { countSignedDecision, measured } from '../http/metrics';
import { decisionResource } from '../http/representation';
import { domain } from './context';
import { delegations, ruleSets } from './rule-sets';

// One renderer for the module's lifetime: the context is kept per renderer.
const renderLetterMeasured = measured(renderSignedDecision);

export const handler = httpHandler('sign-decision', async ({ actor, params, body, idempotencyKey }) => {
  const ctx = domain({ ruleSets, delegations, renderLetter: renderLetterMeasured });
  const startedAt = ctx.clock();
  const view = await signDecision(ctx, actor, params.id ?? '', body, idempotencyKey);
  countSignedDecision(view, startedAt);
  return { status: 200, json: decisionResource(view, { masked: false }) };
});
