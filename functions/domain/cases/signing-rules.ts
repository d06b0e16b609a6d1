/**
 * The signing rules: which final outcomes a delegate may sign for which proposal, and how the
 * signing fields must fit the proposal (same day, same person, same facts, a period within the
 * proposal's, a written reason for a deviation). The sign use case applies them; the signed
 * decision's schema uses the same function, so a decision file from anywhere meets them too.
 */
import { canonicalJson } from '../canonical-json';
import { type IsoDate, ageOn, compareDates } from '../dates';
import { planFollowUp } from '../follow-up-plan';
import { inputHash } from '../input-hash';
import { parseIdentityNumber } from '../personnummer';
import type { Proposal } from '../proposal-schema';
import { type FinalOutcome, type SignedDecisionShape, basesFor } from '../signed-decision-schema';



/**
 * The final outcomes a delegate may sign for each proposal. A grant needs the period and
 * follow-up the engine computes, so only a proposed grant can be granted, in full or in part; a
 * proposed grant may still be refused (bistånd beyond the right is given "om det finns skäl för
 * det", the delegate's judgement). A referral is outside Jobbtorg's own decision, but a referral
 * cannot be challenged: a person who still asks for the application to be decided gets a
 * refusal, on the criteria that referred it, which can be (FL 32–33 §§, the written reason says
 * that the person asked).
 */
export const ALLOWED: Record<Proposal['outcome'], readonly FinalOutcome[]> = {
  GRANT: ['GRANT', 'PARTIAL', 'REFUSE'],
  REFUSE: ['REFUSE'],
  REFER: ['REFER', 'REFUSE'],
  INCOMPLETE: [],
};

const OUTCOME_NAMES: Record<FinalOutcome | Proposal['outcome'], string> = {
  GRANT: 'bevilja',
  PARTIAL: 'bevilja delvis',
  REFUSE: 'avslå',
  REFER: 'hänvisa till stadsdelsförvaltningen',
  INCOMPLETE: 'ofullständigt',
};

const samePeriod = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from === b.from && a.to === b.to;

/**
 * True for a referral the delegate decided as a refusal, because the person asked for the
 * application to be decided rather than only referred.
 */
export function isRefusalOnRequest(decision: Pick<SignedDecisionShape, 'finalOutcome' | 'proposal'>): boolean {
  return decision.proposal.outcome === 'REFER' && decision.finalOutcome === 'REFUSE';
}

/** True when the delegate decided otherwise than proposed, which needs a written reason. */
export function isDeviation(decision: Pick<SignedDecisionShape, 'finalOutcome' | 'proposal' | 'grantedPeriod'>): boolean {
  const { finalOutcome, proposal, grantedPeriod } = decision;
  if (finalOutcome === 'PARTIAL') {
    // A proposal the engine already capped at the longest period is a partial grant as proposed.
    return !(proposal.period?.capped === true && grantedPeriod !== undefined && samePeriod(grantedPeriod, proposal.period.granted));
  }
  return finalOutcome !== proposal.outcome;
}

/** The final outcomes a delegate may sign for a proposal; the API offers exactly these. */
export function allowedFinalOutcomes(proposed: Proposal['outcome']): readonly FinalOutcome[] {
  return ALLOWED[proposed];
}

/**
 * Every way a signed decision does not fit its proposal, with the field at fault. The sign use
 * case applies them before a letter is rendered; a decision file from anywhere is checked the same
 * way when it is parsed (signedDecisionSchema).
 */
export function signingRuleIssues(d: SignedDecisionShape): Array<{ path: PropertyKey[]; message: string }> {
  const issues: Array<{ path: PropertyKey[]; message: string }> = [];
  checkFit(d, issues);
  return issues;
}

function checkFit(d: SignedDecisionShape, issues: Array<{ path: PropertyKey[]; message: string }>): void {
  const fail = (path: PropertyKey[], message: string) => issues.push({ path, message });
  const { proposal } = d;

  if (proposal.outcome === 'INCOMPLETE') {
    fail(['proposal', 'outcome'], 'Förslaget är ofullständigt: uppgifter saknas eller är motstridiga. Komplettera uppgifterna och gör ett nytt förslag innan beslut fattas.');
    return;
  }
  if (!ALLOWED[proposal.outcome].includes(d.finalOutcome)) {
    fail(
      ['finalOutcome'],
      `Förslaget är att ${OUTCOME_NAMES[proposal.outcome]}. Ett beslut att ${OUTCOME_NAMES[d.finalOutcome]} kan inte grundas på det förslaget; ` +
        `det kan bara bli ${ALLOWED[proposal.outcome].map((o) => `${o} (${OUTCOME_NAMES[o]})`).join(', ')}. Ändra uppgifterna och gör ett nytt förslag.`,
    );
    return;
  }

  if (d.decisionDate !== proposal.decisionDate) {
    fail(['decisionDate'], `Beslutsdatumet ska vara samma som förslagets (${proposal.decisionDate}), eftersom villkoren är prövade för den dagen. Gör ett nytt förslag om beslutet fattas en annan dag.`);
  }
  const { validFrom, validTo } = proposal.ruleSet;
  if (compareDates(d.decisionDate, validFrom as IsoDate) < 0 || (validTo !== undefined && compareDates(d.decisionDate, validTo as IsoDate) > 0)) {
    fail(['decisionDate'], `Regelverket ${proposal.ruleSet.id} gäller inte på beslutsdatumet ${d.decisionDate}.`);
  }

  // The proposal carries no identity, only the age and kind of number it was evaluated for: a
  // mismatch means the decision is about to be signed for someone else's proposal.
  const identity = parseIdentityNumber(d.applicant.personnummer, d.decisionDate);
  if (identity.ok) {
    const age = ageOn(identity.value.birthDate, d.decisionDate);
    if (age !== proposal.applicant.age || identity.value.kind !== proposal.applicant.identityKind) {
      fail(['applicant', 'personnummer'], `Numret hör inte till förslaget: förslaget gäller en person som var ${proposal.applicant.age} år på beslutsdagen (${proposal.applicant.identityKind}).`);
    }
  } else {
    fail(['applicant', 'personnummer'], 'Personnumret är inte giltigt på beslutsdatumet.');
  }

  // The grounds printed must be the ones the proposal was made on: the proposal's input hash covers them.
  if (d.facts !== undefined && inputHash({ decisionDate: proposal.decisionDate, applicant: proposal.applicant, recorded: d.facts }) !== proposal.inputSha256) {
    fail(['facts'], 'Uppgifterna hör inte till förslaget: förslaget är gjort på andra uppgifter. Gör ett nytt förslag på de uppgifter som gäller.');
  }

  const bases = proposal.legalBases;
  if (!bases) {
    fail(['proposal', 'legalBases'], 'Förslaget saknar lagrum. Beslutet måste ange vilka bestämmelser det grundar sig på (32 § förvaltningslagen).');
  } else {
    if (canonicalJson(proposal.legalBasis) !== canonicalJson(bases[proposal.outcome])) {
      // The proposed outcome's basis is given twice; two different answers mean the file was changed.
      fail(['proposal', 'legalBasis'], 'Förslagets lagrum stämmer inte med regelverkets lagrum för det föreslagna utfallet. Gör ett nytt förslag.');
    }
    const { decision, appeal } = basesFor(d.finalOutcome);
    if (bases[decision].lagrum.length === 0) {
      fail(['proposal', 'legalBases', decision, 'lagrum'], 'Förslaget saknar lagrum. Beslutet måste ange vilka bestämmelser det grundar sig på (32 § förvaltningslagen).');
    }
    if (d.finalOutcome !== 'REFER' && (bases[appeal].appealRoute === 'NONE' || bases[appeal].appealLagrum.length === 0)) {
      // FL 33 §: a decision that goes against the person must say how it can be challenged.
      fail(['proposal', 'legalBases', appeal, 'appealRoute'], 'Ett beslut i en ansökan ska ha en besvärshänvisning. Regelverket anger inget sätt att överklaga beslutet.');
    }
  }
  if ((proposal.outcome === 'GRANT') !== (proposal.period !== null)) {
    fail(['proposal', 'period'], 'Ett förslag om beviljande ska ha en beviljad period, och bara ett sådant förslag.');
  } else if ((proposal.period === null) !== (proposal.followUpParameters === null)) {
    fail(['proposal', 'followUpParameters'], 'Ett förslag om beviljande ska ange vad uppföljningen är beräknad från, och bara ett sådant förslag.');
  } else if (proposal.period && proposal.followUpParameters) {
    // A partial grant is planned from these parameters, so they must be the ones the plan came from.
    if (canonicalJson(planFollowUp(proposal.followUpParameters, proposal.period.granted)) !== canonicalJson(proposal.followUp)) {
      fail(['proposal', 'followUp'], 'Förslagets uppföljning stämmer inte med regelverkets parametrar för perioden. Gör ett nytt förslag.');
    }
  }
  if (proposal.outcome === 'REFUSE' && !proposal.criteria.some((c) => c.status === 'NOT_MET')) {
    fail(['proposal', 'criteria'], 'Ett förslag om avslag ska ange minst ett villkor som inte är uppfyllt.');
  }
  if (proposal.outcome === 'REFER' && (proposal.referral === null || !proposal.criteria.some((c) => proposal.referralTriggers.includes(c.id)))) {
    fail(['proposal', 'referral'], 'Ett förslag om hänvisning ska ange varför ärendet hänvisas och om personen har samtyckt till att uppgifter lämnas.');
  }

  if (d.finalOutcome === 'GRANT' && proposal.period?.capped) {
    fail(
      ['finalOutcome'],
      `Den sökta perioden är längre än insatsen kan beviljas för, så förslaget beviljar bara ${proposal.period.granted.from}–${proposal.period.granted.to}. Välj PARTIAL (beviljas delvis) så att den avslagna delen får en besvärshänvisning.`,
    );
  }

  if (d.finalOutcome === 'PARTIAL') {
    const granted = d.grantedPeriod;
    const proposed = proposal.period;
    if (!granted) {
      fail(['grantedPeriod'], 'Ange den period som beviljas (grantedPeriod) när ansökan beviljas delvis.');
    } else if (proposed) {
      if (granted.from !== proposed.granted.from) {
        // The follow-up dates are counted from the first day; another start needs a new proposal.
        fail(['grantedPeriod', 'from'], `Den beviljade perioden ska börja samma dag som i förslaget (${proposed.granted.from}). Gör ett nytt förslag om insatsen ska börja en annan dag.`);
      } else if (compareDates(granted.to as IsoDate, proposed.granted.to) > 0) {
        fail(['grantedPeriod', 'to'], `Den beviljade perioden kan inte sluta senare än förslagets period (${proposed.granted.to}).`);
      } else if (samePeriod(granted, proposed.requested)) {
        fail(['grantedPeriod'], 'Den beviljade perioden är hela den sökta perioden. Välj GRANT (beviljas) i stället för PARTIAL.');
      }
    }
  } else if (d.grantedPeriod !== undefined) {
    fail(['grantedPeriod'], 'Ange grantedPeriod bara när ansökan beviljas delvis (PARTIAL). Annars gäller förslagets period.');
  }

  // Whether the decision deviates can only be told once the outcome and period are right.
  if (issues.length > 0) return;
  const deviation = isDeviation(d);
  if (deviation && d.deviationReason === undefined) {
    fail(
      ['deviationReason'],
      isRefusalOnRequest(d)
        ? 'Förslaget är att hänvisa till stadsdelsförvaltningen. Ansökan avslås i stället bara när sökanden har begärt ett beslut om den. Skriv att sökanden har begärt det, och när; det står i beslutsbrevet.'
        : `Beslutet avviker från förslaget (${OUTCOME_NAMES[proposal.outcome]}). Skriv skälet till att beslutet avviker; det står i beslutsbrevet.`,
    );
  }
  if (!deviation && d.deviationReason !== undefined) {
    fail(['deviationReason'], 'Beslutet är detsamma som förslaget. Ta bort avvikelseskälet.');
  }
}

