import { httpHandler } from '../http/handler';
import { decisionResource } from '../http/representation';
import { withdrawProposal } from '../domain/cases/withdraw';
import { domain } from './context';

export const handler = httpHandler('withdraw-decision', async ({ actor, params, body }) => {
  const view = await withdrawProposal(domain(), actor, params.id ?? '', body);
  return { status: 200, json: decisionResource(view, { masked: false }) };
});
