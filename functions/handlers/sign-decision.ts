import { renderLetter } from '../letters/render-letter';
import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { decisionService } from './context';

export const handler = httpHandler('sign-decision', async ({ actor, params, body, idempotencyKey }) => {
  const view = await decisionService(renderLetter).sign(actor, params.id ?? '', body, idempotencyKey);
  return { status: 200, json: decisionResource(view, { masked: false }) };
});
