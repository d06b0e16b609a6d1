import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { readDecision } from '../domain/cases/read';
import { domain } from './context';

export const handler = httpHandler('get-decision', async ({ actor, params }) => {
  // A legal reviewer sees no personal data; the read is audited all the same.
  const masked = actor.role === 'jurist';
  const view = await readDecision(domain(), actor, params.id ?? '', { auditRead: true, masked });
  return { status: 200, json: decisionResource(view, { masked }) };
});
