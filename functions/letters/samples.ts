/**
 * Realistic signed decisions, one per letter kind, for `npm run letter -- --sample KIND`, the tests
 * and the bench. Each proposal comes from the real engine (propose) on the published rule set, so
 * a sample letter shows what the engine and templates actually produce.
 *
 * The people are invented. Their personnummer use serial numbers 980–999, which Skatteverket
 * never assigns, so no real person is named.
 */
import { propose } from '../domain/propose';
import type { RuleSetCatalog } from '../domain/rule-set-catalog';
import { type FinalOutcome, type SignedDecision, parseSignedDecision } from '../domain/signed-decision-schema';
import { loadCatalog } from '../rule-sets/load-files';

/** One per letter kind, and a referral the person asked to have decided, which is refused. */
export const SAMPLE_KINDS = ['grant', 'refuse', 'partial', 'refer', 'refer-refused'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

/** `YYYYMMDD-NNNC` with a correct Luhn check digit C, for a test serial NNN (980–999). */
export function testPersonnummer(birthDate: string, serial: string): string {
  const [yyyy, mm, dd] = birthDate.split('-') as [string, string, string];
  const nine = `${yyyy.slice(2)}${mm}${dd}${serial}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return `${yyyy}${mm}${dd}-${serial}${(10 - (sum % 10)) % 10}`;
}

const DECISION_MAKER = { name: 'Karin Sjöberg', title: 'enhetschef, Jobbtorg Stockholm', delegationReference: '3.1.4' };
const CONTACT = { name: 'Jonas Ekström', phone: '08-508 43 210', email: 'jonas.ekstrom@stockholm.se' };

interface SampleSpec {
  finalOutcome: FinalOutcome;
  caseNumber: string;
  applicant: { name: string; birthDate: string; serial: string; address: { lines: string[]; postalCode: string; city: string } };
  facts: Record<string, unknown>;
  grantedPeriod?: { from: string; to: string };
  deviationReason?: string;
}

const DECISION_DATE = '2024-08-20';

const SPECS: Record<SampleKind, SampleSpec> = {
  grant: {
    finalOutcome: 'GRANT',
    caseNumber: 'AMN 2024/04711',
    applicant: {
      name: 'Linnéa Åkerström',
      birthDate: '2001-05-17',
      serial: '982',
      address: { lines: ['Kvarnbacksvägen 28 lgh 1203'], postalCode: '163 73', city: 'Spånga' },
    },
    facts: {
      reachedThroughOutreach: true,
      working: false,
      studying: false,
      woman: true,
      weakLabourMarketPosition: { weak: false, grounds: 'Har gymnasieexamen och körkort; bedöms inte ha svag ställning.' },
      forsorjningsstod: false,
      socialServicesContact: 'NONE',
      apparentEntitlementNeed: { present: false },
      assessedNeed: {
        level: 'DEEPER_INDIVIDUAL_SUPPORT',
        grounds: 'Har inte arbetat eller studerat sedan gymnasiet 2020 och behöver stöd över tid för att välja och klara en yrkesutbildning.',
        areas: ['EDUCATION', 'WORK_GOALS'],
      },
      requestedPeriod: { from: '2024-09-02', to: '2025-02-28' },
    },
  },
  refuse: {
    finalOutcome: 'REFUSE',
    caseNumber: 'AMN 2024/04802',
    applicant: {
      name: 'Måns Öberg',
      birthDate: '1990-02-11',
      serial: '983',
      address: { lines: ['c/o Jönsson', 'Hägerstensvägen 141'], postalCode: '126 49', city: 'Hägersten' },
    },
    facts: {
      reachedThroughOutreach: true,
      working: false,
      studying: false,
      woman: false,
      forsorjningsstod: false,
      socialServicesContact: 'NONE',
      apparentEntitlementNeed: { present: false },
      assessedNeed: {
        level: 'ADVICE_AND_SUPPORT',
        grounds: 'Har arbetat som lagerarbetare i tio år och söker aktivt arbete; behöver råd om jobbsökande.',
      },
      requestedPeriod: { from: '2024-09-02', to: '2025-02-28' },
    },
  },
  partial: {
    finalOutcome: 'PARTIAL',
    caseNumber: 'AMN 2024/04915',
    applicant: {
      name: 'Sofie Nyström-Älvdal',
      birthDate: '1983-10-04',
      serial: '984',
      address: { lines: ['Bredängsvägen 210'], postalCode: '127 32', city: 'Skärholmen' },
    },
    facts: {
      reachedThroughOutreach: true,
      working: false,
      studying: false,
      woman: true,
      weakLabourMarketPosition: { weak: true, grounds: 'Har inte haft ett arbete på över fem år och saknar fullständig grundskoleutbildning.' },
      forsorjningsstod: false,
      socialServicesContact: 'NONE',
      apparentEntitlementNeed: { present: false },
      assessedNeed: {
        level: 'DEEPER_INDIVIDUAL_SUPPORT',
        grounds: 'Behöver stöd i svenska och att pröva på arbete genom praktik, under lång tid.',
        areas: ['EDUCATION', 'WORK_EXPERIENCE'],
      },
      // Eighteen months: longer than the rule set's longest period, so the engine caps it.
      requestedPeriod: { from: '2024-09-02', to: '2026-02-28' },
    },
    grantedPeriod: { from: '2024-09-02', to: '2025-09-01' },
  },
  refer: {
    finalOutcome: 'REFER',
    caseNumber: 'AMN 2024/05023',
    applicant: {
      name: 'Jörgen Åström',
      birthDate: '1999-12-30',
      serial: '985',
      address: { lines: ['Tensta allé 9 lgh 1001'], postalCode: '163 64', city: 'Spånga' },
    },
    facts: {
      reachedThroughOutreach: true,
      working: false,
      studying: false,
      woman: false,
      forsorjningsstod: true,
      socialServicesContact: 'CONTACT',
      apparentEntitlementNeed: { present: true, description: 'Har försörjningsstöd från stadsdelsförvaltningen.' },
      consentToShareWithDistrictOffice: true,
    },
  },
  // Proposed as a referral (an ongoing insats from the district office); the person asked for a
  // decision instead, so the delegate refused the application.
  'refer-refused': {
    finalOutcome: 'REFUSE',
    caseNumber: 'AMN 2024/05107',
    applicant: {
      name: 'Elias Ståhlberg',
      birthDate: '1997-03-14',
      serial: '988',
      address: { lines: ['Rinkebysvängen 12 lgh 1102'], postalCode: '163 71', city: 'Spånga' },
    },
    facts: {
      reachedThroughOutreach: true,
      working: false,
      studying: false,
      woman: false,
      forsorjningsstod: false,
      socialServicesContact: 'ONGOING_INSATS',
      apparentEntitlementNeed: { present: false },
      assessedNeed: {
        level: 'DEEPER_INDIVIDUAL_SUPPORT',
        grounds: 'Har inte arbetat sedan 2021 och behöver stöd över tid för att hitta en praktikplats.',
        areas: ['WORK_EXPERIENCE'],
      },
      consentToShareWithDistrictOffice: false,
      requestedPeriod: { from: '2024-09-02', to: '2025-02-28' },
    },
    deviationReason:
      'Sökanden fick besked om hänvisning den 13 augusti 2024 och begärde den 15 augusti 2024, i ett samtal med sin kontaktperson, att Jobbtorg ändå fattar ett beslut om ansökan.',
  },
};

/** A sample as JSON-ready input (before validation), with the engine's proposal inside. */
export async function sampleDecisionInput(kind: SampleKind, catalog: RuleSetCatalog = loadCatalog()): Promise<Record<string, unknown>> {
  const spec = SPECS[kind];
  const personnummer = testPersonnummer(spec.applicant.birthDate, spec.applicant.serial);
  const result = await propose(catalog, { decisionDate: DECISION_DATE, applicant: { personnummer }, facts: spec.facts });
  if (!result.ok) throw new Error(`Sample ${kind}: the engine rejected the facts: ${result.error.message}`);
  const proposal = result.proposal;
  const grantedPeriod = spec.grantedPeriod ?? (spec.finalOutcome === 'PARTIAL' ? proposal.period?.granted : undefined);
  return {
    schemaVersion: 1,
    caseNumber: spec.caseNumber,
    decisionDate: DECISION_DATE,
    finalOutcome: spec.finalOutcome,
    proposal,
    applicant: { name: spec.applicant.name, personnummer, address: spec.applicant.address },
    decisionMaker: DECISION_MAKER,
    contact: CONTACT,
    // The facts as recorded, so the letter can print the case worker's written grounds.
    facts: result.request.facts,
    ...(grantedPeriod ? { grantedPeriod: { from: grantedPeriod.from, to: grantedPeriod.to } } : {}),
    ...(spec.deviationReason !== undefined ? { deviationReason: spec.deviationReason } : {}),
  };
}

/** A validated sample decision. */
export async function sampleDecision(kind: SampleKind, catalog?: RuleSetCatalog): Promise<SignedDecision> {
  const parsed = parseSignedDecision(await sampleDecisionInput(kind, catalog));
  if (!parsed.ok) throw new Error(`Sample ${kind} is not a valid signed decision: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.decision;
}
