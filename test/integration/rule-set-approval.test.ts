/**
 * Signing re-checks the law a proposal was made under: the proposal's rule-set content must still
 * be the approved one in force on the decision date. Reproduced defect: a grant was proposed, the
 * rule set was then edited so the same facts gave a refusal, and the old proposal could still be
 * signed as a grant.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createContext } from '../../functions/domain/context';
import { ConflictError, DomainError } from '../../functions/domain/errors';
import { RuleSetCatalog, publishRuleSet } from '../../functions/domain/rule-set-catalog';
import { renderSignedDecision } from '../../functions/letters/render-letter';
import { DEFAULT_RULES_DIR, loadDelegationOrder } from '../../functions/rule-sets/load-files';
import { DynamoDbDecisionStore } from '../../functions/storage/dynamodb-store';
import { recordDevelopmentApprovals } from '../../infra/local/dev-approvals';
import { caseWorker, delegate, proposeBody, steppingClock, testPersonKeys, useCases } from '../support/lifecycle';
import { freshTable } from '../support/table';

const shipped = () => parse(readFileSync(`${DEFAULT_RULES_DIR}/jobbtorg-sis-sol2001/rule-set.yaml`, 'utf8')) as Record<string, any>;
const catalogOf = (document: unknown) => new RuleSetCatalog([publishRuleSet(document, 'rules/jobbtorg-sis-sol2001/rule-set.yaml')]);

/** The same rule set edited in place (same id and version): the age limit lowered so the applicant is outside it. */
function edited(): RuleSetCatalog {
  const document = shipped();
  document.parameters.ageMax.value = 20;
  return catalogOf(document);
}

async function services(approve: 'original' | 'both' | 'original only') {
  const original = catalogOf(shipped());
  const changed = edited();
  const { client, tableName } = await freshTable('approval', { approve: original });
  if (approve === 'both') await recordDevelopmentApprovals(client, tableName, changed);
  const clock = steppingClock();
  const store = new DynamoDbDecisionStore(client, tableName, clock);
  return {
    before: useCases(createContext({ store, ruleSets: () => original, delegations: () => loadDelegationOrder(), renderLetter: renderSignedDecision, clock, personKeys: testPersonKeys })),
    after: useCases(createContext({ store, ruleSets: () => changed, delegations: () => loadDelegationOrder(), renderLetter: renderSignedDecision, clock, personKeys: testPersonKeys })),
  };
}

describe('signing under the approved rule set', () => {
  it('refuses with a conflict to sign a proposal whose rule set was edited afterwards, even when the edit is approved', async () => {
    const { before, after } = await services('both');
    const proposed = await before.propose(caseWorker, proposeBody());
    expect(proposed.decision.proposal.outcome).toBe('GRANT');
    // Under the edited rule set the same facts refuse: the old grant must not be signed.
    const again = await after.propose(caseWorker, proposeBody({ birthDate: '2001-05-18', name: 'Aino Järvinen' }));
    expect(again.decision.proposal.outcome).toBe('REFUSE');

    const error = await after.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).reason).toBe('RULE_SET_CHANGED');
    expect((error as ConflictError).message).toContain('Regelverket har ändrats sedan förslaget gjordes');
    expect((error as ConflictError).message).toContain('gör ett nytt förslag');
  });

  it('refuses with a conflict when the content in force is not approved at all, and a new proposal then gets 422', async () => {
    const { before, after } = await services('original only');
    const proposed = await before.propose(caseWorker, proposeBody());
    const error = await after.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).reason).toBe('RULE_SET_CHANGED');

    const draft = await after.propose(caseWorker, proposeBody({ birthDate: '2001-05-18', name: 'Aino Järvinen' })).catch((e: unknown) => e);
    expect(draft).toBeInstanceOf(DomainError);
    expect((draft as DomainError).code).toBe('RULE_SET_NOT_APPROVED');
    expect((draft as DomainError).message).toContain('jobbtorg-sis-sol2001 version 1');
  });

  it('signs as before when nothing changed', async () => {
    const { before } = await services('original');
    const proposed = await before.propose(caseWorker, proposeBody());
    const signed = await before.sign(delegate, proposed.decision.decisionId, { finalOutcome: 'GRANT' });
    expect(signed.decision.status).toBe('SIGNED');
    expect(signed.decision.proposal.ruleSet.approval).toMatchObject({ development: true, approvedBy: { name: 'godkänt lokalt för utveckling' } });
  });
});
