/**
 * Issue #14.10: a referral waiting for a case worker is not kept for ever. It is culled 180 days
 * after it arrived, whatever the person's birth day (the research sample is about case files);
 * once taken up, it is kept as its case file is.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../functions/domain/errors';
import type { Actor } from '../../functions/domain/records-schema';
import { WAITING_REFERRAL_DAYS } from '../../functions/domain/referrals/referrals';
import { TTL_ATTRIBUTE } from '../../functions/storage/table';
import { keys } from '../../functions/storage/dynamodb-store';
import { evidenceCounter } from '../evidence/record';
import { personnummer } from '../support/identity';
import { caseWorker, lifecycle, proposeBody } from '../support/lifecycle';

const outreachTool: Actor = { id: 'app-client-ungdomslotsarna', name: 'Uppsökande verktyg', role: 'uppsok' };
const DAY = 24 * 60 * 60;

/** Born on the 15th: in the research sample of both rule sets, whose case files are never culled. */
const RESEARCH_BIRTH_DATE = '2003-02-15';

const referralBody = (birthDate: string) => ({
  applicant: { name: 'Nora Ekström', personnummer: personnummer(birthDate), phone: '070-123 45 67' },
  consent: { given: true, recordedOn: '2024-08-19', method: 'WRITTEN', recordedBy: 'Sami Lindgren, uppsökare' },
  note: 'Träffades på fritidsgården i Tensta; vill ha hjälp att komma vidare till studier.',
});

const evidence = evidenceCounter('#14.10 waiting referrals: culled after 180 days');
afterAll(() => evidence.record());

describe('how long a referral is kept', () => {
  it('culls a referral nobody took up 180 days after it arrived, also for a person in the research sample', async () => {
    evidence.case();
    const { service, client, tableName, clock } = await lifecycle();
    const referral = await service.createReferral(outreachTool, referralBody(RESEARCH_BIRTH_DATE));
    const arrived = Date.parse(referral.createdAt) / 1000;

    expect(WAITING_REFERRAL_DAYS).toBe(180);
    expect(referral.expiresAt).toBe(Math.floor(arrived) + 180 * DAY);
    const item = await client.send(new GetItemCommand({ TableName: tableName, Key: keys.referral(referral.referralId) }));
    expect(item.Item?.[TTL_ATTRIBUTE]).toEqual({ N: String(referral.expiresAt) });

    // The day before: still waiting, listed and readable.
    clock.set(new Date((arrived + 179 * DAY) * 1000).toISOString());
    expect((await service.listWaitingReferrals()).map((r) => r.referralId)).toEqual([referral.referralId]);
    expect((await service.getReferral(caseWorker, referral.referralId)).referralId).toBe(referral.referralId);

    // Past its period (before DynamoDB's TTL has removed it): gone for everyone.
    clock.set(new Date((arrived + 180 * DAY + 1) * 1000).toISOString());
    expect(await service.listWaitingReferrals()).toEqual([]);
    await expect(service.getReferral(caseWorker, referral.referralId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.getReferral(outreachTool, referral.referralId)).rejects.toBeInstanceOf(NotFoundError);
    const late = { ...proposeBody({ name: 'Nora Ekström', birthDate: RESEARCH_BIRTH_DATE }), decisionDate: undefined, referralId: referral.referralId };
    await expect(service.propose(caseWorker, late)).rejects.toBeInstanceOf(NotFoundError);
    evidence.passed();
  });

  it('lists the waiting ones that are still within their period, oldest first', async () => {
    evidence.case();
    const { service, clock } = await lifecycle();
    const old = await service.createReferral(outreachTool, referralBody('2003-02-11'));
    clock.set('2024-12-02T09:00:00Z');
    const newer = await service.createReferral(outreachTool, referralBody('2001-05-17'));

    clock.set(new Date(Date.parse(old.createdAt) + (180 * DAY + 60) * 1000).toISOString());

    expect((await service.listWaitingReferrals()).map((r) => r.referralId)).toEqual([newer.referralId]);
    evidence.passed();
  });

  it('keeps a referral that was taken up as its case file is kept: for the research sample, not culled', async () => {
    evidence.case();
    const { service, store, clock } = await lifecycle();
    const research = await service.createReferral(outreachTool, referralBody(RESEARCH_BIRTH_DATE));
    const other = await service.createReferral(outreachTool, referralBody('2003-02-11'));

    const researchCase = await service.propose(caseWorker, { ...proposeBody({ name: 'Nora Ekström', birthDate: RESEARCH_BIRTH_DATE }), referralId: research.referralId });
    const otherCase = await service.propose(caseWorker, { ...proposeBody({ name: 'Nora Ekström', birthDate: '2003-02-11' }), referralId: other.referralId });

    expect(researchCase.case.expiresAt).toBeNull();
    expect((await store.readReferral(research.referralId))?.expiresAt).toBeNull();
    expect((await store.readReferral(other.referralId))?.expiresAt).toBe(otherCase.case.expiresAt);
    expect(otherCase.case.expiresAt).toBeGreaterThan((other.expiresAt as number) + 4 * 365 * DAY);
    clock.set(new Date(Date.parse(research.createdAt) + (180 * DAY + 60) * 1000).toISOString());
    expect((await service.getReferral(caseWorker, research.referralId)).status).toBe('TAKEN');
    evidence.passed();
  });
});
