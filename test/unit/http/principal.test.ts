import { describe, expect, it } from 'vitest';
import { principalOf } from '../../../functions/http/principal';
import { scrub } from '../../../functions/http/logger';
import { clockFromEnvironment } from '../../../functions/handlers/context';
import { todayInStockholm } from '../../../functions/domain/dates';

const event = (claims: Record<string, unknown> | undefined) => ({ requestContext: { authorizer: claims ? { claims } : null } }) as never;

describe('principalOf', () => {
  it('reads a staff member from a Cognito ID token, with title and delegation', () => {
    expect(
      principalOf(event({ sub: 'u-1', name: 'Göran Ödmark', 'cognito:groups': 'beslutsfattare', token_use: 'id', 'custom:title': 'Enhetschef', 'custom:delegation': '3.1.4' })),
    ).toEqual({ actor: { id: 'u-1', name: 'Göran Ödmark', role: 'beslutsfattare', title: 'Enhetschef', delegationReference: '3.1.4' } });
  });

  it('reads the groups as a list, and takes the widest staff role in it', () => {
    expect(principalOf(event({ sub: 'u', name: 'A B', 'cognito:groups': ['jurist', 'handlaggare'] }))?.actor.role).toBe('handlaggare');
    expect(principalOf(event({ sub: 'u', name: 'A B', 'cognito:groups': ['jurist', 'beslutsfattare'] }))?.actor.role).toBe('beslutsfattare');
  });

  it('reads a string as one group name, whole, and never splits it into roles', () => {
    expect(principalOf(event({ sub: 'u', name: 'A B', 'cognito:groups': 'jurist' }))?.actor.role).toBe('jurist');
    for (const named of ['jurist,beslutsfattare', 'jurist beslutsfattare', '[jurist beslutsfattare]', 'beslutsfattare,', ' beslutsfattare']) {
      expect(principalOf(event({ sub: 'u', name: 'A B', 'cognito:groups': named })), named).toBeUndefined();
      expect(principalOf(event({ sub: 'u', name: 'A B', 'cognito:groups': [named] })), named).toBeUndefined();
    }
  });

  it('reads an outreach tool from a client-credentials access token with the outreach scope', () => {
    expect(principalOf(event({ sub: 'c-1', client_id: 'c-1', scope: 'jobbtorg/outreach', token_use: 'access' }))?.actor).toMatchObject({ id: 'c-1', role: 'uppsok' });
  });

  it('denies what it cannot place: no claims, no group, no name, unknown groups, a staff group named in an access token', () => {
    expect(principalOf(event(undefined))).toBeUndefined();
    expect(principalOf(event({ sub: 'u', name: 'A B' }))).toBeUndefined();
    expect(principalOf(event({ sub: 'u', 'cognito:groups': 'handlaggare' }))).toBeUndefined();
    expect(principalOf(event({ sub: 'u', name: 'A B', 'cognito:groups': 'admin' }))).toBeUndefined();
    expect(principalOf(event({ sub: 'u', name: 'A B', 'cognito:groups': 'uppsok' }))).toBeUndefined();
    expect(principalOf(event({ sub: '', name: 'A B', 'cognito:groups': 'handlaggare' }))).toBeUndefined();
  });
});

describe('scrub', () => {
  it('removes identity numbers in every written form from a log line', () => {
    const line = JSON.stringify({ a: '20010517-9824', b: '200105179824', c: '010517-9824', d: '010517+9824', e: '0105179824' });
    expect(scrub(line)).not.toMatch(/\d{6}/);
  });

  it('leaves ids, dates and counts alone', () => {
    const line = JSON.stringify({ date: '2024-08-20', ms: 123, id: '3450ec74-ed1d-41fa-8296-1c1dc52da288' });
    expect(scrub(line)).toBe(line);
  });
});

describe('clockFromEnvironment', () => {
  it('pins the Stockholm date locally when JOBBTORG_LOCAL_TODAY is set', () => {
    expect(todayInStockholm(clockFromEnvironment({ JOBBTORG_LOCAL_TODAY: '2025-06-30' })())).toBe('2025-06-30');
  });

  it('never pins the date inside Lambda', () => {
    const clock = clockFromEnvironment({ JOBBTORG_LOCAL_TODAY: '2025-06-30', AWS_LAMBDA_FUNCTION_NAME: 'sign-decision' });
    expect(Math.abs(clock().getTime() - Date.now())).toBeLessThan(5000);
  });
});
