import { describe, expect, it } from 'vitest';
import { useE2eServer } from '../support/e2e';
import { proposeBody } from '../support/lifecycle';
import { recordEvidence } from './record';

const e2e = useE2eServer();
const CONCURRENT = 50;

const auditActions = (items: Awaited<ReturnType<typeof e2e.scan>>) =>
  items.filter((i) => i.type?.S === 'AUDIT' && i.SK?.S?.startsWith('AUDIT#')).map((i) => JSON.parse(i.data?.S ?? '{}').action as string);

describe(`${CONCURRENT} simultaneous requests`, () => {
  it('sign one proposal exactly once: one 200, the rest 409, one SIGNED event, one letter', async () => {
    const id = (await e2e.post('/v1/decisions', proposeBody(), 'handlaggare')).json().id as string;
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, () => e2e.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare')),
    );
    const statuses = responses.map((r) => r.status);
    const items = await e2e.scan();
    const signedEvents = auditActions(items).filter((a) => a === 'SIGNED').length;
    const letters = items.filter((i) => i.SK?.S === `LETTER#${id}`).length;
    const ok = statuses.filter((s) => s === 200).length;
    const conflicts = statuses.filter((s) => s === 409).length;
    recordEvidence({
      check: `concurrency: ${CONCURRENT} signs of one proposal`,
      cases: CONCURRENT,
      failures: ok === 1 && conflicts === CONCURRENT - 1 && signedEvents === 1 && letters === 1 ? 0 : 1,
      figures: { '200': ok, '409': conflicts, 'SIGNED events': signedEvents, letters },
    });
    expect(ok).toBe(1);
    expect(conflicts).toBe(CONCURRENT - 1);
    expect(signedEvents).toBe(1);
    expect(letters).toBe(1);
    for (const r of responses.filter((r) => r.status === 409)) expect(r.json().type).toBe('/problems/conflict');
  });

  it('create one decision for one Idempotency-Key: every answer is that decision or "retry", and the trail shows one creation', async () => {
    const before = await e2e.scan();
    const body = proposeBody({ name: 'Per Öberg', birthDate: '1999-03-02' });
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, () => e2e.post('/v1/decisions', body, 'handlaggare', { 'idempotency-key': 'samma-nyckel-1' })),
    );
    const items = await e2e.scan();
    const created = items.filter((i) => i.type?.S === 'DECISION' && !before.some((b) => b.PK?.S === i.PK?.S && b.SK?.S === i.SK?.S));
    const ids = new Set(responses.filter((r) => r.status === 201).map((r) => r.json().id));
    const retries = responses.filter((r) => r.status === 409).length;
    const newAudit = auditActions(items).length - auditActions(before).length;
    recordEvidence({
      check: `concurrency: ${CONCURRENT} creates with one Idempotency-Key`,
      cases: CONCURRENT,
      failures: created.length === 1 && ids.size === 1 && newAudit === 2 ? 0 : 1,
      figures: { decisions: created.length, '201 (same id)': CONCURRENT - retries, '409 retry': retries, 'new audit events': newAudit },
    });
    expect(created).toHaveLength(1);
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBe(created[0]?.decisionId?.S);
    for (const r of responses) expect([201, 409]).toContain(r.status);
    // CASE_CREATED and PROPOSED, once.
    expect(newAudit).toBe(2);
  });
});
