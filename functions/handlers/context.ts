/**
 * What the handlers share, created once per Lambda module and reused across invocations: the
 * DynamoDB client and the domain context. A handler whose route says `usesRules` passes the rule
 * loader (./rule-sets.ts); the others never import it, so their bundles hold no rules, YAML parser
 * or engine. Configuration comes from the environment the CDK stack (or the local server) sets.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DomainContext, type LetterRenderer, createContext } from '../domain/context';
import { todayInStockholm } from '../domain/dates';
import type { RuleSetCatalog } from '../domain/rule-set-catalog';
import type { DelegationOrder } from '../domain/delegation-schema';
import type { PersonKeys } from '../domain/person-index';
import { tracer } from '../http/tracer';
import { createDynamoDbClient } from '../storage/client';
import { DynamoDbDecisionStore } from '../storage/dynamodb-store';
import { DEFAULT_TABLE_NAME } from '../storage/table';

/**
 * The clock. Outside Lambda, JOBBTORG_LOCAL_TODAY (YYYY-MM-DD) pins the calendar date for a local
 * demonstration of an earlier day and for tests. It is ignored in Lambda, where decisions are
 * always dated by the real clock.
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

let client: DynamoDBClient | undefined;
/**
 * The one DynamoDB client of this module (reliability tests inject faults into it), traced: each
 * call is an X-Ray subsegment when tracing is on, and the client is unchanged when it is off.
 */
export function dynamoDbClient(): DynamoDBClient {
  client ??= tracer.captureAWSv3Client(createDynamoDbClient());
  return client;
}

const noRules = (): RuleSetCatalog => {
  throw new Error('This function does not load rule sets (its route does not say usesRules)');
};

interface DomainOptions {
  ruleSets?: () => RuleSetCatalog;
  delegations?: () => DelegationOrder;
  renderLetter?: LetterRenderer;
  personKeys?: () => Promise<PersonKeys>;
}

/** One context per combination of loaders a handler asks for (locally, all handlers share a process). */
const contexts: Array<{ options: DomainOptions; ctx: DomainContext }> = [];
const sameOptions = (a: DomainOptions, b: DomainOptions) =>
  a.ruleSets === b.ruleSets && a.delegations === b.delegations && a.renderLetter === b.renderLetter && a.personKeys === b.personKeys;

/**
 * The domain context for a handler: with the rule loader where its route uses rules, the letter
 * renderer in the signing function only, and the person-index keys where its route finds cases by
 * person. Locally all handlers run in one process, so the contexts share the DynamoDB client.
 */
export function domain(options: DomainOptions = {}): DomainContext {
  const found = contexts.find((c) => sameOptions(c.options, options));
  if (found) return found.ctx;
  const clock = clockFromEnvironment();
  const store = new DynamoDbDecisionStore(dynamoDbClient(), process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME, clock);
  const ctx = createContext({
    store,
    ruleSets: options.ruleSets ?? noRules,
    clock,
    ...(options.delegations ? { delegations: options.delegations } : {}),
    ...(options.renderLetter ? { renderLetter: options.renderLetter } : {}),
    ...(options.personKeys ? { personKeys: options.personKeys } : {}),
  });
  contexts.push({ options, ctx });
  return ctx;
}
