/**
 * Every endpoint, once: method, path, who may call it, what it accepts. The local server routes by
 * this table, the OpenAPI document is generated from it, the CDK stack makes one Lambda per
 * entry with the table access it lists, and the access tests walk it. Deny by default: a route
 * lists the roles it allows; nothing else gets through.
 */
import * as z from 'zod/mini';
import type { Role } from '../domain/records-schema';
import {
  endingRequestSchema,
  milestoneDoneRequestSchema,
  proposeRequestSchema,
  reconsiderRequestSchema,
  referralRequestSchema,
  signRequestSchema,
  withdrawRequestSchema,
} from '../domain/records-schema';
import { screeningRequestSchema } from '../domain/screening/screening-request';
import { caseSearchRequestSchema } from '../domain/cases/search';
import { approveRuleSetRequestSchema } from '../domain/rule-set-approval-schema';

export type TableAccess = 'read' | 'write';

export interface RouteDefinition {
  /** Also the handler's file name in functions/handlers and the Lambda's logical id. */
  id: string;
  method: 'GET' | 'POST';
  path: string;
  /** Roles allowed; `public` needs no token. */
  access: Role[] | 'public';
  summary: string;
  description?: string;
  body?: z.ZodMiniType;
  query?: Record<string, { description: string; required: boolean; example: string }>;
  /** Accepts an Idempotency-Key header. */
  idempotent?: boolean;
  /** Produces a 201 with Location. */
  creates?: boolean;
  /** What the handler does to the table; the CDK grants exactly this. */
  table: TableAccess[];
  /** Renders letters: only these functions bundle pdfmake and its fonts. */
  rendersLetters?: boolean;
  /**
   * Uses the rule sets: evaluates them, shows them, re-checks the law a proposal was made under,
   * or takes a parameter from the one in force. Only these functions bundle and load rules/.
   */
  usesRules?: boolean;
  /**
   * Finds cases by a person's identity number through the person index: only these functions
   * get the person-index key (Secrets Manager in AWS) and bundle its client.
   */
  usesPersonIndex?: boolean;
  /** Answers application/pdf instead of JSON. */
  pdf?: boolean;
}

const STAFF: Role[] = ['handlaggare', 'beslutsfattare'];

export const ROUTES: RouteDefinition[] = [
  {
    id: 'create-decision',
    method: 'POST',
    path: '/v1/decisions',
    access: STAFF,
    summary: 'Föreslå ett beslut: uppgifterna in, lagrat förslag med förklaring ut',
    body: proposeRequestSchema,
    idempotent: true,
    creates: true,
    usesRules: true,
    usesPersonIndex: true,
    table: ['read', 'write'],
  },
  {
    id: 'search-cases',
    method: 'POST',
    path: '/v1/case-searches',
    access: STAFF,
    summary: 'Sök en persons ärenden på personnummer, samordningsnummer eller ärendenummer',
    description:
      'Personnumret skickas i kroppen, aldrig i adressen, och söks genom ett nyckelhashat index. Varje sökning skrivs i åtkomstloggen med de ärenden den visade',
    body: caseSearchRequestSchema,
    usesPersonIndex: true,
    table: ['read', 'write'],
  },
  {
    id: 'get-case',
    method: 'GET',
    path: '/v1/cases/{id}',
    access: STAFF,
    summary: 'Akten: personen, alla beslut med status, brev, uppföljning, avslut, anmälan och historik',
    description: 'Att akten öppnas skrivs i ärendets åtkomstlogg',
    table: ['read', 'write'],
  },
  {
    id: 'get-case-access-log',
    method: 'GET',
    path: '/v1/cases/{id}/access-log',
    access: ['beslutsfattare'],
    summary: 'Åtkomstloggen: vem som har sökt fram eller läst akten, besluten och breven, och när',
    description: 'För chefens loggkontroll, det senaste först. Att loggen läses skrivs i loggen',
    table: ['read', 'write'],
  },
  {
    id: 'get-decision',
    method: 'GET',
    path: '/v1/decisions/{id}',
    access: [...STAFF, 'jurist'],
    summary: 'Beslutet med förslag, förklaring, status och historik (maskerat för jurister)',
    table: ['read', 'write'],
  },
  {
    id: 'sign-decision',
    method: 'POST',
    path: '/v1/decisions/{id}/sign',
    access: ['beslutsfattare'],
    summary: 'Beslutsfattaren beslutar: slutligt utfall, och skäl när det avviker från förslaget',
    body: signRequestSchema,
    idempotent: true,
    usesRules: true,
    table: ['read', 'write'],
    rendersLetters: true,
  },
  {
    id: 'get-letter',
    method: 'GET',
    path: '/v1/decisions/{id}/letter',
    access: STAFF,
    summary: 'Beslutsbrevet som PDF',
    table: ['read', 'write'],
    pdf: true,
  },
  {
    id: 'reconsider-decision',
    method: 'POST',
    path: '/v1/decisions/{id}/reconsiderations',
    access: ['beslutsfattare'],
    summary: 'Omprövning: ett nytt förslag som ersätter beslutet när det beslutas',
    body: reconsiderRequestSchema,
    idempotent: true,
    creates: true,
    usesRules: true,
    table: ['read', 'write'],
  },
  {
    id: 'withdraw-decision',
    method: 'POST',
    path: '/v1/decisions/{id}/withdraw',
    access: STAFF,
    summary: 'Dra tillbaka ett förslag som inte är beslutat',
    body: withdrawRequestSchema,
    table: ['read', 'write'],
  },
  {
    id: 'list-follow-ups',
    method: 'GET',
    path: '/v1/follow-ups',
    access: STAFF,
    summary: 'Uppföljningspunkter som ska vara klara före ett datum, de äldsta först',
    query: { dueBefore: { description: 'Datum (ÅÅÅÅ-MM-DD); punkter med tidigare förfallodag visas', required: true, example: '2024-10-01' } },
    table: ['read'],
  },
  {
    id: 'record-follow-up',
    method: 'POST',
    path: '/v1/decisions/{id}/follow-ups/{milestone}',
    access: STAFF,
    summary: 'Anteckna att en uppföljningspunkt är gjord',
    body: milestoneDoneRequestSchema,
    table: ['read', 'write'],
  },
  {
    id: 'record-ending',
    method: 'POST',
    path: '/v1/decisions/{id}/ending',
    access: STAFF,
    summary: 'Anteckna hur insatsen avslutades (arbete, studier, annat, avbruten)',
    body: endingRequestSchema,
    table: ['read', 'write'],
  },
  {
    id: 'list-to-decide',
    method: 'GET',
    path: '/v1/queues/att-besluta',
    access: ['beslutsfattare'],
    summary: 'Att besluta: förslag som väntar på beslut, äldst först, med ärendenummer, föreslaget utfall, vem som föreslog och dagar i kö',
    table: ['read'],
  },
  {
    id: 'list-my-work',
    method: 'GET',
    path: '/v1/queues/mina-arenden',
    access: STAFF,
    summary: 'Mina ärenden: mina förslag som väntar på beslut och uppföljningen i ärenden jag ansvarar för, med personens namn',
    table: ['read'],
  },
  {
    id: 'list-rule-sets',
    method: 'GET',
    path: '/v1/rule-sets',
    access: [...STAFF, 'jurist'],
    summary: 'Regelverken med giltighet och granskning (godkänt eller utkast)',
    usesRules: true,
    table: ['read'],
  },
  {
    id: 'get-rule-set',
    method: 'GET',
    path: '/v1/rule-sets/{id}',
    access: [...STAFF, 'jurist'],
    summary: 'Ett regelverk med kriterier, lagrum och parametrar, och vem som har godkänt det',
    usesRules: true,
    table: ['read'],
  },
  {
    id: 'approve-rule-set',
    method: 'POST',
    path: '/v1/rule-sets/{id}/approvals',
    access: ['jurist'],
    summary: 'Godkänn ett regelverk: juristen godkänner exakt det innehåll (sha256) hen har läst',
    description:
      'Bara ett godkänt regelverk används för beslut. Godkännandet gäller kontrollsumman; ändras regelverket gäller godkännandet inte längre. Parametrar och lagrum som juristen har bekräftat anges var för sig',
    body: approveRuleSetRequestSchema,
    creates: true,
    usesRules: true,
    table: ['read', 'write'],
  },
  {
    id: 'compare-rule-set',
    method: 'GET',
    path: '/v1/rule-sets/{id}/comparison',
    access: ['jurist'],
    summary: 'Jämför ett regelverk med ett annat: kriterier, parametrar, lagrum, utfall och överklagande som lagts till, tagits bort eller ändrats',
    description: 'Utan with jämförs regelverket med det regelverk det följer (det som gällde närmast före)',
    query: { with: { description: 'Id för regelverket att jämföra med; utan with det regelverk som gällde närmast före', required: false, example: 'jobbtorg-sis-sol2001' } },
    usesRules: true,
    table: [],
  },
  {
    id: 'get-rule-set-coverage',
    method: 'GET',
    path: '/v1/rule-sets/{id}/coverage',
    access: ['jurist'],
    summary: 'Testscenarierna och vad de lämnar oprövat: varje kriterium som uppfyllt, inte uppfyllt och uppgift saknas, och varje utfall',
    description: 'Räknas fram ur scenariofilerna och motorns utfall per kriterium, med dagens datum för scenarier som gäller i dag',
    usesRules: true,
    table: [],
  },
  {
    id: 'replay-rule-set',
    method: 'GET',
    path: '/v1/rule-sets/{id}/replay',
    access: ['jurist'],
    summary: 'Provkör ett regelverk mot fattade beslut: antal per utfallspar och vilka kriterier som ändras, besluten bara med referens',
    description:
      'Uppgifterna som de antecknades och åldern på det ursprungliga beslutsdatumet. Läses i sidor: högst limit beslut eller cirka fyra sekunders arbete per anrop; fortsätt med nextCursor tills den är null och lägg ihop sidorna. Vem som provkörde vilka beslut sparas i regelverkets åtkomstlogg',
    query: {
      from: { description: 'Första beslutsdatum (ÅÅÅÅ-MM-DD)', required: true, example: '2024-01-01' },
      to: { description: 'Sista beslutsdatum (ÅÅÅÅ-MM-DD), högst tio år efter from', required: true, example: '2024-12-31' },
      cursor: { description: 'nextCursor från förra sidan', required: false, example: 'eyJtIjoiMjAyNC0wOCJ9' },
      limit: { description: 'Högst så många beslut i sidan (1–2000, standard 1000)', required: false, example: '1000' },
    },
    usesRules: true,
    table: ['read', 'write'],
  },
  {
    id: 'screen',
    method: 'POST',
    path: '/v1/screenings',
    access: ['uppsok'],
    summary: 'Anonym förhandsbedömning: trolig väg och kriterier, utan namn eller personnummer',
    description: 'Tar emot ålder eller födelseår och månad och ja/nej-uppgifter. Inget om personen sparas, bara antal per månad och väg',
    body: screeningRequestSchema,
    usesRules: true,
    table: ['write'],
  },
  {
    id: 'create-referral',
    method: 'POST',
    path: '/v1/referrals',
    access: ['uppsok'],
    summary: 'Anmäl en person som nåtts genom uppsökande arbete, med samtycke, till en handläggare',
    body: referralRequestSchema,
    creates: true,
    usesRules: true,
    table: ['write'],
  },
  {
    id: 'get-referral',
    method: 'GET',
    path: '/v1/referrals/{id}',
    access: ['uppsok', ...STAFF],
    summary: 'En anmälan: för det uppsökande verktyget bara status, och bara för egna anmälningar',
    table: ['read', 'write'],
  },
  {
    id: 'list-referrals',
    method: 'GET',
    path: '/v1/referrals',
    access: STAFF,
    summary: 'Anmälningar som väntar på en handläggare, de äldsta först',
    table: ['read'],
  },
  {
    id: 'get-statistics',
    method: 'GET',
    path: '/v1/statistics',
    access: [...STAFF, 'jurist'],
    summary: 'Anonymiserad statistik per månad: utfall, målgrupp, åldersgrupp och hur insatsen avslutades',
    description: 'Antal under fem visas aldrig, och inte heller antal som ett dolt antal kan räknas ut ur; dolda antal är null (i CSV ".."). format=csv ger semikolonseparerad CSV',
    query: {
      from: { description: 'Första månad (ÅÅÅÅ-MM)', required: true, example: '2024-01' },
      to: { description: 'Sista månad (ÅÅÅÅ-MM), högst 60 månader efter from', required: true, example: '2024-12' },
      format: { description: 'json (standard) eller csv', required: false, example: 'csv' },
    },
    table: ['read'],
  },
  { id: 'openapi', method: 'GET', path: '/v1/openapi.json', access: 'public', summary: 'Den här API-beskrivningen (OpenAPI 3.1)', table: [] },
  { id: 'health', method: 'GET', path: '/v1/health', access: 'public', summary: 'Lever tjänsten?', table: [] },
];

export function routeById(id: string): RouteDefinition {
  const route = ROUTES.find((r) => r.id === id);
  if (!route) throw new Error(`No route ${id}`);
  return route;
}

/** Matches a concrete path against the table; path parameters come back by name. */
export function matchRoute(method: string, path: string): { route: RouteDefinition; params: Record<string, string> } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const names: string[] = [];
    const pattern = new RegExp(`^${route.path.replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] as string)])) };
  }
  return allowed.length > 0 ? { allowed } : undefined;
}
