import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { recordMilestoneDone } from '../domain/cases/follow-up';
import { domain } from './context';

export const handler = httpHandler('record-follow-up', async ({ actor, params, body }) => {
  const view = await recordMilestoneDone(domain(), actor, params.id ?? '', params.milestone ?? '', body);
  return { status: 200, json: decisionResource(view, { masked: false }) };
});
