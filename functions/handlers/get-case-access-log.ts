import { readCaseAccessLog } from '../domain/cases/access-log';
import { httpHandler } from '../http/handler';
import { accessLogResource } from '../http/representation';
import { domain } from './context';

export const handler = httpHandler('get-case-access-log', async ({ actor, params }) => ({
  status: 200,
  json: accessLogResource(await readCaseAccessLog(domain(), actor, params.id ?? '')),
}));
