/**
 * What the handlers share, created once per Lambda module and reused across invocations: the
 * DynamoDB client, the rule sets and the decision service. Configuration comes from the
 * environment the CDK stack (or the local server) sets.
 */
import { DecisionService, type DecisionServiceDeps } from '../domain/decision-service';
import { todayInStockholm } from '../domain/dates';
import type { RuleSetCatalog } from '../domain/rule-set-catalog';
import { loadCatalog } from '../rule-sets/load-files';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tracer } from '../http/tracer';
import { createDynamoDbClient } from '../storage/client';
import { DynamoDbDecisionStore } from '../storage/dynamodb-store';
import { DEFAULT_TABLE_NAME } from '../storage/table';

/**
 * The clock. Outside Lambda, JOBBTORG_LOCAL_TODAY (YYYY-MM-DD) pins the calendar date for local
 * demonstrations, because no published rule set covers today's date yet (README). It is ignored
 * in Lambda, where decisions are always dated by the real clock.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): () => Date {
  const pinned = env.JOBBTORG_LOCAL_TODAY;
  if (!pinned || env.AWS_LAMBDA_FUNCTION_NAME) return () => new Date();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(pinned)) throw new Error('JOBBTORG_LOCAL_TODAY must be YYYY-MM-DD');
  return () => {
    const now = new Date();
    // Keep the time of day, move the date: audit times still advance.
    const [y, m, d] = pinned.split('-').map(Number) as [number, number, number];
    const moved = new Date(now);
    moved.setUTCFullYear(y, m - 1, d);
    // Noon-safe: the Stockholm date of the result must be the pinned one.
    if (todayInStockholm(moved) !== pinned) moved.setUTCHours(10);
    return moved;
  };
}

let catalog: RuleSetCatalog | undefined;
export function ruleSets(): RuleSetCatalog {
  catalog ??= loadCatalog(process.env.RULES_DIR);
  return catalog;
}

const notInThisFunction: DecisionServiceDeps['renderLetter'] = async () => {
  throw new Error('This function does not render letters (pdfmake is bundled only where letters are rendered)');
};

let client: DynamoDBClient | undefined;
/**
 * The one DynamoDB client of this module (reliability tests inject faults into it), traced: each
 * call is an X-Ray subsegment when tracing is on, and the client is unchanged when it is off.
 */
export function dynamoDbClient(): DynamoDBClient {
  client ??= tracer.captureAWSv3Client(createDynamoDbClient());
  return client;
}

let clock: (() => Date) | undefined;
/** The decision service's clock (a handler tells a new write from an idempotent replay by it). */
export function serviceClock(): () => Date {
  clock ??= clockFromEnvironment();
  return clock;
}

let shared: Omit<DecisionServiceDeps, 'renderLetter'> | undefined;
const services = new Map<DecisionServiceDeps['renderLetter'], DecisionService>();

/**
 * The decision service; only the signing function passes a letter renderer. The store and rule
 * sets are shared (locally all handlers run in one process), the service is one per renderer.
 */
export function decisionService(renderLetter: DecisionServiceDeps['renderLetter'] = notInThisFunction): DecisionService {
  if (!shared) {
    const clock = serviceClock();
    const store = new DynamoDbDecisionStore(dynamoDbClient(), process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME, clock);
    shared = { store, catalog: ruleSets(), clock };
  }
  let service = services.get(renderLetter);
  if (!service) {
    service = new DecisionService({ ...shared, renderLetter });
    services.set(renderLetter, service);
  }
  return service;
}
