import { describe, expect, it } from 'vitest';
import { propose } from '../../../functions/domain/propose';
import { followUpOf, parseSignedDecision } from '../../../functions/domain/signed-decision-schema';
import { SAMPLE_KINDS } from '../../../functions/letters/samples';
import { catalog, sampleInput } from '../../fixtures/letters/decisions';
import { personnummer } from '../../support/identity';
import { readLetter } from './pdf-reader';
import { expectContains, messages, paths, rejection, render } from './support';
import { domainProblem } from '../../../functions/http/problems';

describe('signed decision: which final outcome fits which proposal', () => {
  it('accepts every sample as it is', async () => {
    for (const kind of SAMPLE_KINDS) {
      expect(parseSignedDecision(await sampleInput(kind)).ok, kind).toBe(true);
    }
  });

  it('rejects a grant letter for an incomplete proposal', async () => {
    const input = await sampleInput('grant');
    const pnr = input.applicant.personnummer;
    const incomplete = await propose(catalog, { decisionDate: '2024-08-20', applicant: { personnummer: pnr }, facts: { reachedThroughOutreach: true } });
    if (!incomplete.ok) throw new Error('expected a proposal');
    expect(incomplete.proposal.outcome).toBe('INCOMPLETE');
    const problem = await rejection({ ...input, proposal: incomplete.proposal });
    expect(problem.status).toBe(400);
    expect(paths(problem)).toEqual(['proposal.outcome']);
    expect(messages(problem)).toContain('Förslaget är ofullständigt');
  });

  it('rejects a grant for a proposed refusal and a grant for a proposed referral', async () => {
    const refusal = await sampleInput('refuse');
    expect(paths(await rejection({ ...refusal, finalOutcome: 'GRANT' }))).toEqual(['finalOutcome']);
    const referral = await sampleInput('refer');
    const problem = await rejection({ ...referral, finalOutcome: 'GRANT', deviationReason: 'Vill bevilja.' });
    expect(paths(problem)).toEqual(['finalOutcome']);
    expect(messages(problem)).toContain('hänvisa till stadsdelsförvaltningen');
    expect(messages(problem)).toContain('REFUSE (avslå)');
  });

  it('refuses a proposed referral only with a written reason, and asks that it say the person asked for a decision', async () => {
    const { deviationReason, ...withoutReason } = await sampleInput('refer-refused');
    expect(withoutReason.proposal.outcome).toBe('REFER');
    const problem = await rejection(withoutReason);
    expect(paths(problem)).toEqual(['deviationReason']);
    expect(messages(problem)).toContain('bara när sökanden har begärt ett beslut');
    expect(parseSignedDecision({ ...withoutReason, deviationReason }).ok).toBe(true);
  });

  it('requires a written reason when the delegate refuses a proposed grant, and prints it', async () => {
    const input = await sampleInput('grant');
    expect(paths(await rejection({ ...input, finalOutcome: 'REFUSE' }))).toEqual(['deviationReason']);
    const reason = 'Personen har tackat ja till en anställning med början i september och behöver därför inte insatsen.';
    const read = await readLetter((await render({ ...input, finalOutcome: 'REFUSE', deviationReason: reason })).pdf);
    expectContains(read.text, ['avslås', 'Beslutsfattarens bedömning', reason]);
  });

  it('rejects a deviation reason when the decision is the one proposed', async () => {
    const input = await sampleInput('grant');
    expect(paths(await rejection({ ...input, deviationReason: 'Inget avviker.' }))).toEqual(['deviationReason']);
  });

  it('requires PARTIAL to name a granted period that starts with the proposed one and ends no later', async () => {
    const input = await sampleInput('partial');
    expect(paths(await rejection({ ...input, grantedPeriod: undefined }))).toEqual(['grantedPeriod']);
    expect(paths(await rejection({ ...input, grantedPeriod: { from: '2024-10-01', to: '2025-03-31' } }))).toEqual(['grantedPeriod.from']);
    expect(paths(await rejection({ ...input, grantedPeriod: { from: '2024-09-02', to: '2025-12-31' } }))).toEqual(['grantedPeriod.to']);
  });

  it('treats a shorter period than the engine proposed as a deviation, and moves the final follow-up with the new end', async () => {
    const input = await sampleInput('partial');
    const shorter = { ...input, grantedPeriod: { from: '2024-09-02', to: '2025-02-28' } };
    expect(paths(await rejection(shorter))).toEqual(['deviationReason']);
    const parsed = parseSignedDecision({ ...shorter, deviationReason: 'Insatsen prövas först under ett halvår, eftersom personen kan börja studera våren 2025.' });
    if (!parsed.ok) throw new Error(JSON.stringify(domainProblem(parsed.error)));
    const milestones = followUpOf(parsed.decision);
    expect(milestones.at(-1)).toMatchObject({ kind: 'FINAL_FOLLOW_UP', due: '2025-02-14' });
    expect(milestones.every((m) => m.due <= '2025-02-28')).toBe(true);
  });

  it('plans a partial grant that ends earlier exactly as the engine plans a grant of that shorter period', async () => {
    const input = await sampleInput('partial');
    const shorter = { from: '2024-09-02', to: '2025-01-20' };
    const parsed = parseSignedDecision({ ...input, grantedPeriod: shorter, deviationReason: 'Insatsen prövas först till och med januari.' });
    if (!parsed.ok) throw new Error(JSON.stringify(domainProblem(parsed.error)));
    const engine = await propose(catalog, { decisionDate: input.decisionDate, applicant: { personnummer: input.applicant.personnummer }, facts: { ...input.facts, requestedPeriod: shorter } });
    if (!engine.ok) throw new Error(JSON.stringify(domainProblem(engine.error)));
    expect(engine.proposal.period?.granted).toEqual(shorter);
    expect(followUpOf(parsed.decision)).toEqual(engine.proposal.followUp);
    expect(followUpOf(parsed.decision).map((m) => m.kind)).toEqual(['FIRST_JOB_PLAN', 'DEEPER_PLAN', 'FOLLOW_UP', 'FINAL_FOLLOW_UP']);
  });

  it('rejects a proposal whose follow-up is not what its parameters plan for its period', async () => {
    const input = await sampleInput('grant');
    input.proposal.followUpParameters.followUpInterval = { value: 1, unit: 'months' };
    expect(paths(await rejection(input))).toEqual(['proposal.followUp']);
    const refusal = await sampleInput('refuse');
    refusal.proposal.followUpParameters = (await sampleInput('grant')).proposal.followUpParameters;
    expect(paths(await rejection(refusal))).toEqual(['proposal.followUpParameters']);
  });

  it('rejects a full grant when the engine capped the period, so the refused part gets its appeal information', async () => {
    const input = await sampleInput('partial');
    const problem = await rejection({ ...input, finalOutcome: 'GRANT', grantedPeriod: undefined });
    expect(paths(problem)).toEqual(['finalOutcome']);
    expect(messages(problem)).toContain('Välj PARTIAL');
  });

  it('rejects a personnummer that does not belong to the person the proposal was made for', async () => {
    const input = await sampleInput('grant');
    const problem = await rejection({ ...input, applicant: { ...input.applicant, personnummer: personnummer('1960-01-01', '987') } });
    expect(paths(problem)).toEqual(['applicant.personnummer']);
  });

  it('rejects a decision date other than the one the proposal was evaluated for', async () => {
    const input = await sampleInput('grant');
    expect(paths(await rejection({ ...input, decisionDate: '2024-08-21' }))).toEqual(['decisionDate']);
  });

  it('rejects unknown fields and names every missing signing field in Swedish', async () => {
    const input = await sampleInput('grant');
    const { decisionMaker: _d, contact: _c, ...unsigned } = input;
    const problem = await rejection({ ...unsigned, signedBy: 'robot' });
    expect(paths(problem).sort()).toEqual(['contact', 'decisionMaker', 'signedBy']);
    expect(messages(problem)).toContain("Fältet 'signedBy' finns inte");
  });

  it('rejects a delegation reference, phone number, e-mail or case number in the wrong form', async () => {
    const input = await sampleInput('grant');
    const problem = await rejection({
      ...input,
      caseNumber: '<script>',
      decisionMaker: { ...input.decisionMaker, delegationReference: 'punkt 3.1.4 i den delegationsordning som gällde när beslutet fattades' },
      contact: { ...input.contact, phone: 'ring mig', email: 'inte en adress' },
    });
    expect(paths(problem).sort()).toEqual(['caseNumber', 'contact.email', 'contact.phone', 'decisionMaker.delegationReference']);
  });

  it('rejects a refusal whose rule set gives no way to appeal it (FL 33 §)', async () => {
    const input = await sampleInput('refuse');
    const unappealable = { ...input.proposal.legalBasis, appealRoute: 'NONE', appealLagrum: [] };
    input.proposal.legalBasis = unappealable;
    input.proposal.legalBases.REFUSE = unappealable;
    expect(paths(await rejection(input))).toEqual(['proposal.legalBases.REFUSE.appealRoute']);
  });

  it('rejects a proposed grant refused by the delegate when the rule set gives the refusal no way to appeal it', async () => {
    const input = await sampleInput('grant');
    input.proposal.legalBases.REFUSE = { ...input.proposal.legalBases.REFUSE, appealRoute: 'NONE', appealLagrum: [] };
    const problem = await rejection({ ...input, finalOutcome: 'REFUSE', deviationReason: 'Personen har fått ett arbete.' });
    expect(paths(problem)).toEqual(['proposal.legalBases.REFUSE.appealRoute']);
    // A partial grant is partly a refusal: the same gap applies to it.
    const partial = await rejection({ ...input, finalOutcome: 'PARTIAL', grantedPeriod: { from: '2024-09-02', to: '2024-12-31' }, deviationReason: 'Kortare tid räcker.' });
    expect(paths(partial)).toEqual(['proposal.legalBases.REFUSE.appealRoute']);
  });

  it('rejects a proposal whose basis for the proposed outcome differs from the rule set\'s basis for it', async () => {
    const input = await sampleInput('grant');
    input.proposal.legalBasis = input.proposal.legalBases.REFER;
    expect(paths(await rejection(input))).toEqual(['proposal.legalBasis']);
  });
});
