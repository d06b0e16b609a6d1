/**
 * Slow and many clients against the local server (issue #14.6): a client that sends its headers
 * or its body a few bytes at a time (slow loris) is answered 408 and its connection closed once
 * the request timeout has passed, however long it keeps dripping; connections beyond the cap are
 * closed as they arrive. The timeouts are made short here so the test runs fast; `npm start` uses
 * the defaults (10 s for headers, 15 s for the whole request). Each test's own time limit only
 * guards against a hang: without the timeouts, Node would wait five minutes.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { generateDevKeys } from '../../infra/local/dev-keys';
import { startLocalServer } from '../../infra/local/server';
import { useE2eServer } from '../support/e2e';
import { proposeBody } from '../support/lifecycle';
import { evidenceCounter } from './record';

const api = useE2eServer({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300, timeoutCheckIntervalMs: 50 } });

const evidence = evidenceCounter('#14.6 local server slow clients');
afterAll(() => evidence.record());

const sockets: Socket[] = [];
const timers: NodeJS.Timeout[] = [];
afterEach(() => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  for (const socket of sockets.splice(0)) socket.destroy();
});

/** A raw connection that records what the server sends, and resolves `closed` when the server closes it. */
async function open(url: string): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  // A write racing the server's close may fail with EPIPE or ECONNRESET: the close is what is tested.
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => received, closed };
}

/** Writes one piece after another, every 40 ms, for as long as the connection is open. */
function drip(socket: Socket, next: () => string) {
  const timer = setInterval(() => {
    if (!socket.destroyed && socket.writable) socket.write(next());
  }, 40);
  timers.push(timer);
}

function expectRequestTimeout(response: string) {
  const [head = '', body = ''] = response.split('\r\n\r\n');
  expect(head).toMatch(/^HTTP\/1\.1 408 /);
  expect(head).toMatch(/content-type: application\/problem\+json/i);
  expect(JSON.parse(body)).toMatchObject({ status: 408, title: 'Begäran tog för lång tid' });
}

describe('the local server and slow clients', () => {
  it('answers 408 and closes a client that sends its headers a line at a time', async () => {
    evidence.case();
    const client = await open(api.url);
    const { host } = new URL(api.url);
    client.socket.write(`GET /v1/rule-sets HTTP/1.1\r\nHost: ${host}\r\n`);
    let n = 0;
    drip(client.socket, () => `X-Langsam-${n++}: ja\r\n`);

    await client.closed;

    expectRequestTimeout(client.received());
    evidence.passed();
  }, 15_000);

  it('answers 408 and closes a client that sends its body a byte at a time, and nothing is stored', async () => {
    evidence.case();
    const before = (await api.scan()).length;
    const client = await open(api.url);
    const { host } = new URL(api.url);
    const body = JSON.stringify(proposeBody({ name: 'Sixten Långsam', birthDate: '2003-04-01' }));
    client.socket.write(
      `POST /v1/decisions HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${await api.token('handlaggare')}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    let at = 0;
    drip(client.socket, () => (at < body.length - 1 ? body[at++] ?? '' : ''));

    await client.closed;

    expectRequestTimeout(client.received());
    expect((await api.scan()).length).toBe(before);
    evidence.passed();
  }, 15_000);

  it('closes connections beyond its cap as they arrive, and serves again once one is free', async () => {
    evidence.case();
    const server = await startLocalServer({ port: 0, keys: await generateDevKeys(), web: false, limits: { maxConnections: 2 } });
    try {
      const held = [await open(server.url), await open(server.url)];
      const third = await open(server.url);

      await third.closed;
      expect(third.received()).toBe('');

      held[0]?.socket.destroy();
      await held[0]?.closed;
      // The server counts its connections when a close reaches it; ask until it has.
      let answered = '';
      while (!answered) {
        const next = await open(server.url);
        next.socket.write(`GET /finns-inte HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nConnection: close\r\n\r\n`);
        await next.closed;
        answered = next.received();
      }
      expect(answered).toMatch(/^HTTP\/1\.1 404 /);
    } finally {
      for (const socket of sockets) socket.destroy();
      await server.close();
    }
    evidence.passed();
  }, 15_000);
});
