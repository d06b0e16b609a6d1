/**
 * The Swedish words for a case, its decisions and its history, for the views that find and show
 * cases (search, the case file, the work lists). Staff never see the API's codes.
 */
import { ENDING, MILESTONE, OUTCOME, ROLE, label } from './labels';

/** What a case is doing now (the API's CaseStatus). */
export const CASE_STATUS: Record<string, string> = {
  PROPOSAL_WAITING: 'Förslag väntar på beslut',
  INSATS_ONGOING: 'Insats pågår',
  DECIDED: 'Beslutat, ingen pågående insats',
  NO_DECISION: 'Inget beslut',
};

/** Who did something: staff roles, and the outreach tools that send referrals. */
export const ACTOR_ROLE: Record<string, string> = { ...ROLE, uppsok: 'Uppsökande verksamhet' };

export const CONSENT_METHOD: Record<string, string> = { WRITTEN: 'Skriftligt', ORAL: 'Muntligt', DIGITAL: 'Digitalt' };

/** A decision made, as the result reads in a list: "Beviljat", "Avslaget". */
export const DECIDED: Record<string, string> = {
  GRANT: 'Beviljat',
  PARTIAL: 'Delvis beviljat',
  REFUSE: 'Avslaget',
  REFER: 'Hänvisat till stadsdelsförvaltningen',
};

/** What a delegate decided to do, in a sentence's middle: "beslutade att avslå". */
const TO_DECIDE: Record<string, string> = {
  GRANT: 'bevilja',
  PARTIAL: 'bevilja delvis',
  REFUSE: 'avslå',
  REFER: 'hänvisa till stadsdelsförvaltningen',
};

export interface DecisionBrief {
  status: string;
  proposedOutcome: string;
  finalOutcome: string | null;
}

/** One decision in a line: "Beviljat", "Förslag: Avslå, väntar på beslut". */
export function decisionPhrase(d: DecisionBrief): string {
  const proposed = label(OUTCOME, d.proposedOutcome);
  const decided = label(DECIDED, d.finalOutcome ?? d.proposedOutcome);
  switch (d.status) {
    case 'PROPOSED':
      return `Förslag: ${proposed}, väntar på beslut`;
    case 'WITHDRAWN':
      return `Förslag: ${proposed}, tillbakadraget`;
    case 'SUPERSEDED':
      return `${decided}, ersatt efter omprövning`;
    case 'SIGNED':
      return d.finalOutcome && d.finalOutcome !== d.proposedOutcome ? `${decided} (förslaget var: ${proposed.toLowerCase()})` : decided;
    default:
      return `Förslag: ${proposed}`;
  }
}

/** A samordningsnummer has 60 added to the day of birth (ÅÅÅÅMMDD-NNNN, DD above 60). */
export const identityKind = (number: string): 'Personnummer' | 'Samordningsnummer' => (Number(number.slice(6, 8)) > 60 ? 'Samordningsnummer' : 'Personnummer');

export interface HistoryEvent {
  action: string;
  details?: Record<string, string | number | boolean>;
}

/** What happened, in a sentence, from an audit event's action and the codes in its details. */
export function historyText(event: HistoryEvent): string {
  const d = event.details ?? {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  switch (event.action) {
    case 'CASE_CREATED':
      return 'Skapade ärendet';
    case 'PROPOSED':
      return d.replaces ? `Begärde omprövning, nytt förslag: ${label(OUTCOME, text(d.outcome))}` : `Begärde förslag: ${label(OUTCOME, text(d.outcome))}`;
    case 'WITHDRAWN':
      return d.correctedBy ? 'Rättade uppgifterna; det tidigare förslaget drogs tillbaka' : 'Drog tillbaka förslaget';
    case 'SIGNED':
      return `Beslutade att ${label(TO_DECIDE, text(d.finalOutcome))}${d.deviation === true ? ', med avvikelse från förslaget' : ''}`;
    case 'SUPERSEDED':
      return 'Beslutet ersattes efter omprövning';
    case 'MILESTONE_DONE':
      return `Antecknade uppföljning som gjord: ${label(MILESTONE, text(d.kind))}`;
    case 'INSATS_ENDED':
      return `Antecknade att insatsen avslutades: ${label(ENDING, text(d.reason))}`;
    case 'APPLICANT_RENAMED':
      return 'Ändrade personens namn';
    case 'READ_DECISION':
      return d.masked === true ? 'Läste beslutet (personuppgifter maskerade)' : 'Läste beslutet';
    case 'READ_LETTER':
      return 'Öppnade beslutsbrevet';
    case 'READ_CASE':
      return 'Öppnade akten';
    case 'FOUND_BY_SEARCH':
      return 'Fick upp ärendet i en sökning';
    case 'REFERRAL_RECEIVED':
      return 'Skickade anmälan';
    case 'REFERRAL_TAKEN':
      return 'Tog upp anmälan i ärendet';
    case 'READ_REFERRAL':
      return 'Läste anmälan';
    case 'READ_ACCESS_LOG':
      return 'Läste åtkomstloggen (loggkontroll)';
    default:
      return 'Annan händelse';
  }
}

export interface MilestoneState {
  due: string;
  status: string;
  done?: { at: string } | null;
  closed?: { reason: string } | null;
}

/** Where a follow-up stands: done, closed and why, overdue, or still to do. */
export function milestoneState(m: MilestoneState, today: string): { text: string; overdue: boolean } {
  if (m.status === 'DONE') return { text: 'Gjord', overdue: false };
  if (m.status === 'CLOSED') return { text: m.closed?.reason === 'SUPERSEDED' ? 'Stängd: beslutet ersattes' : 'Stängd: insatsen avslutades', overdue: false };
  return m.due < today ? { text: 'Försenad', overdue: true } : { text: 'Ska göras', overdue: false };
}
