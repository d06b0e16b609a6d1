import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propose } from '../../../functions/domain/propose';
import { loadCatalog } from '../../../functions/rule-sets/load-files';
import { personnummer } from '../../support/identity';
import { domainProblem } from '../../../functions/http/problems';

const catalog = loadCatalog();

const factValues = fc.record(
  {
    reachedThroughOutreach: fc.oneof(fc.boolean(), fc.anything()),
    working: fc.boolean(),
    studying: fc.boolean(),
    woman: fc.boolean(),
    forsorjningsstod: fc.oneof(fc.boolean(), fc.string()),
    socialServicesContact: fc.constantFrom('NONE', 'CONTACT', 'ONGOING_INSATS', 'SOMETIMES', 3),
    apparentEntitlementNeed: fc.record({ present: fc.boolean() }),
    assessedNeed: fc.record({ level: fc.constantFrom('ADVICE_AND_SUPPORT', 'DEEPER_INDIVIDUAL_SUPPORT', 'X'), grounds: fc.string() }),
    weakLabourMarketPosition: fc.record({ weak: fc.boolean(), grounds: fc.string() }),
    requestedPeriod: fc.record({ from: fc.constantFrom('2024-07-01', '2024-02-30', 'x'), to: fc.constantFrom('2024-12-31', '2024-06-01') }),
  },
  { requiredKeys: [] },
);

describe('propose under arbitrary input', () => {
  it('never throws: it answers with a proposal, a 400 or a 422 problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({
            decisionDate: fc.oneof(fc.constantFrom('2024-06-10', '2025-07-01', '2024-02-29'), fc.string()),
            applicant: fc.record({ personnummer: fc.oneof(fc.constantFrom(personnummer('2000-01-20'), '000120-9824', '230201+9829'), fc.string()) }),
            facts: factValues,
          }),
        ),
        async (body) => {
          const result = await propose(catalog, body);
          if (result.ok) {
            expect(['GRANT', 'REFUSE', 'REFER', 'INCOMPLETE']).toContain(result.proposal.outcome);
          } else {
            expect([400, 422]).toContain(domainProblem(result.error).status);
            for (const e of domainProblem(result.error).errors ?? []) expect(e.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
