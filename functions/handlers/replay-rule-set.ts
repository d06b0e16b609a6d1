import { httpHandler } from '../http/handler';
import { replayRuleSet } from '../domain/rule-sets/replay';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('replay-rule-set', async ({ actor, params, query }) => {
  const page = await replayRuleSet(domain({ ruleSets }), actor, params.id ?? '', query);
  return { status: 200, json: page };
});
