/**
 * The whole journey over HTTP, as the users make it: a case worker proposes, a named delegate
 * decides, the letter is downloaded and read back, follow-ups are recorded, a decision is
 * reconsidered. The local server runs the Lambda handlers on DynamoDB Local.
 */
import { describe, expect, it } from 'vitest';
import { proposeBody } from '../support/lifecycle';
import { type E2e, type E2eResponse, useE2eServer } from '../support/e2e';
import { readLetter } from '../unit/letters/pdf-reader';

const api = useE2eServer();

async function propose(e2e: E2e, body: unknown, headers?: Record<string, string>): Promise<{ response: E2eResponse; id: string; caseNumber: string }> {
  const response = await e2e.post('/v1/decisions', body, 'handlaggare', headers);
  expect(response.status, response.text).toBe(201);
  const resource = response.json();
  return { response, id: resource.id, caseNumber: resource.caseNumber };
}

async function sign(e2e: E2e, id: string, finalOutcome: string, extra: Record<string, unknown> = {}) {
  const response = await e2e.post(`/v1/decisions/${id}/sign`, { finalOutcome, ...extra }, 'beslutsfattare');
  expect(response.status, response.text).toBe(200);
  return response.json();
}

async function letterText(e2e: E2e, id: string): Promise<string> {
  const response = await e2e.get(`/v1/decisions/${id}/letter`, 'handlaggare');
  expect(response.status, response.text).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(response.bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-');
  return (await readLetter(response.bytes)).text;
}

describe('grant journey', () => {
  it('proposes with 201 and Location, is signed by the delegate, and the letter names applicant, case, legal basis, appeal route and delegate', async () => {
    const body = proposeBody({ name: 'Elin Söderström', birthDate: '2001-05-17' });

    const { response, id, caseNumber } = await propose(api, body);
    expect(response.headers.get('location')).toBe(`/v1/decisions/${id}`);
    const proposed = response.json();
    expect(proposed.status).toBe('PROPOSED');
    expect(proposed.proposal.outcome).toBe('GRANT');
    expect(caseNumber).toMatch(/^AMN 2024\/\d{5}$/);

    const read = await api.get(`/v1/decisions/${id}`, 'handlaggare');
    expect(read.status).toBe(200);
    expect(read.json().applicant.name).toBe('Elin Söderström');

    const signed = await sign(api, id, 'GRANT');
    expect(signed.status).toBe('SIGNED');
    expect(signed.signed.decisionMaker).toEqual({
      name: 'Göran Ödmark',
      title: 'Enhetschef',
      delegationReference: '3.1.4',
      delegationTitle: 'beslut om särskild individanpassad stödinsats som bistånd enligt socialtjänstlagen',
    });
    expect(signed.links.letter).toBe(`/v1/decisions/${id}/letter`);

    const text = await letterText(api, id);
    expect(text).toContain('Elin Söderström');
    expect(text).toContain(caseNumber);
    expect(text).toContain('4 kap. 2 §');
    expect(text).toContain('laglighetsprövning');
    expect(text).toContain('Göran Ödmark');
    expect(text).toContain('punkt 3.1.4');
  });
});

describe('refusal journey', () => {
  it('refuses a person who needs only advice and support, with a letter that says the application is refused', async () => {
    const body = proposeBody({
      name: 'Oskar Häggström',
      birthDate: '1998-11-03',
      facts: { assessedNeed: { level: 'ADVICE_AND_SUPPORT', grounds: 'Söker arbete på egen hand och behöver bara tips om ansökningar.' } },
    });
    const { id, caseNumber, response } = await propose(api, body);
    expect(response.json().proposal.outcome).toBe('REFUSE');

    const signed = await sign(api, id, 'REFUSE');
    expect(signed.signed.finalOutcome).toBe('REFUSE');
    expect(signed.milestones).toEqual([]);

    const text = await letterText(api, id);
    expect(text).toContain('Oskar Häggström');
    expect(text).toContain(caseNumber);
    expect(text).toContain('avslås');
    expect(text).toContain('Göran Ödmark');
  });
});

describe('referral journey', () => {
  it('refers someone who receives försörjningsstöd and, with consent, tells them information was passed on', async () => {
    const body = proposeBody({ name: 'Amira Jönsson', birthDate: '1996-02-11', facts: { forsorjningsstod: true, consentToShareWithDistrictOffice: true } });
    const { id, response } = await propose(api, body);
    expect(response.json().proposal.outcome).toBe('REFER');

    await sign(api, id, 'REFER');
    const text = await letterText(api, id);
    expect(text).toContain('Amira Jönsson');
    expect(text).toContain('stadsdelsförvaltningen');
    expect(text).toContain('Du har samtyckt till att vi lämnar uppgifter om dig');
    expect(text).not.toContain('inte lämnat några uppgifter');
  });

  it('refers someone without consent and tells them nothing was passed on', async () => {
    const body = proposeBody({ name: 'Sofia Wåhlin', birthDate: '1999-07-22', facts: { forsorjningsstod: true, consentToShareWithDistrictOffice: false } });
    const { id, response } = await propose(api, body);
    expect(response.json().proposal.outcome).toBe('REFER');

    await sign(api, id, 'REFER');
    const text = await letterText(api, id);
    expect(text).toContain('Sofia Wåhlin');
    expect(text).toContain('Vi har därför inte lämnat några uppgifter om dig');
    expect(text).not.toContain('Du har samtyckt');
  });
});

describe('reconsideration journey', () => {
  it('makes a new decision that refers to the old, which becomes SUPERSEDED only when the new one is signed', async () => {
    const { id: firstId } = await propose(api, proposeBody({ name: 'Linnéa Östlund', birthDate: '2000-03-14' }));
    await sign(api, firstId, 'GRANT');

    const reconsidered = await api.post(
      `/v1/decisions/${firstId}/reconsiderations`,
      { reason: 'Linnéa har börjat studera på komvux på heltid.', facts: proposeBody({ facts: { studying: true } }).facts, decisionDate: api.today },
      'beslutsfattare',
    );
    expect(reconsidered.status, reconsidered.text).toBe(201);
    const newDecision = reconsidered.json();
    expect(reconsidered.headers.get('location')).toBe(`/v1/decisions/${newDecision.id}`);
    expect(newDecision.replaces).toBe(firstId);
    expect(newDecision.caseId).toBe((await api.get(`/v1/decisions/${firstId}`, 'handlaggare')).json().caseId);

    // Until the new decision is signed, the old one is in force.
    expect((await api.get(`/v1/decisions/${firstId}`, 'handlaggare')).json().status).toBe('SIGNED');

    // Four eyes: the delegate who proposed the omprövning may not decide it; a second delegate does.
    const ownSignature = await api.post(`/v1/decisions/${newDecision.id}/sign`, { finalOutcome: newDecision.proposal.outcome }, 'beslutsfattare');
    expect(ownSignature.status).toBe(403);
    const second = await api.token({ role: 'beslutsfattare', name: 'Maria Åkesson', title: 'Sektionschef', delegation: '3.1.4' });
    const signedAgain = await api.post(`/v1/decisions/${newDecision.id}/sign`, { finalOutcome: newDecision.proposal.outcome }, { token: second });
    expect(signedAgain.status, signedAgain.text).toBe(200);
    const old = (await api.get(`/v1/decisions/${firstId}`, 'handlaggare')).json();
    expect(old.status).toBe('SUPERSEDED');
    expect(old.supersededBy.decisionId).toBe(newDecision.id);
    expect((await api.get(`/v1/decisions/${newDecision.id}`, 'handlaggare')).json().status).toBe('SIGNED');
  });
});

describe('follow-up journey', () => {
  it('lists the open milestones due before a date, records one as done and records how the insats ended', async () => {
    // The insats starts on the decision day, so it can also end on a day that has come (today).
    const startsToday = { requestedPeriod: { from: api.today, to: '2025-02-28' } };
    const { id } = await propose(api, proposeBody({ name: 'Hugo Åberg', birthDate: '2002-09-30', facts: startsToday }));
    const signed = await sign(api, id, 'GRANT');
    const first = signed.milestones[0];
    expect(first).toMatchObject({ milestoneId: '01', kind: 'FIRST_JOB_PLAN', status: 'OPEN' });

    const due = await api.get(`/v1/follow-ups?dueBefore=2024-09-10`, 'handlaggare');
    expect(due.status, due.text).toBe(200);
    const mine = due.json().items.filter((item: { decisionId: string }) => item.decisionId === id);
    expect(mine.map((item: { milestoneId: string }) => item.milestoneId)).toEqual(['01']);

    const done = await api.post(`/v1/decisions/${id}/follow-ups/01`, { note: 'Jobbplan upprättad tillsammans med Hugo.' }, 'handlaggare');
    expect(done.status, done.text).toBe(200);
    expect(done.json().milestones.find((m: { milestoneId: string }) => m.milestoneId === '01').status).toBe('DONE');

    const afterDone = await api.get(`/v1/follow-ups?dueBefore=2024-09-10`, 'handlaggare');
    expect(afterDone.json().items.filter((item: { decisionId: string }) => item.decisionId === id)).toEqual([]);

    // An ending dated in the future, or before the period, is refused; the day it happened is taken.
    const future = await api.post(`/v1/decisions/${id}/ending`, { reason: 'WORK', endedOn: '2024-11-15' }, 'handlaggare');
    expect(future.status).toBe(400);
    expect(future.json().errors).toEqual([{ path: 'endedOn', pointer: '/endedOn', message: `Slutdatumet ligger i framtiden. Ange den dag insatsen faktiskt avslutades (senast ${api.today}).` }]);
    const before = await api.post(`/v1/decisions/${id}/ending`, { reason: 'WORK', endedOn: '2024-08-19' }, 'handlaggare');
    expect(before.json().errors[0].message).toBe(`Slutdatumet ska ligga inom den beviljade perioden ${api.today}–2025-02-28.`);
    const ended = await api.post(`/v1/decisions/${id}/ending`, { reason: 'WORK', endedOn: api.today, note: 'Anställning som lagerarbetare.' }, 'handlaggare');
    expect(ended.status, ended.text).toBe(200);
    const resource = ended.json();
    expect(resource.ending.reason).toBe('WORK');
    expect(resource.milestones.map((m: { status: string }) => m.status)).toEqual(['DONE', 'CLOSED', 'CLOSED', 'CLOSED']);

    const later = await api.get(`/v1/follow-ups?dueBefore=2025-06-30`, 'handlaggare');
    expect(later.json().items.filter((item: { decisionId: string }) => item.decisionId === id)).toEqual([]);
  });
});

describe('idempotent retry', () => {
  const decisionRefs = async (e2e: E2e) => (await e2e.scan()).filter((item) => item.PK?.S?.startsWith('DECISION#')).length;

  it('answers a repeated proposal with the same Idempotency-Key with the same response and stores one decision', async () => {
    const body = proposeBody({ name: 'Tove Lundström', birthDate: '2003-04-25' });
    const before = await decisionRefs(api);
    const headers = { 'Idempotency-Key': 'forslag-2024-08-20-tove-1' };

    const first = await propose(api, body, headers);
    const retry = await propose(api, body, headers);

    expect(retry.response.headers.get('location')).toBe(first.response.headers.get('location'));
    expect(retry.response.json()).toEqual(first.response.json());
    expect(await decisionRefs(api)).toBe(before + 1);
  });

  it('answers a repeated signature with the same Idempotency-Key with the same signed decision', async () => {
    const { id } = await propose(api, proposeBody({ name: 'Märta Nyström', birthDate: '1997-12-01' }));
    const headers = { 'Idempotency-Key': `beslut-${id}` };

    const first = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare', headers);
    const retry = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare', headers);

    expect(first.status, first.text).toBe(200);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.json().signed).toEqual(first.json().signed);
  });
});

