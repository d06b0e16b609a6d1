import { httpHandler } from '../http/handler';
import { compareInCatalog } from '../domain/rule-sets/compare';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('compare-rule-set', async ({ params, query }) => {
  const comparison = compareInCatalog(domain({ ruleSets }).ruleSets(), params.id ?? '', query.with || undefined);
  return { status: 200, json: comparison };
});
