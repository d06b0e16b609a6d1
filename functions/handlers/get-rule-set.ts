import { NotFoundError } from '../domain/errors';
import { citeAll } from '../domain/lagrum';
import { describeRuleSet } from '../domain/explain';
import { httpHandler } from '../http/handler';
import { ruleSets } from './context';

export const handler = httpHandler('get-rule-set', async ({ params }) => {
  const published = ruleSets().get(params.id ?? '');
  if (!published) throw new NotFoundError('Regelverket', params.id ?? '');
  const { ruleSet, sha256 } = published;
  return {
    status: 200,
    json: {
      ...ruleSet,
      sha256,
      // Rendered citations beside the references, so a reader needs no lookup table.
      criteria: ruleSet.criteria.map((c) => ({ ...c, citations: citeAll(ruleSet, c.lagrum) })),
      text: describeRuleSet(published),
    },
  };
});
