import { renderLetter } from '../letters/render-letter';
import { httpHandler } from '../http/handler';
import { countSignedDecision, measured } from '../http/metrics';
import { decisionResource } from '../http/representation';
import { decisionService, serviceClock } from './context';

// One function for the module's lifetime: the context keeps one decision service per renderer.
const renderLetterMeasured = measured(renderLetter);

export const handler = httpHandler('sign-decision', async ({ actor, params, body, idempotencyKey }) => {
  const startedAt = serviceClock()();
  const view = await decisionService(renderLetterMeasured).sign(actor, params.id ?? '', body, idempotencyKey);
  countSignedDecision(view, startedAt);
  return { status: 200, json: decisionResource(view, { masked: false }) };
});
