/**
 * Every error the API answers, over HTTP: problem+json (RFC 9457) with type, title, status and
 * detail, field paths for bad input, security headers on the error too, and nothing stored for a
 * rejected request (the table is scanned before and after).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../functions/http/middleware';
import { generateDevKeys, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/dev-keys';
import { evidenceCounter } from '../evidence/record';
import { type E2eResponse, useE2eServer } from '../support/e2e';
import { proposeBody } from '../support/lifecycle';

const api = useE2eServer();

function expectSecurityHeaders(response: E2eResponse) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
}

function expectProblem(response: E2eResponse, status: number) {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const doc = response.json();
  expect(doc).toMatchObject({ type: expect.stringMatching(/^\/problems\/[a-z-]+$/), title: expect.any(String), status, detail: expect.any(String) });
  expect(doc.title.length).toBeGreaterThan(0);
  expect(doc.detail.length).toBeGreaterThan(0);
  expectSecurityHeaders(response);
  return doc as { type: string; title: string; status: number; detail: string; errors?: Array<{ path: string; pointer: string; message: string }> };
}

const itemKey = (item: Record<string, AttributeValue>) => `${item.PK?.S}|${item.SK?.S}`;
const snapshot = async () => (await api.scan()).map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();

/** Runs a request that must be rejected and proves the table is exactly as before. */
async function rejected(request: () => Promise<E2eResponse>): Promise<E2eResponse> {
  const before = await snapshot();
  const response = await request();
  expect(await snapshot()).toEqual(before);
  return response;
}

/** A new proposal, each for a person of its own (one person has one case, with one open proposal). */
let people = 0;
async function proposed(name = 'Ebba Falkström', birthDate = '2002-02-14'): Promise<string> {
  const response = await api.post('/v1/decisions', proposeBody({ name, birthDate, serial: String(300 + people++) }), 'handlaggare');
  expect(response.status, response.text).toBe(201);
  return response.json().id;
}

/** One signed grant, shared by the tests that only need a decision that is already decided. */
let signed: Promise<string> | undefined;
function signedDecision(): Promise<string> {
  signed ??= (async () => {
    const id = await proposed('Viktor Strömgren', '1997-06-09');
    const response = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
    expect(response.status, response.text).toBe(200);
    return id;
  })();
  return signed;
}

describe('400 bad input', () => {
  it('names the field that is wrong, with its path and JSON pointer', async () => {
    const body = proposeBody({ decisionDate: '2024-02-30' });
    const response = await rejected(() => api.post('/v1/decisions', body, 'handlaggare'));
    const doc = expectProblem(response, 400);
    expect(doc.type).toBe('/problems/validation');
    expect(doc.errors).toContainEqual(expect.objectContaining({ path: 'decisionDate', pointer: '/decisionDate' }));
  });

  it('names a personnummer with a wrong check digit', async () => {
    const body = proposeBody();
    body.applicant.personnummer = body.applicant.personnummer.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const doc = expectProblem(await rejected(() => api.post('/v1/decisions', body, 'handlaggare')), 400);
    expect(doc.errors?.map((e) => e.path)).toContain('applicant.personnummer');
  });

  it('names an unknown field, at the top and inside the facts', async () => {
    const body = { ...proposeBody(), favoritfärg: 'blå', facts: { ...proposeBody().facts, skostorlek: 42 } };
    const doc = expectProblem(await rejected(() => api.post('/v1/decisions', body, 'handlaggare')), 400);
    expect(doc.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['favoritfärg', 'facts.skostorlek']));
  });

  it('refuses a body that is not JSON', async () => {
    const response = await rejected(() =>
      api.call('POST', '/v1/decisions', { as: 'handlaggare', body: '{"applicant": {"name": "Ebba Falkström",', headers: { 'content-type': 'application/json' } }),
    );
    expect(expectProblem(response, 400).type).toBe('/problems/invalid-json');
  });

  it.each([
    ['arrays', '['.repeat(20_000) + ']'.repeat(20_000)],
    ['objects', '{"a":'.repeat(8_000) + '1' + '}'.repeat(8_000)],
  ])('refuses JSON nested thousands of levels deep (%s), under the size limit', async (_kind, body) => {
    expect(Buffer.byteLength(body)).toBeLessThan(64 * 1024);
    const response = await rejected(() => api.call('POST', '/v1/decisions', { as: 'handlaggare', body, headers: { 'content-type': 'application/json' } }));
    expect(expectProblem(response, 400).errors?.map((e) => e.path)).toEqual(['']);
  });

  describe('a number JSON can write but JavaScript cannot hold (#14.4)', () => {
    const hugeNumbers = evidenceCounter('#14.4 1e400 / Infinity / huge exponents → 400 with field path');
    afterAll(() => hugeNumbers.record());

    /** The body as sent: JSON.stringify cannot write 1e400 (it would write null), so it goes in as text. */
    const withRaw = (body: unknown, marker: string, raw: string) => JSON.stringify(body).replace(JSON.stringify(marker), raw);
    const send = (path: string, as: 'handlaggare' | 'beslutsfattare' | 'uppsok', body: string, headers: Record<string, string> = {}) =>
      rejected(() => api.call('POST', path, { as, body, headers: { 'content-type': 'application/json', ...headers } }));
    const MARK = '__tal__';

    it.each([
      ['facts.working', '1e400', 'ja (true) eller nej (false)'],
      ['facts.working', '-1e400', 'ja (true) eller nej (false)'],
      ['facts.studying', '1E+99999999', 'ja (true) eller nej (false)'],
      ['facts.assessedNeed.level', '1e400', 'ADVICE_AND_SUPPORT'],
      ['facts.requestedPeriod.from', '1e400', 'ÅÅÅÅ-MM-DD'],
      ['applicant.personnummer', '1e400', 'personnummer'],
      ['decisionDate', '-1e400', 'ÅÅÅÅ-MM-DD'],
    ])('answers %s = %s on a proposal with 400 naming the field, also with an Idempotency-Key', async (path, raw, words) => {
      hugeNumbers.case();
      const body = proposeBody({ name: 'Ebba Falkström', birthDate: '2002-02-14' }) as Record<string, any>;
      const parts = path.split('.');
      let target = body;
      for (const part of parts.slice(0, -1)) target = target[part];
      target[parts.at(-1) as string] = MARK;

      const headerSets: Array<Record<string, string>> = [{}, { 'Idempotency-Key': `stort-tal-${path}` }];
      for (const headers of headerSets) {
        const doc = expectProblem(await send('/v1/decisions', 'handlaggare', withRaw(body, MARK, raw), headers), 400);
        expect(doc.type).toBe('/problems/validation');
        const error = doc.errors?.find((e) => e.path === path);
        expect(error, JSON.stringify(doc.errors)).toBeDefined();
        expect(error?.message).toContain(words);
      }
      hugeNumbers.passed();
    });

    it('answers a huge number where a proposal has no field with 400 naming that field', async () => {
      hugeNumbers.case();
      const body = { ...proposeBody(), facts: { ...proposeBody().facts, inkomst: MARK } };
      const doc = expectProblem(await send('/v1/decisions', 'handlaggare', withRaw(body, MARK, '1e400')), 400);
      expect(doc.errors?.map((e) => e.path)).toEqual(['facts.inkomst']);
      hugeNumbers.passed();
    });

    it('answers a huge number in a signature with 400 naming the field', async () => {
      hugeNumbers.case();
      const id = await proposed();
      const doc = expectProblem(await send(`/v1/decisions/${id}/sign`, 'beslutsfattare', withRaw({ finalOutcome: MARK }, MARK, '1e400'), { 'Idempotency-Key': `stort-tal-${id}` }), 400);
      expect(doc.errors?.map((e) => e.path)).toEqual(['finalOutcome']);
      expect((await api.get(`/v1/decisions/${id}`, 'handlaggare')).json().status).toBe('PROPOSED');
      hugeNumbers.passed();
    });

    it.each([
      ['1e400', 'hela år'],
      ['-1e400', 'hela år'],
      ['1e308', '130 år'],
      ['23.5', 'hela år'],
    ])('answers the one numeric fact, an age of %s in a pre-check, with 400 naming age', async (raw, words) => {
      hugeNumbers.case();
      const doc = expectProblem(await send('/v1/screenings', 'uppsok', withRaw({ decisionDate: '2024-08-20', age: MARK, facts: { working: false } }, MARK, raw)), 400);
      expect([...new Set(doc.errors?.map((e) => e.path))]).toEqual(['age']);
      expect(doc.errors?.map((e) => e.message).join(' ')).toContain(words);
      hugeNumbers.passed();
    });
  });

  it('refuses an Idempotency-Key with characters outside the allowed set', async () => {
    const response = await rejected(() => api.post('/v1/decisions', proposeBody(), 'handlaggare', { 'Idempotency-Key': 'nyckel med mellanslag' }));
    expect(expectProblem(response, 400).errors?.map((e) => e.path)).toEqual(['Idempotency-Key']);
  });

  it('refuses a path whose %-encoding cannot be decoded', async () => {
    const response = await rejected(() => api.get('/v1/decisions/%E0%A4%A', 'handlaggare'));
    expect(expectProblem(response, 400).type).toBe('/problems/invalid-path');
  });

  it.each([['2024-13-01'], ['2024-02-30'], ['i morgon'], ['']])('refuses dueBefore=%j on the follow-up list', async (dueBefore) => {
    const response = await rejected(() => api.get(`/v1/follow-ups?dueBefore=${encodeURIComponent(dueBefore)}`, 'handlaggare'));
    expect(expectProblem(response, 400).errors?.map((e) => e.path)).toEqual(['dueBefore']);
  });

  it('refuses a follow-up list without dueBefore', async () => {
    expect(expectProblem(await api.get('/v1/follow-ups', 'handlaggare'), 400).errors?.map((e) => e.path)).toEqual(['dueBefore']);
  });
});

const tokenEvidence = evidenceCounter('tokens: expired, forged, alg none, tampered → 401');
afterAll(() => tokenEvidence.record());

describe('401 no or bad token', () => {
  // A staff access token as Cognito and the pre-token trigger issue it (infra/local/dev-keys.ts).
  const claims = { name: 'Göran Ödmark', 'cognito:groups': ['beslutsfattare'], token_use: 'access', scope: 'openid email profile jobbtorg/staff', 'custom:delegation': '3.1.4' };
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  /** A delegate's token as the local server accepts it, varied one claim at a time; `expires: null` leaves `exp` out. */
  async function token(options: { issuer?: string; audience?: string; expires?: number | null; notBefore?: number; key?: CryptoKey; groups?: unknown; claims?: Record<string, unknown> } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...claims, ...options.claims, ...(options.groups !== undefined ? { 'cognito:groups': options.groups } : {}) })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuer(options.issuer ?? LOCAL_ISSUER)
      .setAudience(options.audience ?? LOCAL_AUDIENCE)
      .setSubject('5b0e3a42-6c1d-4f8e-9a7b-2d4c6e8f0a13')
      .setIssuedAt(now - 7200)
      .setNotBefore(options.notBefore ?? now - 60);
    if (options.expires !== null) jwt.setExpirationTime(options.expires ?? now + 3600);
    return jwt.sign(options.key ?? api.keys.privateKey);
  }

  const badTokens: Array<[string, () => Promise<string>]> = [
    ['an expired token', () => token({ expires: Math.floor(Date.now() / 1000) - 3600 })],
    ['a token not yet valid', () => token({ notBefore: Math.floor(Date.now() / 1000) + 3600 })],
    ['a token from another issuer', () => token({ issuer: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_annan' })],
    ['a token for another audience', () => token({ audience: 'en-annan-tjanst' })],
    ['a token signed with another key', async () => token({ key: (await generateDevKeys()).privateKey })],
    ['an unsigned token (alg: none)', async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${(await token()).split('.')[1]}.`],
    [
      'a token whose payload was changed after signing (case worker made delegate)',
      async () => {
        const [header, payload, signature] = (await api.token('handlaggare')).split('.') as [string, string, string];
        const changed = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), 'cognito:groups': ['beslutsfattare'], 'custom:delegation': '3.1.4' };
        return `${header}.${base64url(changed)}.${signature}`;
      },
    ],
    ['a token that is not a JWT', async () => 'inte-en-token'],
    // API Gateway's authorizer takes an access token with one of the route's scopes, and nothing else.
    ['an ID token, where every route takes an access token', () => token({ claims: { token_use: 'id', scope: undefined } })],
    ['an access token without the staff scope', () => token({ claims: { scope: 'openid email profile' } })],
  ];

  it('refuses a request without a token, and says how to authenticate', async () => {
    const id = await proposed();
    const response = await rejected(() => api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'none'));
    expect(expectProblem(response, 401).type).toBe('/problems/unauthorized');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('refuses a credential that is not a bearer token', async () => {
    const response = await rejected(() => api.call('GET', '/v1/rule-sets', { headers: { authorization: 'Basic Z29yYW46aGVtbGlndA==' } }));
    expectProblem(response, 401);
  });

  it('accepts the well-formed token these cases are variations of', async () => {
    const response = await api.get('/v1/rule-sets', { token: await token() });
    expect(response.status, response.text).toBe(200);
  });

  it('refuses an outreach tool that tries to propose a decision: its token has no staff scope, so the authorizer stops it', async () => {
    expectProblem(await rejected(() => api.post('/v1/decisions', proposeBody(), 'uppsok')), 401);
  });

  it.each(badTokens)('refuses %s', async (_name, make) => {
    tokenEvidence.case();
    const id = await proposed('Ebba Falkström', '2002-02-14');
    const response = await rejected(async () => api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, { token: await make() }));
    expectProblem(response, 401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    tokenEvidence.passed();
  });

  describe('a token that never expires (#14.12)', () => {
    const noExpiry = evidenceCounter('#14.12 token without exp → 401');
    afterAll(() => noExpiry.record());

    it('is refused: a token must say when it expires, as every token Cognito issues does', async () => {
      noExpiry.case();
      const id = await proposed('Ebba Falkström', '2002-02-14');
      const forever = await token({ expires: null });
      expect(JSON.parse(Buffer.from(forever.split('.')[1] as string, 'base64url').toString('utf8'))).not.toHaveProperty('exp');

      const response = await rejected(() => api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, { token: forever }));
      expectProblem(response, 401);
      expect((await api.get('/v1/rule-sets', { token: forever })).status).toBe(401);
      noExpiry.passed();
    });
  });

  describe('a group name is never split into roles (#14.11)', () => {
    const groups = evidenceCounter('#14.11 cognito:groups read as a list, never split');
    afterAll(() => groups.record());

    it.each([
      ['one group named "jurist,beslutsfattare"', ['jurist,beslutsfattare']],
      ['one group named "jurist beslutsfattare"', ['jurist beslutsfattare']],
      ['the claim as the string "jurist,beslutsfattare"', 'jurist,beslutsfattare'],
      ['the claim as the string "[jurist beslutsfattare]"', '[jurist beslutsfattare]'],
    ])('refuses a token with %s: it does not act as beslutsfattare, and nothing is signed', async (_what, claim) => {
      groups.case();
      const id = await proposed('Ebba Falkström', '2002-02-14');
      const split = await token({ groups: claim });

      const response = await rejected(() => api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, { token: split }));

      expectProblem(response, 401);
      expect((await api.get(`/v1/decisions/${id}`, 'handlaggare')).json().status).toBe('PROPOSED');
      groups.passed();
    });

    it('lets the same token sign when its groups list beslutsfattare as a group of its own', async () => {
      groups.case();
      const id = await proposed('Ebba Falkström', '2002-02-14');
      const response = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, { token: await token({ groups: ['beslutsfattare'] }) });
      expect(response.status, response.text).toBe(200);
      groups.passed();
    });
  });
});

describe('403 wrong role', () => {
  it('refuses a case worker who tries to sign, and stores nothing', async () => {
    const id = await proposed();
    const response = await rejected(() => api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'handlaggare'));
    expect(expectProblem(response, 403).type).toBe('/problems/forbidden');
    expect((await api.get(`/v1/decisions/${id}`, 'handlaggare')).json().status).toBe('PROPOSED');
  });
});

describe('404 not found', () => {
  it('answers an unknown decision id', async () => {
    const unknown = randomUUID();
    expectProblem(await rejected(() => api.get(`/v1/decisions/${unknown}`, 'handlaggare')), 404);
    expectProblem(await rejected(() => api.post(`/v1/decisions/${unknown}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare')), 404);
    expectProblem(await rejected(() => api.get(`/v1/decisions/${unknown}/letter`, 'handlaggare')), 404);
  });

  it('answers an unknown path', async () => {
    const doc = expectProblem(await rejected(() => api.get('/v1/beslut', 'handlaggare')), 404);
    expect(doc.detail).toContain('/v1/beslut');
  });

  it('answers an id far longer than any the service issues, for any route that takes one', async () => {
    const long = 'a1b2c3d4'.repeat(400);
    expectProblem(await rejected(() => api.get(`/v1/decisions/${long}`, 'handlaggare')), 404);
    expectProblem(await rejected(() => api.post(`/v1/decisions/${long}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare')), 404);
    expectProblem(await rejected(() => api.post(`/v1/decisions/${randomUUID()}/follow-ups/${long}`, { note: 'Klart.' }, 'handlaggare')), 404);
    expectProblem(await rejected(() => api.get(`/v1/rule-sets/${long}`, 'jurist')), 404);
  });

  it('answers the letter of a decision that is not signed yet', async () => {
    const id = await proposed();
    expectProblem(await rejected(() => api.get(`/v1/decisions/${id}/letter`, 'handlaggare')), 404);
  });
});

describe('405 method not allowed', () => {
  it('answers a method the path does not take, and lists the ones it does', async () => {
    const id = await proposed();
    const deleted = await rejected(() => api.call('DELETE', `/v1/decisions/${id}`, { as: 'beslutsfattare' }));
    expectProblem(deleted, 405);
    expect(deleted.headers.get('allow')).toBe('GET');
    const put = await rejected(() => api.call('PUT', '/v1/decisions', { as: 'handlaggare', json: proposeBody() }));
    expectProblem(put, 405);
    expect(put.headers.get('allow')).toBe('POST');
  });
});

describe('409 conflict', () => {
  it('refuses to sign a decision that is already signed', async () => {
    const id = await signedDecision();
    const again = await rejected(() => api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare'));
    expectProblem(again, 409);
  });

  it('refuses to withdraw a decision that is already signed', async () => {
    const id = await signedDecision();
    expectProblem(await rejected(() => api.post(`/v1/decisions/${id}/withdraw`, { reason: 'Fel person.' }, 'handlaggare')), 409);
  });

  it('lets exactly one of two simultaneous signatures through and answers the other with 409', async () => {
    const id = await proposed('Alva Sjögren', '2001-10-30');
    const [a, b] = await Promise.all([
      api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare'),
      api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, { token: await api.token({ role: 'beslutsfattare', name: 'Maria Åkesson', title: 'Sektionschef', delegation: '3.1.4' }) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expectProblem([a, b].find((r) => r.status === 409) as E2eResponse, 409);

    const decision = (await api.get(`/v1/decisions/${id}`, 'handlaggare')).json();
    expect(decision.status).toBe('SIGNED');
    expect(decision.history.filter((e: { action: string }) => e.action === 'SIGNED')).toHaveLength(1);
    const letters = (await api.scan()).filter((item) => item.SK?.S === `LETTER#${id}`);
    expect(letters.map(itemKey)).toHaveLength(1);
  });
});

describe('413 too large', () => {
  it('refuses a body over 64 kB before reading it as JSON', async () => {
    const body = proposeBody({ facts: { assessedNeed: { level: 'DEEPER_INDIVIDUAL_SUPPORT', grounds: 'Behöver stöd över tid. '.repeat(3000) } } });
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(64 * 1024);
    expectProblem(await rejected(() => api.post('/v1/decisions', body, 'handlaggare')), 413);
  });
});

describe('415 unsupported media type', () => {
  it('refuses JSON sent as text/plain or as a form', async () => {
    const json = JSON.stringify(proposeBody());
    expectProblem(await rejected(() => api.call('POST', '/v1/decisions', { as: 'handlaggare', body: json, headers: { 'content-type': 'text/plain' } })), 415);
    expectProblem(
      await rejected(() => api.call('POST', '/v1/decisions', { as: 'handlaggare', body: 'namn=Ebba', headers: { 'content-type': 'application/x-www-form-urlencoded' } })),
      415,
    );
  });
});

describe('422 cannot be done', () => {
  it('refuses a decision date that no rule set covers, rather than citing another one', async () => {
    const response = await rejected(() => api.post('/v1/decisions', proposeBody({ decisionDate: '2022-09-01' }), 'handlaggare'));
    const doc = expectProblem(response, 422);
    expect(doc.title).toBe('Inget regelverk gäller för beslutsdatumet');
    expect(doc.detail).toContain('2022-09-01');
  });

  it('refuses an Idempotency-Key reused for a different request', async () => {
    const headers = { 'Idempotency-Key': `forslag-${randomUUID()}` };
    const first = await api.post('/v1/decisions', proposeBody({ name: 'Ida Hellström' }), 'handlaggare', headers);
    expect(first.status, first.text).toBe(201);
    const reused = await rejected(() => api.post('/v1/decisions', proposeBody({ name: 'Ida Hellström', birthDate: '1999-01-19' }), 'handlaggare', headers));
    expectProblem(reused, 422);
  });
});

describe('security headers', () => {
  it('are on every kind of response: JSON, PDF, created, and errors from the server and from the handlers', async () => {
    const id = await signedDecision();
    const responses = [
      await api.get('/v1/health'),
      await api.get('/v1/openapi.json'),
      await api.post('/v1/decisions', proposeBody({ name: 'Elsa Öberg', serial: '299' }), 'handlaggare'),
      await api.get(`/v1/decisions/${id}/letter`, 'handlaggare'),
      await api.get('/v1/finns-inte'),
      await api.call('PATCH', '/v1/health'),
      await api.get('/v1/rule-sets'),
      await api.post('/v1/decisions', {}, 'handlaggare'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 201, 200, 404, 405, 401, 400]);
    for (const response of responses) expectSecurityHeaders(response);
  });
});
