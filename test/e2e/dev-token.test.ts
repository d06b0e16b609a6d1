/**
 * The local development-token endpoint (issue #14.2): it mints a token for any staff role, so it
 * is off unless the local start turns it on, and even then it answers only a JSON request that is
 * addressed to this machine's loopback name and port. A web page whose DNS name was rebound to
 * 127.0.0.1, a cross-site form and another origin's script all get a Swedish problem+json instead.
 */
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDevKeys } from '../../infra/local/dev-keys';
import { startLocalServer } from '../../infra/local/server';
import { evidenceCounter } from '../evidence/record';
import { useE2eServer } from '../support/e2e';

const api = useE2eServer({ devTokens: true });

interface RawResponse {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** node:http, not fetch: fetch will not send a Host header of the caller's choosing. */
function post(url: string, options: { host?: string | null; contentType?: string; origin?: string; body?: string } = {}): Promise<RawResponse> {
  const target = new URL('/local/dev-token', url);
  const headers: Record<string, string> = {};
  if (options.host) headers.host = options.host;
  if (options.contentType) headers['content-type'] = options.contentType;
  if (options.origin) headers.origin = options.origin;
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, setHost: options.host === undefined },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body ?? JSON.stringify({ role: 'beslutsfattare', name: 'Göran Ödmark', title: 'Enhetschef', delegation: '3.1.4' }));
  });
}

const portOf = () => new URL(api.url).port;

function expectSwedishProblem(response: RawResponse, status: number): { type: string; title: string; detail: string } {
  expect(response.status, response.body).toBe(status);
  expect(response.contentType).toBe('application/problem+json');
  const doc = JSON.parse(response.body) as { type: string; title: string; status: number; detail: string; token?: string };
  expect(doc.status).toBe(status);
  expect(doc.token).toBeUndefined();
  expect(doc.title).toMatch(/^(Fel|Felaktig|Behörighet) /);
  return doc;
}

const evidence = evidenceCounter('#14.2 dev-token Host/Content-Type');
afterAll(() => evidence.record());

describe('POST /local/dev-token', () => {
  it('is not served by a local server that was not asked to serve it', async () => {
    evidence.case();
    const server = await startLocalServer({ port: 0, keys: await generateDevKeys(), web: false });
    try {
      const response = await post(server.url);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('token"');
    } finally {
      await server.close();
    }
    evidence.passed();
  });

  it.each(['127.0.0.1', 'localhost', '[::1]'])('hands a token that the API accepts to a JSON request addressed to %s on its own port', async (name) => {
    evidence.case();
    const response = await post(api.url, { host: `${name}:${portOf()}`, contentType: 'application/json; charset=utf-8', origin: `http://${name}:${portOf()}` });
    expect(response.status, response.body).toBe(200);
    const { token } = JSON.parse(response.body) as { token: string };
    expect((await api.get('/v1/rule-sets', { token })).status).toBe(200);
    evidence.passed();
  });

  it.each([
    ['another name (a DNS name rebound to 127.0.0.1)', () => `angripare.example:${portOf()}`],
    ['the loopback address on another port', () => `127.0.0.1:${Number(portOf()) + 1}`],
    ['the loopback address without a port', () => '127.0.0.1'],
    ['a name that only begins like localhost', () => `localhost.angripare.example:${portOf()}`],
  ])('refuses a request addressed to %s with 421', async (_what, host) => {
    evidence.case();
    const doc = expectSwedishProblem(await post(api.url, { host: host(), contentType: 'application/json' }), 421);
    expect(doc.detail).toContain(`http://127.0.0.1:${portOf()}`);
    evidence.passed();
  });

  it('refuses a request with no Host header at all, as HTTP/1.1 requires, with 400', async () => {
    evidence.case();
    const doc = expectSwedishProblem(await post(api.url, { host: null, contentType: 'application/json' }), 400);
    expect(doc.detail).toContain('Host');
    evidence.passed();
  });

  it('refuses a request a page on another origin sends, with 403', async () => {
    evidence.case();
    const doc = expectSwedishProblem(await post(api.url, { contentType: 'application/json', origin: 'http://angripare.example' }), 403);
    expect(doc.detail).toContain('annan webbplats');
    evidence.passed();
  });

  it.each([
    ['text/plain (what a cross-site form or a simple request can send)', 'text/plain'],
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
    ['no content type', undefined],
  ])('refuses a body sent as %s with 415', async (_what, contentType) => {
    evidence.case();
    const doc = expectSwedishProblem(await post(api.url, { ...(contentType ? { contentType } : {}) }), 415);
    expect(doc.detail).toContain('Content-Type: application/json');
    evidence.passed();
  });
});
