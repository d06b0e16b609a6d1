import { searchCases } from '../domain/cases/search';
import { httpHandler } from '../http/handler';
import { caseSummaryResource } from '../http/representation';
import { domain } from './context';
import { personKeys } from './person-keys';

export const handler = httpHandler('search-cases', async ({ actor, body }) => {
  const result = await searchCases(domain({ personKeys }), actor, body);
  return { status: 200, json: { kind: result.kind, items: result.cases.map(caseSummaryResource) } };
});
