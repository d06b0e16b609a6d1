import { describe, it } from 'vitest';
import { ROUTES } from '../../functions/http/routes';
import { useE2eServer } from '../support/e2e';
import { personnummer } from '../support/identity';
import { type FuzzTargets, fuzzRoute } from './fuzz';

const e2e = useE2eServer();
const targets: FuzzTargets = { ruleSetId: 'jobbtorg-sis-sol2001' };

describe('fuzzing the other endpoints', () => {
  it('has a referral to aim the referral route at', async () => {
    const response = await e2e.post(
      '/v1/referrals',
      {
        applicant: { name: 'Nora Ekström', personnummer: personnummer('2003-02-11') },
        consent: { given: true, recordedOn: '2024-08-19', method: 'WRITTEN', recordedBy: 'Sami Lindgren' },
      },
      'uppsok',
    );
    targets.referralId = response.json().id;
  });

  for (const route of ROUTES.filter((r) => !r.path.startsWith('/v1/decisions'))) {
    it(`never answers 500 or a malformed problem to ${route.method} ${route.path}`, async () => {
      await fuzzRoute(e2e, route, targets);
    }, 600_000);
  }
});
