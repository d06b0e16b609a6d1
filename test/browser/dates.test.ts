/**
 * Dates in a browser set to American English in New York: the page still shows and reads every
 * date as ÅÅÅÅ-MM-DD, and every time as the Stockholm clock showed it. `<input type="date">`
 * would show 08/20/2024 here, and toLocaleDateString() would write it; the test first shows that
 * this browser does, so it can tell the difference.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eServer } from '../support/e2e';
import { LAPTOP, checkView, signIn, useBrowser } from './browser';

const server = useE2eServer({ devTokens: true });
const browser = useBrowser();

const AMERICAN = { locale: 'en-US', timezoneId: 'America/New_York' };
const open = async () => (await browser.newPage(LAPTOP, AMERICAN)).page;

/** How Stockholm's clock showed an instant, worked out here (Node, not the browser under test). */
function stockholm(instant: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Any date written the American or British way, or with an English month name. */
const FOREIGN_DATE = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b|\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|\b(AM|PM)\b/;

async function mainText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

async function fillApplicant(page: Page): Promise<void> {
  await page.getByLabel('Namn (obligatoriskt)', { exact: true }).first().fill('Linnéa Åberg');
  await page.getByLabel('Personnummer eller samordningsnummer').fill('20010517-9824');
  await page.getByLabel('Adress').fill('Hornsgatan 64');
  await page.getByLabel('Postnummer').fill('118 21');
  await page.getByLabel('Postort').fill('Stockholm');
  for (const [label, value] of [
    ['Nådd genom det uppsökande uppdraget', 'true'], ['Arbetar', 'false'], ['Studerar', 'false'], ['Kvinna', 'true'],
    ['Får försörjningsstöd', 'false'], ['Kontakt med socialtjänsten', 'NONE'], ['Samtycker till att uppgifter lämnas till stadsdelsförvaltningen', 'false'],
    ['Finns ett behov som hör till rätten till bistånd, t.ex. pengar till levnadskostnader (prövas av stadsdelsförvaltningen)', 'false'],
    ['Bedömt behov', 'DEEPER_INDIVIDUAL_SUPPORT'], ['Svag ställning på arbetsmarknaden', 'true'],
  ] as const) await page.getByLabel(label, { exact: true }).selectOption(value);
  await page.getByLabel('Vad bedömningen av behovet grundar sig på').fill('Har inte arbetat sedan 2021 och behöver stöd över tid.');
  await page.getByLabel('Vad bedömningen av ställningen på arbetsmarknaden grundar sig på').fill('Saknar gymnasieexamen och arbetslivserfarenhet.');
}

describe('dates in a browser set to English (United States) in New York', () => {
  let decisionId = '';

  it('is such a browser: left to itself it would write 12/31/1969 and New York’s time', async () => {
    const page = await open();
    await page.goto(`${server.url}/`);
    const seen = await page.evaluate(() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone, new Date(0).toLocaleDateString()]);
    expect(seen).toEqual(['en-US', 'America/New_York', '12/31/1969']);
  });

  it('asks for dates as ÅÅÅÅ-MM-DD in text fields, never in the browser’s date picker', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/ny');
    expect(await page.locator('input[type="date"], input[type="month"], input[type="datetime-local"]').count()).toBe(0);
    const dates = await page.locator('input[pattern]').evaluateAll((inputs) =>
      inputs.map((i) => ({ name: (i as HTMLInputElement).name, type: (i as HTMLInputElement).type, pattern: i.getAttribute('pattern'), inputmode: i.getAttribute('inputmode'), placeholder: i.getAttribute('placeholder'), hint: document.getElementById(`${i.id}-hint`)?.textContent })),
    );
    expect(dates.map((d) => d.name)).toEqual(['facts.requestedPeriod.from', 'facts.requestedPeriod.to', 'decisionDate']);
    for (const d of dates) {
      expect(d).toMatchObject({ type: 'text', pattern: '^\\d{4}-\\d{2}-\\d{2}$', inputmode: 'numeric', placeholder: 'ÅÅÅÅ-MM-DD' });
      expect(d.hint).toMatch(/^Skriv som ÅÅÅÅ-MM-DD\./);
    }
    // An American date is refused in Swedish, before anything is sent.
    await fillApplicant(page);
    await page.getByLabel('Sökt period från').fill('09/02/2024');
    await page.getByLabel('Sökt period till').fill('2025-02-28');
    await page.getByRole('button', { name: 'Begär förslag' }).click();
    await page.locator('.error-summary h2').waitFor();
    expect(await page.locator('.error-summary li').allInnerTexts()).toEqual(['Sökt period från: skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-09-02.']);
    await checkView(page, '30-en-us-nytt-beslut-datumfel');

    await page.getByLabel('Sökt period från').fill('2024-09-02');
    await page.getByRole('button', { name: 'Begär förslag' }).click();
    await page.getByRole('heading', { name: /^Förslag:/ }).waitFor();
    decisionId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    const text = await mainText(page);
    expect(text).toContain('Beslutsdatum\n2024-08-20');
    expect(text).toContain('Period: 2024-09-02 – 2025-02-28');
    expect(text).not.toMatch(FOREIGN_DATE);
    await checkView(page, '31-en-us-forslag');
  });

  it('shows when a delegate signed as ÅÅÅÅ-MM-DD hh:mm on Stockholm’s clock, not New York’s', async () => {
    const page = await open();
    await signIn(page, server.url, 'Göran Ödmark', `#/beslut/${decisionId}`);
    await page.getByRole('button', { name: 'Besluta och underteckna' }).click();
    await page.getByRole('button', { name: 'Ja, underteckna beslutet' }).click();
    await page.getByText('Beslutet är undertecknat.').waitFor();
    const signedAt = (await server.get(`/v1/decisions/${decisionId}`, 'handlaggare')).json().signed.at as string;
    const text = await mainText(page);
    expect(text).toContain(`Undertecknat ${stockholm(signedAt)} av Göran Ödmark`);
    expect(text).toContain('Första jobbplan: senast 2024-09-07 (inte gjord)');
    expect(text).not.toMatch(FOREIGN_DATE);
    await checkView(page, '32-en-us-beslutat');
  });

  it('shows when a referral came as ÅÅÅÅ-MM-DD hh:mm in Stockholm, and the consent date as ÅÅÅÅ-MM-DD', async () => {
    const created = await server.post('/v1/referrals', {
      applicant: { name: 'Sara Öberg', personnummer: '20030817-4424' },
      consent: { given: true, recordedOn: '2024-08-15', method: 'ORAL', recordedBy: 'Lars Åkesson' },
    }, 'uppsok');
    expect(created.status, created.text).toBe(201);
    const { items } = (await server.get('/v1/referrals', 'handlaggare')).json() as { items: Array<{ referralId: string; createdAt: string }> };
    const createdAt = items.find((r) => r.referralId === created.json().id)?.createdAt as string;
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/anmalningar');
    await page.getByText(`Anmäld ${stockholm(createdAt)}`).waitFor();
    await page.getByRole('button', { name: `Visa anmälan från ${stockholm(createdAt)}` }).click();
    await page.getByText('Sara Öberg').waitFor();
    expect(await mainText(page)).toContain('Samtycke\nmuntligt, 2024-08-15, av Lars Åkesson');
    expect(await mainText(page)).not.toMatch(FOREIGN_DATE);
    await checkView(page, '33-en-us-anmalningar');
  });

  it('shows follow-up dates, and the ending form’s today, as ÅÅÅÅ-MM-DD in Stockholm', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/uppfoljning');
    await page.getByRole('heading', { name: /^Försenade/ }).waitFor();
    const filter = page.getByLabel('Visa punkter som ska vara klara före');
    expect(await filter.getAttribute('type')).toBe('text');
    expect(await filter.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.locator('li.milestone').first().innerText()).toMatch(/Försenad, skulle vara klar \d{4}-\d{2}-\d{2}/);
    await page.locator('li.milestone').first().getByRole('button', { name: 'Insatsen har avslutats' }).click();
    const today = await page.evaluate(() => new Date().toISOString());
    expect(await page.getByLabel('Avslutad den').inputValue()).toBe(stockholm(today).slice(0, 10));
    // A date in the American way is refused before anything is sent.
    await page.getByLabel('Hur insatsen avslutades').selectOption('WORK');
    await page.getByLabel('Avslutad den').fill('8/20/2024');
    await page.getByRole('button', { name: 'Spara avslut' }).click();
    await page.locator('.error-summary h2').waitFor();
    expect(await page.locator('.field[data-path="endedOn"] .field-error').innerText()).toBe('Avslutad den: skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-09-02.');
    expect(await mainText(page)).not.toMatch(FOREIGN_DATE);
    await checkView(page, '34-en-us-uppfoljning');
  });

  it('asks for statistics months as ÅÅÅÅ-MM', async () => {
    const page = await open();
    await signIn(page, server.url, 'Karin Sjöberg', '#/statistik');
    await page.getByRole('heading', { name: 'Beslut', exact: true }).waitFor();
    for (const label of ['Från månad', 'Till månad']) {
      const field = page.getByLabel(label);
      expect(await field.getAttribute('type')).toBe('text');
      expect(await field.getAttribute('placeholder')).toBe('ÅÅÅÅ-MM');
      expect(await field.inputValue()).toMatch(/^\d{4}-\d{2}$/);
    }
    expect(await page.locator('section:has(#stat-outcome) tbody').innerText()).toMatch(/^2024-08\t/);
    await page.getByLabel('Från månad').fill('August 2024');
    await page.getByRole('button', { name: 'Visa' }).click();
    expect(await page.locator('.field[data-path="from"] .field-error').innerText()).toBe('Från månad: skriv månaden som ÅÅÅÅ-MM, till exempel 2024-08.');
    await checkView(page, '35-en-us-statistik');
  });
});
