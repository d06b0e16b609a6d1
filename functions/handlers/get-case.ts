import { readCaseFile } from '../domain/cases/case-file';
import { httpHandler } from '../http/handler';
import { caseFileResource } from '../http/representation';
import { domain } from './context';

export const handler = httpHandler('get-case', async ({ actor, params }) => ({
  status: 200,
  json: caseFileResource(await readCaseFile(domain(), actor, params.id ?? '')),
}));
