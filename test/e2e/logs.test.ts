/**
 * Structured logs over a whole journey: every line is JSON with a correlation id, and no line
 * holds the applicant's personnummer (in any written form), name or address, not even when a
 * caller puts them where they do not belong.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { NOT_AN_ID } from '../../functions/http/middleware';
import { useE2eServer } from '../support/e2e';
import { applicantTraces, inForm, personnummer } from '../support/identity';
import { proposeBody } from '../support/lifecycle';
import { evidenceCounter } from '../evidence/record';

// The harness captures every line through the logger's sink (setLogSink) instead of stdout.
const api = useE2eServer();
const lines = api.logs;

const applicant = {
  name: 'Ylva Öhrström',
  birthDate: '2000-12-05',
  street: 'Hornsgatan 154 lgh 1301',
  postalCode: '117 28',
};

const personalData = (pnr: string) => applicantTraces(pnr, applicant);

/** A caller's own correlation id, in the only shape the service takes one: a UUID. */
const JOURNEY_CORRELATION_ID = '5d3f0c1e-8b7a-4c2d-9e6f-0a1b2c3d4e5f';

const logEvidence = evidenceCounter('privacy: no personal data in any log line');
afterAll(() => logEvidence.record());

describe('structured logs of a full journey', () => {
  it('hold a correlation id on every line and never the applicant’s personnummer, name or address', async () => {
    const pnr = personnummer(applicant.birthDate);
    const body = proposeBody({ name: applicant.name, birthDate: applicant.birthDate, facts: { requestedPeriod: { from: api.today, to: '2025-02-28' } } });
    body.applicant.address = { lines: [applicant.street], postalCode: applicant.postalCode, city: 'Stockholm' };

    // The journey: propose, read, sign, letter, follow-up, ending, reconsideration.
    const created = await api.post('/v1/decisions', body, 'handlaggare', { 'X-Correlation-Id': JOURNEY_CORRELATION_ID });
    expect(created.status, created.text).toBe(201);
    const id = created.json().id as string;
    expect(created.headers.get('x-correlation-id')).toBe(JOURNEY_CORRELATION_ID);
    expect((await api.get(`/v1/decisions/${id}`, 'handlaggare')).status).toBe(200);
    expect((await api.get(`/v1/decisions/${id}`, 'jurist')).status).toBe(200);
    expect((await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare')).status).toBe(200);
    expect((await api.get(`/v1/decisions/${id}/letter`, 'handlaggare')).status).toBe(200);
    expect((await api.get('/v1/follow-ups?dueBefore=2024-09-10', 'handlaggare')).status).toBe(200);
    expect((await api.post(`/v1/decisions/${id}/follow-ups/01`, { note: `Jobbplan klar med ${applicant.name}.` }, 'handlaggare')).status).toBe(200);
    const reconsidered = await api.post(
      `/v1/decisions/${id}/reconsiderations`,
      { reason: `${applicant.name} har flyttat från ${applicant.street}.`, facts: body.facts, decisionDate: api.today },
      'beslutsfattare',
    );
    expect(reconsidered.status, reconsidered.text).toBe(201);
    expect((await api.post(`/v1/decisions/${reconsidered.json().id}/withdraw`, { reason: `Felregistrerat för ${applicant.name}.` }, 'handlaggare')).status).toBe(200);
    expect((await api.post(`/v1/decisions/${id}/ending`, { reason: 'STUDIES', endedOn: api.today, note: 'Började på komvux.' }, 'handlaggare')).status).toBe(200);

    // Personal data where it does not belong: in a bad field, in the path, in a rejected token's name.
    const bad = proposeBody({ name: applicant.name, birthDate: applicant.birthDate, decisionDate: 'igår' });
    expect((await api.post('/v1/decisions', bad, 'handlaggare')).status).toBe(400);
    for (const form of ['YYYYMMDD-NNNN', 'YYYYMMDDNNNN', 'YYMMDD-NNNN'] as const) {
      expect((await api.get(`/v1/decisions/${inForm(pnr, form)}`, 'handlaggare')).status).toBeGreaterThanOrEqual(400);
    }

    expect(lines.length).toBeGreaterThanOrEqual(14);
    logEvidence.case();
    const forbidden = personalData(pnr);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry.correlationId, line).toEqual(expect.any(String));
      expect((entry.correlationId as string).length).toBeGreaterThan(0);
      for (const value of forbidden) expect(line, `a log line holds "${value}"`).not.toContain(value);
    }
    expect(lines.filter((line) => line.includes(`"correlationId":"${JOURNEY_CORRELATION_ID}"`))).toHaveLength(1);
    logEvidence.figure('log lines', lines.length);
    logEvidence.figure('forbidden values checked per line', forbidden.length);
    logEvidence.passed();
  });

  it('keep a decision id whole even when its last group is all digits', async () => {
    const id = '6f1c2a9e-3b4d-4e5f-8a7b-199001011234';
    const from = lines.length;

    expect((await api.get(`/v1/decisions/${id}`, 'handlaggare')).status).toBe(404);

    const entries = lines.slice(from).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((e) => e.decisionId)).toEqual([id]);
  });
});

const pathEvidence = evidenceCounter('#14.5 no personal data via path or X-Correlation-Id');
afterAll(() => pathEvidence.record());

describe('what a caller types into a path or a correlation id (#14.5)', () => {
  const name = 'Ylva Öhrström';
  const traces = ['Ylva', 'Öhrström', 'Ohrstrom', 'Hornsgatan'];
  const newLines = async (request: () => Promise<unknown>) => {
    const from = lines.length;
    await request();
    return lines.slice(from).map((line) => ({ line, entry: JSON.parse(line) as Record<string, unknown> }));
  };
  const expectNoTraces = (logged: Array<{ line: string }>) => {
    for (const { line } of logged) for (const trace of traces) expect(line, `a log line holds "${trace}"`).not.toContain(trace);
  };

  it('logs a path parameter that is not shaped like an id the service issues as a placeholder, never as typed', async () => {
    pathEvidence.case();
    const typed = encodeURIComponent(name);
    const logged = await newLines(async () => {
      expect((await api.get(`/v1/decisions/${typed}`, 'handlaggare')).status).toBe(404);
      expect((await api.post(`/v1/decisions/${typed}/withdraw`, { reason: 'Fel person.' }, 'handlaggare')).status).toBe(404);
      expect((await api.post(`/v1/decisions/${randomUUID()}/follow-ups/${encodeURIComponent('Hornsgatan 154')}`, { note: 'Klart.' }, 'handlaggare')).status).toBe(404);
      expect((await api.get(`/v1/referrals/${typed}`, 'handlaggare')).status).toBeGreaterThanOrEqual(400);
      expect((await api.get(`/v1/rule-sets/${encodeURIComponent('ylva-ohrstrom')}`, 'jurist')).status).toBe(404);
    });

    expect(logged.map(({ entry }) => entry.decisionId ?? entry.referralId ?? null)).toEqual([NOT_AN_ID, NOT_AN_ID, expect.any(String), NOT_AN_ID, null]);
    expect(logged[2]?.entry.milestoneId).toBe(NOT_AN_ID);
    expectNoTraces(logged);
    pathEvidence.passed();
  });

  it('takes a correlation id only if it is a UUID: anything else is neither logged nor echoed, and a fresh one is made', async () => {
    pathEvidence.case();
    for (const supplied of ['Ylva-Ohrstrom-Hornsgatan', 'ylva.ohrstrom', 'Ylva Öhrström']) {
      let echoed: string | null = null;
      const logged = await newLines(async () => {
        const response = await api.call('GET', '/v1/rule-sets', { as: 'jurist', headers: { 'X-Correlation-Id': encodeURIComponent(supplied) } });
        expect(response.status).toBe(200);
        echoed = response.headers.get('x-correlation-id');
      });

      expect(echoed).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(logged.map(({ entry }) => entry.correlationId)).toEqual([echoed]);
      expectNoTraces(logged);
    }
    pathEvidence.passed();
  });
});
