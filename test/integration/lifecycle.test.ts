import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../functions/domain/canonical-json';
import { ConflictError, LetterTooLargeError, NotFoundError, ValidationError } from '../../functions/domain/errors';
import { caseWorker, delegate, lifecycle, proposeBody } from '../support/lifecycle';
import { withoutRuleSetItems } from '../support/table';

describe('decision lifecycle on DynamoDB Local', () => {
  it('grants: proposal, signature with letter and follow-ups in one transaction, milestones done, insats ended', async () => {
    const { service, store, clock } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    expect(proposed.decision.status).toBe('PROPOSED');
    expect(proposed.decision.proposal.outcome).toBe('GRANT');
    expect(proposed.case.caseNumber).toMatch(/^AMN 2024\/\d{5}$/);

    const signed = await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
    expect(signed.decision.status).toBe('SIGNED');
    expect(signed.decision.signed?.decisionMaker).toEqual({
      name: 'Göran Ödmark',
      title: 'Enhetschef',
      delegationReference: '3.1.4',
      delegationTitle: 'beslut om särskild individanpassad stödinsats som bistånd enligt socialtjänstlagen',
    });
    expect(signed.milestones.map((m) => [m.kind, m.due, m.status])).toEqual([
      ['FIRST_JOB_PLAN', '2024-09-07', 'OPEN'],
      ['DEEPER_PLAN', '2024-09-30', 'OPEN'],
      ['FOLLOW_UP', '2024-12-02', 'OPEN'],
      ['FINAL_FOLLOW_UP', '2025-02-14', 'OPEN'],
    ]);

    const letter = await service.getLetter(caseWorker, proposed.decision.decisionId);
    expect(Buffer.from(letter.pdf.slice(0, 5)).toString()).toBe('%PDF-');
    expect(sha256Hex(letter.pdf)).toBe(signed.decision.signed?.letterSha256);

    const first = await service.recordMilestoneDone(caseWorker, proposed.decision.decisionId, '01', { note: 'Jobbplan upprättad tillsammans med Elin.' });
    expect(first.milestones.find((m) => m.milestoneId === '01')?.status).toBe('DONE');
    // The insats ends months later: an ending is recorded on or after the day it happened.
    clock.set('2024-11-16T09:00:00Z');
    const ended = await service.recordEnding(caseWorker, proposed.decision.decisionId, { reason: 'WORK', endedOn: '2024-11-15', note: 'Anställning som lagerarbetare.' });
    expect(ended.ending?.reason).toBe('WORK');
    expect(ended.milestones.map((m) => m.status)).toEqual(['DONE', 'CLOSED', 'CLOSED', 'CLOSED']);

    const file = await store.readCase(proposed.case.caseId);
    expect(file?.audit.map((e) => e.action)).toEqual(['CASE_CREATED', 'PROPOSED', 'SIGNED', 'MILESTONE_DONE', 'INSATS_ENDED']);
    expect((await store.readAccessLog(proposed.case.caseId)).map((e) => e.action)).toEqual(['READ_LETTER']);
    expect(file?.case.version).toBe(4);
  });

  it('refuses, with a letter and no follow-ups', async () => {
    const { service } = await lifecycle();
    const body = proposeBody({ facts: { assessedNeed: { level: 'ADVICE_AND_SUPPORT', grounds: 'Söker arbete på egen hand och behöver bara tips.' } } });
    const proposed = await service.propose(caseWorker, body);
    expect(proposed.decision.proposal.outcome).toBe('REFUSE');
    const signed = await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'REFUSE' });
    expect(signed.decision.signed?.finalOutcome).toBe('REFUSE');
    expect(signed.milestones).toEqual([]);
    expect((await service.getLetter(caseWorker, proposed.decision.decisionId)).pdf.byteLength).toBeGreaterThan(1000);
  });

  it('refers to the district office, recording whether information may be passed on', async () => {
    const { service } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody({ facts: { forsorjningsstod: true, consentToShareWithDistrictOffice: true } }));
    expect(proposed.decision.proposal.outcome).toBe('REFER');
    expect(proposed.decision.proposal.referral?.informationMayBeShared).toBe(true);
    const signed = await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'REFER' });
    expect(signed.decision.status).toBe('SIGNED');
    expect(signed.milestones).toEqual([]);
  });

  it('refuses a referral the person asked to have decided, only with a written reason, and without follow-ups', async () => {
    const { service } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody({ facts: { socialServicesContact: 'ONGOING_INSATS' } }));
    expect(proposed.decision.proposal.outcome).toBe('REFER');
    await expect(service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'REFUSE' })).rejects.toBeInstanceOf(ValidationError);
    const reason = 'Sökanden begärde i ett samtal den 19 augusti 2024 att Jobbtorg fattar ett beslut om ansökan.';
    const signed = await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'REFUSE', deviationReason: reason });
    expect(signed.decision.signed).toMatchObject({ finalOutcome: 'REFUSE', deviationReason: reason });
    expect(signed.milestones).toEqual([]);
    expect(signed.history.find((e) => e.action === 'SIGNED')?.details).toMatchObject({ deviation: true, proposedOutcome: 'REFER', finalOutcome: 'REFUSE' });
  });

  it('reconsiders: a new decision replaces the old, which stays as it was and is marked superseded', async () => {
    const { service, store, clock } = await lifecycle();
    const first = await service.propose(caseWorker, proposeBody());
    const signedFirst = await service.sign(delegate, first.decision.decisionId, { finalOutcome: 'GRANT' });

    const reconsidered = await service.reconsider(caseWorker, first.decision.decisionId, {
      reason: 'Elin har börjat studera på komvux.',
      facts: proposeBody({ facts: { studying: true } }).facts,
      decisionDate: '2024-10-01',
    });
    expect(reconsidered.decision.replaces).toBe(first.decision.decisionId);
    expect(reconsidered.decision.proposal.outcome).toBe('REFUSE');
    // Until the new decision is signed, the old one is in force.
    expect((await store.readCase(first.case.caseId))?.decisions.find((d) => d.decisionId === first.decision.decisionId)?.status).toBe('SIGNED');

    clock.set('2024-10-01T09:00:00Z');
    const signedNew = await service.sign(delegate, reconsidered.decision.decisionId, { finalOutcome: 'REFUSE' });
    expect(signedNew.decision.status).toBe('SIGNED');
    const file = await store.readCase(first.case.caseId);
    const old = file?.decisions.find((d) => d.decisionId === first.decision.decisionId);
    expect(old?.status).toBe('SUPERSEDED');
    expect(old?.supersededBy?.decisionId).toBe(reconsidered.decision.decisionId);
    // Everything else about the old decision is as it was signed.
    expect({ ...old, status: 'SIGNED', version: signedFirst.decision.version, supersededBy: undefined }).toEqual({ ...signedFirst.decision, supersededBy: undefined });
    expect(file?.milestones.filter((m) => m.decisionId === first.decision.decisionId).every((m) => m.status === 'CLOSED')).toBe(true);
    await expect(service.reconsider(caseWorker, first.decision.decisionId, { reason: 'Igen', facts: {} })).rejects.toMatchObject({ reason: 'SUPERSEDED' });
  });

  it('withdraws a proposal, which then cannot be signed', async () => {
    const { service } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    const withdrawn = await service.withdraw(caseWorker, proposed.decision.decisionId, { reason: 'Fel person registrerad.' });
    expect(withdrawn.decision.status).toBe('WITHDRAWN');
    await expect(service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'NOT_PROPOSED' });
  });

  it('never changes a signed decision: a second signature is a conflict', async () => {
    const { service } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
    await expect(service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'REFUSE', deviationReason: 'Ändrad bedömning.' })).rejects.toBeInstanceOf(ConflictError);
    await expect(service.withdraw(caseWorker, proposed.decision.decisionId, { reason: 'x' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('requires a written reason when the delegate decides otherwise than proposed', async () => {
    const { service } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    const attempt = service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'REFUSE' });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await attempt.catch((e: ValidationError) => expect(e.issues[0]?.path).toBe('deviationReason'));
    const signed = await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'REFUSE', deviationReason: 'Personen har fått en anställning efter utredningen.' });
    expect(signed.decision.signed?.deviationReason).toBe('Personen har fått en anställning efter utredningen.');
    expect(signed.history.find((e) => e.action === 'SIGNED')?.details).toMatchObject({ deviation: true, proposedOutcome: 'GRANT', finalOutcome: 'REFUSE' });
  });

  it('refuses clearly to store a letter above the safe item size, and stores nothing', async () => {
    const { service, store } = await lifecycle({ letterLimitBytes: 1000 });
    const proposed = await service.propose(caseWorker, proposeBody());
    await expect(service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' })).rejects.toBeInstanceOf(LetterTooLargeError);
    const file = await store.readCase(proposed.case.caseId);
    expect(file?.decisions[0]?.status).toBe('PROPOSED');
    expect(file?.milestones).toEqual([]);
    expect(await store.readLetter(proposed.case.caseId, proposed.decision.decisionId)).toBeUndefined();
  });

  it('refuses to sign on another day than the decision date the proposal was evaluated for', async () => {
    const { service, clock } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    clock.set('2024-08-21T07:00:00Z');
    await expect(service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' })).rejects.toMatchObject({ reason: 'DECISION_DATE_NOT_TODAY' });
    // 23:30 UTC on the 20th is already the 21st in Stockholm.
    clock.set('2024-08-20T22:30:00Z');
    await expect(service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' })).rejects.toMatchObject({ reason: 'DECISION_DATE_NOT_TODAY' });
  });

  it('answers not found for an unknown decision', async () => {
    const { service } = await lifecycle();
    await expect(service.getDecision(caseWorker, '8c1c3b1e-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stores nothing for a rejected proposal', async () => {
    const { service, client, tableName } = await lifecycle();
    await expect(service.propose(caseWorker, { ...proposeBody(), facts: { working: 'kanske' } })).rejects.toBeInstanceOf(ValidationError);
    const scan = await client.send(new ScanCommand({ TableName: tableName }));
    expect(withoutRuleSetItems(scan.Items)).toHaveLength(0);
  });

  it('records reads of personal data and of letters in the audit trail', async () => {
    const { service, store } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    await service.getDecision(delegate, proposed.decision.decisionId);
    const reads = await store.readAccessLog(proposed.case.caseId);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ action: 'READ_DECISION', actor: { id: 'u-goran', role: 'beslutsfattare' }, decisionId: proposed.decision.decisionId });
    // Reads do not grow the case's history of changes, however often it is read.
    for (let i = 0; i < 5; i++) await service.getDecision(caseWorker, proposed.decision.decisionId);
    const file = await store.readCase(proposed.case.caseId);
    expect(file?.audit.map((e) => e.action)).toEqual(['CASE_CREATED', 'PROPOSED']);
    expect(await store.readAccessLog(proposed.case.caseId)).toHaveLength(6);
    // Audit events carry no personal data of the applicant.
    const all = JSON.stringify([...(file?.audit ?? []), ...reads]);
    expect(all).not.toContain('Söderström');
    expect(all).not.toContain(proposed.case.applicant.personnummer);
  });
});

describe('due list', () => {
  it('lists open milestones due before a date across cases, overdue first, and drops done ones', async () => {
    const { service } = await lifecycle();
    const ids: string[] = [];
    for (const [i, from] of ['2024-09-02', '2024-09-09', '2024-09-16'].entries()) {
      const proposed = await service.propose(caseWorker, proposeBody({ birthDate: `2001-05-1${i + 1}`, facts: { requestedPeriod: { from, to: '2025-02-28' } } }));
      await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
      ids.push(proposed.decision.decisionId);
    }
    const due = await service.listDue('2024-09-15');
    expect(due.map((d) => [d.kind, d.due])).toEqual([
      ['FIRST_JOB_PLAN', '2024-09-07'],
      ['FIRST_JOB_PLAN', '2024-09-14'],
    ]);
    await service.recordMilestoneDone(caseWorker, ids[0] as string, '01', { note: 'Klar.' });
    expect((await service.listDue('2024-09-15')).map((d) => d.due)).toEqual(['2024-09-14']);
    expect((await service.listDue('2024-10-01')).map((d) => [d.kind, d.due])).toEqual([
      ['FIRST_JOB_PLAN', '2024-09-14'],
      ['FIRST_JOB_PLAN', '2024-09-21'],
      ['DEEPER_PLAN', '2024-09-30'],
    ]);
  });
});
