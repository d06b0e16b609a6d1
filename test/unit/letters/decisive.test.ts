import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { propose } from '../../../functions/domain/propose';
import { RuleSetCatalog, publishRuleSet } from '../../../functions/domain/rule-set-catalog';
import { decisiveFacts } from '../../../functions/letters/decisive';
import { catalog } from '../../fixtures/letters/decisions';
import { eligibleFacts } from '../../support/facts';
import { personnummer } from '../../support/identity';
import { domainProblem } from '../../../functions/http/problems';

const DECISION_DATE = '2024-03-15';
/** 23 and 40 years old on the decision date. */
const YOUNG = '2000-09-12';
const OLDER = '1983-10-04';

async function criterion(id: string, birthDate: string, facts: Record<string, unknown>, ruleSets: RuleSetCatalog = catalog) {
  const result = await propose(ruleSets, { decisionDate: DECISION_DATE, applicant: { personnummer: personnummer(birthDate, '986') }, facts: eligibleFacts(facts) });
  if (!result.ok) throw new Error(JSON.stringify(domainProblem(result.error)));
  const found = result.proposal.criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
}

const weak = (isWeak: boolean) => ({ weak: isWeak, grounds: 'Har inte haft ett arbete på flera år.' });

describe('the decisive facts of a criterion (FL 32 §)', () => {
  it('for a young adult in the target group are the age, work and studies, not whether she is a woman with a weak position', async () => {
    const c = await criterion('TARGET_GROUP', YOUNG, { woman: true, weakLabourMarketPosition: weak(false) });
    expect(c.status).toBe('MET');
    expect([...decisiveFacts(c)]).toEqual(['age', 'working', 'studying']);
  });

  it('for a woman in the target group by her weak position are those two, not her age, work or studies', async () => {
    const c = await criterion('TARGET_GROUP', OLDER, { woman: true, weakLabourMarketPosition: weak(true) });
    expect(c.status).toBe('MET');
    expect([...decisiveFacts(c)]).toEqual(['woman', 'weakLabourMarketPosition']);
  });

  it('for someone in both target groups are the facts of both', async () => {
    const c = await criterion('TARGET_GROUP', YOUNG, { woman: true, weakLabourMarketPosition: weak(true) });
    expect([...decisiveFacts(c)].sort()).toEqual(['age', 'studying', 'weakLabourMarketPosition', 'woman', 'working']);
  });

  it('for a man of 40 outside the target groups are his age and that he is not a woman', async () => {
    const c = await criterion('TARGET_GROUP', OLDER, {});
    expect(c.status).toBe('NOT_MET');
    expect([...decisiveFacts(c)]).toEqual(['age', 'woman']);
  });

  it('for a woman of 40 without a weak position are her age and the assessment of her position', async () => {
    const c = await criterion('TARGET_GROUP', OLDER, { woman: true, weakLabourMarketPosition: weak(false) });
    expect(c.status).toBe('NOT_MET');
    expect([...decisiveFacts(c)]).toEqual(['age', 'weakLabourMarketPosition']);
  });

  it('for a young man who works name the first condition of each alternative that failed, in the rule set\'s order', async () => {
    const c = await criterion('TARGET_GROUP', YOUNG, { working: true, studying: true });
    expect(c.status).toBe('NOT_MET');
    expect([...decisiveFacts(c)]).toEqual(['working', 'woman']);
  });

  it('for a criterion on one fact are that fact, met or not', async () => {
    expect([...decisiveFacts(await criterion('NO_FORSORJNINGSSTOD', YOUNG, {}))]).toEqual(['forsorjningsstod']);
    const refer = await criterion('NO_FORSORJNINGSSTOD', YOUNG, { forsorjningsstod: true });
    expect(refer.status).toBe('NOT_MET');
    expect([...decisiveFacts(refer)]).toEqual(['forsorjningsstod']);
  });

  it('are none where a fact is missing and nothing was decided', async () => {
    const c = await criterion('NEEDS_DEEPER_SUPPORT', YOUNG, { assessedNeed: undefined });
    expect(c.status).toBe('MISSING');
    expect(decisiveFacts(c).size).toBe(0);
  });

  it('follow the rule set\'s condition tree: when an alternative applied, only the failed condition outside the alternatives decided', async () => {
    // A reviewer's variant: the target group also requires outreach, outside the labelled alternatives.
    const document = parse(readFileSync(new URL('../../../rules/jobbtorg-sis-sol2001/rule-set.yaml', import.meta.url), 'utf8'));
    document.id = 'jobbtorg-variant-nested';
    const group = document.criteria.find((c: { id: string }) => c.id === 'TARGET_GROUP');
    group.conditions = { all: [{ fact: 'reachedThroughOutreach', operator: 'equal', value: true }, group.conditions] };
    const variant = new RuleSetCatalog([publishRuleSet(document, 'test variant')]);

    const notReached = await criterion('TARGET_GROUP', YOUNG, { reachedThroughOutreach: false }, variant);
    expect(notReached.status).toBe('NOT_MET');
    expect([...decisiveFacts(notReached)]).toEqual(['reachedThroughOutreach']);

    const reached = await criterion('TARGET_GROUP', YOUNG, {}, variant);
    expect(reached.status).toBe('MET');
    expect([...decisiveFacts(reached)]).toEqual(['reachedThroughOutreach', 'age', 'working', 'studying']);
  });
});
