/**
 * Case integrity. Reproduced defects: a second grant was signed in a case that already had a live
 * grant (two grants, eight open milestones), a case could be given a case number already in use,
 * and an ending could be dated before the decision.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../functions/domain/errors';
import { caseWorker, delegate, lifecycle, proposeBody } from '../support/lifecycle';

describe('one live grant per case', () => {
  it('refuses a second grant beside a live one; omprövning replaces it instead', async () => {
    const { service } = await lifecycle();
    const first = await service.propose(caseWorker, proposeBody());
    await service.sign(delegate, first.decision.decisionId, { finalOutcome: 'GRANT' });
    const second = await service.propose(caseWorker, { ...proposeBody(), caseId: first.case.caseId });
    const error = await service.sign(delegate, second.decision.decisionId, { finalOutcome: 'GRANT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).reason).toBe('LIVE_GRANT');
    expect((error as ConflictError).message).toBe(
      'Ärendet har redan ett gällande beslut om insatsen (beviljad 2024-09-02–2025-02-28). En ny insats beviljas genom omprövning av det beslutet, inte genom ett nytt beslut bredvid det.',
    );
    await service.withdraw(caseWorker, second.decision.decisionId, { reason: 'Ska omprövas i stället.' });
    const reconsidered = await service.reconsider(delegate, first.decision.decisionId, { reason: 'Ny period.', facts: proposeBody().facts });
    const signed = await service.sign({ ...delegate, id: 'u-maria', name: 'Maria Åkesson' }, reconsidered.decision.decisionId, { finalOutcome: 'GRANT' });
    expect(signed.decision.status).toBe('SIGNED');
    expect(signed.milestones.filter((m) => m.status === 'OPEN')).toHaveLength(4);
  });

  it('grants again once the earlier insats has ended', async () => {
    const { service, clock } = await lifecycle();
    const first = await service.propose(caseWorker, proposeBody());
    await service.sign(delegate, first.decision.decisionId, { finalOutcome: 'GRANT' });
    clock.set('2024-10-01T09:00:00Z');
    await service.recordEnding(caseWorker, first.decision.decisionId, { reason: 'INTERRUPTED', endedOn: '2024-09-30' });
    const again = await service.propose(caseWorker, { ...proposeBody({ decisionDate: '2024-10-01' }), caseId: first.case.caseId });
    expect((await service.sign(delegate, again.decision.decisionId, { finalOutcome: 'GRANT' })).decision.status).toBe('SIGNED');
  });
});

describe('endings', () => {
  it('lie within the granted period and not in the future', async () => {
    const { service, clock } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
    clock.set('2024-10-01T09:00:00Z');
    const paths = async (endedOn: string) => {
      const error = await service.recordEnding(caseWorker, proposed.decision.decisionId, { reason: 'WORK', endedOn }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues;
    };
    expect(await paths('2024-08-19')).toEqual([{ path: 'endedOn', message: 'Slutdatumet ska ligga inom den beviljade perioden 2024-09-02–2025-02-28.' }]);
    expect(await paths('2024-10-02')).toEqual([{ path: 'endedOn', message: 'Slutdatumet ligger i framtiden. Ange den dag insatsen faktiskt avslutades (senast 2024-10-01).' }]);
    expect((await service.recordEnding(caseWorker, proposed.decision.decisionId, { reason: 'WORK', endedOn: '2024-10-01' })).ending?.endedOn).toBe('2024-10-01');
  });
});

describe('case numbers', () => {
  it('are issued by the service only: a caller cannot choose one', async () => {
    const { service } = await lifecycle();
    const error = await service.propose(caseWorker, { ...proposeBody(), caseNumber: 'AMN 2024/00001' }).catch((e: unknown) => e);
    expect((error as ValidationError).issues).toEqual([{ path: 'caseNumber', message: "Fältet 'caseNumber' finns inte. Kontrollera stavningen." }]);
  });

  it('name one case only: a number already in use is refused by a conditional write', async () => {
    const { service, client, tableName } = await lifecycle();
    const first = await service.propose(caseWorker, proposeBody());
    // The counter is set back, as a restore or a bug might: the next case would reuse the number.
    await client.send(new UpdateItemCommand({ TableName: tableName, Key: { PK: { S: 'COUNTER#CASE#2024' }, SK: { S: 'COUNTER' } }, UpdateExpression: 'SET #seq = :zero', ExpressionAttributeNames: { '#seq': 'seq' }, ExpressionAttributeValues: { ':zero': { N: '0' } } }));
    const error = await service.propose(caseWorker, proposeBody({ birthDate: '2001-05-18', name: 'Aino Järvinen' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const next = await service.propose(caseWorker, proposeBody({ birthDate: '2001-05-18', name: 'Aino Järvinen' }));
    expect(next.case.caseNumber).not.toBe(first.case.caseNumber);
  });
});

describe('correcting facts', () => {
  it('replaces the open proposal in the same case: the old one is withdrawn with the reason and kept, the case number stays', async () => {
    const { service, store } = await lifecycle();
    const first = await service.propose(caseWorker, proposeBody({ facts: { assessedNeed: undefined } }));
    expect(first.decision.proposal.outcome).toBe('INCOMPLETE');
    const corrected = await service.propose(caseWorker, { ...proposeBody(), caseId: first.case.caseId, correctionReason: 'Behovsbedömningen var inte antecknad.' });
    expect(corrected.decision.proposal.outcome).toBe('GRANT');
    expect(corrected.case.caseNumber).toBe(first.case.caseNumber);
    const file = await store.readCase(first.case.caseId);
    const old = file?.decisions.find((d) => d.decisionId === first.decision.decisionId);
    expect(old).toMatchObject({ status: 'WITHDRAWN', withdrawn: { reason: 'Behovsbedömningen var inte antecknad.', by: { id: caseWorker.id } } });
    expect(file?.decisions.filter((d) => d.status === 'PROPOSED').map((d) => d.decisionId)).toEqual([corrected.decision.decisionId]);
    expect(file?.audit.map((e) => e.action)).toEqual(['CASE_CREATED', 'PROPOSED', 'WITHDRAWN', 'PROPOSED']);
  });

  it('without a reason, an open proposal still blocks a second one; a reason needs an open proposal and a case', async () => {
    const { service } = await lifecycle();
    const first = await service.propose(caseWorker, proposeBody());
    await expect(service.propose(caseWorker, { ...proposeBody(), caseId: first.case.caseId })).rejects.toMatchObject({ reason: 'OPEN_PROPOSAL' });
    // A correction belongs to a case: for a person who has none, it names the field.
    await expect(service.propose(caseWorker, { ...proposeBody({ serial: '555' }), correctionReason: 'Fel.' })).rejects.toMatchObject({ issues: [{ path: 'correctionReason' }] });
    await service.withdraw(caseWorker, first.decision.decisionId, { reason: 'Fel person.' });
    await expect(service.propose(caseWorker, { ...proposeBody(), caseId: first.case.caseId, correctionReason: 'Fel.' })).rejects.toMatchObject({
      issues: [{ path: 'correctionReason', message: 'Ärendet har inget öppet förslag att rätta. Gör ett nytt förslag utan rättelse.' }],
    });
  });
});
