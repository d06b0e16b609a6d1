import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../functions/domain/records-schema';
import { ConflictError, NotFoundError, ValidationError } from '../../functions/domain/errors';
import { personnummer } from '../support/identity';
import { caseWorker, lifecycle, proposeBody } from '../support/lifecycle';
import { withoutRuleSetItems } from '../support/table';

const outreachTool: Actor = { id: 'app-client-ungdomslotsarna', name: 'Uppsökande verktyg', role: 'uppsok' };
const otherTool: Actor = { id: 'app-client-annat', name: 'Annat verktyg', role: 'uppsok' };

const screeningFacts = {
  reachedThroughOutreach: true,
  working: false,
  studying: false,
  woman: false,
  forsorjningsstod: false,
  socialServicesContact: 'NONE',
  apparentEntitlementNeed: false,
  assessedNeed: 'DEEPER_INDIVIDUAL_SUPPORT',
};

describe('anonymous screening', () => {
  it('gives the likely path with the criteria, and keeps only a count', async () => {
    const { service, client, tableName } = await lifecycle();
    const result = await service.screen({ decisionDate: '2024-08-20', age: 23, facts: screeningFacts });
    expect(result.likelyPath).toBe('JOBBTORG_DECISION');
    expect(result.criteria.map((c) => c.status)).toEqual(['MET', 'MET', 'MET', 'MET', 'MET', 'MET']);
    const refer = await service.screen({ decisionDate: '2024-08-20', age: 23, facts: { ...screeningFacts, forsorjningsstod: true } });
    expect(refer.likelyPath).toBe('REFERRAL');
    expect(refer.referralReasons).toEqual(['Får inte försörjningsstöd']);
    const items = withoutRuleSetItems((await client.send(new ScanCommand({ TableName: tableName }))).Items);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ PK: { S: 'STATS#SCREENING' }, SK: { S: 'MONTH#2024-08' }, TOTAL: { N: '2' }, JOBBTORG_DECISION: { N: '1' }, REFERRAL: { N: '1' } });
  });

  it('lists the refusal reasons for someone outside the target groups', async () => {
    const { service } = await lifecycle();
    const result = await service.screen({ decisionDate: '2024-08-20', age: 35, facts: screeningFacts });
    expect(result.likelyPath).toBe('REFUSAL');
    expect(result.refusalReasons).toEqual(['Tillhör en av målgrupperna']);
  });

  it('says the path depends on the exact birth date when the birthday month straddles an age limit', async () => {
    const { service } = await lifecycle();
    // Born in August 2005: 18 or 19 on 2024-08-20 depending on the day.
    const result = await service.screen({ decisionDate: '2024-08-20', birthYearMonth: '2005-08', facts: screeningFacts });
    expect(result.age).toEqual({ min: 18, max: 19 });
    expect(result.likelyPath).toBe('DEPENDS_ON_EXACT_BIRTH_DATE');
    const certain = await service.screen({ decisionDate: '2024-08-20', birthYearMonth: '2001-08', facts: screeningFacts });
    expect(certain.likelyPath).toBe('JOBBTORG_DECISION');
  });

  it('accepts no personnummer, name or free text, and stores nothing for a rejected check', async () => {
    const { service, client, tableName } = await lifecycle();
    const error = await service.screen({ decisionDate: '2024-08-20', personnummer: personnummer('2001-05-17'), facts: { ...screeningFacts, name: 'Elin' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((e) => e.path).sort()).toEqual(['age', 'facts.name', 'personnummer']);
    expect(withoutRuleSetItems((await client.send(new ScanCommand({ TableName: tableName }))).Items)).toHaveLength(0);
  });
});

describe('referrals from outreach tools', () => {
  const referralBody = () => ({
    applicant: { name: 'Nora Ekström', personnummer: personnummer('2003-02-11'), phone: '070-123 45 67' },
    consent: { given: true, recordedOn: '2024-08-19', method: 'WRITTEN', recordedBy: 'Sami Lindgren, uppsökare' },
    note: 'Träffades på fritidsgården i Tensta; vill ha hjälp att komma vidare till studier.',
  });

  it('registers a person with consent as waiting for a case worker, until a proposal takes it up', async () => {
    const { service, store } = await lifecycle();
    const referral = await service.createReferral(outreachTool, referralBody());
    expect(referral.status).toBe('WAITING');
    expect((await service.listWaitingReferrals()).map((r) => r.referralId)).toEqual([referral.referralId]);

    const proposed = await service.propose(caseWorker, { ...proposeBody({ name: 'Nora Ekström', birthDate: '2003-02-11' }), referralId: referral.referralId });
    expect(proposed.history.map((e) => e.action)).toContain('REFERRAL_TAKEN');
    expect(await service.listWaitingReferrals()).toEqual([]);
    const taken = await store.readReferral(referral.referralId);
    expect(taken?.taken).toMatchObject({ caseId: proposed.case.caseId, decisionId: proposed.decision.decisionId });
    await expect(service.propose(caseWorker, { ...proposeBody({ birthDate: '2003-02-11' }), referralId: referral.referralId })).rejects.toBeInstanceOf(ConflictError);
  });

  it('lets a tool read back only the status of its own referrals', async () => {
    const { service } = await lifecycle();
    const referral = await service.createReferral(outreachTool, referralBody());
    const own = await service.getReferral(outreachTool, referral.referralId);
    expect(own).toEqual({ referralId: referral.referralId, status: 'WAITING', createdAt: referral.createdAt });
    await expect(service.getReferral(otherTool, referral.referralId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('shows staff the whole referral and audits the read', async () => {
    const { service, client, tableName } = await lifecycle();
    const referral = await service.createReferral(outreachTool, referralBody());
    const seen = await service.getReferral(caseWorker, referral.referralId);
    expect(seen).toMatchObject({ applicant: { name: 'Nora Ekström' }, consent: { method: 'WRITTEN' } });
    const audit = withoutRuleSetItems((await client.send(new ScanCommand({ TableName: tableName }))).Items).filter((i) => i.type?.S === 'AUDIT');
    expect(audit.map((i) => JSON.parse(i.data?.S ?? '{}').action).sort()).toEqual(['READ_REFERRAL', 'REFERRAL_RECEIVED']);
  });

  it('requires recorded consent', async () => {
    const { service } = await lifecycle();
    await expect(service.createReferral(outreachTool, { ...referralBody(), consent: { ...referralBody().consent, given: false } })).rejects.toBeInstanceOf(ValidationError);
  });
});
