/**
 * Only an approved rule set decides: a legal reviewer approves the exact content (sha256) over
 * HTTP, nobody else may, and until then a proposal dated in the rule set's validity gets a 422
 * that names the rule set waiting for approval. The table starts with nothing approved, as in AWS.
 */
import { describe, expect, it } from 'vitest';
import { proposeBody } from '../support/lifecycle';
import { useE2eServer } from '../support/e2e';
import { readLetter } from '../unit/letters/pdf-reader';

const api = useE2eServer({ approve: false });
const RULE_SET = 'jobbtorg-sis-sol2001';

async function current() {
  const response = await api.get(`/v1/rule-sets/${RULE_SET}`, 'jurist');
  expect(response.status, response.text).toBe(200);
  return response.json();
}

describe('approving a rule set', () => {
  it('lists an unapproved rule set as a draft, and a proposal in its validity gets a 422 naming it', async () => {
    const list = await api.get('/v1/rule-sets', 'handlaggare');
    expect(list.status).toBe(200);
    const item = list.json().items.find((i: { id: string }) => i.id === RULE_SET);
    expect(item).toMatchObject({ status: 'DRAFT', statusText: 'Utkast – inte godkänt', approval: null });

    const proposed = await api.post('/v1/decisions', proposeBody(), 'handlaggare');
    expect(proposed.status).toBe(422);
    expect(proposed.headers.get('content-type')).toContain('application/problem+json');
    const problem = proposed.json();
    expect(problem.type).toBe('/problems/rule-set-not-approved');
    expect(problem.title).toBe('Regelverket är inte godkänt');
    expect(problem.detail).toContain(`Regelverket ${RULE_SET} version 1`);
    expect(problem.detail).toContain('väntar på godkännande av en jurist');
    expect(problem.ruleSet).toMatchObject({ id: RULE_SET, sha256: item.sha256 });
  });

  it('is for the jurist only: other staff get 403, and an outreach tool or no token 401', async () => {
    const { sha256 } = await current();
    for (const role of ['handlaggare', 'beslutsfattare'] as const) {
      const response = await api.post(`/v1/rule-sets/${RULE_SET}/approvals`, { sha256 }, role);
      expect(response.status, role).toBe(403);
      expect(response.json().detail).toBe('Din roll har inte behörighet till det här.');
    }
    // A tool's token lacks the staff scope the route demands: the authorizer refuses it, as in AWS.
    expect((await api.post(`/v1/rule-sets/${RULE_SET}/approvals`, { sha256 }, 'uppsok')).status).toBe(401);
    expect((await api.post(`/v1/rule-sets/${RULE_SET}/approvals`, { sha256 }, 'none')).status).toBe(401);
  });

  it('answers 404 for an unknown rule set and 409 for content that is not the current one, in Swedish', async () => {
    const { sha256 } = await current();
    const unknown = await api.post('/v1/rule-sets/jobbtorg-finns-inte/approvals', { sha256 }, 'jurist');
    expect(unknown.status).toBe(404);
    expect(unknown.json().detail).toBe('Regelverket jobbtorg-finns-inte finns inte.');

    const stale = await api.post(`/v1/rule-sets/${RULE_SET}/approvals`, { sha256: 'a'.repeat(64) }, 'jurist');
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ reason: 'RULE_SET_CHANGED' });
    expect(stale.json().detail).toContain(`Regelverket ${RULE_SET} har ändrats sedan du läste det`);

    const malformed = await api.post(`/v1/rule-sets/${RULE_SET}/approvals`, { sha256: 'abc', confirmedParameters: ['ageMinimum'] }, 'jurist');
    expect(malformed.status).toBe(400);
    expect(malformed.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['confirmedParameters.0', 'sha256']);

    const unknownReference = await api.post(`/v1/rule-sets/${RULE_SET}/approvals`, { sha256, confirmedReferences: ['SoL:99:1'] }, 'jurist');
    expect(unknownReference.status).toBe(400);
    expect(unknownReference.json().errors).toEqual([
      { path: 'confirmedReferences.0', pointer: '/confirmedReferences/0', message: 'Hänvisningen SoL:99:1 finns inte i regelverket.' },
    ]);
    // None of these stored anything: still a draft.
    expect((await current()).status).toBe('DRAFT');
  });

  it('records who approved which content, what they confirmed one by one, and never changes it', async () => {
    const before = await current();
    expect(before.review.parameters.map((p: { key: string }) => p.key)).toContain('researchSampleBirthDays');
    expect(before.review.references.map((r: { key: string }) => r.key)).toContain('KL:13');
    expect(before.references.find((r: { key: string }) => r.key === 'KL:13')).toMatchObject({ citation: { short: '13 kap. KL' }, status: 'UNCONFIRMED' });

    const response = await api.post(
      `/v1/rule-sets/${RULE_SET}/approvals`,
      { sha256: before.sha256, confirmedParameters: ['ageMin', 'ageMax'], confirmedReferences: ['KL:13'], note: 'Åldersgränserna stämmer med KS 2022/759.' },
      'jurist',
    );
    expect(response.status, response.text).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/rule-sets/${RULE_SET}`);
    expect(response.json()).toMatchObject({
      ruleSetId: RULE_SET,
      version: 1,
      sha256: before.sha256,
      approvedBy: { name: 'Karin Sjöberg', title: 'Förvaltningsjurist' },
      confirmedParameters: ['ageMin', 'ageMax'],
      confirmedReferences: ['KL:13'],
      note: 'Åldersgränserna stämmer med KS 2022/759.',
      development: false,
    });

    const after = await current();
    expect(after.status).toBe('APPROVED');
    expect(after.statusText).toMatch(/^Godkänt av Karin Sjöberg, Förvaltningsjurist, \d{4}-\d{2}-\d{2}$/);

    const again = await api.post(`/v1/rule-sets/${RULE_SET}/approvals`, { sha256: before.sha256 }, 'jurist');
    expect(again.status).toBe(409);
    expect(again.json().reason).toBe('ALREADY_APPROVED');

    // Written once with its audit event, in the rule set's own partition.
    const items = (await api.scan()).filter((i) => i.PK?.S === `RULESET#${RULE_SET}`);
    expect(items.map((i) => i.SK?.S?.split('#')[0]).sort()).toEqual(['APPROVAL', 'AUDIT']);
    const audit = JSON.parse(items.find((i) => i.SK?.S?.startsWith('AUDIT#'))?.data?.S ?? '{}');
    expect(audit).toMatchObject({ action: 'RULE_SET_APPROVED', ruleSetId: RULE_SET, sha256: before.sha256, actor: { name: 'Karin Sjöberg', role: 'jurist' } });
  });

  it('then decides: the decision record and the letter name the approval', async () => {
    const proposed = await api.post('/v1/decisions', proposeBody(), 'handlaggare');
    expect(proposed.status, proposed.text).toBe(201);
    const decision = proposed.json();
    expect(decision.proposal.ruleSet.approval).toMatchObject({ approvedBy: { name: 'Karin Sjöberg', title: 'Förvaltningsjurist' }, development: false });

    const signed = await api.post(`/v1/decisions/${decision.id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
    expect(signed.status, signed.text).toBe(200);
    const letter = await api.get(`/v1/decisions/${decision.id}/letter`, 'handlaggare');
    const { text } = await readLetter(letter.bytes);
    expect(text.replace(/\s+/g, ' ')).toMatch(/Regelverket är granskat och godkänt av Karin Sjöberg, Förvaltningsjurist, den \d{4}-\d{2}-\d{2}\./);
  });
});
