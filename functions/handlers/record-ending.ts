import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { recordEnding } from '../domain/cases/ending';
import { domain } from './context';

export const handler = httpHandler('record-ending', async ({ actor, params, body }) => {
  const view = await recordEnding(domain(), actor, params.id ?? '', body);
  return { status: 200, json: decisionResource(view, { masked: false }) };
});
