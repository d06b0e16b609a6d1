/**
 * Staff never see a code. For each staff role the page is walked in a real browser: every view
 * reachable from the menu and from the links on each view, every decision in each state (proposed,
 * signed in each outcome, withdrawn, superseded, ended, masked for a jurist), and the forms opened
 * and sent empty. On each, the visible text (and what a screen reader reads: labels, options,
 * aria-labels) must hold no code from functions/domain's lists or the rule sets (test/support/codes.ts
 * reads them from the source), and a delegation point is always named with its title. axe checks
 * every state.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Code, delegationPoints, domainCodes, ruleSetCodes } from '../support/codes';
import { type Caller, useE2eServer } from '../support/e2e';
import { personnummer } from '../support/identity';
import { proposeBody } from '../support/lifecycle';
import { accessibilityViolations, screenshot, scriptErrorsOf, signIn, useBrowser } from './browser';

// Nothing approved to begin with, as in AWS: a jurist approves one rule set through the API and
// the other stays a draft, so her approval form is walked too.
const server = useE2eServer({ approve: false, devTokens: true });
const browser = useBrowser();

/** Codes that are also plain Swedish words, spelled as a Swedish text writes them. */
const SWEDISH_WORDS = new Set(['jurist', 'beslutsfattare']);

let codes: Code[] = [];
const points = delegationPoints();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A code as a word of its own: `SIGNED` but not `SIGNEDX`, `ageMin` but not `ageMinimum`. */
const asWord = (code: string) => new RegExp(`(?<![\\p{L}\\p{N}_:-])${escape(code)}(?![\\p{L}\\p{N}_:-])`, 'u');

/** Every code in `text`, and every delegation point not followed by its title, as readable lines. */
export function codesIn(text: string, list: Code[]): string[] {
  const found: string[] = [];
  const reported = new Set<string>();
  for (const { code, from } of list) {
    if (SWEDISH_WORDS.has(code) || reported.has(code)) continue;
    const match = asWord(code).exec(text);
    if (match) reported.add(code);
    if (match) found.push(`${code} (${from}) in "…${text.slice(Math.max(0, match.index - 40), match.index + code.length + 40).replace(/\s+/g, ' ')}…"`);
  }
  for (const { point, titles } of points) {
    for (const match of text.matchAll(new RegExp(`(?<![\\d.])${escape(point)}(?![\\d])`, 'g'))) {
      const after = text.slice((match.index ?? 0) + point.length);
      if (!titles.some((title) => after.startsWith(`, ${title}`))) found.push(`delegation point ${point} without its title in "…${text.slice(Math.max(0, (match.index ?? 0) - 40), (match.index ?? 0) + 60).replace(/\s+/g, ' ')}…"`);
    }
  }
  return found;
}

/** What a person sees or hears on the page: the text, and the names and options of its controls. */
const readable = (page: Page) =>
  page.evaluate(() => {
    const texts = [document.title, document.body.innerText];
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) texts.push(element.getAttribute(attribute) ?? '');
    }
    for (const option of document.querySelectorAll('option')) texts.push(option.textContent ?? '');
    return texts.join('\n');
  });

const seen = new Set<string>();
/** No code, axe clean, no script error; a screenshot of each kind of view the first time it is seen. */
async function inspect(page: Page, where: string, kind: string): Promise<void> {
  expect(codesIn(await readable(page), codes), where).toEqual([]);
  expect(await accessibilityViolations(page), `axe on ${where}`).toEqual([]);
  expect(scriptErrorsOf(page).filter((e) => !/status of 4\d\d/.test(e)), `script errors on ${where}`).toEqual([]);
  if (!seen.has(kind)) {
    seen.add(kind);
    await screenshot(page, `40-koder-${kind}`);
  }
}

async function show(page: Page, hash: string): Promise<void> {
  // A fresh document for each view (the session stays in the tab), so the view inspected is the
  // one asked for and no request of the one before is cut off.
  await page.goto('about:blank');
  await page.goto(`${server.url}/${hash}`);
  await page.locator('main h1').waitFor();
  await page.waitForLoadState('networkidle');
}

async function sendEmpty(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.locator('.error-summary:not([hidden]) h2').waitFor();
}

/** A new decision dated `date`, which the API refuses with a problem matching `expected`. */
async function proposeOn(page: Page, date: string, expected: RegExp): Promise<void> {
  await page.getByLabel('Namn (obligatoriskt)', { exact: true }).first().fill('Elin Söderström');
  await page.getByLabel('Personnummer eller samordningsnummer').fill(personnummer('2001-05-17'));
  await page.getByLabel('Adress').fill('Götgatan 12');
  await page.getByLabel('Postnummer').fill('118 46');
  await page.getByLabel('Postort').fill('Stockholm');
  await page.getByLabel('Beslutsdatum').fill(date);
  await page.getByRole('button', { name: 'Begär förslag' }).click();
  await page.locator('.error-summary:not([hidden])', { hasText: expected }).waitFor();
}

/** Forms opened and sent as they are, on the views that have them. */
const interactions: Array<{ on: RegExp; roles: string[]; name: string; run(page: Page): Promise<void | 'not here'> }> = [
  { on: /^#\/$/, roles: ['jurist'], name: 'start-tom', run: (page) => sendEmpty(page, 'Öppna') },
  // Staff start on the search (with Att besluta and Mina ärenden), and the search has its own view.
  { on: /^#\/$/, roles: ['handlaggare', 'beslutsfattare'], name: 'start-sok-tom', run: (page) => sendEmpty(page, 'Sök') },
  { on: /^#\/sok$/, roles: ['handlaggare', 'beslutsfattare'], name: 'sok-tom', run: (page) => sendEmpty(page, 'Sök') },
  { on: /^#\/ny$/, roles: ['handlaggare', 'beslutsfattare'], name: 'nytt-beslut-tomt', run: (page) => sendEmpty(page, 'Begär förslag') },
  // The API's problems name rule sets by id: "Regelverket jobbtorg-sis-sol2025 … väntar på godkännande".
  { on: /^#\/ny$/, roles: ['handlaggare'], name: 'nytt-beslut-utkast', run: (page) => proposeOn(page, '2025-08-01', /väntar på godkännande/) },
  { on: /^#\/ny$/, roles: ['beslutsfattare'], name: 'nytt-beslut-inget-regelverk', run: (page) => proposeOn(page, '2022-06-01', /Inget regelverk gäller/) },
  {
    on: /^#\/uppfoljning$/, roles: ['handlaggare', 'beslutsfattare'], name: 'uppfoljning-formular',
    async run(page) {
      const first = page.locator('li.milestone').first();
      await first.getByRole('button', { name: 'Markera som gjord' }).click();
      await sendEmpty(page, 'Spara som gjord');
      await first.getByRole('button', { name: 'Insatsen har avslutats' }).click();
      await page.getByLabel('Avslutad den').fill('');
      await sendEmpty(page, 'Spara avslut');
    },
  },
  { on: /^#\/anmalningar$/, roles: ['handlaggare', 'beslutsfattare'], name: 'anmalan-oppen', run: async (page) => (await page.getByRole('button', { name: /^Visa anmälan/ }).first().click(), await page.getByRole('button', { name: 'Ta upp i ett nytt ärende' }).waitFor()) },
  {
    on: /^#\/statistik$/, roles: ['handlaggare', 'beslutsfattare', 'jurist'], name: 'statistik-fel',
    async run(page) {
      await page.getByLabel('Från månad').fill('2025-01');
      await page.getByLabel('Till månad').fill('2024-01');
      await page.getByRole('button', { name: 'Visa', exact: true }).click();
      await page.locator('.error-summary:not([hidden]) h2').waitFor();
    },
  },
  {
    on: /^#\/beslut\//, roles: ['beslutsfattare'], name: 'besluta-avvik-delvis',
    async run(page) {
      if ((await page.getByRole('heading', { name: 'Besluta', exact: true }).count()) === 0) return 'not here';
      await page.getByLabel('Avvika från förslaget, med skriftliga skäl').check();
      const outcome = page.getByLabel('Beslut (obligatoriskt)', { exact: true });
      if ((await outcome.locator('option[value="PARTIAL"]').count()) > 0) await outcome.selectOption('PARTIAL');
      await sendEmpty(page, 'Besluta och underteckna');
    },
  },
  {
    on: /^#\/regelverk\/jobbtorg-sis-sol2025$/, roles: ['jurist'], name: 'regelverk-godkann-tomt',
    async run(page) {
      await page.getByRole('button', { name: 'Fortsätt till bekräftelsen' }).click();
      await sendEmpty(page, 'Godkänn regelverket');
    },
  },
];

const WHO = { handlaggare: 'Anna Lindqvist', beslutsfattare: 'Göran Ödmark', jurist: 'Karin Sjöberg' } as const;
/** Each recorded decision by the state it shows, for the screenshots' names. */
const decisions = new Map<string, string>();

async function post(path: string, body: unknown, as: Caller): Promise<any> {
  const response = await server.post(path, body, as);
  expect(response.status, `${path}: ${response.text}`).toBeLessThan(300);
  return response.json();
}

/** A case for each state a decision can be in. */
async function recordCases(): Promise<void> {
  const { sha256 } = (await server.get('/v1/rule-sets/jobbtorg-sis-sol2001', 'jurist')).json();
  await post('/v1/rule-sets/jobbtorg-sis-sol2001/approvals', { sha256, confirmedParameters: ['ageMin', 'ageMax'], confirmedReferences: ['KL:13'], note: 'Åldersgränserna kontrollerade mot KS 2022/759.' }, 'jurist');
  const secondDelegate = { token: await server.token({ role: 'beslutsfattare', name: 'Maria Åkesson', title: 'Sektionschef', delegation: '3.1.4' }) };
  const propose = async (name: string, birthDate: string, facts: Record<string, unknown> = {}) => (await post('/v1/decisions', proposeBody({ name, birthDate, facts }), 'handlaggare')).id as string;
  const sign = (id: string, body: unknown, as: Caller = 'beslutsfattare') => post(`/v1/decisions/${id}/sign`, body, as);

  const granted = await propose('Elin Söderström', '2001-05-17');
  const signed = await sign(granted, { finalOutcome: 'GRANT' });
  await post(`/v1/decisions/${granted}/follow-ups/${signed.milestones[0].milestoneId}`, { note: 'Jobbplanen upprättad tillsammans med Elin.' }, 'handlaggare');

  const ended = await propose('Johan Ek', '1999-11-03', { requestedPeriod: { from: '2024-08-20', to: '2025-02-28' } });
  await sign(ended, { finalOutcome: 'GRANT' });
  await post(`/v1/decisions/${ended}/ending`, { reason: 'WORK', endedOn: '2024-08-20', note: 'Anställd som lagerarbetare.' }, 'handlaggare');

  const partial = await propose('Ida Holmström', '2002-02-14');
  await sign(partial, { finalOutcome: 'PARTIAL', grantedPeriod: { from: '2024-09-02', to: '2024-12-31' }, deviationReason: 'Stödet prövas först under hösten.' });

  const refused = await propose('Åsa Nyström', '1999-03-12', { working: true });
  await sign(refused, { finalOutcome: 'REFUSE' });
  const referred = await propose('Amira Jönsson', '1996-02-11', { forsorjningsstod: true, consentToShareWithDistrictOffice: true });
  await sign(referred, { finalOutcome: 'REFER' });

  const waiting = await propose('Mohammed Öztürk', '2000-06-21');
  const waitingRefusal = await propose('Oskar Häggström', '1998-09-30', { studying: true });
  const incomplete = (await post('/v1/decisions', { ...proposeBody({ name: 'Nora Lind', birthDate: '2003-01-09' }), facts: { reachedThroughOutreach: true } }, 'handlaggare')).id as string;
  const withdrawn = await propose('Karl Berg', '2001-10-10');
  await post(`/v1/decisions/${withdrawn}/withdraw`, { reason: 'Personen har flyttat från Stockholm.' }, 'handlaggare');

  const first = await propose('Linnéa Östlund', '2000-03-14');
  await sign(first, { finalOutcome: 'GRANT' });
  const reconsidered = await post(`/v1/decisions/${first}/reconsiderations`, { reason: 'Linnéa har börjat studera på komvux på heltid.', facts: proposeBody({ facts: { studying: true } }).facts, decisionDate: server.today }, 'beslutsfattare');
  await sign(reconsidered.id, { finalOutcome: reconsidered.proposal.outcome }, secondDelegate);

  await post('/v1/referrals', {
    applicant: { name: 'Sara Öberg', personnummer: personnummer('2003-08-17') },
    consent: { given: true, recordedOn: '2024-08-15', method: 'DIGITAL', recordedBy: 'Lars Åkesson' },
    note: 'Vill ha stöd att hitta en utbildning.',
  }, 'uppsok');
  for (const [id, state] of [
    [granted, 'beviljat-uppfoljt'], [ended, 'beviljat-avslutat'], [partial, 'delvis-beviljat'], [refused, 'avslag'], [referred, 'hanvisat'],
    [waiting, 'forslag-bevilja'], [waitingRefusal, 'forslag-avsla'], [incomplete, 'forslag-ofullstandigt'], [withdrawn, 'tillbakadraget'],
    [first, 'ersatt'], [reconsidered.id as string, 'omprovat'],
  ] as const) decisions.set(id, state);
}

beforeAll(async () => {
  codes = [...(await domainCodes()), ...ruleSetCodes()];
  await recordCases();
});

describe('codes on the page', () => {
  it('reads the codes from the source: outcomes, statuses, audit actions, milestone kinds, parameters, criteria, rule-set ids', () => {
    const all = new Set(codes.map((c) => c.code));
    for (const code of ['GRANT', 'PARTIAL', 'INCOMPLETE', 'SIGNED', 'SUPERSEDED', 'READ_DECISION', 'INSATS_ENDED', 'FIRST_JOB_PLAN', 'ageMin', 'researchSampleBirthDays', 'TARGET_GROUP', 'A7_PERIOD_OCH_UPPFOLJNING', 'jobbtorg-sis-sol2001', 'jobbtorg-sis-sol2025', 'handlaggare', 'targetGroup']) {
      expect(all.has(code), code).toBe(true);
    }
  });

  it('finds a code, or a delegation point without its title, where there is one, and not in Swedish words', () => {
    expect(codesIn('Status: SIGNED', codes)).toHaveLength(1);
    expect(codesIn('Regelverk jobbtorg-sis-sol2001 version 1', codes)).toHaveLength(1);
    expect(codesIn('ageMin = 19 år', codes)).toHaveLength(1);
    expect(codesIn('enligt delegation 3.1.4.', codes)).toHaveLength(1);
    expect(codesIn(`enligt delegationsordningen punkt 3.1.4, ${points[0]?.titles[0]}.`, codes)).toEqual([]);
    expect(codesIn('Som jurist granskar du regelverken; som beslutsfattare beslutar du. Förvaltningsjurist.', codes)).toEqual([]);
    expect(codesIn('Beviljat, Avslag, Arbete, 19–24 år', codes)).toEqual([]);
  });

  for (const role of ['handlaggare', 'beslutsfattare', 'jurist'] as const) {
    it(`shows ${WHO[role]} (${role}) no code on any view she or he can reach, nor in any form sent empty`, async () => {
      const { page } = await browser.newPage();
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { name: /^Logga in/ }).waitFor();
      await inspect(page, `${role} sign-in`, 'logga-in');
      await signIn(page, server.url, WHO[role]);
      // The menu and every decision (opened by id from the start page), then every link found on the way.
      const queue = [...(await page.locator('#nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href') as string))), ...[...decisions.keys()].map((id) => `#/beslut/${id}`), '#/finns-inte', '#/beslut/00000000-0000-4000-8000-000000000000'];
      const visited = new Set<string>();
      while (queue.length > 0) {
        const hash = queue.shift() as string;
        if (visited.has(hash)) continue;
        visited.add(hash);
        await show(page, hash);
        const decision = decisions.get(hash.split('/')[2] ?? '');
        const kind = decision ? `beslut-${decision}` : hash.replace(/^#\/?/, '').replace(/\/[0-9a-f-]{36}$/, '').replace(/\//g, '-') || 'start';
        await inspect(page, `${role} ${hash}`, `${role}-${kind}`);
        for (const link of await page.locator('main a[href^="#/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') as string))) if (!visited.has(link)) queue.push(link);
        for (const interaction of interactions.filter((i) => i.on.test(hash) && i.roles.includes(role))) {
          if ((await interaction.run(page)) === 'not here') continue;
          await inspect(page, `${role} ${hash} ${interaction.name}`, `${role}-${kind}-${interaction.name}`);
        }
      }
      // The walk reached the views this role has, and no more.
      const views = [...visited].map((h) => h.split('/')[1]);
      const staffViews = ['', 'sok', 'arende', 'mina-arenden', 'ny', 'uppfoljning', 'anmalningar', 'regelverk', 'statistik', 'beslut', 'finns-inte'];
      expect(new Set(views)).toEqual(new Set(role === 'jurist' ? ['', 'regelverk', 'statistik', 'beslut', 'finns-inte'] : role === 'beslutsfattare' ? [...staffViews, 'att-besluta'] : staffViews));
      expect(visited.has('#/regelverk/jobbtorg-sis-sol2025')).toBe(true);
    });
  }
});
