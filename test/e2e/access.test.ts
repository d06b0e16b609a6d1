/**
 * Who may call what, over HTTP: every route in the route table against every role and against a
 * caller with no token (deny by default), driven from ROUTES so that a new route is covered the day
 * it is added. And what a legal reviewer sees: decisions without personal data, never a letter.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../functions/domain/records-schema';
import { ROUTES, type RouteDefinition } from '../../functions/http/routes';
import { type Caller, useE2eServer } from '../support/e2e';
import { inForm } from '../support/identity';
import { proposeBody } from '../support/lifecycle';
import { evidenceCounter } from '../evidence/record';

const api = useE2eServer();

/** A signed grant, so that routes about a decision reach the handler with a real id. */
let decisionId = '';
let ruleSetId = '';

beforeAll(async () => {
  const proposed = await api.post('/v1/decisions', proposeBody({ name: 'Nils Ekström', birthDate: '2000-01-08' }), 'handlaggare');
  expect(proposed.status, proposed.text).toBe(201);
  decisionId = proposed.json().id;
  const signed = await api.post(`/v1/decisions/${decisionId}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
  expect(signed.status, signed.text).toBe(200);
  const ruleSets = await api.get('/v1/rule-sets', 'jurist');
  ruleSetId = ruleSets.json().items[0].id;
});

/** A concrete request for a route: real ids where there are any, its documented query example, and an empty JSON body. */
function requestFor(route: RouteDefinition): { path: string; body?: unknown } {
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'milestone') return '01';
    if (route.path.startsWith('/v1/decisions/')) return decisionId;
    if (route.path.startsWith('/v1/rule-sets/')) return ruleSetId;
    return randomUUID();
  });
  const required = Object.entries(route.query ?? {}).filter(([, q]) => q.required);
  const query = required.length > 0 ? `?${new URLSearchParams(required.map(([name, q]) => [name, q.example])).toString()}` : '';
  // An empty body is refused by validation after the role check, so an allowed caller changes nothing.
  return { path: path + query, ...(route.body ? { body: {} } : {}) };
}

const CALLERS: Array<Role | 'none'> = [...ROLES, 'none'];

/**
 * As API Gateway answers: a token without one of the route's scopes is refused by the authorizer
 * (401) before any handler runs; a tool's token carries the outreach scope, a person's the staff
 * scope (infra/constructs/route-authorization.ts). Past the authorizer, the handler refuses a role
 * the route does not list (403).
 */
function expectedFor(route: RouteDefinition, caller: Role | 'none'): 'allowed' | 401 | 403 {
  if (route.access === 'public') return 'allowed';
  if (caller === 'none') return 401;
  if (caller === 'uppsok') return route.access.includes('uppsok') ? 'allowed' : 401;
  if (!route.access.some((role) => role !== 'uppsok')) return 401;
  return route.access.includes(caller) ? 'allowed' : 403;
}

const accessEvidence = evidenceCounter('access: every route × every role and no token');
afterAll(() => accessEvidence.record());

describe('access: every route × every role and no token (deny by default)', () => {
  it('lists only known roles on every route, so no route is open or closed by a misspelt role', () => {
    for (const route of ROUTES) {
      if (route.access === 'public') continue;
      expect(route.access.length, route.id).toBeGreaterThan(0);
      for (const role of route.access) expect(ROLES, route.id).toContain(role);
    }
  });

  describe.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', (_name, route) => {
    it.each(CALLERS.map((caller) => [caller, expectedFor(route, caller)] as const))('%s: %s', async (caller, expected) => {
      accessEvidence.case();
      const { path, body } = requestFor(route);
      const response = await api.call(route.method, path, { as: caller as Caller, ...(body !== undefined ? { json: body } : {}) });
      if (expected === 'allowed') {
        expect([401, 403], `${caller} ${route.method} ${path}: ${response.text}`).not.toContain(response.status);
        expect(response.status, response.text).toBeLessThan(500);
      } else {
        expect(response.status, response.text).toBe(expected);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(response.json()).toMatchObject({ status: expected, type: expected === 401 ? '/problems/unauthorized' : '/problems/forbidden' });
      }
      accessEvidence.passed();
    });
  });
});

const privacyEvidence = evidenceCounter("privacy: legal reviewer's view has no personal data");
afterAll(() => privacyEvidence.record());

describe("a legal reviewer's view of a decision", () => {
  const applicant = {
    name: 'Åsa Björklund',
    birthDate: '1999-10-19',
    street: 'Ringvägen 87 lgh 1203',
    postalCode: '116 61',
    grounds: 'Åsa har varit hemma sedan gymnasiet och har ångest inför nya sammanhang.',
    weakGrounds: 'Har aldrig haft en anställning och saknar kontakter på arbetsmarknaden.',
    note: 'Jobbplan upprättad med Åsa på Ringvägen.',
  };

  let cases = 0;
  async function signedCaseWithFreeText(): Promise<{ id: string; pnr: string }> {
    const body = proposeBody({
      name: applicant.name,
      birthDate: applicant.birthDate,
      // A case of its own each time (one person has one case, and one live grant in it).
      serial: String(700 + cases++),
      facts: {
        woman: true,
        assessedNeed: { level: 'DEEPER_INDIVIDUAL_SUPPORT', grounds: applicant.grounds },
        weakLabourMarketPosition: { weak: true, grounds: applicant.weakGrounds },
      },
    });
    body.applicant.address = { lines: [applicant.street], postalCode: applicant.postalCode, city: 'Stockholm' };
    const proposed = await api.post('/v1/decisions', body, 'handlaggare');
    expect(proposed.status, proposed.text).toBe(201);
    const id = proposed.json().id as string;
    expect((await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare')).status).toBe(200);
    expect((await api.post(`/v1/decisions/${id}/follow-ups/01`, { note: applicant.note }, 'handlaggare')).status).toBe(200);
    return { id, pnr: body.applicant.personnummer };
  }

  function personalData(pnr: string): string[] {
    const forms = (['YYYYMMDDNNNN', 'YYYYMMDD-NNNN', 'YYMMDD-NNNN', 'YYMMDD+NNNN'] as const).map((form) => inForm(pnr, form));
    const tenDigits = pnr.replace('-', '').slice(2);
    return [
      ...forms,
      tenDigits,
      ...applicant.name.split(' '),
      applicant.street,
      'Ringvägen',
      applicant.postalCode,
      applicant.grounds,
      applicant.weakGrounds,
      applicant.note,
    ];
  }

  it('contains no name, personnummer in any form, address or free-text grounds, while a case worker sees them', async () => {
    privacyEvidence.case();
    const { id, pnr } = await signedCaseWithFreeText();

    const asCaseWorker = await api.get(`/v1/decisions/${id}`, 'handlaggare');
    const asReviewer = await api.get(`/v1/decisions/${id}`, 'jurist');

    expect(asReviewer.status).toBe(200);
    expect(asReviewer.json()).toMatchObject({ id, masked: true, applicant: null, status: 'SIGNED' });
    // The same data is there for a case worker, so the reviewer's view is masked rather than empty.
    for (const value of [pnr, applicant.name, applicant.street, applicant.postalCode, applicant.grounds, applicant.note]) expect(asCaseWorker.text).toContain(value);
    for (const value of personalData(pnr)) expect(asReviewer.text, `the reviewer's view shows "${value}"`).not.toContain(value);
    privacyEvidence.figure('personal values checked', personalData(pnr).length);
    privacyEvidence.passed();
  });

  it('masks every reason staff wrote about the person: 4:1 description, deviation, reconsideration and withdrawal', async () => {
    const texts = {
      description: 'Åsa nämnde skulder men söker inte försörjningsstöd.',
      deviation: 'Åsa Björklund har fått en provanställning efter utredningen.',
      reconsideration: 'Åsa Björklund har flyttat till Ringvägen och bytt stadsdel.',
      withdrawal: 'Omprövningen för Åsa Björklund registrerades av misstag.',
    };
    const body = proposeBody({ name: applicant.name, birthDate: applicant.birthDate, facts: { apparentEntitlementNeed: { present: false, description: texts.description } } });
    const proposed = await api.post('/v1/decisions', body, 'handlaggare');
    expect(proposed.status, proposed.text).toBe(201);
    const id = proposed.json().id as string;
    const signed = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'REFUSE', deviationReason: texts.deviation }, 'beslutsfattare');
    expect(signed.status, signed.text).toBe(200);
    const reconsidered = await api.post(`/v1/decisions/${id}/reconsiderations`, { reason: texts.reconsideration, facts: body.facts, decisionDate: api.today }, 'beslutsfattare');
    expect(reconsidered.status, reconsidered.text).toBe(201);
    const newId = reconsidered.json().id as string;
    expect((await api.post(`/v1/decisions/${newId}/withdraw`, { reason: texts.withdrawal }, 'handlaggare')).status).toBe(200);

    const staff = (await api.get(`/v1/decisions/${id}`, 'handlaggare')).text + (await api.get(`/v1/decisions/${newId}`, 'handlaggare')).text;
    const reviewer = (await api.get(`/v1/decisions/${id}`, 'jurist')).text + (await api.get(`/v1/decisions/${newId}`, 'jurist')).text;

    for (const text of Object.values(texts)) {
      expect(staff).toContain(text);
      expect(reviewer).not.toContain(text);
    }
    expect(reviewer).not.toContain('Åsa');
  });

  it('never gets the letter, and is not offered a link to it', async () => {
    const { id } = await signedCaseWithFreeText();

    const view = await api.get(`/v1/decisions/${id}`, 'jurist');
    const letter = await api.get(`/v1/decisions/${id}/letter`, 'jurist');

    expect(view.json().links.letter).toBeNull();
    expect(letter.status).toBe(403);
    expect(letter.headers.get('content-type')).toBe('application/problem+json');
    expect(letter.text).not.toContain('%PDF');
  });
});
