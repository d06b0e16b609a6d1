import { describe, it } from 'vitest';
import { ROUTES } from '../../functions/http/routes';
import { useE2eServer } from '../support/e2e';
import { proposeBody } from '../support/lifecycle';
import { type FuzzTargets, fuzzRoute } from './fuzz';

const e2e = useE2eServer();
const targets: FuzzTargets = {};

describe('fuzzing the decision endpoints', () => {
  it('has a proposal to aim the per-decision routes at', async () => {
    targets.decisionId = (await e2e.post('/v1/decisions', proposeBody(), 'handlaggare')).json().id;
  });

  for (const route of ROUTES.filter((r) => r.path.startsWith('/v1/decisions'))) {
    it(`never answers 500 or a malformed problem to ${route.method} ${route.path}`, async () => {
      await fuzzRoute(e2e, route, targets);
    }, 600_000);
  }
});
