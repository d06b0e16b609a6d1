/**
 * Finding cases over HTTP: search by personnummer (in the body, never the URL) or case number,
 * the case file, *Mina ärenden*, and the one-person-one-case conflicts as problem+json in Swedish.
 * No log line holds the personnummer searched for.
 */
import { describe, expect, it } from 'vitest';
import { useE2eServer } from '../support/e2e';
import { applicantTraces, inForm, personnummer } from '../support/identity';
import { proposeBody } from '../support/lifecycle';

const api = useE2eServer();

describe('POST /v1/case-searches and GET /v1/cases/{id}', () => {
  it('finds the case by personnummer and case number, opens the case file, and writes no personnummer to the logs', async () => {
    const pnr = personnummer('2000-12-05', '444');
    const body = proposeBody({ name: 'Ylva Öhrström', birthDate: '2000-12-05', serial: '444' });
    const created = await api.post('/v1/decisions', body, 'handlaggare');
    expect(created.status, created.text).toBe(201);
    expect(created.json().joinedExistingCase).toBe(false);
    const { caseId, caseNumber } = created.json();

    const byNumber = await api.post('/v1/case-searches', { query: inForm(pnr, 'YYMMDD-NNNN') }, 'beslutsfattare');
    expect(byNumber.status, byNumber.text).toBe(200);
    expect(byNumber.json()).toMatchObject({
      kind: 'PERSONNUMMER',
      items: [{ caseId, caseNumber, status: 'PROPOSAL_WAITING', applicant: { name: 'Ylva Öhrström', personnummer: pnr }, links: { self: `/v1/cases/${caseId}` } }],
    });
    expect((await api.post('/v1/case-searches', { query: caseNumber }, 'handlaggare')).json().items).toHaveLength(1);

    const file = await api.get(`/v1/cases/${caseId}`, 'handlaggare');
    expect(file.status, file.text).toBe(200);
    expect(file.json()).toMatchObject({ id: caseId, caseNumber, status: 'PROPOSAL_WAITING', applicant: { personnummer: pnr }, decisions: [{ status: 'PROPOSED' }] });
    expect(file.json().history.map((e: { action: string }) => e.action)).toEqual(['CASE_CREATED', 'PROPOSED']);

    // A legal reviewer is staff without the role (403); an outreach tool has no staff scope (401).
    for (const [role, status] of [['jurist', 403], ['uppsok', 401]] as const) {
      expect((await api.post('/v1/case-searches', { query: pnr }, role)).status, role).toBe(status);
      expect((await api.get(`/v1/cases/${caseId}`, role)).status, role).toBe(status);
    }
    const traces = applicantTraces(pnr, { name: 'Ylva Öhrström', street: 'Götgatan 12 lgh 1102', postalCode: '118 46' }).filter((t) => /\d{6}/.test(t));
    for (const line of api.logs) for (const trace of traces) expect(line).not.toContain(trace);
  });

  it('answers a name, a bad number and an unknown case as problem+json in Swedish, naming the field', async () => {
    const byName = await api.post('/v1/case-searches', { query: 'Ylva Öhrström' }, 'handlaggare');
    expect(byName.status).toBe(400);
    expect(byName.headers.get('content-type')).toContain('application/problem+json');
    expect(byName.json().errors).toEqual([expect.objectContaining({ path: 'query', message: expect.stringContaining('Sökning på namn finns inte') })]);
    expect((await api.post('/v1/case-searches', { query: '123' }, 'handlaggare')).json().errors[0].path).toBe('query');
    expect((await api.post('/v1/case-searches', {}, 'handlaggare')).status).toBe(400);
    const missing = await api.get('/v1/cases/00000000-0000-4000-8000-000000000000', 'handlaggare');
    expect(missing.status).toBe(404);
    expect(missing.json().detail).toContain('finns inte');
  });

  it('puts a second proposal for the person into their case, refuses a second open one naming the case, and flags another name', async () => {
    const body = proposeBody({ name: 'Nils Ekström', birthDate: '2000-01-08', serial: '445' });
    const first = (await api.post('/v1/decisions', body, 'handlaggare')).json();
    const again = await api.post('/v1/decisions', body, 'beslutsfattare');
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ reason: 'OPEN_PROPOSAL', case: { caseId: first.caseId, caseNumber: first.caseNumber, links: { self: `/v1/cases/${first.caseId}` } } });
    expect((await api.post(`/v1/decisions/${first.id}/withdraw`, { reason: 'Fel period.' }, 'handlaggare')).status).toBe(200);

    const renamed = await api.post('/v1/decisions', { ...body, applicant: { ...body.applicant, name: 'Nils Berg' } }, 'handlaggare');
    expect(renamed.status).toBe(409);
    expect(renamed.json()).toMatchObject({ reason: 'NAME_MISMATCH', case: { caseId: first.caseId } });
    expect(renamed.json().detail).toContain('Nils Ekström');

    const joined = await api.post('/v1/decisions', body, 'handlaggare');
    expect(joined.status, joined.text).toBe(201);
    expect(joined.json()).toMatchObject({ caseId: first.caseId, caseNumber: first.caseNumber, joinedExistingCase: true });
  });
});

describe('GET /v1/queues/mina-arenden', () => {
  it('lists the caller’s own waiting proposals with the person’s name, and not a colleague’s', async () => {
    const body = proposeBody({ name: 'Tuva Lindgren', birthDate: '2002-03-04', serial: '446' });
    const created = (await api.post('/v1/decisions', body, 'handlaggare')).json();
    const mine = await api.get('/v1/queues/mina-arenden', 'handlaggare');
    expect(mine.status, mine.text).toBe(200);
    expect(mine.json().proposals).toContainEqual(
      expect.objectContaining({ decisionId: created.id, applicantName: 'Tuva Lindgren', proposedOutcome: 'GRANT', links: { decision: `/v1/decisions/${created.id}`, case: `/v1/cases/${created.caseId}` } }),
    );
    const theirs = (await api.get('/v1/queues/mina-arenden', 'beslutsfattare')).json();
    expect(theirs.proposals.some((p: { decisionId: string }) => p.decisionId === created.id)).toBe(false);
    expect((await api.get('/v1/queues/mina-arenden', 'jurist')).status).toBe(403);
  });
});
