/**
 * The legal reviewer's tools over HTTP, against a rules folder with a draft rule set
 * (test/support/draft-rules.ts): compare it with the rule set it follows, replay it over the
 * decisions stored, and see what its scenarios leave untested. Bad input gets problem+json in
 * Swedish naming the field; an unknown rule set 404.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_ID, draftRulesDir } from '../support/draft-rules';
import { type E2eResponse, useE2eServer } from '../support/e2e';
import { proposeBody } from '../support/lifecycle';

const rulesDir = draftRulesDir();
const api = useE2eServer({ rulesDir });
afterAll(() => rmSync(rulesDir, { recursive: true, force: true }));

const decisions: Record<string, string> = {};

beforeAll(async () => {
  // Decided on the pinned day, 2024-08-20, under the 2001:453 rule set.
  const people = [
    ['young24', 'Elin Söderström', '2000-03-14', {}, 'GRANT'],
    ['young27', 'Oskar Lindgren', '1997-01-10', {}, 'GRANT'],
    ['notReached', 'Amira Haddad', '2001-06-02', { reachedThroughOutreach: false }, 'REFUSE'],
  ] as const;
  for (const [key, name, birthDate, facts, outcome] of people) {
    const proposed = await api.post('/v1/decisions', proposeBody({ name, birthDate, facts }), 'handlaggare');
    expect(proposed.status, proposed.text).toBe(201);
    const id = proposed.json().id as string;
    const signed = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: outcome }, 'beslutsfattare');
    expect(signed.status, signed.text).toBe(200);
    decisions[key] = id;
  }
});

function expectProblem(response: E2eResponse, status: number): Record<string, any> {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return response.json();
}

describe('GET /v1/rule-sets/{id}/comparison', () => {
  it('compares a draft with the rule set it follows, in Swedish', async () => {
    const response = await api.get(`/v1/rule-sets/${DRAFT_ID}/comparison`, 'jurist');
    expect(response.status, response.text).toBe(200);
    const comparison = response.json();
    expect(comparison.base.id).toBe('jobbtorg-sis-sol2025');
    expect(comparison.subject.id).toBe(DRAFT_ID);
    expect(comparison.summary).toEqual(expect.arrayContaining(['Kriterier: 1 borttagen, 1 ändrad', 'Parametrar: 1 ändrad', 'Utfall och rättslig grund: 1 ändrad']));
    const parameters = comparison.sections.find((s: { key: string }) => s.key === 'parameters');
    expect(parameters.changed[0].changes[0]).toEqual({ field: 'value', label: 'Värde', before: '29 år', after: '25 år' });
  });

  it('compares with the rule set named in `with`', async () => {
    const response = await api.get(`/v1/rule-sets/${DRAFT_ID}/comparison?with=jobbtorg-sis-sol2001`, 'jurist');
    expect(response.status, response.text).toBe(200);
    expect(response.json().base.id).toBe('jobbtorg-sis-sol2001');
  });

  it('answers 404 for an unknown rule set, and for an unknown one to compare with', async () => {
    const unknown = expectProblem(await api.get('/v1/rule-sets/jobbtorg-finns-inte/comparison', 'jurist'), 404);
    expect(unknown).toMatchObject({ type: '/problems/not-found', title: 'Finns inte', detail: 'Regelverket jobbtorg-finns-inte finns inte.' });
    const unknownWith = expectProblem(await api.get(`/v1/rule-sets/${DRAFT_ID}/comparison?with=jobbtorg-finns-inte`, 'jurist'), 404);
    expect(unknownWith.detail).toBe('Regelverket att jämföra med jobbtorg-finns-inte finns inte.');
  });

  it('asks for `with` for the first rule set, which follows none', async () => {
    const problem = expectProblem(await api.get('/v1/rule-sets/jobbtorg-sis-sol2001/comparison', 'jurist'), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'with', pointer: '/with', message: expect.stringContaining('följer inget annat regelverk') })]);
  });
});

describe('GET /v1/rule-sets/{id}/coverage', () => {
  it('gives the scenarios’ results and what they leave untested', async () => {
    const response = await api.get(`/v1/rule-sets/${DRAFT_ID}/coverage`, 'jurist');
    expect(response.status, response.text).toBe(200);
    const coverage = response.json();
    expect(coverage.scenarios).toMatchObject({ total: 4, passed: 4, failed: 0 });
    expect(coverage.untested.map((u: { text: string }) => u.text)).toContain('Kriteriet ”Behöver individuellt stöd”: inte uppfyllt');
    expect(coverage.outcomes.map((o: { outcome: string; scenarios: unknown[] }) => [o.outcome, o.scenarios.length])).toEqual([
      ['GRANT', 2],
      ['REFUSE', 1],
      ['REFER', 1],
      ['INCOMPLETE', 0],
    ]);
  });

  it('answers 404 for an unknown rule set', async () => {
    expectProblem(await api.get('/v1/rule-sets/jobbtorg-finns-inte/coverage', 'jurist'), 404);
  });
});

describe('GET /v1/rule-sets/{id}/replay', () => {
  it('replays the draft over the decisions stored, page by page, naming changed decisions by reference', async () => {
    const pages = [];
    let next: string | null = null;
    do {
      const query: string = `from=2024-08-01&to=2024-08-31&limit=1${next ? `&cursor=${next}` : ''}`;
      const response = await api.get(`/v1/rule-sets/${DRAFT_ID}/replay?${query}`, 'jurist');
      expect(response.status, response.text).toBe(200);
      const page = response.json();
      expect(page.replayed).toBeLessThanOrEqual(1);
      pages.push(page);
      next = page.nextCursor;
    } while (next && pages.length < 10);
    expect(next).toBeNull();
    const pairs = pages.flatMap((p) => p.pairs);
    const refused = pairs.find((p) => p.from === 'GRANT' && p.to === 'REFUSE');
    expect(refused.decisions).toEqual([{ decisionId: decisions.young27, caseNumber: expect.stringMatching(/^AMN 2024\/\d{5}$/), decisionDate: '2024-08-20', ruleSetId: 'jobbtorg-sis-sol2001' }]);
    expect(pairs.find((p) => p.from === 'REFUSE' && p.to === 'GRANT').decisions.map((d: { decisionId: string }) => d.decisionId)).toEqual([decisions.notReached]);
    const text = JSON.stringify(pages);
    for (const name of ['Elin Söderström', 'Oskar Lindgren', 'Amira Haddad', 'Götgatan']) expect(text).not.toContain(name);
  });

  it('refuses an inverted range with 400 naming `to`, in Swedish', async () => {
    const problem = expectProblem(await api.get(`/v1/rule-sets/${DRAFT_ID}/replay?from=2024-09-01&to=2024-08-01`, 'jurist'), 400);
    expect(problem).toMatchObject({ type: '/problems/validation', title: 'Ogiltiga uppgifter' });
    expect(problem.errors).toEqual([{ path: 'to', pointer: '/to', message: 'Sista beslutsdatum (to) ligger före första beslutsdatum (from). Vänd på datumen.' }]);
  });

  it('refuses an open-ended range with 400 naming the missing end', async () => {
    const noEnd = expectProblem(await api.get(`/v1/rule-sets/${DRAFT_ID}/replay?from=2024-08-01`, 'jurist'), 400);
    expect(noEnd.errors).toEqual([{ path: 'to', pointer: '/to', message: expect.stringContaining('Ett intervall utan början eller slut går inte att pröva') }]);
    const emptyEnd = expectProblem(await api.get(`/v1/rule-sets/${DRAFT_ID}/replay?from=2024-08-01&to=`, 'jurist'), 400);
    expect(emptyEnd.errors.map((e: { path: string }) => e.path)).toEqual(['to']);
    const noStart = expectProblem(await api.get(`/v1/rule-sets/${DRAFT_ID}/replay?to=2024-08-01`, 'jurist'), 400);
    expect(noStart.errors.map((e: { path: string }) => e.path)).toEqual(['from']);
  });

  it('refuses a limit out of bounds and a cursor it did not give, naming the field', async () => {
    const limit = expectProblem(await api.get(`/v1/rule-sets/${DRAFT_ID}/replay?from=2024-08-01&to=2024-08-31&limit=5000`, 'jurist'), 400);
    expect(limit.errors.map((e: { path: string }) => e.path)).toEqual(['limit']);
    const cursor = expectProblem(await api.get(`/v1/rule-sets/${DRAFT_ID}/replay?from=2024-08-01&to=2024-08-31&cursor=inte-en-cursor`, 'jurist'), 400);
    expect(cursor.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
  });

  it('answers 404 for an unknown rule set', async () => {
    const problem = expectProblem(await api.get('/v1/rule-sets/jobbtorg-finns-inte/replay?from=2024-08-01&to=2024-08-31', 'jurist'), 404);
    expect(problem.detail).toBe('Regelverket jobbtorg-finns-inte finns inte.');
  });
});
