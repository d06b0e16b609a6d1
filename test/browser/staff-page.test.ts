/**
 * The staff page in a real browser (Debian's Chromium, headless) against the local server on
 * DynamoDB Local: a case worker asks for proposals, a delegate signs and downloads the letter, a
 * follow-up is recorded, a legal reviewer sees masked data; axe-core checks every view, and each
 * view is photographed at laptop width (and the busiest at tablet width) for a person to review.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eServer } from '../support/e2e';
import { TABLET, checkView, checkViewAt, screenshot, signIn, useBrowser } from './browser';

// The page signs in through the development-token endpoint, which is off unless turned on.
const server = useE2eServer({ devTokens: true });
const browser = useBrowser();
const pages: Page[] = [];

async function open(viewport?: { width: number; height: number }): Promise<Page> {
  const { page } = await browser.newPage(viewport);
  pages.push(page);
  return page;
}

const GROUNDS = 'Har inte arbetat eller studerat sedan gymnasiet 2020. Behöver stöd över tid för att välja och klara en yrkesutbildning.';

/** A refusal straight through the API: the person works, so the target group is not met. */
const refusalBody = {
  applicant: { name: 'Åsa Nyström', personnummer: '19990312-2381', address: { lines: ['Ringvägen 4'], postalCode: '118 60', city: 'Stockholm' } },
  facts: {
    reachedThroughOutreach: true, working: true, studying: false, woman: true, forsorjningsstod: false, socialServicesContact: 'NONE',
    apparentEntitlementNeed: { present: false }, assessedNeed: { level: 'DEEPER_INDIVIDUAL_SUPPORT', grounds: GROUNDS }, weakLabourMarketPosition: { weak: false, grounds: 'Har fast anställning sedan 2023.' },
    consentToShareWithDistrictOffice: false, requestedPeriod: { from: '2024-09-02', to: '2025-02-28' },
  },
};

/** A grant straight through the API, for a delegate to deviate from. */
const grantBody = {
  ...refusalBody,
  applicant: { name: 'Mohammed Öztürk', personnummer: '20010517-9832', address: { lines: ['Bredängsvägen 9'], postalCode: '127 32', city: 'Skärholmen' } },
  facts: { ...refusalBody.facts, working: false, woman: false, weakLabourMarketPosition: undefined },
};

describe('the staff page', () => {
  let grantId = '';

  it('offers local sign-in as a development user and role, and passes axe', async () => {
    const page = await open();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Logga in (lokal utveckling)' }).waitFor();
    const options = await page.getByLabel('Utvecklingsanvändare och roll').locator('option').allTextContents();
    expect(options).toEqual([
      'Anna Lindqvist – Handläggare',
      'Göran Ödmark – Beslutsfattare, delegationsordningen punkt 3.1.4, beslut om särskild individanpassad stödinsats som bistånd enligt socialtjänstlagen',
      'Maria Åkesson – Beslutsfattare, delegationsordningen punkt 3.1.4, beslut om särskild individanpassad stödinsats som bistånd enligt socialtjänstlagen',
      'Karin Sjöberg – Jurist',
    ]);
    await checkView(page, '01-logga-in');
  });

  it('serves the page with a CSP that allows only its own origin, and refuses a dev token for a role outside the list', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self';/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const json = { 'Content-Type': 'application/json' };
    const refused = await fetch(`${server.url}/local/dev-token`, { method: 'POST', headers: json, body: JSON.stringify({ role: 'uppsok', name: 'Verktyg' }) });
    expect(refused.status).toBe(400);
    const admin = await fetch(`${server.url}/local/dev-token`, { method: 'POST', headers: json, body: JSON.stringify({ role: 'admin', name: 'Eve' }) });
    expect(admin.status).toBe(400);
  });

  it('marks the required fields before anything is sent, and checks them and the dates in the page, in Swedish', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/ny');
    const posted: string[] = [];
    page.on('request', (r) => (r.method() === 'POST' && r.url().includes('/v1/decisions') ? posted.push(r.url()) : undefined));
    // Marked in words beside the label, and for assistive technology.
    const required = await page.locator('form input[required], form textarea[required], form select[required]').evaluateAll((controls) =>
      controls.map((c) => [(c as HTMLInputElement).name, c.getAttribute('aria-required'), document.querySelector(`label[for="${c.id}"]`)?.textContent]),
    );
    expect(required).toEqual([
      ['applicant.name', 'true', 'Namn (obligatoriskt)'],
      ['applicant.personnummer', 'true', 'Personnummer eller samordningsnummer (obligatoriskt)'],
      ['applicant.address.lines', 'true', 'Adress (obligatoriskt)'],
      ['applicant.address.postalCode', 'true', 'Postnummer (obligatoriskt)'],
      ['applicant.address.city', 'true', 'Postort (obligatoriskt)'],
    ]);
    // A fact may be left unrecorded: nothing else is marked.
    expect(await page.getByLabel('Arbetar').getAttribute('required')).toBeNull();
    await page.getByLabel('Sökt period från').fill('02/09/2024');
    await page.getByLabel('Sökt period till').fill('2025-02-30');
    await page.getByRole('button', { name: 'Begär förslag' }).click();
    await page.locator('.error-summary h2').waitFor();
    const errorOf = (path: string) => page.locator(`.field[data-path="${path}"] .field-error`).textContent();
    expect(await page.locator('.error-summary h2').textContent()).toBe('Rätta 7 saker innan du skickar');
    expect(await errorOf('applicant.name')).toBe('Ange sökandens namn. ');
    expect(await errorOf('applicant.address.city')).toBe('Ange postorten. ');
    expect(await errorOf('facts.requestedPeriod.from')).toBe('Sökt period från: skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-09-02. ');
    expect(await errorOf('facts.requestedPeriod.to')).toBe('Sökt period till: datumet 2025-02-30 finns inte. Skriv ett datum som finns, som ÅÅÅÅ-MM-DD. ');
    expect(await page.getByLabel('Sökt period till').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(posted, 'nothing is sent while the page knows the form is incomplete').toEqual([]);
    await checkView(page, '02a-nytt-beslut-obligatoriskt');
  });

  it('shows the API’s Swedish validation messages beside each field a case worker got wrong', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/ny');
    await page.getByLabel('Namn (obligatoriskt)', { exact: true }).first().fill('Elin Söderström');
    await page.getByLabel('Personnummer eller samordningsnummer').fill('1234');
    await page.getByLabel('Adress').fill('Götgatan 12');
    await page.getByLabel('Postnummer').fill('1184');
    await page.getByLabel('Postort').fill('Stockholm');
    await page.getByLabel('Sökt period från').fill('2025-03-01');
    await page.getByLabel('Sökt period till').fill('2025-01-31');
    await page.getByRole('button', { name: 'Begär förslag' }).click();
    await page.locator('.error-summary h2').waitFor();
    const errorOf = (path: string) => page.locator(`.field[data-path="${path}"] .field-error`).textContent();
    expect(await errorOf('applicant.personnummer')).toContain('ÅÅÅÅMMDD-NNNN');
    expect(await errorOf('applicant.address.postalCode')).toContain('fem siffror');
    expect(await errorOf('facts.requestedPeriod.to')).toContain('slutdatum kan inte ligga före startdatumet');
    expect(await page.getByLabel('Personnummer eller samordningsnummer').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await checkView(page, '02-nytt-beslut-fel');
  });

  it('lets a case worker record the facts and see the proposal: outcome, legal basis and each criterion with lagrum and facts used', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/ny');
    await checkView(page, '03-nytt-beslut');
    await page.getByLabel('Namn (obligatoriskt)', { exact: true }).first().fill('Elin Söderström');
    await page.getByLabel('Personnummer eller samordningsnummer').fill('20010517-9824');
    await page.getByLabel('Adress').fill('Götgatan 12 lgh 1102');
    await page.getByLabel('Postnummer').fill('118 46');
    await page.getByLabel('Postort').fill('Stockholm');
    await page.getByLabel('Nådd genom det uppsökande uppdraget').selectOption('true');
    await page.getByLabel('Arbetar').selectOption('false');
    await page.getByLabel('Studerar').selectOption('false');
    await page.getByLabel('Kvinna').selectOption('false');
    await page.getByLabel('Får försörjningsstöd').selectOption('false');
    await page.getByLabel('Kontakt med socialtjänsten').selectOption('NONE');
    await page.getByLabel('Finns ett behov som hör till rätten till bistånd, t.ex. pengar till levnadskostnader (prövas av stadsdelsförvaltningen)').selectOption('false');
    await page.getByLabel('Samtycker till att uppgifter lämnas till stadsdelsförvaltningen').selectOption('false');
    await page.getByLabel('Bedömt behov').selectOption('DEEPER_INDIVIDUAL_SUPPORT');
    await page.getByLabel('Vad bedömningen av behovet grundar sig på').fill(GROUNDS);
    await page.getByLabel('Utbildning').check();
    await page.getByLabel('Mål i fråga om arbete').check();
    await page.getByLabel('Sökt period från').fill('2024-09-02');
    await page.getByLabel('Sökt period till').fill('2025-02-28');
    await page.getByRole('button', { name: 'Begär förslag' }).click();

    await page.getByRole('heading', { name: 'Förslag: Bevilja' }).waitFor();
    grantId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Elin Söderström');
    expect(text).toContain('4 kap. 2 § socialtjänstlagen (2001:453)');
    expect(text).toContain('Laglighetsprövning');
    expect(await page.locator('.criterion-met').count()).toBe(6);
    expect(text).toContain('Tillhör en av målgrupperna – Uppfyllt');
    expect(text).toContain('ålder på beslutsdagen: 23 år');
    expect(text).toContain('riktlinjen KS 2022/759, avsnittet Målgrupper');
    // Which rule set decided, and that nobody reviewed it: the test table holds development approvals.
    expect(text).toContain('Regelverk\nSärskild individanpassad stödinsats genom Jobbtorg Stockholm (bistånd enligt 4 kap. 2 § SoL 2001:453), version 1, godkänt lokalt för utveckling (ingen juristgranskning)');
    expect(await page.getByRole('heading', { name: 'Prövning av rätten till bistånd (4 kap. 1 § SoL)' }).count()).toBe(1);
    // A case worker cannot sign.
    expect(await page.getByRole('heading', { name: 'Besluta' }).count()).toBe(0);
    await checkView(page, '04-forslag-bevilja');
  });

  it('shows, for a refusal, what would have to be different for each unmet criterion', async () => {
    const created = await server.post('/v1/decisions', refusalBody, 'handlaggare');
    expect(created.status).toBe(201);
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', `#/beslut/${created.json().id}`);
    await page.getByRole('heading', { name: 'Förslag: Avslå' }).waitFor();
    const unmet = page.locator('.criterion-not_met');
    expect(await unmet.count()).toBeGreaterThan(0);
    for (const criterion of await unmet.all()) {
      expect(await criterion.locator('.what-would-change').innerText()).toMatch(/Vad som skulle behöva vara annorlunda\s+\S/);
    }
    await checkView(page, '05-forslag-avslag');
  });

  it('lets a delegate confirm the proposal, and then download the letter as a PDF', async () => {
    const page = await open();
    await signIn(page, server.url, 'Göran Ödmark', `#/beslut/${grantId}`);
    await page.getByRole('heading', { name: 'Besluta' }).waitFor();
    expect(await page.getByLabel('Besluta enligt förslaget: Bevilja').isChecked()).toBe(true);
    await checkView(page, '06-besluta');
    await page.getByRole('button', { name: 'Besluta och underteckna' }).click();
    // Signing cannot be undone: the delegate confirms first.
    await page.getByRole('heading', { name: 'Bekräfta beslutet' }).waitFor();
    await page.getByRole('button', { name: 'Ja, underteckna beslutet' }).click();
    await page.getByText('Beslutet är undertecknat. Beslutsbrevet är klart.').waitFor();
    expect(await page.locator('main').innerText()).toMatch(/Undertecknat \d{4}-\d{2}-\d{2} \d{2}:\d{2} av Göran Ödmark, Enhetschef, enligt delegationsordningen punkt 3\.1\.4, beslut om särskild individanpassad stödinsats som bistånd enligt socialtjänstlagen\./);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ned brevet (PDF)' }).click()]);
    const pdf = readFileSync((await download.path()) as string);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await checkView(page, '07-beslutat-med-brev');
  });

  it('asks a delegate who deviates for a written reason, shown beside the field', async () => {
    const created = await server.post('/v1/decisions', grantBody, 'handlaggare');
    expect(created.status).toBe(201);
    const page = await open();
    await signIn(page, server.url, 'Göran Ödmark', `#/beslut/${created.json().id}`);
    await page.getByLabel('Avvika från förslaget, med skriftliga skäl').check();
    await page.getByLabel('Beslut (obligatoriskt)', { exact: true }).selectOption('REFUSE');
    await page.getByRole('button', { name: 'Besluta och underteckna' }).click();
    await page.locator('.error-summary h2').waitFor();
    expect(await page.locator('.field[data-path="deviationReason"] .field-error').innerText()).toMatch(/skäl/i);
    expect((await server.get(`/v1/decisions/${created.json().id}`, 'handlaggare')).json().status).toBe('PROPOSED');
    await checkView(page, '08-avvikelse-utan-skal');
  });

  it('lists follow-ups with the overdue first, and records one as done', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/uppfoljning');
    await page.getByRole('heading', { name: /^Försenade/ }).waitFor();
    // The pinned date is in 2024, the browser's today later: every milestone of the grant is overdue.
    const overdue = page.locator('section:has(#overdue-heading) li.milestone');
    expect(await overdue.count()).toBe(4);
    expect(await overdue.first().innerText()).toContain('Första jobbplan');
    await checkView(page, '09-uppfoljning');
    await overdue.first().getByRole('button', { name: 'Markera som gjord' }).click();
    await page.getByLabel('Anteckning om uppföljningen').fill('Jobbplanen upprättad tillsammans med Elin den 6 september.');
    await page.getByRole('button', { name: 'Spara som gjord' }).click();
    await page.getByText('Första jobbplan i ärende').waitFor();
    expect(await page.locator('section:has(#overdue-heading) li.milestone').count()).toBe(3);
    const decision = await server.get(`/v1/decisions/${grantId}`, 'handlaggare');
    expect(decision.json().milestones.filter((m: { status: string }) => m.status === 'DONE')).toHaveLength(1);
    await checkView(page, '10-uppfoljning-gjord');
  });

  it('lists referrals waiting, shows one on request, and starts a case from it', async () => {
    const referral = await server.post('/v1/referrals', {
      applicant: { name: 'Sara Öberg', personnummer: '20030817-4424' },
      consent: { given: true, recordedOn: '2024-08-15', method: 'WRITTEN', recordedBy: 'Lars Åkesson' },
      note: 'Vill ha stöd att hitta en utbildning.',
    }, 'uppsok');
    expect(referral.status).toBe(201);
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/anmalningar');
    await page.getByRole('heading', { name: 'Anmälningar som väntar' }).waitFor();
    await page.getByRole('button', { name: /^Visa anmälan/ }).first().click();
    await page.getByText('Sara Öberg').waitFor();
    await checkView(page, '11-anmalningar');
    await page.getByRole('button', { name: 'Ta upp i ett nytt ärende' }).click();
    await page.getByRole('heading', { name: 'Nytt beslut' }).waitFor();
    expect(await page.getByLabel('Namn (obligatoriskt)', { exact: true }).first().inputValue()).toBe('Sara Öberg');
    expect(await page.getByLabel('Anmälans id').inputValue()).toBe(referral.json().id);
  });

  it('shows a legal reviewer the decision with personal data masked, and no letter', async () => {
    const page = await open();
    await signIn(page, server.url, 'Karin Sjöberg');
    expect(await page.getByRole('link', { name: 'Nytt beslut' }).count()).toBe(0);
    await page.getByLabel('Beslutets id').fill(grantId);
    await page.getByRole('button', { name: 'Öppna' }).click();
    await page.getByText('Personuppgifterna är maskerade för din roll').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('Elin');
    expect(text).not.toContain('20010517');
    expect(text).not.toContain('Götgatan');
    expect(text).toContain('Sökande\nMaskerad');
    expect(await page.getByRole('button', { name: /Ladda ned brevet/ }).count()).toBe(0);
    await checkView(page, '12-jurist-maskerat');
  });

  it('shows a legal reviewer each criterion of a rule set with its lagrum, every provision cited, and the parameters with their confirmation status', async () => {
    const page = await open();
    await signIn(page, server.url, 'Karin Sjöberg', '#/regelverk');
    // A development approval is no review: the list warns instead of showing it as approved.
    const statuses = page.locator('ul.rule-sets li .tag');
    expect(await statuses.allInnerTexts()).toEqual(['Godkänt lokalt för utveckling (ingen juristgranskning)', 'Godkänt lokalt för utveckling (ingen juristgranskning)']);
    for (const status of await statuses.all()) expect(await status.getAttribute('class')).toContain('tag-warn');
    await page.getByRole('link', { name: /SoL 2001:453/ }).click();
    await page.getByRole('heading', { name: 'Parametrar' }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Ingen jurist har granskat regelverket');
    expect(text).toContain('Tillhör en av målgrupperna');
    expect(text).toContain('KS 2022/759 (Målgrupper)');
    expect(text).toContain('unga 19–29 år');
    expect(await page.getByRole('row', { name: /^4 kap\. 2 § socialtjänstlagen \(2001:453\)/ }).innerText()).toMatch(/utöver vad som följer av[\s\S]*Inte bekräftad\s+inte bekräftad/);
    // A parameter by what it means, never by its name in code (ageMin).
    const ageMin = page.getByRole('row', { name: /^Lägsta ålder på beslutsdagen för målgruppen unga/ });
    expect(await ageMin.innerText()).toMatch(/19 år[\s\S]*Inte bekräftad\s+inte bekräftad/);
    expect(await page.getByRole('row', { name: /^Akter för personer som är födda dessa dagar/ }).innerText()).toContain('den 5, 15 och 25 i månaden');
    expect(await page.getByRole('row', { name: /^Personakter gallras så här lång tid/ }).innerText()).toContain('5 år');
    expect(text).not.toMatch(/ageMin|researchSampleBirthDays|retentionPeriod|jobbtorg-sis-sol/);
    // Approved already (if only for development): nothing for a jurist to approve here.
    expect(await page.getByRole('heading', { name: 'Godkänn regelverket' }).count()).toBe(0);
    await checkView(page, '13-regelverk');
  });

  it('shows anonymised statistics with small counts suppressed, and downloads them as CSV', async () => {
    const page = await open();
    await signIn(page, server.url, 'Karin Sjöberg', '#/statistik');
    await page.getByRole('heading', { name: 'Beslut', exact: true }).waitFor();
    const outcome = await page.locator('section:has(#stat-outcome) tbody').innerText();
    expect(outcome).toMatch(/2024-08\s+Beviljat\s+\.\./);
    await checkView(page, '14-statistik');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ned som CSV' }).click()]);
    const bytes = readFileSync((await download.path()) as string);
    // The byte order mark: without it Excel reads the file as Windows-1252.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8').decode(bytes);
    expect(csv.split('\r\n')[0]).toBe('Månad;Indelning;Kategori;Antal');
    expect(csv).toContain('\r\n2024-08;Beslut;Beviljat;..\r\n');
    expect(csv).toContain('\r\n2024-08;Åldersgrupp;19–24 år;..\r\n');
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });

  it('fits a tablet: no view scrolls sideways, and the forms pass axe at that width', async () => {
    const page = await open(TABLET);
    await signIn(page, server.url, 'Göran Ödmark', '#/ny');
    for (const [hash, name] of [['#/ny', '15-surfplatta-nytt-beslut'], [`#/beslut/${grantId}`, '16-surfplatta-beslut'], ['#/uppfoljning', '17-surfplatta-uppfoljning'], ['#/statistik', '18-surfplatta-statistik'], ['#/regelverk/jobbtorg-sis-sol2001', '18b-surfplatta-regelverk']] as const) {
      await checkViewAt(page, server.url, hash, name);
    }
  });

  it('can be used with the keyboard alone: skip link, then tab to a field and a button with a visible focus ring', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/ny');
    await page.locator('main h1').waitFor();
    // The skip link is the first thing in the tab order; focused, it shows, and Enter jumps to the content.
    expect(await page.evaluate(() => document.querySelector('a[href], button, input, select, textarea, [tabindex="0"]')?.textContent)).toBe('Till innehållet');
    await page.locator('.skip-link').focus();
    expect((await page.locator('.skip-link').boundingBox())!.x).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('applicant.name');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle + ' ' + getComputedStyle(document.activeElement as Element).boxShadow);
    expect(ring).toMatch(/^solid .*rgb\(255, 221, 0\)/);
    await screenshot(page, '19-fokus');
  });
});
