/**
 * An Idempotency-Key belongs to the person who sent it (issue #14.14). A retry by the same delegate
 * gets the first result; a second delegate who sends the same key is a new attempt of their own,
 * judged on the case as it is: a decision already signed is 409 ALREADY_SIGNED, never the first
 * delegate's signed decision passed off as theirs.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { evidenceCounter } from '../evidence/record';
import { type Caller, useE2eServer } from '../support/e2e';
import { proposeBody } from '../support/lifecycle';

const api = useE2eServer();

/** Another delegate under the same point of the delegationsordning, with a token of her own. */
const secondDelegate = async (): Promise<Caller> => ({
  token: await api.token({ role: 'beslutsfattare', name: 'Maria Åkesson', title: 'Sektionschef', delegation: '3.1.4' }),
});

async function proposed(name: string, birthDate: string): Promise<string> {
  const response = await api.post('/v1/decisions', proposeBody({ name, birthDate }), 'handlaggare');
  expect(response.status, response.text).toBe(201);
  return response.json().id;
}

const evidence = evidenceCounter('#14.14 Idempotency-Key scoped to the actor');
afterAll(() => evidence.record());

describe('an Idempotency-Key reused by another delegate', () => {
  beforeEach(() => evidence.case());

  it('on sign: the first delegate’s retry gets her result, the second delegate gets 409 ALREADY_SIGNED', async () => {
    const id = await proposed('Märta Nyström', '1997-12-01');
    const key = { 'Idempotency-Key': `beslut-${id}` };
    const first = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare', key);
    expect(first.status, first.text).toBe(200);

    const other = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, await secondDelegate(), key);
    const retry = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare', key);

    expect(other.status, other.text.slice(0, 300)).toBe(409);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(other.json()).toMatchObject({ type: '/problems/conflict', reason: 'ALREADY_SIGNED' });
    expect(other.json().detail).toContain('redan fattat');
    expect(other.text).not.toContain(first.json().signed.decisionMaker.name);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.json().signed).toEqual(first.json().signed);
    evidence.passed();
  });

  it('on reconsideration: the second delegate does not get the first one’s new proposal, but the case as it is (409, one open proposal)', async () => {
    const id = await proposed('Tuva Strömberg', '1998-03-14');
    expect((await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare')).status).toBe(200);
    const body = { reason: 'Har börjat studera på komvux.', facts: proposeBody().facts, decisionDate: api.today };
    const key = { 'Idempotency-Key': `omprovning-${id}` };
    const first = await api.post(`/v1/decisions/${id}/reconsiderations`, body, 'beslutsfattare', key);
    expect(first.status, first.text).toBe(201);

    const other = await api.post(`/v1/decisions/${id}/reconsiderations`, body, await secondDelegate(), key);
    const retry = await api.post(`/v1/decisions/${id}/reconsiderations`, body, 'beslutsfattare', key);

    expect(other.status, other.text.slice(0, 300)).toBe(409);
    expect(other.json()).toMatchObject({ type: '/problems/conflict', reason: 'OPEN_PROPOSAL' });
    expect(other.text).not.toContain(first.json().id);
    expect(retry.status, retry.text).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    evidence.passed();
  });
});
