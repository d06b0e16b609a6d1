import { renderSignedDecision } from '../letters/render-letter';
import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { signDecision } from '../domain/cases/sign';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('sign-decision', async ({ actor, params, body, idempotencyKey }) => {
  const view = await signDecision(domain({ ruleSets, renderLetter: renderSignedDecision }), actor, params.id ?? '', body, idempotencyKey);
  return { status: 200, json: decisionResource(view, { masked: false }) };
});
