import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { decisionService } from './context';

export const handler = httpHandler('get-decision', async ({ actor, params }) => {
  // A legal reviewer sees no personal data; the read is audited all the same.
  const masked = actor.role === 'jurist';
  const view = await decisionService().getDecision(actor, params.id ?? '', { auditRead: true, masked });
  return { status: 200, json: decisionResource(view, { masked }) };
});
