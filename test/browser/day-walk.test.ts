/**
 * A day's work on the staff page, in Debian's Chromium with axe on each view: a case worker
 * searches for a person, finds the earlier case and corrects the facts of its open proposal; a
 * delegate opens *Att besluta*, sees the case worker's grounds and the history, and signs after
 * confirming, offered only the outcomes the server accepts; a second delegate reconsiders; the
 * delegate who proposed the reconsideration cannot sign it, and another one does.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eServer } from '../support/e2e';
import { inForm, personnummer } from '../support/identity';
import { proposeBody } from '../support/lifecycle';
import { checkView, signIn, useBrowser } from './browser';

const server = useE2eServer({ devTokens: true });
const browser = useBrowser();

const open = async (): Promise<Page> => (await browser.newPage()).page;

const PERSON = { name: 'Linnea Bergström', birthDate: '2000-04-12', serial: '612' };
const GROUNDS = 'Linnea har inte haft arbete eller studier sedan gymnasiet och behöver stöd över tid för att komma vidare.';

describe('a day on the staff page', () => {
  it('a case worker finds the earlier case and corrects the facts; a delegate signs from Att besluta; a second delegate reconsiders; the proposer cannot sign', async () => {
    // Yesterday's work: a proposal recorded with a fact that was wrong (she was noted as working).
    const body = proposeBody({
      ...PERSON,
      facts: { working: true, assessedNeed: { level: 'DEEPER_INDIVIDUAL_SUPPORT', grounds: GROUNDS, areas: ['EDUCATION', 'WORK_GOALS'] } },
    });
    const earlier = await server.post('/v1/decisions', body, 'handlaggare');
    expect(earlier.status, earlier.text).toBe(201);
    expect(earlier.json().proposal.outcome).toBe('REFUSE');
    const { caseId, caseNumber } = earlier.json();

    // The case worker searches with the ten-digit form and opens the case file.
    const anna = await open();
    await signIn(anna, server.url, 'Anna Lindqvist', '#/sok');
    await anna.getByLabel('Personnummer, samordningsnummer eller ärendenummer').fill(inForm(personnummer(PERSON.birthDate, PERSON.serial), 'YYMMDD-NNNN'));
    await anna.getByRole('button', { name: 'Sök', exact: true }).click();
    await anna.getByRole('link', { name: new RegExp(caseNumber) }).first().click();
    await anna.getByRole('heading', { name: `Akten i ärende ${caseNumber}` }).waitFor();
    await checkView(anna, '60-dag-akt');
    await anna.getByRole('link', { name: 'Beslut 1', exact: true }).first().click();
    await anna.getByRole('heading', { name: 'Förslag: Avslå' }).waitFor();

    // She corrects the facts in the same case: the form opens filled in, and asks why.
    await anna.getByRole('button', { name: 'Rätta uppgifterna' }).click();
    await anna.getByRole('heading', { name: `Rätta uppgifterna i ärende ${caseNumber}` }).waitFor();
    expect(await anna.getByLabel('Namn (obligatoriskt)', { exact: true }).first().inputValue()).toBe(PERSON.name);
    expect(await anna.getByLabel('Vad bedömningen av behovet grundar sig på').inputValue()).toBe(GROUNDS);
    await checkView(anna, '61-dag-ratta');
    await anna.getByLabel('Arbetar').selectOption('false');
    await anna.getByRole('button', { name: 'Begär förslag' }).click();
    await anna.locator('.error-summary:not([hidden])', { hasText: 'Skriv varför uppgifterna rättas.' }).waitFor();
    await anna.getByLabel('Varför uppgifterna rättas').fill('Linnea arbetar inte; vikariatet upphörde i juni.');
    await anna.getByRole('button', { name: 'Begär förslag' }).click();
    await anna.getByRole('heading', { name: 'Förslag: Bevilja' }).waitFor();
    expect(await anna.locator('main').innerText()).toContain(`Uppgifterna är rättade i ärende ${caseNumber}`);
    const corrected = decodeURIComponent(new URL(anna.url()).hash.split('/')[2] ?? '');
    const file = (await server.get(`/v1/cases/${caseId}`, 'handlaggare')).json();
    expect(file.decisions.map((d: { status: string }) => d.status)).toEqual(['WITHDRAWN', 'PROPOSED']);

    // The delegate starts on Att besluta, reads the grounds and the history, and signs after confirming.
    const goran = await open();
    await signIn(goran, server.url, 'Göran Ödmark');
    const queue = goran.locator('section', { has: goran.getByRole('heading', { name: 'Att besluta' }) });
    await queue.getByText(caseNumber).first().waitFor();
    await checkView(goran, '62-dag-att-besluta');
    await goran.goto(`${server.url}/#/beslut/${corrected}`);
    await goran.getByRole('heading', { name: 'Besluta', exact: true }).waitFor();
    const text = await goran.locator('main').innerText();
    expect(text).toContain('Handläggarens underlag');
    expect(text).toContain(GROUNDS);
    expect(text).toContain('Historik i ärendet');
    expect(text).toContain('Förslaget drogs tillbaka');
    // Only what the server accepts for a proposed grant: partial grant or refusal, with reasons.
    await goran.getByLabel('Avvika från förslaget, med skriftliga skäl').check();
    const offered = (await goran.getByLabel('Beslut (obligatoriskt)').locator('option').allTextContents()).slice(1);
    expect(offered.length).toBe(2);
    await goran.getByLabel('Besluta enligt förslaget: Bevilja').check();
    await goran.getByRole('button', { name: 'Besluta och underteckna' }).click();
    await goran.getByRole('heading', { name: 'Bekräfta beslutet' }).waitFor();
    expect(await goran.locator('.confirm').innerText()).toContain(`i ärende ${caseNumber}, för ${PERSON.name}`);
    await checkView(goran, '63-dag-bekrafta');
    // Nothing is signed before the confirmation.
    expect((await server.get(`/v1/decisions/${corrected}`, 'beslutsfattare')).json().status).toBe('PROPOSED');
    await goran.getByRole('button', { name: 'Ja, underteckna beslutet' }).click();
    await goran.getByText('Beslutet är undertecknat. Beslutsbrevet är klart.').waitFor();

    // A second delegate reconsiders the decision, with a reason.
    const maria = await open();
    await signIn(maria, server.url, 'Maria Åkesson', `#/beslut/${corrected}`);
    await maria.getByRole('heading', { name: 'Ompröva beslutet' }).waitFor();
    await maria.getByLabel('Skäl till omprövningen').fill('Linnea har fått en praktikplats; perioden ska prövas på nytt.');
    await maria.getByRole('button', { name: 'Ompröva', exact: true }).click();
    await maria.getByText('Ett förslag efter omprövning är gjort.').waitFor();
    await checkView(maria, '64-dag-omprovning');
    const reconsidered = decodeURIComponent(new URL(maria.url()).hash.split('/')[2] ?? '');
    expect(reconsidered).not.toBe(corrected);

    // She proposed it, so she cannot sign it: the server says so in Swedish.
    await maria.getByLabel('Besluta enligt förslaget: Bevilja').check();
    await maria.getByRole('button', { name: 'Besluta och underteckna' }).click();
    await maria.getByRole('button', { name: 'Ja, underteckna beslutet' }).click();
    await maria.locator('.error-summary:not([hidden])', { hasText: 'fyraögonprincipen' }).waitFor();
    await checkView(maria, '65-dag-fyra-ogon');
    expect((await server.get(`/v1/decisions/${reconsidered}`, 'beslutsfattare')).json().status).toBe('PROPOSED');

    // Göran decides it; the earlier decision is superseded.
    await goran.goto(`${server.url}/#/beslut/${reconsidered}`);
    await goran.getByRole('heading', { name: 'Besluta', exact: true }).waitFor();
    await goran.getByRole('button', { name: 'Besluta och underteckna' }).click();
    await goran.getByRole('button', { name: 'Ja, underteckna beslutet' }).click();
    await goran.getByText('Beslutet är undertecknat. Beslutsbrevet är klart.').waitFor();
    expect((await server.get(`/v1/decisions/${corrected}`, 'handlaggare')).json().status).toBe('SUPERSEDED');
  });

  it('withdraws a proposal with its reason from the page, and the case file shows it', async () => {
    const created = await server.post('/v1/decisions', proposeBody({ name: 'Hugo Åberg', birthDate: '2002-09-30', serial: '613' }), 'handlaggare');
    expect(created.status, created.text).toBe(201);
    const anna = await open();
    await signIn(anna, server.url, 'Anna Lindqvist', `#/beslut/${created.json().id}`);
    await anna.getByRole('button', { name: 'Dra tillbaka förslaget' }).click();
    await anna.locator('.error-summary:not([hidden])', { hasText: 'Skriv skäl till att förslaget dras tillbaka.' }).waitFor();
    await anna.getByLabel('Skäl till att förslaget dras tillbaka').fill('Hugo har flyttat från Stockholm.');
    await anna.getByRole('button', { name: 'Dra tillbaka förslaget' }).click();
    await anna.getByText('Förslaget är tillbakadraget.').waitFor();
    await checkView(anna, '66-dag-tillbakadraget');
    const decision = (await server.get(`/v1/decisions/${created.json().id}`, 'handlaggare')).json();
    expect(decision.withdrawn.reason).toBe('Hugo har flyttat från Stockholm.');
  });
});
