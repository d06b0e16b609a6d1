/**
 * The page's Swedish words for the API's codes, in plain language. Staff never see a code: each
 * table is typed by the domain's list of codes, so a code added there without a Swedish word here
 * does not compile (the imports are types only and add nothing to the page's script).
 */
import type { ASSESSMENT_AREAS, NEED_LEVELS, SOCIAL_SERVICES_CONTACT as SOCIAL_SERVICES_CONTACTS } from '../domain/facts';
import type { CRITERION_STATUSES, MILESTONE_KINDS, PROPOSED_OUTCOMES } from '../domain/proposal-schema';
import type { AUDIT_ACTIONS, CONSENT_METHODS, DECISION_STATUSES, ENDING_REASONS, MILESTONE_STATUSES, REFERRAL_STATUSES, ROLES } from '../domain/records-schema';
import type { APPEAL_ROUTES, PARAMETER_STATUSES } from '../domain/rule-set-schema';
import type { FINAL_OUTCOMES } from '../domain/signed-decision-schema';

type Labels<T extends readonly string[]> = Record<T[number], string>;

/** What is proposed or decided, as the verb a delegate decides with ("Förslag: Bevilja"). */
export const OUTCOME: Labels<typeof PROPOSED_OUTCOMES> & Labels<typeof FINAL_OUTCOMES> = {
  GRANT: 'Bevilja',
  PARTIAL: 'Bevilja delvis',
  REFUSE: 'Avslå',
  REFER: 'Hänvisa till stadsdelsförvaltningen',
  INCOMPLETE: 'Underlaget är inte komplett',
};

/** What was decided, as a signed decision reads ("Beslut: Beviljat"). */
export const DECIDED: Labels<typeof FINAL_OUTCOMES> = {
  GRANT: 'Beviljat',
  PARTIAL: 'Delvis beviljat',
  REFUSE: 'Avslag',
  REFER: 'Hänvisat till stadsdelsförvaltningen',
};

/** What a criterion leads to when it is not met. */
export const ON_NOT_MET: Labels<readonly ['REFUSE', 'REFER']> = {
  REFUSE: 'Avslag',
  REFER: 'Hänvisning till stadsdelsförvaltningen',
};

export const STATUS: Labels<typeof DECISION_STATUSES> = {
  PROPOSED: 'Förslag, inte beslutat',
  WITHDRAWN: 'Tillbakadraget',
  SIGNED: 'Beslutat',
  SUPERSEDED: 'Ersatt efter omprövning',
};

export const CRITERION_STATUS: Record<(typeof CRITERION_STATUSES)[number], { text: string; symbol: string }> = {
  MET: { text: 'Uppfyllt', symbol: '✓' },
  NOT_MET: { text: 'Inte uppfyllt', symbol: '✗' },
  MISSING: { text: 'Uppgift saknas', symbol: '?' },
};

export const MILESTONE: Labels<typeof MILESTONE_KINDS> = {
  FIRST_JOB_PLAN: 'Första jobbplan',
  DEEPER_PLAN: 'Fördjupad jobbplan',
  FOLLOW_UP: 'Uppföljning',
  FINAL_FOLLOW_UP: 'Slutuppföljning',
};

export const MILESTONE_STATUS: Labels<typeof MILESTONE_STATUSES> = {
  OPEN: 'inte gjord',
  DONE: 'gjord',
  CLOSED: 'stängd',
};

export const ENDING: Labels<typeof ENDING_REASONS> = {
  WORK: 'Arbete',
  STUDIES: 'Studier',
  OTHER: 'Annat',
  INTERRUPTED: 'Avbruten',
};

export const ROLE: Labels<typeof ROLES> = {
  handlaggare: 'Handläggare',
  beslutsfattare: 'Beslutsfattare',
  jurist: 'Jurist',
  uppsok: 'Uppsökande verksamhet',
};

/** What happened in a case, as its history lists it. */
export const AUDIT_ACTION: Labels<typeof AUDIT_ACTIONS> = {
  CASE_CREATED: 'Ärendet skapades',
  PROPOSED: 'Förslag till beslut',
  WITHDRAWN: 'Förslaget drogs tillbaka',
  SIGNED: 'Beslutet undertecknades',
  SUPERSEDED: 'Beslutet ersattes efter omprövning',
  MILESTONE_DONE: 'Uppföljning gjord',
  INSATS_ENDED: 'Insatsen avslutades',
  APPLICANT_RENAMED: 'Namnet ändrades',
  READ_DECISION: 'Beslutet lästes',
  READ_LETTER: 'Beslutsbrevet lästes',
  READ_CASE: 'Akten lästes',
  FOUND_BY_SEARCH: 'Ärendet visades i en sökning',
  REFERRAL_RECEIVED: 'Anmälan togs emot',
  REFERRAL_TAKEN: 'Anmälan togs upp i ett ärende',
  READ_REFERRAL: 'Anmälan lästes',
  READ_ACCESS_LOG: 'Åtkomstloggen lästes',
};

export const SOCIAL_SERVICES_CONTACT: Labels<typeof SOCIAL_SERVICES_CONTACTS> = {
  NONE: 'Ingen kontakt',
  CONTACT: 'Har kontakt',
  ONGOING_INSATS: 'Pågående insats',
};

export const NEED_LEVEL: Labels<typeof NEED_LEVELS> = {
  ADVICE_AND_SUPPORT: 'Råd och stöd räcker',
  DEEPER_INDIVIDUAL_SUPPORT: 'Fördjupat individuellt stöd under längre tid',
};

export const ASSESSMENT_AREA: Labels<typeof ASSESSMENT_AREAS> = {
  EDUCATION: 'Utbildning',
  WORK_EXPERIENCE: 'Arbetslivserfarenhet',
  SOCIAL_NETWORK: 'Socialt nätverk',
  MENTAL_HEALTH: 'Psykisk hälsa',
  PHYSICAL_HEALTH: 'Fysisk hälsa',
  DEPENDENCY: 'Beroendefrågor',
  HOUSING: 'Boende',
  RELATIVES: 'Närståendes situation',
  EARLIER_MEASURES: 'Tidigare arbetsmarknadsinsatser',
  WORK_GOALS: 'Mål i fråga om arbete',
};

export const APPEAL_ROUTE: Labels<typeof APPEAL_ROUTES> = {
  LAGLIGHETSPROVNING: 'Laglighetsprövning',
  FORVALTNINGSBESVAR: 'Förvaltningsbesvär',
  NONE: 'Går inte att överklaga',
};

export const PARAMETER_STATUS: Labels<typeof PARAMETER_STATUSES> = {
  CONFIRMED: 'Bekräftad',
  UNCONFIRMED: 'Inte bekräftad',
};

/** How the person's consent to a referral was given ("samtycke: skriftligt"). */
export const CONSENT_METHOD: Labels<typeof CONSENT_METHODS> = {
  WRITTEN: 'skriftligt',
  ORAL: 'muntligt',
  DIGITAL: 'digitalt',
};

export const REFERRAL_STATUS: Labels<typeof REFERRAL_STATUSES> = {
  WAITING: 'Väntar',
  TAKEN: 'Upptagen i ett ärende',
};

/** The statistics say the same in the page's tables as in the CSV. */
export { dimensionLabel, inReadingOrder, statisticsOrder, statisticsValueLabel } from '../domain/statistics/statistics-labels';

/**
 * A point in the board's delegationsordning named by its title, as the letter names it: the
 * number alone tells a reader nothing.
 */
export const delegationText = (point: string, title: string | undefined) =>
  title ? `delegationsordningen punkt ${point}, ${title}` : `delegationsordningen punkt ${point}`;

/** The Swedish word for a code. A code without one shows as "okänt värde", never as itself. */
export const label = (table: Record<string, string>, code: string | undefined | null) => (code ? (table[code] ?? 'okänt värde') : '');
