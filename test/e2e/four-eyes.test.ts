/** Over HTTP: the proposer cannot sign (403 in Swedish), nor can a delegation the delegationsordning lacks. */
import { describe, expect, it } from 'vitest';
import { proposeBody } from '../support/lifecycle';

/** Each proposal for a person of its own: one person has one case, with one open proposal. */
let n = 0;
import { CALLERS, useE2eServer } from '../support/e2e';
import { readLetter } from '../unit/letters/pdf-reader';

const api = useE2eServer();

describe('who may sign', () => {
  it('answers 403 problem+json to the delegate who proposed, and the decision stays a proposal', async () => {
    const proposed = await api.post('/v1/decisions', proposeBody({ serial: '401' }), 'beslutsfattare');
    expect(proposed.status, proposed.text).toBe(201);
    const id = proposed.json().id;
    // The API says which final outcomes the signing rules accept for this proposal.
    expect(proposed.json().allowedFinalOutcomes).toEqual(['GRANT', 'PARTIAL', 'REFUSE']);
    const signed = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
    expect(signed.status).toBe(403);
    expect(signed.headers.get('content-type')).toContain('application/problem+json');
    expect(signed.json()).toMatchObject({ type: '/problems/forbidden', title: 'Behörighet saknas för det här beslutet', reason: 'FOUR_EYES' });
    expect(signed.json().detail).toContain('fyraögonprincipen');
    const after = (await api.get(`/v1/decisions/${id}`, 'handlaggare')).json();
    expect(after.status).toBe('PROPOSED');
    expect(after.allowedFinalOutcomes).toEqual(['GRANT', 'PARTIAL', 'REFUSE']);
  });

  it('answers 403 naming the point needed to a delegation that is not in the delegationsordning', async () => {
    const id = (await api.post('/v1/decisions', proposeBody({ serial: String(410 + n++) }), 'handlaggare')).json().id;
    const token = await api.token({ ...CALLERS.beslutsfattare, delegation: '9.9.9' });
    const signed = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, { token });
    expect(signed.status).toBe(403);
    expect(signed.json()).toMatchObject({ reason: 'DELEGATION' });
    expect(signed.json().detail).toContain('Beslutet kräver delegation enligt punkt 3.1.4');
  });
});

describe('the letter', () => {
  it('names the delegation point with its heading from the delegationsordning', async () => {
    const id = (await api.post('/v1/decisions', proposeBody({ serial: String(410 + n++) }), 'handlaggare')).json().id;
    expect((await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare')).status).toBe(200);
    const { text } = await readLetter((await api.get(`/v1/decisions/${id}/letter`, 'handlaggare')).bytes);
    expect(text.replace(/\s+/g, ' ')).toContain(
      'enligt punkt 3.1.4 (beslut om särskild individanpassad stödinsats som bistånd enligt socialtjänstlagen) i nämndens delegationsordning',
    );
  });
});
