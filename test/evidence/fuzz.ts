/**
 * Fuzzing every endpoint over HTTP (fast-check): random and malformed bodies, headers and path
 * parameters. Every answer must be below 500 and, when it refuses, a well-formed problem+json;
 * a run in which every request was refused must leave the table exactly as it was.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { RouteDefinition } from '../../functions/http/routes';
import type { E2e } from '../support/e2e';
import { proposeBody } from '../support/lifecycle';
import { personnummer } from '../support/identity';
import { recordEvidence } from './record';

/** 2,000 per endpoint in npm test; `npm run fuzz` sets 10,000. */
export const FUZZ_RUNS = Number(process.env.EVIDENCE_FUZZ_RUNS ?? 2000);

const VALID_BODIES: Record<string, () => unknown> = {
  'create-decision': () => proposeBody(),
  'sign-decision': () => ({ finalOutcome: 'GRANT' }),
  'reconsider-decision': () => ({ reason: 'Ny utbildning.', facts: proposeBody().facts }),
  'withdraw-decision': () => ({ reason: 'Fel person.' }),
  'record-follow-up': () => ({ note: 'Klart.' }),
  // The decision day of the e2e server: an insats can end no later than today.
  'record-ending': () => ({ reason: 'WORK', endedOn: '2024-08-20' }),
  screen: () => ({ decisionDate: '2024-08-20', age: 23, facts: { working: false } }),
  'create-referral': () => ({
    applicant: { name: 'Nora Ekström', personnummer: personnummer('2003-02-11') },
    consent: { given: true, recordedOn: '2024-08-19', method: 'WRITTEN', recordedBy: 'Sami Lindgren' },
  }),
};

/** A JSON value, leaning towards strings and the shapes the API expects. */
const jsonValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('2024-02-30', '20010517-9824', 'GRANT', 'DEEPER_INDIVIDUAL_SUPPORT', '<script>alert(1)</script>', '{{name}}', '\u202e', 'x'.repeat(5000)),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string(), { maxKeys: 3 }),
);

/** A valid body with one field replaced, removed or added somewhere inside it. */
function mutate(valid: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    paths.push(path);
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(valid, []);
  return fc.tuple(fc.constantFrom(...paths), fc.oneof(jsonValue, fc.constant(undefined)), fc.string({ maxLength: 12 })).map(([path, replacement, extraKey]) => {
    const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
    if (path.length === 0) return extraKey ? { ...copy, [extraKey]: replacement ?? 1 } : replacement;
    let target = copy as Record<string, unknown>;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
    const last = path.at(-1) as string;
    if (replacement === undefined) delete target[last];
    else target[last] = replacement;
    return copy;
  });
}

function bodyArbitrary(route: RouteDefinition): fc.Arbitrary<{ body?: string; contentType?: string }> {
  const valid = VALID_BODIES[route.id];
  const json = valid ? fc.oneof({ weight: 3, arbitrary: mutate(valid()) }, { weight: 1, arbitrary: fc.jsonValue() }) : fc.jsonValue();
  return fc.record({
    body: fc.oneof(
      { weight: 6, arbitrary: json.map((v) => JSON.stringify(v) ?? 'null') },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
      { weight: 1, arbitrary: fc.constantFrom('', '{', '[1,2', '{"a":}', '\u0000', 'x'.repeat(70 * 1024)) },
    ),
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'APPLICATION/JSON', '') },
    ),
  });
}

const pathParam = (known: string | undefined) =>
  fc.oneof(
    ...(known ? [{ weight: 3, arbitrary: fc.constant(known) }] : []),
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('..', '%', '%00', 'null', '0'.repeat(300), "'; DROP TABLE", '01') },
  );

const headersArbitrary = fc.record(
  {
    'idempotency-key': fc.oneof(fc.string({ maxLength: 140 }), fc.uuid()),
    'x-correlation-id': fc.string({ maxLength: 80 }),
    accept: fc.constantFrom('application/json', 'application/pdf', '*/*', 'text/html'),
  },
  { requiredKeys: [] },
);

export interface FuzzTargets {
  /** A decision id that exists, so routes under /v1/decisions/{id} reach their handler. */
  decisionId?: string;
  referralId?: string;
  ruleSetId?: string;
}

/** Header names may not carry every character fetch allows in values; drop those fetch refuses. */
function sendable(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v)));
}

export async function fuzzRoute(e2e: E2e, route: RouteDefinition, targets: FuzzTargets, runs = FUZZ_RUNS): Promise<void> {
  const before = await e2e.scan();
  const statuses = new Map<number, number>();
  let accepted = 0;
  const as = route.access === 'public' ? 'none' : route.access[0];
  const known: Record<string, string | undefined> = {
    id: route.path.startsWith('/v1/referrals') ? targets.referralId : route.path.startsWith('/v1/rule-sets') ? targets.ruleSetId : targets.decisionId,
    milestone: '01',
  };
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, n]) => n as string);
  const request = fc.record({
    params: fc.tuple(...names.map((n) => pathParam(known[n]))),
    query: fc.dictionary(fc.constantFrom('dueBefore', 'from', 'to', 'format', 'x'), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    headers: headersArbitrary,
    payload: route.method === 'POST' ? bodyArbitrary(route) : fc.constant<{ body?: string; contentType?: string }>({}),
  });

  await fc.assert(
    fc.asyncProperty(request, async ({ params, query, headers, payload }) => {
      let path = route.path;
      names.forEach((n, i) => (path = path.replace(`{${n}}`, encodeURIComponent(params[i] as string))));
      const search = new URLSearchParams(query).toString();
      const extra = sendable(headers);
      if (payload.contentType !== undefined) extra['content-type'] = payload.contentType;
      const response = await e2e.call(route.method, search ? `${path}?${search}` : path, {
        as: as as never,
        headers: extra,
        ...(payload.body !== undefined ? { body: payload.body } : {}),
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `${route.method} ${path}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      if (response.status >= 400) {
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const problem = response.json<{ type: string; title: string; status: number; detail: string }>();
        expect(problem.status).toBe(response.status);
        expect(typeof problem.type).toBe('string');
        expect(problem.title.length).toBeGreaterThan(0);
        expect(problem.detail.length).toBeGreaterThan(0);
      } else {
        accepted++;
      }
    }),
    { numRuns: runs },
  );

  const unchanged = accepted > 0 || JSON.stringify(await e2e.scan()) === JSON.stringify(before);
  recordEvidence({
    check: `fuzz ${route.method} ${route.path}`,
    cases: runs,
    failures: unchanged ? 0 : 1,
    figures: { accepted, rejected: runs - accepted, statuses: [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ') },
  });
  // When every request was refused, nothing may have been written (or half-written).
  expect(unchanged, 'rejected requests changed the table').toBe(true);
}
