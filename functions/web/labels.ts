/** The page's Swedish words for the API's codes, in plain language. */

export const OUTCOME: Record<string, string> = {
  GRANT: 'Bevilja',
  PARTIAL: 'Bevilja delvis',
  REFUSE: 'Avslå',
  REFER: 'Hänvisa till stadsdelsförvaltningen',
  INCOMPLETE: 'Underlaget är inte komplett',
};

export const STATUS: Record<string, string> = {
  PROPOSED: 'Förslag, inte beslutat',
  WITHDRAWN: 'Tillbakadraget',
  SIGNED: 'Beslutat',
  SUPERSEDED: 'Ersatt efter omprövning',
};

export const CRITERION_STATUS: Record<string, { text: string; symbol: string }> = {
  MET: { text: 'Uppfyllt', symbol: '✓' },
  NOT_MET: { text: 'Inte uppfyllt', symbol: '✗' },
  MISSING: { text: 'Uppgift saknas', symbol: '?' },
};

export const MILESTONE: Record<string, string> = {
  FIRST_JOB_PLAN: 'Första jobbplan',
  DEEPER_PLAN: 'Fördjupad jobbplan',
  FOLLOW_UP: 'Uppföljning',
  FINAL_FOLLOW_UP: 'Slutuppföljning',
};

export const ENDING: Record<string, string> = {
  WORK: 'Arbete',
  STUDIES: 'Studier',
  OTHER: 'Annat',
  INTERRUPTED: 'Avbruten',
};

export const ROLE: Record<string, string> = {
  handlaggare: 'Handläggare',
  beslutsfattare: 'Beslutsfattare',
  jurist: 'Jurist',
};

export const SOCIAL_SERVICES_CONTACT: Record<string, string> = {
  NONE: 'Ingen kontakt',
  CONTACT: 'Har kontakt',
  ONGOING_INSATS: 'Pågående insats',
};

export const NEED_LEVEL: Record<string, string> = {
  ADVICE_AND_SUPPORT: 'Råd och stöd räcker',
  DEEPER_INDIVIDUAL_SUPPORT: 'Fördjupat individuellt stöd under längre tid',
};

export const ASSESSMENT_AREA: Record<string, string> = {
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

export const APPEAL_ROUTE: Record<string, string> = {
  LAGLIGHETSPROVNING: 'Laglighetsprövning',
  FORVALTNINGSBESVAR: 'Förvaltningsbesvär',
  NONE: 'Går inte att överklaga',
};

export const PARAMETER_STATUS: Record<string, string> = {
  CONFIRMED: 'Bekräftad',
  UNCONFIRMED: 'Inte bekräftad',
};

/** The statistics say the same in the page's tables as in the CSV. */
export { dimensionLabel, statisticsValueLabel } from '../domain/statistics/statistics-labels';

export const label = (table: Record<string, string>, code: string | undefined | null) => (code ? (table[code] ?? code) : '');
