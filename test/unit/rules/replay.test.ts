/**
 * The pure part of a replay: one stored decision run again under another rule set, and the tally
 * of decisions per outcome pair that pages add up to. (Reading the decisions from DynamoDB, paging
 * and the access log are in test/integration/replay.test.ts.)
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { propose } from '../../../functions/domain/propose';
import { type DecisionForReplay, decisionForReplaySchema } from '../../../functions/domain/records-schema';
import { type DecisionRef, ReplayTally, mergeReplayPairs, replayDecision } from '../../../functions/domain/rule-sets/replay';
import { loadCatalog } from '../../../functions/rule-sets/load-files';
import { DRAFT_ID, draftRulesDir } from '../../support/draft-rules';
import { eligibleFacts } from '../../support/facts';
import { personnummer } from '../../support/identity';

const dir = draftRulesDir();
const catalog = loadCatalog(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const draft = catalog.get(DRAFT_ID);
if (!draft) throw new Error('no draft rule set');

/** A decision as stored: proposed under the rule set in force on its date, signed as proposed. */
async function stored(birthDate: string, facts: Record<string, unknown> = {}, decisionDate = '2024-08-20'): Promise<DecisionForReplay> {
  const result = await propose(catalog, { decisionDate, applicant: { personnummer: personnummer(birthDate) }, facts: eligibleFacts(facts) });
  if (!result.ok) throw new Error(result.error.message);
  return decisionForReplaySchema.parse({
    decisionId: crypto.randomUUID(),
    caseId: crypto.randomUUID(),
    status: 'SIGNED',
    decisionDate,
    facts: result.request.facts,
    proposal: result.proposal,
    signed: { finalOutcome: result.proposal.outcome },
  });
}

const ref = (d: DecisionForReplay): DecisionRef => ({ decisionId: d.decisionId, caseNumber: 'AMN 2024/00001', decisionDate: d.decisionDate, ruleSetId: d.proposal.ruleSet.id });

describe('replaying one stored decision', () => {
  it('refuses under the draft someone who was 27 on the decision date: in the old target group (19–29), not in the new (19–25)', async () => {
    const { before, after } = await replayDecision(draft as NonNullable<typeof draft>, await stored('1997-01-10'));
    expect(before.outcome).toBe('GRANT');
    expect(after.outcome).toBe('REFUSE');
    expect(after.criteria.get('TARGET_GROUP')?.status).toBe('NOT_MET');
  });

  it('uses the age on the original decision date, not today: 24 then is in the draft’s target group, whatever the age now', async () => {
    // Born 2000-03-14: 24 on 2024-08-20, 26 from 2026-03-14.
    const { after } = await replayDecision(draft as NonNullable<typeof draft>, await stored('2000-03-14'));
    expect(after.outcome).toBe('GRANT');
    expect(after.criteria.get('TARGET_GROUP')?.status).toBe('MET');
  });

  it('uses the facts as recorded: what was not recorded stays missing', async () => {
    const decision = await stored('2000-03-14');
    delete decision.facts.working;
    const { after } = await replayDecision(draft as NonNullable<typeof draft>, decision);
    expect(after.outcome).toBe('INCOMPLETE');
    expect(after.criteria.get('TARGET_GROUP')?.status).toBe('MISSING');
  });
});

describe('the tally of a replay', () => {
  it('counts decisions per outcome pair and names only those that changed', async () => {
    const tally = new ReplayTally();
    for (const decision of [await stored('1997-01-10'), await stored('2000-03-14'), await stored('2001-06-02', { reachedThroughOutreach: false })]) {
      const { before, after } = await replayDecision(draft as NonNullable<typeof draft>, decision);
      tally.add(ref(decision), before, after);
    }
    const pairs = tally.result();
    expect(pairs.map((p) => [p.from, p.to, p.count, p.changed, p.decisions.length])).toEqual([
      ['GRANT', 'REFUSE', 1, 1, 1],
      ['REFUSE', 'GRANT', 1, 1, 1],
      ['GRANT', 'GRANT', 1, 0, 0],
    ]);
    expect(pairs[0]?.criteria).toEqual([
      { id: 'TARGET_GROUP', title: 'Tillhör en av målgrupperna', transitions: [{ from: 'MET', to: 'NOT_MET', count: 1 }] },
      { id: 'REACHED_BY_OUTREACH', title: 'Nådd genom det uppsökande uppdraget', transitions: [{ from: 'MET', to: null, count: 1 }] },
    ]);
  });

  it('adds pages up to what one page over all the decisions gives', async () => {
    const decisions = [await stored('1997-01-10'), await stored('1996-02-01'), await stored('2000-03-14'), await stored('2002-11-23', { forsorjningsstod: true })];
    const whole = new ReplayTally();
    const pages = [new ReplayTally(), new ReplayTally(), new ReplayTally()];
    for (const [i, decision] of decisions.entries()) {
      const { before, after } = await replayDecision(draft as NonNullable<typeof draft>, decision);
      whole.add(ref(decision), before, after);
      (pages[i % pages.length] as ReplayTally).add(ref(decision), before, after);
    }
    const merged = mergeReplayPairs(pages.map((p) => p.result()));
    const sortDecisions = (pairs: typeof merged) => pairs.map((p) => ({ ...p, decisions: [...p.decisions].sort((a, b) => (a.decisionId < b.decisionId ? -1 : 1)) }));
    expect(sortDecisions(merged)).toEqual(sortDecisions(whole.result()));
    expect(merged.find((p) => p.from === 'GRANT' && p.to === 'REFUSE')?.criteria[0]?.transitions).toEqual([{ from: 'MET', to: 'NOT_MET', count: 2 }]);
  });
});
