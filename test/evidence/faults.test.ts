/**
 * Faults injected into the DynamoDB client the handlers themselves use (below the SDK's retry
 * layer, so the SDK's retries meet them too). The API must answer 503 with Retry-After, and the
 * table must afterwards be exactly as it was before the request.
 */
import { InternalServerError, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoDbClient } from '../../functions/handlers/context';
import { useE2eServer } from '../support/e2e';
import { proposeBody } from '../support/lifecycle';
import { recordEvidence } from './record';

const e2e = useE2eServer();
const MIDDLEWARE = 'injectFault';

let attempts = 0;
function inject(command: string, fault: () => Error) {
  attempts = 0;
  dynamoDbClient().middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === command) {
        attempts++;
        throw fault();
      }
      return next(args);
    },
    { step: 'deserialize', name: MIDDLEWARE },
  );
}

afterEach(() => {
  dynamoDbClient().middlewareStack.remove(MIDDLEWARE);
});

const sorted = async () => JSON.stringify((await e2e.scan()).sort((a, b) => `${a.PK?.S}${a.SK?.S}`.localeCompare(`${b.PK?.S}${b.SK?.S}`)));

const FAULTS = [
  {
    name: 'throttling of the signing transaction',
    command: 'TransactWriteItemsCommand',
    fault: () => new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }),
    retried: true,
  },
  {
    name: 'an internal error in the signing transaction',
    command: 'TransactWriteItemsCommand',
    fault: () => new InternalServerError({ message: 'Internal error', $metadata: { httpStatusCode: 500 } }),
    retried: true,
  },
  {
    name: 'a transaction cancelled for throttling',
    command: 'TransactWriteItemsCommand',
    fault: () =>
      new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: { httpStatusCode: 400 }, CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }] }),
    retried: false,
  },
  {
    name: 'throttling of the reads before signing',
    command: 'QueryCommand',
    fault: () => new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }),
    retried: true,
  },
];

describe('the API under database faults', () => {
  for (const [n, scenario] of FAULTS.entries()) {
    it(`answers 503 with Retry-After on ${scenario.name}, and leaves the table as it was`, async () => {
      // A person of its own per scenario: one person has one case, with one open proposal.
      const id = (await e2e.post('/v1/decisions', proposeBody({ birthDate: '2001-05-19', serial: String(500 + n) }), 'handlaggare')).json().id as string;
      const before = await sorted();
      inject(scenario.command, scenario.fault);
      const response = await e2e.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
      const tried = attempts;
      dynamoDbClient().middlewareStack.remove(MIDDLEWARE);
      const unchanged = (await sorted()) === before;
      const recovered = await e2e.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
      recordEvidence({
        check: `fault: ${scenario.name}`,
        cases: 1,
        failures: response.status === 503 && unchanged && recovered.status === 200 ? 0 : 1,
        figures: { status: response.status, 'Retry-After': response.headers.get('retry-after') ?? '-', 'SDK attempts': tried, 'state unchanged': unchanged ? 'ja' : 'NEJ', 'then': recovered.status },
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(response.json()).toMatchObject({ type: '/problems/unavailable', status: 503 });
      // The SDK retries throttling and internal errors itself before the API gives up.
      if (scenario.retried) expect(tried).toBeGreaterThan(1);
      expect(unchanged).toBe(true);
      expect(recovered.status).toBe(200);
    });
  }
});
