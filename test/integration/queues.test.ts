/** *Att besluta*: a delegate's start page lists the proposals waiting, oldest first, from a sparse index. */
import { describe, expect, it } from 'vitest';
import { proposalsToDecide } from '../../functions/domain/cases/queues';
import { createContext } from '../../functions/domain/context';
import { caseWorker, delegate, lifecycle, proposeBody } from '../support/lifecycle';

describe('the queue of proposals to decide', () => {
  it('lists waiting proposals oldest first with case number, proposed outcome, proposer and days waiting; a decided or withdrawn one leaves it', async () => {
    const { service, store, clock } = await lifecycle();
    const ctx = createContext({ store, ruleSets: () => { throw new Error('the queue needs no rules'); }, clock });
    clock.set('2024-08-16T09:00:00Z');
    const oldest = await service.propose(caseWorker, proposeBody({ decisionDate: '2024-08-20' }));
    clock.set('2024-08-19T09:00:00Z');
    const refusal = await service.propose(caseWorker, proposeBody({ birthDate: '1990-03-02', name: 'Oskar Lindén', decisionDate: '2024-08-20' }));
    const withdrawn = await service.propose(caseWorker, proposeBody({ birthDate: '2001-05-18', name: 'Aino Järvinen', decisionDate: '2024-08-20' }));
    clock.set('2024-08-20T09:00:00Z');
    const signed = await service.propose(caseWorker, proposeBody({ birthDate: '2002-09-30', name: 'Hugo Åberg' }));
    await service.sign(delegate, signed.decision.decisionId, { finalOutcome: 'GRANT' });
    await service.withdraw(caseWorker, withdrawn.decision.decisionId, { reason: 'Fel person.' });

    const queue = await proposalsToDecide(ctx);
    expect(queue.map((q) => q.decisionId)).toEqual([oldest.decision.decisionId, refusal.decision.decisionId]);
    expect(queue[0]).toMatchObject({
      caseNumber: oldest.case.caseNumber,
      caseId: oldest.case.caseId,
      proposedOutcome: 'GRANT',
      proposedBy: { id: caseWorker.id, name: 'Anna Lindqvist', role: 'handlaggare' },
      daysWaiting: 4,
    });
    expect(queue[1]).toMatchObject({ proposedOutcome: 'REFUSE', daysWaiting: 1 });
    // No personal data of the applicant in the queue.
    expect(JSON.stringify(queue)).not.toContain('Söderström');
    expect(JSON.stringify(queue)).not.toContain(oldest.case.applicant.personnummer);
  });
});
