/** Realistic actors, applicants and a service wired to a fresh DynamoDB Local table. */
import { newKeyring, personKeysOf } from '../../functions/person-index/keyring';
import { searchCases } from '../../functions/domain/cases/search';
import { readCaseFile } from '../../functions/domain/cases/case-file';
import { readCaseAccessLog } from '../../functions/domain/cases/access-log';
import { myWork } from '../../functions/domain/cases/my-work';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Actor } from '../../functions/domain/records-schema';
import { type DomainContext, type DomainDeps, createContext } from '../../functions/domain/context';
import { recordEnding } from '../../functions/domain/cases/ending';
import { listDue, recordMilestoneDone } from '../../functions/domain/cases/follow-up';
import { proposeDecision } from '../../functions/domain/cases/propose';
import { readDecision, readLetter } from '../../functions/domain/cases/read';
import { reconsiderDecision } from '../../functions/domain/cases/reconsider';
import { signDecision } from '../../functions/domain/cases/sign';
import { withdrawProposal } from '../../functions/domain/cases/withdraw';
import { createReferral, listWaitingReferrals, readReferral } from '../../functions/domain/referrals/referrals';
import { approveRuleSet, listRuleSets, readRuleSet } from '../../functions/domain/rule-sets/approvals';
import { screenAnonymously } from '../../functions/domain/screening/screening';
import { readStatistics } from '../../functions/domain/statistics/statistics';
import { renderSignedDecision } from '../../functions/letters/render-letter';
import { loadCatalog, loadDelegationOrder } from '../../functions/rule-sets/load-files';
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

/**
 * A proposal's body. One person has one case, so tests that need several cases give each its own
 * person (another birth date or `serial`, the personnummer's birth number).
 */
export function proposeBody(overrides: { facts?: Record<string, unknown>; birthDate?: string; name?: string; decisionDate?: string; serial?: string } = {}) {
  return {
    applicant: {
      name: overrides.name ?? 'Elin Söderström',
      personnummer: personnummer(overrides.birthDate ?? '2001-05-17', overrides.serial),
      address: { lines: ['Götgatan 12 lgh 1102'], postalCode: '118 46', city: 'Stockholm' },
    },
    decisionDate: overrides.decisionDate ?? '2024-08-20',
    facts: eligibleFacts(overrides.facts),
  };
}

/**
 * Every use case, bound to one context: the tests read as the users act (`service.propose(…)`),
 * while the code has no class that knows every use case.
 */
export function useCases(ctx: DomainContext) {
  return {
    propose: (actor: Actor, body: unknown, key?: string) => proposeDecision(ctx, actor, body, key),
    withdraw: (actor: Actor, id: string, body: unknown) => withdrawProposal(ctx, actor, id, body),
    sign: (actor: Actor, id: string, body: unknown, key?: string) => signDecision(ctx, actor, id, body, key),
    reconsider: (actor: Actor, id: string, body: unknown, key?: string) => reconsiderDecision(ctx, actor, id, body, key),
    recordMilestoneDone: (actor: Actor, id: string, milestoneId: string, body: unknown) => recordMilestoneDone(ctx, actor, id, milestoneId, body),
    recordEnding: (actor: Actor, id: string, body: unknown) => recordEnding(ctx, actor, id, body),
    getDecision: (actor: Actor, id: string, options?: { auditRead: boolean; masked?: boolean }) => readDecision(ctx, actor, id, options),
    getLetter: (actor: Actor, id: string) => readLetter(ctx, actor, id),
    listDue: (dueBefore: string, limit?: number) => listDue(ctx, dueBefore, limit),
    createReferral: (actor: Actor, body: unknown) => createReferral(ctx, actor, body),
    getReferral: (actor: Actor, id: string) => readReferral(ctx, actor, id),
    listWaitingReferrals: (limit?: number) => listWaitingReferrals(ctx, limit),
    statistics: (from: string, to: string) => readStatistics(ctx, from, to),
    screen: (body: unknown) => screenAnonymously(ctx, body),
    listRuleSets: () => listRuleSets(ctx),
    readRuleSet: (id: string) => readRuleSet(ctx, id),
    approveRuleSet: (actor: Actor, id: string, body: unknown) => approveRuleSet(ctx, actor, id, body),
    search: (actor: Actor, query: string) => searchCases(ctx, actor, { query }),
    caseFile: (actor: Actor, caseId: string) => readCaseFile(ctx, actor, caseId),
    accessLog: (actor: Actor, caseId: string) => readCaseAccessLog(ctx, actor, caseId),
    myWork: (actor: Actor) => myWork(ctx, actor.id),
  };
}

/** One development keyring per test process (the person index's HMAC key). */
const testKeys = personKeysOf(newKeyring('test-1'));
export const testPersonKeys = async () => testKeys;

export async function lifecycle(options: Partial<DomainDeps> & { client?: DynamoDBClient } = {}) {
  const { client, tableName } = await freshTable('lifecycle');
  const clock = steppingClock();
  const store = new DynamoDbDecisionStore(options.client ?? client, tableName, clock);
  const service = useCases(createContext({ store, ruleSets: () => catalog, delegations: loadDelegationOrder, renderLetter: renderSignedDecision, clock, personKeys: testPersonKeys, ...options }));
  return { service, store, client, tableName, clock };
}
