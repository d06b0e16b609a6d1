/**
 * What leaves a function besides its answer: log lines, EMF metrics and X-Ray trace segments.
 * Over a propose + sign journey, all three are captured as they would leave in Lambda, and none
 * holds the applicant's name, personnummer (in any written form), address, the contact person's
 * phone or e-mail, or the case worker's free-text grounds.
 *
 * Tracing is on here, as in Lambda with active tracing: the X-Ray SDK runs in its Lambda mode and
 * sends each closed subsegment over UDP to the daemon address, which is a socket of this test.
 * Metrics are on, written to the global console (POWERTOOLS_DEV, Powertools' documented way to
 * read them in a test). This test file runs in a process of its own, so nothing leaks into others.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALLERS, useE2eServer } from '../support/e2e';
import { applicantTraces, inForm, personnummer } from '../support/identity';
import { proposeBody } from '../support/lifecycle';
import { evidenceCounter } from '../evidence/record';

// Before any module loads Powertools or the X-Ray SDK (both read their environment when loaded).
const daemon = await vi.hoisted(async () => {
  const { createSocket } = await import('node:dgram');
  const { observabilityEnvironment } = await import('../../functions/http/powertools-env');
  const socket = createSocket('udp4');
  const datagrams: string[] = [];
  socket.on('message', (message) => datagrams.push(message.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  Object.assign(process.env, observabilityEnvironment(), {
    // Lambda's environment with active tracing, as far as the Tracer and the X-Ray SDK read it.
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: '/var/task',
    _HANDLER: 'index.handler',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    _X_AMZN_TRACE_ID: 'Root=1-66c4a1f0-5d2e8b1c9a7f3e6d4b0c2a18;Parent=53995c3f42cd8ad8;Sampled=1',
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${socket.address().port}`,
    POWERTOOLS_TRACE_ENABLED: 'true',
    POWERTOOLS_METRICS_DISABLED: 'false',
    POWERTOOLS_DEV: 'true',
  });
  return { socket, datagrams };
});

const api = useE2eServer();

const applicant = {
  name: 'Ylva Öhrström',
  birthDate: '2000-12-05',
  street: 'Hornsgatan 154 lgh 1301',
  postalCode: '117 28',
};
const contact = { name: 'Maja Ekström', phone: '08-508 99 876', email: 'maja.ekstrom@stockholm.se' };
const grounds = {
  need: 'Ylva har haft svår ångest sedan gymnasiet och har inte klarat att söka arbete på egen hand.',
  weak: 'Saknar fullständiga gymnasiebetyg och har aldrig haft en anställning.',
};

function personalData(pnr: string): string[] {
  return [...applicantTraces(pnr, applicant), contact.name, contact.phone, contact.email, 'ekstrom', grounds.need, 'ångest', grounds.weak, 'gymnasiebetyg'];
}

/** The EMF documents Powertools' Metrics wrote to the console. */
const emf: Array<Record<string, any>> = [];
const emfLines: string[] = [];
beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
    if (typeof line !== 'string' || !line.includes('"_aws"')) return;
    emfLines.push(line);
    emf.push(JSON.parse(line) as Record<string, any>);
  });
});
afterEach(() => vi.mocked(console.log).mockClear());
afterAll(() => {
  vi.restoreAllMocks();
  daemon.socket.close();
});

/** The X-Ray segment documents sent to the daemon: a header line, then the document. */
function segments(): Array<Record<string, any>> {
  return daemon.datagrams.map((datagram) => {
    const [header, body] = datagram.split('\n');
    expect(JSON.parse(header ?? '')).toEqual({ format: 'json', version: 1 });
    return JSON.parse(body ?? '') as Record<string, any>;
  });
}

async function settled(): Promise<void> {
  // UDP datagrams to localhost arrive within a moment; wait until none has come for a while.
  let seen = -1;
  while (seen !== daemon.datagrams.length) {
    seen = daemon.datagrams.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const evidence = evidenceCounter('privacy: no personal data in logs, metrics or traces');
afterAll(() => evidence.record());

describe('logs, metrics and traces of a propose + sign journey', () => {
  it('are written, and none of them holds the applicant’s name, personnummer, address, the contact’s phone or e-mail, or free-text grounds', async () => {
    const pnr = personnummer(applicant.birthDate);
    const body = proposeBody({ name: applicant.name, birthDate: applicant.birthDate, facts: { woman: true, assessedNeed: { level: 'DEEPER_INDIVIDUAL_SUPPORT', grounds: grounds.need, areas: ['EDUCATION', 'WORK_GOALS'] }, weakLabourMarketPosition: { weak: true, grounds: grounds.weak } } });
    body.applicant.address = { lines: [applicant.street], postalCode: applicant.postalCode, city: 'Stockholm' };
    // The contact person is the proposing case worker: their staff record's name, phone and e-mail, from the token.
    const caseWorker = await api.token({ ...CALLERS.handlaggare, name: contact.name, phone: contact.phone, email: contact.email });

    const created = await api.post('/v1/decisions', body, { token: caseWorker });
    expect(created.status, created.text).toBe(201);
    expect(created.json().proposal.outcome).toBe('GRANT');
    const id = created.json().id as string;
    expect((await api.get(`/v1/decisions/${id}`, 'handlaggare')).status).toBe(200);
    const signed = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
    expect(signed.status, signed.text).toBe(200);
    expect((await api.get(`/v1/decisions/${id}/letter`, 'handlaggare')).status).toBe(200);
    // Refused requests, with personal data where it does not belong: in a bad field, in the path.
    const bad = { ...body, decisionDate: `igår, ${applicant.name}` };
    expect((await api.post('/v1/decisions', bad, 'handlaggare')).status).toBe(400);
    expect((await api.get(`/v1/decisions/${inForm(pnr, 'YYYYMMDD-NNNN')}`, 'handlaggare')).status).toBe(404);
    // The personal data was really there to leak: the answers carry it.
    expect(created.text).toContain(applicant.street);
    expect(signed.text).toContain(grounds.need);
    await settled();

    // Logs: one line per request at least, through the Logger's sink.
    expect(api.logs.length).toBeGreaterThanOrEqual(6);

    // Metrics: proposals and signed decisions per outcome, the letter and its rendering time.
    const metric = (name: string) => emf.filter((doc) => doc._aws.CloudWatchMetrics.some((m: any) => m.Metrics.some((x: any) => x.Name === name)));
    expect(metric('Proposals').map((d) => [d.outcome, d.Proposals])).toEqual([['GRANT', 1]]);
    expect(metric('SignedDecisions').map((d) => [d.outcome, d.SignedDecisions])).toEqual([['GRANT', 1]]);
    expect(metric('LettersRendered').map((d) => d.LettersRendered)).toEqual([1]);
    expect(metric('LetterRenderMs')[0]?.LetterRenderMs).toBeGreaterThan(0);
    // Locally all handlers share one module instance, so only the first invocation is cold.
    expect(metric('ColdStart').map((d) => [d.function_name, d.ColdStart])).toEqual([['create-decision', 1]]);
    for (const doc of emf) {
      expect(doc._aws.CloudWatchMetrics[0].Namespace).toBe('Jobbtorg');
      expect(doc.service).toBe('jobbtorg-beslutsstod');
    }

    // Traces: each invocation's handler subsegment with Powertools' annotations, and a subsegment
    // per DynamoDB call naming the operation and the table, but not the keys or the items.
    const sent = segments();
    const handlers = sent.filter((s) => s.name === '## index.handler');
    expect(handlers.length).toBe(6);
    // A refused request marks its handler's subsegment as an error, without the error's text.
    expect(handlers.filter((h) => h.error === true)).toHaveLength(2);
    for (const h of handlers) expect(h.cause).toBeUndefined();
    for (const h of handlers) {
      expect(h.trace_id).toBe('1-66c4a1f0-5d2e8b1c9a7f3e6d4b0c2a18');
      expect(h.annotations).toMatchObject({ Service: 'jobbtorg-beslutsstod', ColdStart: expect.any(Boolean) });
      expect(JSON.stringify(h.metadata ?? {})).not.toContain('response');
    }
    const dynamo = sent.filter((s) => s.namespace === 'aws' && s.name === 'DynamoDB');
    expect(new Set(dynamo.map((s) => s.aws.operation))).toEqual(new Set(['Query', 'GetItem', 'UpdateItem', 'TransactWriteItems', 'PutItem']));
    const handlerIds = new Set(handlers.map((h) => h.id));
    for (const s of dynamo) {
      expect(handlerIds.has(s.parent_id), 'a DynamoDB call outside a handler').toBe(true);
      // A transaction names its tables per item; X-Ray records none for it.
      if (s.aws.operation !== 'TransactWriteItems') expect(s.aws.table_name).toBe(api.tableName);
    }

    evidence.case();
    const forbidden = personalData(pnr);
    const outputs = [...api.logs.map((line) => ['log line', line]), ...emfLines.map((line) => ['metric', line]), ...daemon.datagrams.map((d) => ['trace segment', d])];
    for (const [kind, text] of outputs) {
      for (const value of forbidden) expect(text, `a ${kind} holds "${value}"`).not.toContain(value);
    }
    evidence.figure('log lines', api.logs.length);
    evidence.figure('EMF documents', emfLines.length);
    evidence.figure('trace segments', daemon.datagrams.length);
    evidence.figure('forbidden values', forbidden.length);
    evidence.passed();
  });
});
