import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../functions/domain/dates';
import { planFollowUp } from '../../../functions/domain/follow-up-plan';
import { type FollowUpParameters } from '../../../functions/domain/proposal-schema';
import { propose } from '../../../functions/domain/propose';
import { loadCatalog } from '../../../functions/rule-sets/load-files';
import { eligibleFacts } from '../../support/facts';
import { personnummer } from '../../support/identity';
import { domainProblem } from '../../../functions/http/problems';

const catalog = loadCatalog();

const request = (facts: Record<string, unknown> = eligibleFacts(), birthDate = '2001-05-17', decisionDate = '2024-08-20') => ({
  decisionDate,
  applicant: { personnummer: personnummer(birthDate) },
  facts,
});

async function proposal(body: unknown) {
  const result = await propose(catalog, body);
  if (!result.ok) throw new Error(JSON.stringify(domainProblem(result.error)));
  return result.proposal;
}

describe('propose', () => {
  it('gives byte-identical output for the same facts, date and rule set, whatever the key order', async () => {
    const a = await proposal(request());
    const reordered = Object.fromEntries(Object.entries(eligibleFacts()).reverse());
    const b = await proposal(request(reordered));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.inputSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('survives a JSON round trip unchanged, as storage needs', async () => {
    const p = await proposal(request({ ...eligibleFacts(), woman: undefined, working: undefined }));
    expect(JSON.parse(JSON.stringify(p))).toStrictEqual(p);
  });

  it('explains every criterion of the rule set, each with its lagrum and a result for every condition', async () => {
    const p = await proposal(request());
    const ruleSet = catalog.forDate('2024-08-20' as never).ruleSet;
    expect(p.criteria.map((c) => c.id)).toEqual(ruleSet.criteria.map((c) => c.id));
    for (const c of p.criteria) {
      expect(c.lagrum.length).toBeGreaterThan(0);
      expect(c.reason.length).toBeGreaterThan(10);
      expect(c.reason).not.toMatch(/\{\{/);
      for (const check of c.checks) expect(['TRUE', 'FALSE', 'UNKNOWN']).toContain(check.result);
    }
    // The young-adult branch is decided by four recorded facts: all four are in the explanation.
    const target = p.criteria.find((c) => c.id === 'TARGET_GROUP');
    expect(target?.factsUsed.map((f) => f.fact)).toEqual(['age', 'working', 'studying', 'woman']);
    expect(target?.reason).toBe('Du tillhör målgruppen unga 19–29 år som varken arbetar eller studerar.');
  });

  it('records that 4 kap. 1 § was considered, and grants under 4 kap. 2 § with laglighetsprövning', async () => {
    const p = await proposal(request());
    expect(p.outcome).toBe('GRANT');
    expect(p.considerationOfRight.lagrum[0]?.text).toBe('4 kap. 1 § socialtjänstlagen (2001:453)');
    expect(p.considerationOfRight.reason).toMatch(/går utöver/);
    expect(p.legalBasis).toEqual({
      lagrum: [{ text: '4 kap. 2 § socialtjänstlagen (2001:453)', short: '4 kap. 2 § SoL', sfs: '2001:453' }],
      appealRoute: 'LAGLIGHETSPROVNING',
      appealLagrum: [{ text: '13 kap. kommunallagen (2017:725)', short: '13 kap. KL', sfs: '2017:725' }],
    });
  });

  it('carries the basis of every outcome the rule set defines, so a letter can follow the outcome the delegate signs', async () => {
    const p = await proposal(request());
    const ruleSet = catalog.forDate('2024-08-20' as never).ruleSet;
    expect(Object.keys(p.legalBases ?? {})).toEqual(Object.keys(ruleSet.outcomes));
    expect(p.legalBases?.GRANT).toEqual(p.legalBasis);
    expect(p.legalBases?.REFUSE.appealRoute).toBe('LAGLIGHETSPROVNING');
    expect(p.legalBases?.REFER).toEqual({ lagrum: [expect.objectContaining({ short: expect.stringContaining('Kriterier för beslut') })], appealRoute: 'NONE', appealLagrum: [] });
    const refusal = await proposal(request({ ...eligibleFacts(), reachedThroughOutreach: false }));
    expect(refusal.legalBases).toEqual(p.legalBases);
    expect(refusal.legalBasis).toEqual(p.legalBases?.REFUSE);
  });

  it('schedules the job plan, the deeper plan and follow-ups from the rule-set parameters', async () => {
    const p = await proposal(request());
    expect(p.period).toEqual({
      requested: { from: '2024-09-02', to: '2025-02-28' },
      granted: { from: '2024-09-02', to: '2025-02-28' },
      capped: false,
      maxPeriod: { value: 12, unit: 'months' },
    });
    expect(p.followUp).toEqual([
      { kind: 'FIRST_JOB_PLAN', due: '2024-09-07', parameter: 'firstJobPlan' },
      { kind: 'DEEPER_PLAN', due: '2024-09-30', parameter: 'deeperPlan' },
      { kind: 'FOLLOW_UP', due: '2024-12-02', parameter: 'followUpInterval' },
      { kind: 'FINAL_FOLLOW_UP', due: '2025-02-14', parameter: 'followUpBeforeEnd' },
    ]);
  });

  it('carries the parameters its follow-up was planned from, so a shorter period can be planned the same way later', async () => {
    const p = await proposal(request());
    expect(p.followUpParameters).toEqual({
      firstJobPlan: { value: 5, unit: 'days' },
      deeperPlan: { value: 4, unit: 'weeks' },
      followUpInterval: { value: 3, unit: 'months' },
      followUpBeforeEnd: { value: 14, unit: 'days' },
    });
    expect(planFollowUp(p.followUpParameters as FollowUpParameters, p.period?.granted as { from: IsoDate; to: IsoDate })).toEqual(p.followUp);
    const refusal = await proposal(request({ ...eligibleFacts(), reachedThroughOutreach: false }));
    expect(refusal.followUpParameters).toBeNull();
  });

  it('leaves out milestones that would fall after a very short period', async () => {
    const p = await proposal(request({ ...eligibleFacts(), requestedPeriod: { from: '2024-09-02', to: '2024-09-20' } }));
    expect(p.followUp.map((m) => m.kind)).toEqual(['FINAL_FOLLOW_UP', 'FIRST_JOB_PLAN']);
    expect(p.followUp[0]?.due).toBe('2024-09-06');
  });

  it('records for a referral whether information may be passed on, which needs consent', async () => {
    const withConsent = await proposal(request({ ...eligibleFacts(), forsorjningsstod: true, consentToShareWithDistrictOffice: true }));
    expect(withConsent.referral).toMatchObject({ consentToShare: true, informationMayBeShared: true });
    expect(withConsent.referral?.consentLagrum.map((c) => c.short)).toEqual(['26 kap. 1 § OSL', '12 kap. 2 § OSL']);
    expect(withConsent.legalBasis?.appealRoute).toBe('NONE');
    const notRecorded = await proposal(request({ ...eligibleFacts(), forsorjningsstod: true, consentToShareWithDistrictOffice: undefined }));
    expect(notRecorded.referral).toMatchObject({ consentToShare: null, informationMayBeShared: false });
  });

  it('lists, for a refusal, what would have to be different for each unmet criterion', async () => {
    const p = await proposal(request({ ...eligibleFacts(), reachedThroughOutreach: false, studying: true }));
    expect(p.outcome).toBe('REFUSE');
    const unmet = p.criteria.filter((c) => c.status === 'NOT_MET');
    expect(unmet.map((c) => c.id)).toEqual(['REACHED_BY_OUTREACH', 'TARGET_GROUP']);
    for (const c of unmet) expect(c.whatWouldChange).toBeTruthy();
    expect(p.legalBasis?.appealRoute).toBe('LAGLIGHETSPROVNING');
  });

  it('names each missing fact with where the case worker records it, and makes no legal basis', async () => {
    const { assessedNeed: _omitted, ...facts } = eligibleFacts();
    const p = await proposal(request(facts));
    expect(p.outcome).toBe('INCOMPLETE');
    expect(p.missingFacts).toEqual([{ fact: 'assessedNeed', label: 'bedömt behov', recordedAt: 'facts.assessedNeed.level' }]);
    expect(p.legalBasis).toBeNull();
    expect(p.legalBases).toBeNull();
    expect(p.criteria.find((c) => c.id === 'NEEDS_DEEPER_SUPPORT')?.status).toBe('MISSING');
  });

  it('carries no name or identity number in the proposal', async () => {
    const body = request();
    const p = await proposal(body);
    const text = JSON.stringify(p);
    expect(text).not.toContain(body.applicant.personnummer);
    expect(text).not.toContain(body.applicant.personnummer.replace('-', ''));
    expect(p.applicant).toEqual({ age: 23, identityKind: 'personnummer' });
  });
});

describe('planFollowUp', () => {
  const parameters: FollowUpParameters = {
    firstJobPlan: { value: 5, unit: 'days' },
    deeperPlan: { value: 4, unit: 'weeks' },
    followUpInterval: { value: 2, unit: 'months' },
    followUpBeforeEnd: { value: 2, unit: 'weeks' },
  };
  const period = (from: string, to: string) => ({ from: from as IsoDate, to: to as IsoDate });

  it('plans the job plans from the first day, follow-ups at each interval before the final one, and the final one before the end', () => {
    expect(planFollowUp(parameters, period('2024-09-02', '2025-01-31'))).toEqual([
      { kind: 'FIRST_JOB_PLAN', due: '2024-09-07', parameter: 'firstJobPlan' },
      { kind: 'DEEPER_PLAN', due: '2024-09-30', parameter: 'deeperPlan' },
      { kind: 'FOLLOW_UP', due: '2024-11-02', parameter: 'followUpInterval' },
      { kind: 'FOLLOW_UP', due: '2025-01-02', parameter: 'followUpInterval' },
      { kind: 'FINAL_FOLLOW_UP', due: '2025-01-17', parameter: 'followUpBeforeEnd' },
    ]);
  });

  it('never puts the final follow-up before the first day, and no regular follow-up without an interval', () => {
    const none = { ...parameters, followUpInterval: { value: 0, unit: 'months' as const } };
    expect(planFollowUp(none, period('2024-09-02', '2024-09-05'))).toEqual([{ kind: 'FINAL_FOLLOW_UP', due: '2024-09-02', parameter: 'followUpBeforeEnd' }]);
  });
});

describe('propose with bad input', () => {
  it('answers with problem+json naming each bad field in Swedish', async () => {
    const result = await propose(catalog, {
      decisionDate: '2024-02-30',
      applicant: { personnummer: '20010517-1234' },
      facts: { working: 'nej', socialServicesContact: 'SOME', assessedNeed: { level: 'DEEPER_INDIVIDUAL_SUPPORT', grounds: '  ' }, colour: 'blå' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(domainProblem(result.error).status).toBe(400);
    const byPath = Object.fromEntries((domainProblem(result.error).errors ?? []).map((e) => [e.path, e.message]));
    expect(Object.keys(byPath).sort()).toEqual([
      'applicant.personnummer',
      'decisionDate',
      'facts.assessedNeed.grounds',
      'facts.colour',
      'facts.socialServicesContact',
      'facts.working',
    ]);
    expect(byPath['decisionDate']).toBe('Ange ett giltigt datum som ÅÅÅÅ-MM-DD.');
    expect(byPath['applicant.personnummer']).toBe('Kontrollsiffran stämmer inte. Kontrollera att alla siffror är rätt.');
    expect(byPath['facts.working']).toBe('Ange ja (true) eller nej (false): arbetar personen.');
    expect(byPath['facts.colour']).toBe("Fältet 'colour' finns inte. Kontrollera stavningen.");
    expect(domainProblem(result.error).errors?.find((e) => e.path === 'facts.assessedNeed.grounds')?.pointer).toBe('/facts/assessedNeed/grounds');
  });

  it('rejects a period that ends before it starts', async () => {
    const result = await propose(catalog, request({ ...eligibleFacts(), requestedPeriod: { from: '2024-09-02', to: '2024-09-01' } }));
    expect(!result.ok && domainProblem(result.error).errors).toEqual([
      { path: 'facts.requestedPeriod.to', pointer: '/facts/requestedPeriod/to', message: 'Periodens slutdatum kan inte ligga före startdatumet.' },
    ]);
  });

  it('rejects a body that is not an object', async () => {
    for (const body of [null, 'text', 42, []]) {
      const result = await propose(catalog, body);
      expect(!result.ok && domainProblem(result.error).status).toBe(400);
    }
  });
});
