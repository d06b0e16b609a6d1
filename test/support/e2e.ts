/**
 * End-to-end harness: per test file, a fresh table on the run's DynamoDB Local, the calendar date
 * pinned (the only rule set covers 2023-01-01..2025-06-30, and a delegate signs on the proposal's
 * decision date), a development key pair, and the local server on a free port, called over real
 * HTTP with a token per role. The same handlers run as in Lambda.
 */
import { type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../functions/domain/records-schema';
import { type DevKeys, generateDevKeys, signDevToken, type TokenRequest } from '../../infra/local/dev-keys';
import { type LogSink, setLogSink } from '../../functions/http/logger';
import { type ServerLimits, startLocalServer } from '../../infra/local/server';
import { freshTable } from './table';

/** The pinned Stockholm date: inside the first rule set's validity, matching `proposeBody()`. */
export const E2E_TODAY = '2024-08-20';

/** One realistic person per role; the delegate's name and delegation are what the letter names. */
export const CALLERS: Record<Role, TokenRequest> = {
  handlaggare: { role: 'handlaggare', name: 'Anna Lindqvist', title: 'Handläggare' },
  beslutsfattare: { role: 'beslutsfattare', name: 'Göran Ödmark', title: 'Enhetschef', delegation: '3.1.4' },
  jurist: { role: 'jurist', name: 'Karin Sjöberg', title: 'Förvaltningsjurist' },
  uppsok: { role: 'uppsok', name: 'Uppsökande verktyg', clientId: 'uppsok-jobbtorg-ut' },
};

/** Who calls: a role (its realistic caller), nobody (no Authorization header), or a raw token. */
export type Caller = Role | 'none' | { token: string };

export interface CallOptions {
  as?: Caller;
  /** Sent as JSON with Content-Type: application/json. */
  json?: unknown;
  /** Sent as is (for malformed bodies and wrong content types). */
  body?: string;
  headers?: Record<string, string>;
}

export interface E2eResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
  /** The body parsed as JSON (throws when it is not). */
  json<T = any>(): T;
}

export interface E2e {
  readonly url: string;
  readonly tableName: string;
  readonly client: DynamoDBClient;
  readonly keys: DevKeys;
  readonly today: string;
  /** Every structured log line the handlers wrote in this file, in order (errors also go to stderr). */
  readonly logs: string[];
  token(caller: Role | TokenRequest): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<E2eResponse>;
  get(path: string, as?: Caller): Promise<E2eResponse>;
  post(path: string, json: unknown, as?: Caller, headers?: Record<string, string>): Promise<E2eResponse>;
  /** Every item in this file's table (strongly consistent). */
  scan(): Promise<Record<string, AttributeValue>[]>;
}

/**
 * Registers beforeAll/afterAll for the calling test file and returns the harness, usable from the
 * first test on. Handlers read their environment at first use, so it is set before any request.
 * `devTokens` turns on POST /local/dev-token (off by default, as outside `npm start`); `limits`
 * shortens the server's timeouts for a test of slow clients; `rulesDir` serves another rules folder.
 */
export function useE2eServer(options: { today?: string; approve?: false; devTokens?: true; limits?: Partial<ServerLimits>; rulesDir?: string } = {}): E2e {
  const today = options.today ?? E2E_TODAY;
  let state: { url: string; tableName: string; client: DynamoDBClient; keys: DevKeys; close(): Promise<void> } | undefined;
  const tokens = new Map<string, Promise<string>>();
  const saved: Record<string, string | undefined> = {};
  const logs: string[] = [];
  let previousSink: LogSink | undefined;
  let sinkSet = false;

  const ready = () => {
    if (!state) throw new Error('useE2eServer: the server is not started (call it at the top of a test file)');
    return state;
  };

  beforeAll(async () => {
    const { client, tableName } = await freshTable('e2e', options.approve === false ? { approve: false } : {});
    const env = {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      JOBBTORG_LOCAL_TODAY: today,
      AWS_REGION: 'eu-north-1',
      // The person index's development keyring, made on first use, one per test process.
      PERSON_INDEX_KEYRING_FILE: join(tmpdir(), `jobbtorg-person-index-${process.pid}.json`),
      // Another rules folder (e.g. with a draft rule set); the table's approvals are of the shipped ones.
      ...(options.rulesDir ? { RULES_DIR: options.rulesDir } : {}),
    };
    for (const [key, value] of Object.entries(env)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    previousSink = setLogSink((line) => {
      logs.push(line);
      if (line.startsWith('{"level":"ERROR"')) process.stderr.write(line + '\n');
    });
    sinkSet = true;
    const keys = await generateDevKeys();
    // The development-token endpoint stays off unless a test signs in through it (the page does).
    const server = await startLocalServer({ port: 0, keys, ...(options.devTokens ? { devTokens: true } : {}), ...(options.limits ? { limits: options.limits } : {}) });
    state = { url: server.url, tableName, client, keys, close: server.close };
  });

  afterAll(async () => {
    await state?.close();
    if (sinkSet) setLogSink(previousSink);
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const harness: E2e = {
    get url() {
      return ready().url;
    },
    get tableName() {
      return ready().tableName;
    },
    get client() {
      return ready().client;
    },
    get keys() {
      return ready().keys;
    },
    today,
    logs,
    token(caller) {
      const request = typeof caller === 'string' ? CALLERS[caller] : caller;
      const key = JSON.stringify(request);
      let token = tokens.get(key);
      if (!token) {
        token = signDevToken(ready().keys, request);
        tokens.set(key, token);
      }
      return token;
    },
    async call(method, path, callOptions = {}) {
      const as = callOptions.as ?? 'none';
      const headers: Record<string, string> = { ...callOptions.headers };
      if (as !== 'none') headers.authorization ??= `Bearer ${typeof as === 'string' ? await harness.token(as) : as.token}`;
      let body: string | undefined = callOptions.body;
      if (callOptions.json !== undefined) {
        body = JSON.stringify(callOptions.json);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${ready().url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const text = Buffer.from(bytes).toString('utf8');
      return { status: response.status, headers: response.headers, bytes, text, json: () => JSON.parse(text) };
    },
    get: (path, as) => harness.call('GET', path, { as: as ?? 'none' }),
    post: (path, json, as, headers) => harness.call('POST', path, { as: as ?? 'none', json, ...(headers ? { headers } : {}) }),
    async scan() {
      const items: Record<string, AttributeValue>[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await ready().client.send(new ScanCommand({ TableName: ready().tableName, ConsistentRead: true, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
  return harness;
}

