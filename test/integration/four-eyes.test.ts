/**
 * Who may decide: never the one who proposed (four eyes), and only under a point of the
 * delegationsordning in force that covers the outcome. Reproduced defects: a delegate signed his
 * own proposal, and a delegate signed with delegation "9.9.9", which no delegationsordning has.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../functions/domain/records-schema';
import { ForbiddenError } from '../../functions/domain/errors';
import { caseWorker, delegate, lifecycle, otherDelegate, proposeBody } from '../support/lifecycle';

const withDelegation = (actor: Actor, delegationReference: string): Actor => ({ ...actor, delegationReference });

async function refusal(reason: unknown) {
  expect(reason).toBeInstanceOf(ForbiddenError);
  return reason as ForbiddenError;
}

describe('four eyes', () => {
  it('refuses the delegate who made the proposal, and stores nothing', async () => {
    const { service } = await lifecycle();
    const proposed = await service.propose(delegate, proposeBody());
    const error = await refusal(await service.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' }).catch((e: unknown) => e));
    expect(error.reason).toBe('FOUR_EYES');
    expect(error.message).toBe('Du har själv gjort förslaget och får därför inte besluta om det. En annan beslutsfattare med delegation ska fatta beslutet (fyraögonprincipen).');
    const read = await service.getDecision(caseWorker, proposed.decision.decisionId, { auditRead: false });
    expect(read.decision.status).toBe('PROPOSED');
    // Another delegate may.
    expect((await service.sign(otherDelegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' })).decision.status).toBe('SIGNED');
  });
});

describe('the delegationsordning', () => {
  it('refuses a delegation no delegationsordning has, naming the point the decision needs', async () => {
    const { service } = await lifecycle();
    const proposed = await service.propose(caseWorker, proposeBody());
    const error = await refusal(await service.sign(withDelegation(delegate, '9.9.9'), proposed.decision.decisionId, { finalOutcome: 'GRANT' }).catch((e: unknown) => e));
    expect(error.reason).toBe('DELEGATION');
    expect(error.message).toBe(
      'Delegationen 9.9.9 finns inte i nämndens delegationsordning som gäller 2024-08-20. Beslutet kräver delegation enligt punkt 3.1.4 (enhetschef vid Jobbtorg Stockholm).',
    );
  });

  it('refuses a point that does not cover the outcome, and accepts it for one it covers', async () => {
    const { service } = await lifecycle();
    const grant = await service.propose(caseWorker, proposeBody());
    const error = await refusal(await service.sign(withDelegation(delegate, '3.1.5'), grant.decision.decisionId, { finalOutcome: 'GRANT' }).catch((e: unknown) => e));
    expect(error.message).toBe('Delegationspunkt 3.1.5 omfattar inte beslut att bevilja. Beslutet kräver delegation enligt punkt 3.1.4 (enhetschef vid Jobbtorg Stockholm).');

    const refuse = await service.propose(caseWorker, proposeBody({ birthDate: '1990-03-02', name: 'Oskar Lindén' }));
    expect(refuse.decision.proposal.outcome).toBe('REFUSE');
    const signed = await service.sign(withDelegation(delegate, '3.1.5'), refuse.decision.decisionId, { finalOutcome: 'REFUSE' });
    expect(signed.decision.signed?.decisionMaker.delegationReference).toBe('3.1.5');
  });
});
