import { httpHandler } from '../http/handler';
import { ruleSets } from './context';

export const handler = httpHandler('list-rule-sets', async () => ({
  status: 200,
  json: {
    items: ruleSets()
      .list()
      .map(({ ruleSet, sha256 }) => ({
        id: ruleSet.id,
        version: ruleSet.version,
        title: ruleSet.title,
        validFrom: ruleSet.validFrom,
        validTo: ruleSet.validTo ?? null,
        sha256,
        links: { self: `/v1/rule-sets/${ruleSet.id}` },
      })),
  },
}));
