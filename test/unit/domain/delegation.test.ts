import { describe, expect, it } from 'vitest';
import { checkDelegation, delegationOrderSchema } from '../../../functions/domain/delegation-schema';
import type { IsoDate } from '../../../functions/domain/dates';
import { loadDelegationOrder } from '../../../functions/rule-sets/load-files';

const order = loadDelegationOrder();

describe('the delegationsordning', () => {
  it('is data beside the rule sets, effective-dated, and valid', () => {
    expect(order.versions[0]?.points.map((p) => p.point)).toEqual(['3.1.4', '3.1.5']);
  });

  it('covers an outcome only under a point that lists it', () => {
    expect(checkDelegation(order, '2026-11-30' as IsoDate, '3.1.4', 'PARTIAL')).toMatchObject({ ok: true, point: { point: '3.1.4' } });
    expect(checkDelegation(order, '2026-11-30' as IsoDate, '3.1.5', 'REFER')).toMatchObject({ ok: true });
    expect(checkDelegation(order, '2026-11-30' as IsoDate, '3.1.5', 'PARTIAL')).toMatchObject({ ok: false, reason: 'NOT_COVERED' });
    expect(checkDelegation(order, '2026-11-30' as IsoDate, '3.1', 'GRANT')).toMatchObject({ ok: false, reason: 'UNKNOWN_POINT' });
  });

  it('has no version before its first date, and then nothing can be decided', () => {
    expect(checkDelegation(order, '2022-12-31' as IsoDate, '3.1.4', 'GRANT')).toEqual({ ok: false, reason: 'NO_ORDER', message: 'Ingen delegationsordning gäller på beslutsdatumet 2022-12-31.' });
  });

  it('takes the version in force on the decision date', () => {
    const later = structuredClone(order);
    later.versions.push({ ...structuredClone(order.versions[0]!), validFrom: '2026-01-01', points: [{ point: '4.2', title: 'ny punkt', delegate: 'avdelningschef', outcomes: ['GRANT'] }] });
    expect(checkDelegation(later, '2025-12-31' as IsoDate, '3.1.4', 'GRANT').ok).toBe(true);
    expect(checkDelegation(later, '2026-01-01' as IsoDate, '3.1.4', 'GRANT')).toMatchObject({ ok: false, reason: 'UNKNOWN_POINT' });
    expect(checkDelegation(later, '2026-01-01' as IsoDate, '4.2', 'GRANT').ok).toBe(true);
  });

  it('refuses a point listed twice or an outcome that does not exist', () => {
    const twice = structuredClone(order);
    twice.versions[0]!.points.push({ ...twice.versions[0]!.points[0]! });
    expect(delegationOrderSchema.safeParse(twice).success).toBe(false);
    const wrong = structuredClone(order) as unknown as { versions: Array<{ points: Array<{ outcomes: string[] }> }> };
    wrong.versions[0]!.points[0]!.outcomes = ['APPROVE'];
    expect(delegationOrderSchema.safeParse(wrong).success).toBe(false);
  });
});
