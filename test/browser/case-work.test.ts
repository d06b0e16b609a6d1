/**
 * Finding a person's case and the work lists in a real browser, against the local server on
 * DynamoDB Local: a case worker searches by personnummer (never put in the address) and opens the
 * case file; a delegate starts on *Att besluta*; *Mina ärenden* names the people; a link opened
 * while signed out survives the sign-in; the new-decision form points to the person's existing
 * case. axe-core checks every view, photographed at laptop and tablet width.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2eServer } from '../support/e2e';
import { inForm, personnummer } from '../support/identity';
import { proposeBody } from '../support/lifecycle';
import { TABLET, checkView, checkViewAt, fitsWidth, signIn, useBrowser } from './browser';

const server = useE2eServer({ devTokens: true });

/** Chooses a development user on the sign-in view by name (the option also names role and delegation). */
async function chooseUser(page: Page, who: string): Promise<void> {
  const select = page.getByLabel('Utvecklingsanvändare och roll');
  await select.selectOption((await select.locator('option', { hasText: who }).getAttribute('value')) as string);
}
const browser = useBrowser();

async function open(viewport?: { width: number; height: number }): Promise<Page> {
  return (await browser.newPage(viewport)).page;
}

/** What staff must never be shown: the API's codes, ids, raw UTC timestamps. */
const CODES = /\b(GRANT|PARTIAL|REFUSE|REFER|INCOMPLETE|PROPOSED|SIGNED|WITHDRAWN|SUPERSEDED|PROPOSAL_WAITING|INSATS_ONGOING|NO_DECISION|CASE_CREATED|READ_CASE|FOUND_BY_SEARCH|FIRST_JOB_PLAN|DEEPER_PLAN|FOLLOW_UP|FINAL_FOLLOW_UP|WRITTEN|handlaggare|uppsok)\b|[0-9a-f]{8}-[0-9a-f]{4}-|\d{4}-\d{2}-\d{2}T\d{2}/;

async function post(path: string, body: unknown, as: 'handlaggare' | 'beslutsfattare' | 'uppsok') {
  const response = await server.post(path, body, as);
  expect(response.status, `${path}: ${response.text}`).toBeLessThan(300);
  return response.json();
}

/** The people in the cases, each with their own personnummer (one person, one case). */
const LINNEA = { name: 'Linnéa Åström', birthDate: '2002-11-23', serial: '986' };
const OSKAR = { name: 'Oskar Nyberg', birthDate: '2000-02-14', serial: '987' };
const SAGA = { name: 'Saga Höglund', birthDate: '2003-06-30', serial: '988' };
const ELIAS = { name: 'Elias Wästberg', birthDate: '1999-09-09', serial: '989' };
const pnrOf = (p: { birthDate: string; serial: string }) => personnummer(p.birthDate, p.serial);

const cases = { linnea: { caseId: '', caseNumber: '', decisionId: '' }, oskar: { caseId: '', caseNumber: '', decisionId: '' }, saga: { caseId: '', caseNumber: '', decisionId: '' }, elias: { caseId: '', caseNumber: '' } };

describe('finding a case and the work lists', () => {
  beforeAll(async () => {
    // Linnéa came by a referral from outreach; her grant is signed, the first follow-up done.
    const referral = await post('/v1/referrals', {
      applicant: { name: LINNEA.name, personnummer: pnrOf(LINNEA) },
      consent: { given: true, recordedOn: '2024-08-15', method: 'WRITTEN', recordedBy: 'Lars Åkesson' },
      note: 'Vill ha hjälp att hitta en utbildning inom vården.',
    }, 'uppsok');
    const granted = await post('/v1/decisions', { ...proposeBody(LINNEA), referralId: referral.id }, 'handlaggare');
    await post(`/v1/decisions/${granted.id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
    await post(`/v1/decisions/${granted.id}/follow-ups/01`, { note: 'Jobbplanen upprättad tillsammans med Linnéa.' }, 'handlaggare');
    cases.linnea = { caseId: granted.caseId, caseNumber: granted.caseNumber, decisionId: granted.id };
    // Oskar's proposal (by the case worker) waits, older than Saga's (by the delegate himself).
    const oskar = await post('/v1/decisions', proposeBody(OSKAR), 'handlaggare');
    cases.oskar = { caseId: oskar.caseId, caseNumber: oskar.caseNumber, decisionId: oskar.id };
    const saga = await post('/v1/decisions', proposeBody(SAGA), 'beslutsfattare');
    cases.saga = { caseId: saga.caseId, caseNumber: saga.caseNumber, decisionId: saga.id };
    // Elias has a case whose only proposal was withdrawn: a new one joins that case.
    const elias = await post('/v1/decisions', proposeBody(ELIAS), 'handlaggare');
    await post(`/v1/decisions/${elias.id}/withdraw`, { reason: 'Fel sökt period.' }, 'handlaggare');
    cases.elias = { caseId: elias.caseId, caseNumber: elias.caseNumber };
  });

  it('lets a case worker search by a ten-digit personnummer, shows errors beside the field, and never puts the number in the address', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist');
    await page.getByRole('heading', { name: 'Sök ärende' }).waitFor();
    await checkView(page, '40-start-handlaggare');

    const field = page.getByLabel('Personnummer, samordningsnummer eller ärendenummer');
    await field.fill(LINNEA.name);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    const error = page.locator('.field[data-path="query"] .field-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Sökning på namn finns inte');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain(await error.getAttribute('id'));
    await checkView(page, '41-sok-fel');

    const tenDigits = inForm(pnrOf(LINNEA), 'YYMMDD-NNNN');
    await field.fill(tenDigits);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('heading', { name: 'Sökresultat: 1 ärende' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/sok');
    // The results are announced: focus moves to their heading.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-heading');
    const result = await page.locator('.case-card').innerText();
    expect(result).toContain(`${cases.linnea.caseNumber} – ${LINNEA.name}`);
    expect(result).toContain(`Personnummer\n${pnrOf(LINNEA)}`);
    expect(result).toContain('Status\nInsats pågår');
    expect(result).toContain('Beslut 1: Beviljat, beslutsdatum 2024-08-20');
    expect(result).not.toMatch(CODES);
    expect(await page.getByLabel('Personnummer, samordningsnummer eller ärendenummer').inputValue()).toBe(tenDigits);
    await checkView(page, '42-sokresultat');
    const digits = pnrOf(LINNEA).replace('-', '');
    for (const url of [page.url(), decodeURIComponent(page.url())]) expect(url).not.toMatch(new RegExp(`${digits.slice(2, 8)}|${digits.slice(8)}`));

    // A case number finds the case too, written as staff shorten it.
    await page.getByLabel('Personnummer, samordningsnummer eller ärendenummer').fill(cases.oskar.caseNumber.replace('AMN ', '').replace(/\/0+/, '/'));
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('link', { name: `${cases.oskar.caseNumber} – ${OSKAR.name}` }).waitFor();
    expect(await page.locator('.case-card').innerText()).toMatch(/Status\nFörslag väntar på beslut[\s\S]*Beslut 1: Förslag: Bevilja, väntar på beslut/);
  });

  it('opens the case file from the search: the person, each decision, the letter, follow-ups, the referral and the history, in Swedish', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist');
    await page.getByLabel('Personnummer, samordningsnummer eller ärendenummer').fill(inForm(pnrOf(LINNEA), 'YYYYMMDDNNNN'));
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('link', { name: `${cases.linnea.caseNumber} – ${LINNEA.name}` }).click();
    await page.getByRole('heading', { name: `Akten i ärende ${cases.linnea.caseNumber}` }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/arende/${cases.linnea.caseId}`);

    const text = await page.locator('main').innerText();
    expect(text).toContain(`Namn\n${LINNEA.name}`);
    expect(text).toContain('Status\nInsats pågår');
    expect(text).toContain('Ansvarig handläggare\nAnna Lindqvist');
    expect(text).toContain('Beslut 1: Beviljat');
    expect(text).toMatch(/Beslut 1: Beviljat, brevet skapades 2024-08-20 \d{2}:\d{2}/);
    expect(text).toMatch(/Beslutat\n2024-08-20 \d{2}:\d{2} av Göran Ödmark, Enhetschef, enligt delegationsordningen punkt 3\.1\.4, \S/);
    expect(text).toMatch(/Första jobbplan\s+\d{4}-\d{2}-\d{2}\s+Gjord\s*2024-08-20 av Anna Lindqvist: Jobbplanen upprättad/);
    expect(text).toContain('Samtycke\nSkriftligt, 2024-08-15, antecknat av Lars Åkesson');
    const history = await page.locator('table.history tbody').innerText();
    // The history is what changed; searches and reads are in the access log, not here.
    expect(history.split('\n').map((row) => row.split('\t')[2])).toEqual([
      'Skapade ärendet', 'Begärde förslag: Bevilja', 'Tog upp anmälan i ärendet', 'Beslutade att bevilja', 'Antecknade uppföljning som gjord: Första jobbplan',
    ]);
    expect(history).toMatch(/2024-08-20 \d{2}:\d{2}\s+Göran Ödmark \(beslutsfattare\)\s+Beslutade att bevilja\s+Beslut 1/);
    expect(text).not.toMatch(CODES);
    // The access log is the managers' log check; a case worker is told it exists, not shown it.
    expect(await page.getByRole('heading', { name: 'Åtkomstlogg' }).count()).toBe(0);
    await checkView(page, '43-akt');

    // The letter, fetched with the sign-in's token like the decision view does.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ned (PDF) brevet om beslut 1' }).click()]);
    expect(readFileSync((await download.path()) as string).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // To the decision and back to the case file; then back to the search, still in memory only.
    await page.getByRole('link', { name: 'Beslut 1', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Förslag: Bevilja' }).waitFor();
    await page.getByRole('link', { name: `Akten i ärende ${cases.linnea.caseNumber}` }).click();
    await page.getByRole('link', { name: 'Tillbaka till sökresultatet' }).click();
    await page.getByRole('heading', { name: 'Sökresultat: 1 ärende' }).waitFor();
    expect(page.url()).not.toContain(pnrOf(LINNEA).slice(2, 8));
  });

  it('gives a delegate the access log of the case for the log check: who searched for it and read it, the latest first, and her reading it is logged', async () => {
    const page = await open();
    await signIn(page, server.url, 'Göran Ödmark', `#/arende/${cases.linnea.caseId}`);
    await page.getByRole('heading', { name: `Akten i ärende ${cases.linnea.caseNumber}` }).waitFor();
    const section = page.getByRole('region', { name: 'Åtkomstlogg' });
    await section.getByRole('button', { name: 'Visa åtkomstloggen' }).click();
    const rows = (await section.locator('tbody').innerText()).split('\n').map((row) => row.split('\t').slice(1, 3).join(' | '));
    // Opening the case file just now is the latest read; the case worker's search and reads before it.
    expect(rows[0]).toBe('Göran Ödmark (beslutsfattare) | Öppnade akten');
    expect(rows).toEqual(expect.arrayContaining([
      'Anna Lindqvist (handläggare) | Fick upp ärendet i en sökning',
      'Anna Lindqvist (handläggare) | Öppnade akten',
      'Anna Lindqvist (handläggare) | Öppnade beslutsbrevet',
      'Anna Lindqvist (handläggare) | Läste beslutet',
    ]));
    expect(await section.innerText()).not.toMatch(CODES);
    await checkView(page, '54-akt-atkomstlogg');

    // Reading the log is itself in the log the next time it is read.
    const log = await server.get(`/v1/cases/${cases.linnea.caseId}/access-log`, 'beslutsfattare');
    expect(log.status, log.text).toBe(200);
    expect(log.json().entries[0]).toMatchObject({ action: 'READ_ACCESS_LOG', actor: { name: 'Göran Ödmark', role: 'beslutsfattare' } });
  });

  it('starts a delegate on Att besluta: oldest first, with the proposed outcome, who proposed it and how long it has waited', async () => {
    const page = await open();
    await signIn(page, server.url, 'Göran Ödmark');
    await page.getByRole('heading', { name: 'Att besluta (2)' }).waitFor();
    const rows = page.locator('section:has(#to-decide-heading) tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toMatch(new RegExp(`^${cases.oskar.caseNumber}\\s+Bevilja\\s+Anna Lindqvist\\s+2024-08-20\\s+i dag\\s+Besluta`));
    expect(await rows.nth(1).innerText()).toContain(`${cases.saga.caseNumber}\tBevilja\tGöran Ödmark`);
    // Four eyes: his own proposal is marked, and offered to read, not to decide.
    expect(await rows.nth(1).innerText()).toContain('Ditt förslag: en annan beslutsfattare beslutar.');
    expect(await rows.nth(1).getByRole('link', { name: `Visa i ärende ${cases.saga.caseNumber}`, exact: true }).count()).toBe(1);
    expect(await rows.nth(1).getByRole('link', { name: /^Besluta/ }).count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await checkView(page, '44-start-beslutsfattare');

    await page.getByRole('link', { name: `Besluta i ärende ${cases.oskar.caseNumber}` }).click();
    await page.getByRole('heading', { name: 'Besluta', exact: true }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/beslut/${cases.oskar.decisionId}`);

    await page.getByRole('link', { name: 'Att besluta', exact: true }).click();
    await page.getByRole('heading', { name: 'Att besluta (2)', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Att besluta', exact: true }).getAttribute('aria-current')).toBe('page');
    await checkView(page, '45-att-besluta');
  });

  it('shows a case worker Mina ärenden: own waiting proposals and the follow-ups of her cases, with the person’s name', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/mina-arenden');
    await page.getByRole('heading', { name: 'Mina ärenden', level: 1 }).waitFor();
    const proposals = await page.locator('section:has(#mine-proposals-h2) tbody').innerText();
    expect(proposals).toMatch(new RegExp(`^${OSKAR.name}\\s+${cases.oskar.caseNumber}\\s+Bevilja\\s+2024-08-20\\s+i dag\\s+Visa förslaget`));
    expect(proposals).not.toContain(SAGA.name);
    const followUps = page.locator('section:has(#mine-follow-ups-h2) tbody tr');
    // The first of Linnéa's four follow-ups is done; three are left, the due dates passed long ago.
    expect(await followUps.count()).toBe(3);
    expect(await followUps.first().innerText()).toMatch(new RegExp(`^${LINNEA.name}\\s+${cases.linnea.caseNumber}\\s+Fördjupad jobbplan\\s+\\d{4}-\\d{2}-\\d{2}\\s*Försenad`));
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await checkView(page, '46-mina-arenden');
    await page.getByRole('link', { name: cases.oskar.caseNumber, exact: true }).click();
    await page.getByRole('heading', { name: `Akten i ärende ${cases.oskar.caseNumber}` }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Status\nFörslag väntar på beslut');
  });

  it('lands on the linked view after sign-in, also after an expired sign-in, and ignores anything but a view of this page', async () => {
    const page = await open();
    await page.goto(`${server.url}/#/arende/${cases.linnea.caseId}`);
    await page.getByRole('heading', { name: 'Logga in (lokal utveckling)' }).waitFor();
    await chooseUser(page, 'Anna Lindqvist');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: `Akten i ärende ${cases.linnea.caseNumber}` }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/arende/${cases.linnea.caseId}`);

    // The sign-in runs out while she works: back to where she was after signing in again.
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('jobbtorg.session') as string);
      const [header, payload, signature] = session.token.split('.');
      sessionStorage.setItem('jobbtorg.session', JSON.stringify({ ...session, token: [header, payload, [...signature].reverse().join('')].join('.') }));
    });
    await page.getByRole('link', { name: 'Beslut 1', exact: true }).first().click();
    await page.getByText('Din inloggning har gått ut. Logga in igen.').waitFor();
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Förslag: Bevilja' }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/beslut/${cases.linnea.decisionId}`);

    // A delegate's link to a proposal.
    const delegate = await open();
    await delegate.goto(`${server.url}/#/beslut/${cases.oskar.decisionId}`);
    await chooseUser(delegate, 'Göran Ödmark');
    await delegate.getByRole('button', { name: 'Logga in' }).click();
    await delegate.getByRole('heading', { name: 'Besluta', exact: true }).waitFor();
    expect(new URL(delegate.url()).hash).toBe(`#/beslut/${cases.oskar.decisionId}`);

    // Whatever else is stored as the place to return to, the page starts on its start page.
    for (const stored of ['https://example.org/#/arende/x', 'javascript:alert(1)', '#/logga-in', '#//example.org']) {
      const other = await open();
      await other.goto(`${server.url}/#/`);
      await other.evaluate((value) => sessionStorage.setItem('jobbtorg.return-to', value), stored);
      await chooseUser(other, 'Anna Lindqvist');
      await other.getByRole('button', { name: 'Logga in' }).click();
      await other.getByRole('heading', { name: 'Välkommen, Anna Lindqvist' }).waitFor();
      expect(new URL(other.url()).hash, stored).toBe('#/');
    }
  });

  it('points the new-decision form to the person’s case: another name or an open proposal is refused with a link, a new proposal joins the case', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/ny');
    const fill = async (name: string, pnr: string) => {
      await page.getByLabel('Namn (obligatoriskt)', { exact: true }).first().fill(name);
      await page.getByLabel('Personnummer eller samordningsnummer').fill(pnr);
      await page.getByLabel('Adress').fill('Hornsgatan 80');
      await page.getByLabel('Postnummer').fill('118 21');
      await page.getByLabel('Postort').fill('Stockholm');
      await page.getByRole('button', { name: 'Begär förslag' }).click();
    };

    await fill(OSKAR.name, pnrOf(OSKAR));
    await page.locator('.error-summary').getByText(`Personen har redan ärende ${cases.oskar.caseNumber} med ett förslag som inte är beslutat`).waitFor();
    await checkView(page, '47-nytt-beslut-oppet-forslag');
    await page.getByRole('link', { name: `Öppna akten i ärende ${cases.oskar.caseNumber}` }).click();
    await page.getByRole('heading', { name: `Akten i ärende ${cases.oskar.caseNumber}` }).waitFor();

    await page.goto(`${server.url}/#/ny`);
    await page.getByRole('heading', { name: 'Nytt beslut' }).waitFor();
    await fill('Elias Berg', pnrOf(ELIAS));
    const summary = page.locator('.error-summary');
    await summary.getByText(`Personnumret finns redan i ärende ${cases.elias.caseNumber} under ett annat namn.`).waitFor();
    expect(await summary.innerText()).not.toContain('nameChangeReason');
    expect(await summary.getByRole('link', { name: `Öppna akten i ärende ${cases.elias.caseNumber}` }).getAttribute('href')).toBe(`#/arende/${cases.elias.caseId}`);

    await page.getByLabel('Namn (obligatoriskt)', { exact: true }).first().fill(ELIAS.name);
    await page.getByRole('button', { name: 'Begär förslag' }).click();
    await page.getByText(`Förslaget lades i personens befintliga ärende ${cases.elias.caseNumber}.`).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Ärende ${cases.elias.caseNumber}`);
    await checkView(page, '48-forslag-i-befintligt-arende');
  });

  it('fits a tablet: the start pages, the search, the case file and the lists neither scroll sideways nor fail axe', async () => {
    const page = await open(TABLET);
    await signIn(page, server.url, 'Göran Ödmark');
    const views: Array<[string, string]> = [
      ['#/', '49-surfplatta-start-beslutsfattare'],
      ['#/att-besluta', '50-surfplatta-att-besluta'],
      ['#/mina-arenden', '51-surfplatta-mina-arenden'],
      [`#/arende/${cases.linnea.caseId}`, '52-surfplatta-akt'],
    ];
    for (const [hash, name] of views) await checkViewAt(page, server.url, hash, name);
    await page.goto(`${server.url}/#/sok`);
    await page.getByLabel('Personnummer, samordningsnummer eller ärendenummer').fill(inForm(pnrOf(LINNEA), 'YYMMDD-NNNN'));
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('heading', { name: 'Sökresultat: 1 ärende' }).waitFor();
    expect(await fitsWidth(page), 'the search scrolls sideways').toBe(true);
    await checkView(page, '53-surfplatta-sokresultat');
  });
});
