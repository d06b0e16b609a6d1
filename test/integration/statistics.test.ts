import { describe, expect, it } from 'vitest';
import { caseWorker, delegate, lifecycle, proposeBody } from '../support/lifecycle';

describe('anonymised statistics', () => {
  it('counts signed decisions by outcome, target group and age band, and endings, suppressing small cells', async () => {
    const { service, clock } = await lifecycle();
    const birthDates = ['2001-05-11', '2001-05-12', '2001-05-13', '2001-05-14', '2001-05-16', '2001-05-17'];
    const ids: string[] = [];
    for (const birthDate of birthDates) {
      const proposed = await service.propose(caseWorker, proposeBody({ birthDate }));
      await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
      ids.push(proposed.decision.decisionId);
    }
    const refused = await service.propose(caseWorker, proposeBody({ birthDate: '1990-01-02', facts: { woman: false } }));
    await service.sign(delegate, refused.decision.decisionId, { finalOutcome: 'REFUSE' });
    // A withdrawn proposal is no decision and is not counted.
    const withdrawn = await service.propose(caseWorker, proposeBody({ birthDate: '2001-05-18' }));
    await service.withdraw(caseWorker, withdrawn.decision.decisionId, { reason: 'Fel uppgifter.' });
    clock.set('2024-12-02T09:00:00Z');
    await service.recordEnding(caseWorker, ids[0] as string, { reason: 'WORK', endedOn: '2024-12-01' });

    const rows = await service.statistics('2024-08', '2024-12');
    const cell = (month: string, dimension: string, value: string) => rows.find((r) => r.month === month && r.dimension === dimension && r.value === value)?.count;
    expect(cell('2024-08', 'outcome', 'GRANT')).toBe(6);
    expect(cell('2024-08', 'outcome', 'REFUSE')).toBeNull();
    expect(cell('2024-08', 'targetGroup', 'UNGA')).toBe(6);
    expect(cell('2024-08', 'ageBand', '19–24')).toBe(6);
    expect(cell('2024-12', 'ending', 'WORK')).toBeNull();
    expect(rows.reduce((sum, r) => sum + (r.dimension === 'outcome' && r.count ? r.count : 0), 0)).toBe(6);
  });

  it('answers a bad month range with the field path', async () => {
    const { service } = await lifecycle();
    await expect(service.statistics('2024-13', '2024-01')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(service.statistics('2024-05', '2024-01')).rejects.toMatchObject({ issues: [{ path: 'to' }] });
  });
});
