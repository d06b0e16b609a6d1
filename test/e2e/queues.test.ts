/** *Att besluta* over HTTP: for delegates only, the waiting proposal listed, and gone once decided. */
import { describe, expect, it } from 'vitest';
import { proposeBody } from '../support/lifecycle';
import { useE2eServer } from '../support/e2e';

const api = useE2eServer();

describe('GET /v1/queues/att-besluta', () => {
  it('lists a waiting proposal for a delegate, with a link to it, and drops it once it is signed', async () => {
    const id = (await api.post('/v1/decisions', proposeBody(), 'handlaggare')).json().id;
    const queue = await api.get('/v1/queues/att-besluta', 'beslutsfattare');
    expect(queue.status, queue.text).toBe(200);
    const item = queue.json().items.find((i: { decisionId: string }) => i.decisionId === id);
    expect(item).toMatchObject({ proposedOutcome: 'GRANT', proposedBy: { name: 'Anna Lindqvist' }, daysWaiting: 0, links: { decision: `/v1/decisions/${id}` } });
    expect(item.caseNumber).toMatch(/^AMN 2024\/\d{5}$/);
    expect((await api.get('/v1/queues/att-besluta', 'handlaggare')).status).toBe(403);

    expect((await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare')).status).toBe(200);
    const after = (await api.get('/v1/queues/att-besluta', 'beslutsfattare')).json();
    expect(after.items.some((i: { decisionId: string }) => i.decisionId === id)).toBe(false);
  });
});
