/** Realistic actors, applicants and a service wired to a fresh DynamoDB Local table. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Actor } from '../../functions/domain/decision-records';
import { DecisionService, type DecisionServiceDeps } from '../../functions/domain/decision-service';
import { renderLetter } from '../../functions/letters/render-letter';
import { loadCatalog } from '../../functions/rule-sets/load-files';
import { DynamoDbDecisionStore } from '../../functions/storage/dynamodb-store';
import { eligibleFacts } from './facts';
import { personnummer } from './identity';

export { eligibleFacts };
import { freshTable } from './table';

export const caseWorker: Actor = { id: 'u-anna', name: 'Anna Lindqvist', role: 'handlaggare' };
export const delegate: Actor = { id: 'u-goran', name: 'Göran Ödmark', role: 'beslutsfattare', title: 'Enhetschef', delegationReference: '3.1.4' };
export const otherDelegate: Actor = { id: 'u-maria', name: 'Maria Åkesson', role: 'beslutsfattare', title: 'Sektionschef', delegationReference: '3.1.4' };

/** A clock that starts at `start` and moves one second per reading, so events have an order. */
export function steppingClock(start = '2024-08-20T08:00:00Z') {
  let t = new Date(start).getTime();
  const clock = () => new Date((t += 1000));
  return Object.assign(clock, { set: (iso: string) => (t = new Date(iso).getTime()) });
}

export const catalog = loadCatalog();

export function proposeBody(overrides: { facts?: Record<string, unknown>; birthDate?: string; name?: string; decisionDate?: string } = {}) {
  return {
    applicant: {
      name: overrides.name ?? 'Elin Söderström',
      personnummer: personnummer(overrides.birthDate ?? '2001-05-17'),
      address: { lines: ['Götgatan 12 lgh 1102'], postalCode: '118 46', city: 'Stockholm' },
    },
    contact: { name: 'Anna Lindqvist', phone: '08-508 12 345', email: 'anna.lindqvist@stockholm.se' },
    decisionDate: overrides.decisionDate ?? '2024-08-20',
    facts: eligibleFacts(overrides.facts),
  };
}

export async function lifecycle(options: Partial<DecisionServiceDeps> & { client?: DynamoDBClient } = {}) {
  const { client, tableName } = await freshTable('lifecycle');
  const clock = steppingClock();
  const store = new DynamoDbDecisionStore(options.client ?? client, tableName, clock);
  const service = new DecisionService({ store, catalog, renderLetter, clock, ...options });
  return { service, store, client, tableName, clock };
}
