/**
 * The legal reviewer's tools on the page, in a real browser, against a rules folder with a draft
 * rule set (test/support/draft-rules.ts): from the draft's page she compares it with the rule set
 * it follows, replays it over the decisions already made, and sees what its scenarios leave
 * untested. axe checks each view, at laptop and tablet width.
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_ID, DRAFT_TITLE, draftRulesDir } from '../support/draft-rules';
import { useE2eServer } from '../support/e2e';
import { proposeBody } from '../support/lifecycle';
import { TABLET, checkView, fitsWidth, signIn, useBrowser } from './browser';

const rulesDir = draftRulesDir();
// The page signs in through the development-token endpoint, which is off unless turned on.
const server = useE2eServer({ devTokens: true, rulesDir });
const PAGE = `#/regelverk/${DRAFT_ID}`;
const people = [
  ['Elin Söderström', '2000-03-14', {}, 'GRANT'],
  ['Oskar Lindgren', '1997-01-10', {}, 'GRANT'],
  ['Amira Haddad', '2001-06-02', { reachedThroughOutreach: false }, 'REFUSE'],
  ['Jonas Åberg', '2002-11-23', { forsorjningsstod: true }, 'REFER'],
] as const;
const caseNumbers: Record<string, string> = {};
const browser = useBrowser();

beforeAll(async () => {
  // Decided on the pinned day, 2024-08-20, under the 2001:453 rule set.
  for (const [name, birthDate, facts, outcome] of people) {
    const proposed = await server.post('/v1/decisions', proposeBody({ name, birthDate, facts }), 'handlaggare');
    expect(proposed.status, proposed.text).toBe(201);
    const signed = await server.post(`/v1/decisions/${proposed.json().id}/sign`, { finalOutcome: outcome }, 'beslutsfattare');
    expect(signed.status, signed.text).toBe(200);
    caseNumbers[name] = proposed.json().caseNumber;
  }
});
afterAll(async () => {
  rmSync(rulesDir, { recursive: true, force: true });
});


async function openTool(page: Page, name: 'Jämför' | 'Provkör mot beslut' | 'Testscenarier och täckning'): Promise<void> {
  await signIn(page, server.url, 'Karin Sjöberg', PAGE);
  await page.getByRole('heading', { name: 'Granska innan du godkänner' }).waitFor();
  await page.getByRole('region', { name: 'Granska innan du godkänner' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name: `Granska: ${DRAFT_TITLE}` }).waitFor();
}

async function replay(page: Page, from: string, to: string): Promise<void> {
  await page.getByLabel('Första beslutsdatum').fill(from);
  await page.getByLabel('Sista beslutsdatum').fill(to);
  await page.getByRole('button', { name: 'Provkör' }).click();
}

describe("the legal reviewer's tools on the page", () => {
  it('offers the tools to a jurist next to the approval, and not to a case worker', async () => {
    const page = (await browser.newPage()).page;
    await signIn(page, server.url, 'Karin Sjöberg', PAGE);
    const tools = page.getByRole('region', { name: 'Granska innan du godkänner' });
    expect(await tools.getByRole('link').allInnerTexts()).toEqual(['Jämför', 'Provkör mot beslut', 'Testscenarier och täckning']);
    expect(await page.getByRole('heading', { name: 'Godkänn regelverket' }).count()).toBe(1);
    await checkView(page, '29-regelverk-granska-verktyg');
    const worker = (await browser.newPage()).page;
    await signIn(worker, server.url, 'Anna Lindqvist', PAGE);
    await worker.getByRole('heading', { name: 'Parametrar' }).waitFor();
    expect(await worker.getByRole('heading', { name: 'Granska innan du godkänner' }).count()).toBe(0);
    await worker.goto(`${server.url}/${PAGE}/jamfor`);
    await worker.getByText('Bara jurister granskar regelverk.').waitFor();
  });

  it('compares the draft with the rule set it follows, in Swedish, and with another on request', async () => {
    const page = (await browser.newPage()).page;
    await openTool(page, 'Jämför');
    await page.getByRole('heading', { name: 'Sammanfattning' }).waitFor();
    expect(await page.getByLabel('Jämför med').inputValue()).toBe('jobbtorg-sis-sol2025');
    const summary = await page.locator('section[aria-labelledby="compare-summary"]').innerText();
    expect(summary).toContain('Kriterier: 1 borttagen, 1 ändrad');
    expect(summary).toContain('Parametrar: 1 ändrad');
    const parameter = page.locator('.compared-item', { hasText: 'Högsta ålder på beslutsdagen' });
    expect(await parameter.getByRole('row', { name: /^Värde/ }).innerText()).toMatch(/^Värde\s+29 år\s+25 år$/);
    const removed = page.locator('.compared-removed', { hasText: 'Nådd genom det uppsökande uppdraget' });
    expect(await removed.getByRole('row', { name: /^Villkor/ }).innerText()).toMatch(/nådd genom arbetsmarknadsnämndens uppsökande uppdrag är ja\s+finns inte$/);
    expect(await page.locator('.compared-item', { hasText: 'Avslå ansökan' }).getByRole('row', { name: /^Hur beslutet kan prövas/ }).innerText()).toMatch(
      /laglighetsprövning \(inte förvaltningsbesvär\)\s+förvaltningsbesvär$/,
    );
    // No code without its Swedish words.
    expect(await page.locator('main').innerText()).not.toMatch(/\b(GRANT|REFUSE|REFER|NOT_MET|REACHED_BY_OUTREACH|LAGLIGHETSPROVNING)\b/);
    await checkView(page, '30-granska-jamfor');

    await page.getByLabel('Jämför med').selectOption('jobbtorg-sis-sol2001');
    await page.getByRole('button', { name: 'Jämför', exact: true }).click();
    await page.getByText(/jämfört med .*\(version 1, gäller från 2023-01-01\)/).waitFor();
    expect(await page.locator('section[aria-labelledby="compare-summary"]').innerText()).toContain('Författningar: 1 ändrad');
  });

  it('replays the draft over the decisions made, by outcome pair, naming decisions by case number only', async () => {
    const page = (await browser.newPage()).page;
    await openTool(page, 'Provkör mot beslut');
    await replay(page, '2024-08-01', '2024-08-31');
    await page.getByRole('status').filter({ hasText: 'Klart: 4 beslut provkörda.' }).waitFor();
    const rows = await page.locator('table.replay-pairs tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      'Bevilja Avslå annat utfall 1 1',
      'Avslå Bevilja annat utfall 1 1',
      'Bevilja Bevilja 1 0',
      'Hänvisa till stadsdelsförvaltningen Hänvisa till stadsdelsförvaltningen 1 0',
    ]);
    const narrowed = page.locator('section.replay-pair', { hasText: 'Bevilja → Avslå' });
    expect(await narrowed.locator('ul.transitions').innerText()).toContain('Tillhör en av målgrupperna: Uppfyllt → Inte uppfyllt (1 beslut)');
    await narrowed.getByText('Beslut med ändring (1)').click();
    const link = narrowed.getByRole('link', { name: caseNumbers['Oskar Lindgren'] as string });
    expect(await link.getAttribute('href')).toMatch(/^#\/beslut\/[0-9a-f-]{36}$/);
    const text = await page.locator('main').innerText();
    for (const [name] of people) expect(text).not.toContain(name);
    expect(text).not.toMatch(/\b(GRANT|REFUSE|REFER|NOT_MET|MET)\b/);
    // Rule sets by their titles, never their ids, also in the list of decisions changed.
    expect(text).not.toContain('jobbtorg-sis-sol');
    await checkView(page, '31-granska-provkor');
  });

  it('shows a reversed range beside the field, in Swedish, as the API answers it', async () => {
    const page = (await browser.newPage()).page;
    await openTool(page, 'Provkör mot beslut');
    await replay(page, '2024-09-01', '2024-08-01');
    await page.locator('.error-summary h2').waitFor();
    expect(await page.locator('.field[data-path="to"] .field-error').innerText()).toBe('Sista beslutsdatum (to) ligger före första beslutsdatum (from). Vänd på datumen.');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await checkView(page, '32-granska-provkor-fel');
  });

  it("shows the scenarios' results and every criterion × status and outcome no scenario exercises", async () => {
    const page = (await browser.newPage()).page;
    await openTool(page, 'Testscenarier och täckning');
    await page.getByRole('heading', { name: /^Oprövat av alla scenarier \(10\)$/ }).waitFor();
    expect(await page.locator('section[aria-labelledby="untested-heading"] li').allInnerTexts()).toEqual(expect.arrayContaining(['Kriteriet ”Behöver individuellt stöd”: inte uppfyllt', 'Utfallet ”Underlaget är inte komplett”']));
    expect(await page.getByRole('row', { name: /^Tillhör en av målgrupperna/ }).innerText()).toMatch(/^Tillhör en av målgrupperna\s+3\s+1\s+Oprövat$/);
    expect(await page.getByRole('row', { name: /^Underlaget är inte komplett/ }).innerText()).toMatch(/Oprövat$/);
    expect(await page.getByText('4 av 4 gav väntat utfall').count()).toBe(1);
    await checkView(page, '33-granska-tackning');
  });

  it('fits a tablet: each tool without sideways scrolling, and axe on each', async () => {
    for (const [tool, name, ready] of [
      ['Jämför', '34-surfplatta-granska-jamfor', 'Sammanfattning'],
      ['Testscenarier och täckning', '35-surfplatta-granska-tackning', 'Kriterium och status'],
      ['Provkör mot beslut', '36-surfplatta-granska-provkor', 'Resultat'],
    ] as const) {
      const { page } = await browser.newPage(TABLET);
      await openTool(page, tool);
      if (tool === 'Provkör mot beslut') await replay(page, '2024-08-01', '2024-08-31');
      await page.getByRole('heading', { name: ready }).waitFor();
      expect(await fitsWidth(page), tool).toBe(true);
      await checkView(page, name);
    }
  });
});
