/**
 * The access log of a case, for the managers' log check: the reads of the case (searches that
 * showed it, the case file, decisions, letters), the latest first, apart from its history of
 * changes; reading the log is logged too. On DynamoDB Local.
 */
import { describe, expect, it } from 'vitest';
import { caseWorker, delegate, lifecycle, otherDelegate, proposeBody } from '../support/lifecycle';

describe('the access log of a case', () => {
  it('lists who searched for the case and read it, the latest first, without the changes, and logs that it was read', async () => {
    const { service } = await lifecycle();
    const body = proposeBody();
    const proposed = await service.propose(caseWorker, body);
    await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
    await service.search(caseWorker, body.applicant.personnummer);
    await service.caseFile(caseWorker, proposed.case.caseId);
    await service.getLetter(caseWorker, proposed.decision.decisionId);

    const log = await service.accessLog(otherDelegate, proposed.case.caseId);

    expect(log.caseNumber).toBe(proposed.case.caseNumber);
    expect(log.entries.map((e) => [e.action, e.actor.id])).toEqual([
      ['READ_LETTER', caseWorker.id],
      ['READ_CASE', caseWorker.id],
      ['FOUND_BY_SEARCH', caseWorker.id],
    ]);
    // The manager's own reading is the latest entry the next time.
    const again = await service.accessLog(delegate, proposed.case.caseId);
    expect(again.entries.map((e) => [e.action, e.actor.id])[0]).toEqual(['READ_ACCESS_LOG', otherDelegate.id]);
    expect(again.entries).toHaveLength(4);
    // Reads never enter the case's history of changes.
    const file = await service.caseFile(caseWorker, proposed.case.caseId);
    expect(file.file.audit.map((e) => e.action)).not.toContain('READ_ACCESS_LOG');
  });

  it('answers 404 for a case that does not exist, and logs nothing', async () => {
    const { service, store } = await lifecycle();
    await expect(service.accessLog(delegate, 'c0ffee00-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.readAccessLog('c0ffee00-0000-4000-8000-000000000000')).toEqual([]);
  });
});
