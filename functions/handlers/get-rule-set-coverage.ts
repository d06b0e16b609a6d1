import { httpHandler } from '../http/handler';
import { ruleSetCoverage } from '../domain/rule-sets/coverage';
import { domain } from './context';
import { ruleSets, scenarioRuns } from './rule-sets';

export const handler = httpHandler('get-rule-set-coverage', async ({ params }) => {
  const coverage = ruleSetCoverage(domain({ ruleSets }).ruleSets(), params.id ?? '', await scenarioRuns());
  return { status: 200, json: coverage };
});
