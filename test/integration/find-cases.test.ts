/**
 * Finding a person's case, on DynamoDB Local: one person has one case, found by personnummer or
 * samordningsnummer in any accepted form (through the keyed-hash person index, never the number as
 * a key) or by case number; every search and every case opened is in the access log; the case
 * file is one view; *Mina ärenden* lists a case worker's own work with the person's name.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../functions/domain/records-schema';
import { ConflictError } from '../../functions/domain/errors';
import { personKeysOf } from '../../functions/person-index/keyring';
import { dropPersonKey, reindexPersons } from '../../functions/storage/person-reindex';
import { createContext } from '../../functions/domain/context';
import { catalog, caseWorker, delegate, lifecycle, proposeBody, useCases } from '../support/lifecycle';
import { inForm, personnummer } from '../support/identity';

const otherCaseWorker: Actor = { id: 'u-sara', name: 'Sara Nilsson', role: 'handlaggare' };

describe('one person, one case', () => {
  it('puts a proposal for a person who has a case into that case, under the same case number, and says so', async () => {
    const { service } = await lifecycle();
    const first = await service.propose(caseWorker, proposeBody());
    expect(first.joinedExistingCase).toBe(false);
    await service.withdraw(caseWorker, first.decision.decisionId, { reason: 'Ofullständigt underlag.' });
    const second = await service.propose(caseWorker, proposeBody());
    expect(second.joinedExistingCase).toBe(true);
    expect(second.case.caseId).toBe(first.case.caseId);
    expect(second.case.caseNumber).toBe(first.case.caseNumber);
    const file = await service.caseFile(caseWorker, first.case.caseId);
    expect(file.file.decisions.map((d) => d.status).sort()).toEqual(['PROPOSED', 'WITHDRAWN']);
  });

  it('refuses a second open proposal for the person and names their case, so the page can open it', async () => {
    const { service } = await lifecycle();
    const first = await service.propose(caseWorker, proposeBody());
    const error = await service.propose(otherCaseWorker, proposeBody()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: 'OPEN_PROPOSAL', caseRef: { caseId: first.case.caseId, caseNumber: first.case.caseNumber } });
    expect((error as Error).message).toContain(first.case.caseNumber);
  });

  it('never silently accepts the same personnummer under another name: it is flagged, and a change needs a reason that the case keeps', async () => {
    const { service } = await lifecycle();
    const first = await service.propose(caseWorker, proposeBody({ name: 'Elin Söderström' }));
    await service.withdraw(caseWorker, first.decision.decisionId, { reason: 'Fel datum.' });
    const flagged = await service.propose(caseWorker, proposeBody({ name: 'Elin Berg' })).catch((e: unknown) => e);
    expect(flagged).toMatchObject({ reason: 'NAME_MISMATCH', caseRef: { caseId: first.case.caseId } });
    expect((flagged as Error).message).toContain('Elin Söderström');
    // Case and spacing do not make another name.
    await expect(service.propose(caseWorker, proposeBody({ name: 'elin   SÖDERSTRÖM ' }))).resolves.toMatchObject({ joinedExistingCase: true });
    const latest = (await service.caseFile(caseWorker, first.case.caseId)).file.decisions.find((d) => d.status === 'PROPOSED');
    await service.withdraw(caseWorker, latest?.decisionId ?? '', { reason: 'Namnet ska ändras.' });

    const renamed = await service.propose(caseWorker, { ...proposeBody({ name: 'Elin Berg' }), nameChangeReason: 'Nytt efternamn efter giftermål enligt folkbokföringen.' });
    expect(renamed.case.applicant.name).toBe('Elin Berg');
    expect(renamed.case.formerNames).toEqual([expect.objectContaining({ name: 'elin   SÖDERSTRÖM ', reason: 'Nytt efternamn efter giftermål enligt folkbokföringen.' })]);
    expect(renamed.history.map((e) => e.action)).toContain('APPLICANT_RENAMED');
    // A reason without another name is a mistake, named by its field.
    await service.withdraw(caseWorker, renamed.decision.decisionId, { reason: 'Test.' });
    await expect(service.propose(caseWorker, { ...proposeBody({ name: 'Elin Berg' }), nameChangeReason: 'Ingen ändring.' })).rejects.toMatchObject({
      issues: [{ path: 'nameChangeReason' }],
    });
  });

  it('makes one case when two case workers propose for a new person at the same moment', async () => {
    const { service } = await lifecycle();
    const results = await Promise.allSettled([service.propose(caseWorker, proposeBody()), service.propose(otherCaseWorker, proposeBody())]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(ConflictError) });
    expect((await service.search(caseWorker, proposeBody().applicant.personnummer)).cases).toHaveLength(1);
  });
});

describe('search', () => {
  it('finds the person’s case by personnummer in every accepted form, and by case number as staff type it', async () => {
    const { service } = await lifecycle();
    const pnr = personnummer('2001-05-17');
    const proposed = await service.propose(caseWorker, proposeBody());
    for (const form of ['YYYYMMDDNNNN', 'YYYYMMDD-NNNN', 'YYMMDD-NNNN'] as const) {
      const result = await service.search(caseWorker, inForm(pnr, form));
      expect(result.kind).toBe('PERSONNUMMER');
      expect(result.cases.map((c) => c.caseId)).toEqual([proposed.case.caseId]);
    }
    const [summary] = (await service.search(delegate, ` ${pnr} `)).cases;
    expect(summary).toMatchObject({ caseNumber: proposed.case.caseNumber, status: 'PROPOSAL_WAITING', applicant: { name: 'Elin Söderström', personnummer: pnr } });
    expect(summary?.decisions).toEqual([expect.objectContaining({ decisionId: proposed.decision.decisionId, status: 'PROPOSED', proposedOutcome: 'GRANT', finalOutcome: null })]);

    const number = proposed.case.caseNumber; // AMN 2024/00001
    const short = number.replace('AMN ', '').replace(/\/0+/, '/');
    for (const typed of [number, number.toLowerCase(), short]) {
      const result = await service.search(caseWorker, typed);
      expect(result).toMatchObject({ kind: 'CASE_NUMBER', cases: [{ caseId: proposed.case.caseId }] });
    }
  });

  it('finds a samordningsnummer, shows a signed grant as an ongoing insats, and answers an unknown person with no cases', async () => {
    const { service } = await lifecycle();
    const samordning = personnummer('2000-03-09', '982', { samordning: true });
    const body = proposeBody();
    body.applicant.personnummer = samordning;
    const proposed = await service.propose(caseWorker, body);
    await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
    expect((await service.search(caseWorker, inForm(samordning, 'YYMMDD-NNNN'))).cases).toEqual([expect.objectContaining({ status: 'INSATS_ONGOING' })]);
    expect((await service.search(caseWorker, personnummer('1999-12-01'))).cases).toEqual([]);
    expect((await service.search(caseWorker, 'AMN 2024/99999')).cases).toEqual([]);
  });

  it('answers a name, a bad check digit or nothing with a message naming the query field', async () => {
    const { service } = await lifecycle();
    await expect(service.search(caseWorker, 'Elin Söderström')).rejects.toMatchObject({ issues: [{ path: 'query', message: expect.stringContaining('Sökning på namn finns inte') }] });
    const pnr = personnummer('2001-05-17');
    const wrongCheck = pnr.slice(0, -1) + String((Number(pnr.slice(-1)) + 1) % 10);
    await expect(service.search(caseWorker, wrongCheck)).rejects.toMatchObject({ issues: [{ path: 'query', message: expect.stringContaining('Kontrollsiffran') }] });
    await expect(service.search(caseWorker, '   ')).rejects.toMatchObject({ issues: [{ path: 'query' }] });
  });

  it('writes every search to the access log with the person-index key (never the number) and what it showed, and each case shown records it', async () => {
    const { service, store, clock } = await lifecycle();
    const pnr = personnummer('2001-05-17');
    const proposed = await service.propose(caseWorker, proposeBody());
    await service.search(delegate, inForm(pnr, 'YYMMDD-NNNN'));
    await service.search(caseWorker, personnummer('1999-12-01'));
    const log = await store.readSearchLog(clock().toISOString().slice(0, 10));
    expect(log.map((e) => [e.actor.id, e.kind, e.found])).toEqual([
      [delegate.id, 'PERSONNUMMER', [proposed.case.caseId]],
      [caseWorker.id, 'PERSONNUMMER', []],
    ]);
    for (const entry of log) {
      expect(entry.searchedFor).toMatch(/^test-1:[0-9a-f]{64}$/);
      expect(JSON.stringify(entry)).not.toContain(pnr.slice(2, 8));
    }
    const access = await store.readAccessLog(proposed.case.caseId);
    expect(access).toEqual([expect.objectContaining({ action: 'FOUND_BY_SEARCH', actor: expect.objectContaining({ id: delegate.id }), details: { search: log[0]?.eventId } })]);
  });

  it('keeps no personnummer in plain text in any key of the table', async () => {
    const { service, client, tableName } = await lifecycle();
    const pnr = personnummer('2001-05-17');
    const proposed = await service.propose(caseWorker, proposeBody());
    await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
    await service.search(caseWorker, pnr);
    const items = (await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? [];
    const keyAttributes = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'];
    const digits = [pnr.replace('-', ''), pnr.replace('-', '').slice(2), pnr.slice(2, 8) + pnr.slice(9)];
    const keys = items.flatMap((item) => keyAttributes.map((k) => item[k]?.S ?? '')).filter(Boolean);
    expect(keys.some((k) => k.startsWith('PERSON#'))).toBe(true);
    for (const key of keys) for (const d of digits) expect(key).not.toContain(d);
  });
});

describe('key rotation', () => {
  it('finds cases indexed under the former key while the keyring holds it, and re-indexes a case under the current key when it changes', async () => {
    const before = { current: 'k1', k1: 'a'.repeat(40) };
    const after = { ...before, current: 'k2', k2: 'b'.repeat(40) };
    const old = await lifecycle({ personKeys: async () => personKeysOf(before) });
    const pnr = personnummer('2001-05-17');
    const proposed = await old.service.propose(caseWorker, proposeBody());
    const rotated = useCases(
      createContext({ store: old.store, ruleSets: () => catalog, clock: old.clock, personKeys: async () => personKeysOf(after) }),
    );
    const [currentKey, formerKey] = personKeysOf(after).keysOf(pnr);
    expect(currentKey?.startsWith('k2:')).toBe(true);
    expect(await old.store.casesOfPerson([currentKey as string])).toEqual([]);
    expect((await rotated.search(caseWorker, pnr)).cases.map((c) => c.caseId)).toEqual([proposed.case.caseId]);

    await rotated.withdraw(caseWorker, proposed.decision.decisionId, { reason: 'Nytt underlag.' });
    const again = await rotated.propose(caseWorker, proposeBody());
    expect(again.case.caseId).toBe(proposed.case.caseId);
    expect(await old.store.casesOfPerson([currentKey as string])).toEqual([proposed.case.caseId]);
    expect(await old.store.casesOfPerson([formerKey as string])).toEqual([proposed.case.caseId]);
  });

  it('re-indexes every case under the current key, then drops the retired key, and the case is found with the new keyring alone', async () => {
    const before = { current: 'k1', k1: 'a'.repeat(40) };
    const old = await lifecycle({ personKeys: async () => personKeysOf(before) });
    const first = await old.service.propose(caseWorker, proposeBody());
    const second = await old.service.propose(caseWorker, proposeBody({ name: 'Hugo Åberg', birthDate: '2002-09-30' }));
    const rotated = { ...before, current: 'k2', k2: 'b'.repeat(40) };
    expect(await reindexPersons(old.client, old.tableName, personKeysOf(rotated))).toEqual({ cases: 2, indexed: 2, peopleWithSeveralCases: 0 });
    expect(await dropPersonKey(old.client, old.tableName, 'k1')).toBe(6);
    const onlyNew = useCases(createContext({ store: old.store, ruleSets: () => catalog, clock: old.clock, personKeys: async () => personKeysOf({ current: 'k2', k2: 'b'.repeat(40) }) }));
    expect((await onlyNew.search(caseWorker, personnummer('2001-05-17'))).cases.map((c) => c.caseId)).toEqual([first.case.caseId]);
    expect((await onlyNew.search(caseWorker, personnummer('2002-09-30'))).cases.map((c) => c.caseId)).toEqual([second.case.caseId]);
    // The person is still claimed under the new key: a new case for them is refused, their case is used.
    await expect(onlyNew.propose(caseWorker, proposeBody())).rejects.toMatchObject({ reason: 'OPEN_PROPOSAL' });
  });
});

describe('the case file and Mina ärenden', () => {
  it('shows the person, every decision with its status, the letter, the follow-ups, the referral and the history, and logs that it was opened', async () => {
    const { service, store } = await lifecycle();
    const outreach: Actor = { id: 'app-uppsok', name: 'Uppsökande verktyg', role: 'uppsok' };
    const referral = await service.createReferral(outreach, {
      applicant: { name: 'Elin Söderström', personnummer: personnummer('2001-05-17'), phone: '070-123 45 67' },
      consent: { given: true, recordedOn: '2024-08-19', method: 'WRITTEN', recordedBy: 'Sami Lindgren, uppsökare' },
    });
    const proposed = await service.propose(caseWorker, { ...proposeBody(), referralId: referral.referralId });
    await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
    const view = await service.caseFile(caseWorker, proposed.case.caseId);
    expect(view.status).toBe('INSATS_ONGOING');
    expect(view.referral?.referralId).toBe(referral.referralId);
    expect(view.file.decisions).toEqual([expect.objectContaining({ status: 'SIGNED' })]);
    expect(view.file.milestones.length).toBeGreaterThan(0);
    expect(view.file.audit.map((e) => e.action)).toEqual(['CASE_CREATED', 'PROPOSED', 'REFERRAL_TAKEN', 'SIGNED']);
    expect((await store.readAccessLog(proposed.case.caseId)).map((e) => [e.action, e.actor.id])).toEqual([['READ_CASE', caseWorker.id]]);
    await expect(service.caseFile(caseWorker, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists a case worker’s own waiting proposals and the follow-ups of their cases with the person’s name, and nobody else’s', async () => {
    const { service, clock } = await lifecycle();
    const mine = await service.propose(caseWorker, proposeBody({ name: 'Elin Söderström', serial: '101' }));
    const granted = await service.propose(caseWorker, proposeBody({ name: 'Hugo Åberg', birthDate: '2002-09-30' }));
    await service.sign(delegate, granted.decision.decisionId, { finalOutcome: 'GRANT' });
    await service.propose(otherCaseWorker, proposeBody({ name: 'Aino Järvinen', birthDate: '2001-05-18' }));
    clock.set('2024-08-23T09:00:00Z');

    const work = await service.myWork(caseWorker);
    expect(work.proposals).toEqual([
      expect.objectContaining({ decisionId: mine.decision.decisionId, caseNumber: mine.case.caseNumber, proposedOutcome: 'GRANT', applicantName: 'Elin Söderström', daysWaiting: 3 }),
    ]);
    expect(work.followUps.length).toBeGreaterThan(0);
    expect(work.followUps.every((f) => f.caseId === granted.case.caseId && f.applicantName === 'Hugo Åberg')).toBe(true);
    expect(work.followUps.map((f) => f.due)).toEqual([...work.followUps.map((f) => f.due)].sort());

    const theirs = await service.myWork(otherCaseWorker);
    expect(theirs.proposals.map((p) => p.applicantName)).toEqual(['Aino Järvinen']);
    expect(theirs.followUps).toEqual([]);
    // Signed or withdrawn, a proposal leaves the list; a follow-up done leaves it too.
    await service.withdraw(caseWorker, mine.decision.decisionId, { reason: 'Fel underlag.' });
    const first = work.followUps[0];
    await service.recordMilestoneDone(caseWorker, first?.decisionId ?? '', first?.milestoneId ?? '', { note: 'Uppföljningssamtal hållet.' });
    const after = await service.myWork(caseWorker);
    expect(after.proposals).toEqual([]);
    expect(after.followUps.map((f) => f.milestoneId)).not.toContain(first?.milestoneId);
  });

  it('shows the person’s name in the follow-up list for everyone', async () => {
    const { service } = await lifecycle();
    const granted = await service.propose(caseWorker, proposeBody({ name: 'Hugo Åberg', birthDate: '2002-09-30' }));
    await service.sign(delegate, granted.decision.decisionId, { finalOutcome: 'GRANT' });
    const due = await service.listDue('2099-01-01');
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((d) => d.applicantName === 'Hugo Åberg')).toBe(true);
  });
});

describe('the contact person on the letter', () => {
  it('is the proposing case worker, from one staff record (name, phone and e-mail together), never typed in', async () => {
    const { service } = await lifecycle();
    const withRecord: Actor = { ...caseWorker, phone: '08-508 12 345', email: 'anna.lindqvist@stockholm.se' };
    const proposed = await service.propose(withRecord, proposeBody());
    expect(proposed.case.contact).toEqual({ name: 'Anna Lindqvist', phone: '08-508 12 345', email: 'anna.lindqvist@stockholm.se' });
    // Another case worker corrects the facts: the case's contact person is now they.
    const sara: Actor = { ...otherCaseWorker, phone: '08-508 12 399', email: 'sara.nilsson@stockholm.se' };
    const corrected = await service.propose(sara, { ...proposeBody(), caseId: proposed.case.caseId, correctionReason: 'Fel period.' });
    expect(corrected.case.contact).toEqual({ name: 'Sara Nilsson', phone: '08-508 12 399', email: 'sara.nilsson@stockholm.se' });
    // A record without phone or e-mail (or with one a letter cannot print) gets the unit's switchboard.
    const bare = await service.propose({ ...caseWorker, phone: 'ring mig' }, proposeBody({ name: 'Hugo Åberg', birthDate: '2002-09-30' }));
    expect(bare.case.contact).toEqual({ name: 'Anna Lindqvist', phone: '08-508 00 000', email: 'jobbtorg@stockholm.se' });
    // A contact person typed into the request is refused, naming the field.
    await expect(service.propose(caseWorker, { ...proposeBody({ serial: '777' }), contact: { name: 'Någon Annan', phone: '070-123 45 67', email: 'x@example.se' } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: 'contact' })],
    });
  });
});
