/**
 * Approving a rule set from its page, in a real browser against a table where nothing is approved
 * (as in AWS): a legal reviewer reads the draft, confirms parameters and provisions one by one,
 * confirms that she approves exactly this content, and the page then shows who approved it and
 * what was left unconfirmed. Case workers and delegates never see the form. axe checks each view.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { proposeBody } from '../support/lifecycle';
import { useE2eServer } from '../support/e2e';
import { TABLET, checkView, fitsWidth, signIn, useBrowser } from './browser';

// The page signs in through the development-token endpoint, which is off unless turned on.
const server = useE2eServer({ approve: false, devTokens: true });
const RULE_SET = 'jobbtorg-sis-sol2001';
const PAGE = `#/regelverk/${RULE_SET}`;
/** How the page names the rule set: by its title, never by its id. */
const TITLE = 'Särskild individanpassad stödinsats genom Jobbtorg Stockholm (bistånd enligt 4 kap. 2 § SoL 2001:453)';
const NOTE = 'Åldersgränserna stämmer med KS 2022/759. Laglighetsprövningen kontrollerad mot kommunallagen.';
const browser = useBrowser();

const open = async () => (await browser.newPage()).page;
const ruleSet = async () => (await server.get(`/v1/rule-sets/${RULE_SET}`, 'jurist')).json();
const approveButton = (page: Page) => page.getByRole('button', { name: 'Godkänn regelverket' });

describe('approving a rule set from its page', () => {
  it('lists a rule set nobody has approved as a draft', async () => {
    const page = await open();
    await signIn(page, server.url, 'Karin Sjöberg', '#/regelverk');
    // Nothing is approved in this table: both shipped rule sets are drafts.
    const statuses = page.locator('ul.rule-sets li .tag');
    expect(await statuses.allInnerTexts()).toEqual(['Utkast – inte godkänt', 'Utkast – inte godkänt']);
    for (const status of await statuses.all()) expect(await status.getAttribute('class')).toContain('tag-warn');
    await checkView(page, '20-regelverk-utkast-lista');
  });

  it('shows case workers and delegates the draft, and never the form', async () => {
    for (const who of ['Anna Lindqvist', 'Göran Ödmark'] as const) {
      const page = await open();
      await signIn(page, server.url, who, PAGE);
      await page.getByRole('heading', { name: 'Parametrar' }).waitFor();
      expect(await page.locator('section.status').innerText(), who).toContain('Regelverket är ett utkast. Det används inte för beslut');
      expect(await page.getByRole('heading', { name: 'Godkänn regelverket' }).count(), who).toBe(0);
      expect(await page.getByRole('checkbox').count(), who).toBe(0);
      expect(await page.getByRole('button', { name: 'Gå till godkännandet' }).count(), who).toBe(0);
      if (who === 'Anna Lindqvist') await checkView(page, '21-regelverk-utkast-handlaggare');
    }
  });

  it('fits a tablet: the draft with its form does not scroll sideways', async () => {
    const { page } = await browser.newPage(TABLET);
    await signIn(page, server.url, 'Karin Sjöberg', PAGE);
    await page.getByRole('heading', { name: 'Godkänn regelverket' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await checkView(page, '28-surfplatta-regelverk-jurist');
  });

  it('tells a legal reviewer, beside the form, when the rule set changed after she read it, and stores nothing', async () => {
    const page = await open();
    // The page was read before the rule set changed: it holds the content (and sha256) of then.
    const then = createHash('sha256').update('regelverket som juristen läste').digest('hex');
    await page.route(`**/v1/rule-sets/${RULE_SET}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), sha256: then } });
    });
    await signIn(page, server.url, 'Karin Sjöberg', PAGE);
    await page.getByLabel(/^Lägsta ålder .* Värde: 19 år\./).check();
    await page.getByRole('button', { name: 'Fortsätt till bekräftelsen' }).click();
    await page.getByLabel(/^Jag har läst regelverket/).check();
    await approveButton(page).click();
    const summary = page.locator('.error-summary');
    await summary.locator('h2').waitFor();
    expect(await summary.innerText()).toContain(`Regelverket ”${TITLE}” har ändrats sedan du läste det`);
    expect(await summary.innerText()).not.toContain(RULE_SET);
    expect(await summary.getByRole('button', { name: 'Läs in regelverket igen' }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await checkView(page, '22-regelverk-godkann-andrat');
    expect((await ruleSet()).status).toBe('DRAFT');
  });

  it('lets a legal reviewer confirm items one by one and approve exactly the content she read; the page then shows the approval and what remains unconfirmed', async () => {
    const { sha256, review } = await ruleSet();
    // A second tab with the same draft, to approve from after the first one did.
    const other = await open();
    await signIn(other, server.url, 'Karin Sjöberg', PAGE);
    const page = await open();
    await signIn(page, server.url, 'Karin Sjöberg', PAGE);

    // Before: a draft, every provision and parameter unconfirmed, nothing checked for her.
    expect(await page.locator('section.status').innerText()).toContain('Utkast – inte godkänt');
    expect(await page.getByRole('row', { name: /^13 kap\. kommunallagen \(2017:725\)/ }).innerText()).toMatch(/Laglighetsprövning[\s\S]*Inte bekräftad$/);
    const form = page.locator('section.approval');
    expect(await form.locator('.hash').innerText()).toBe(sha256);
    const boxes = form.locator('fieldset[data-path^="confirmed"]:not([data-path="confirmed"]) input[type="checkbox"]');
    expect(await boxes.count()).toBe(review.parameters.length + review.references.length);
    for (const box of await boxes.all()) expect(await box.isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Gå till godkännandet' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Godkänn regelverket');
    await checkView(page, '23-regelverk-jurist-fore-godkannande');

    // One by one: two parameters and one provision; the note.
    await page.getByLabel(/^Lägsta ålder på beslutsdagen .* Värde: 19 år\./).check();
    await page.getByLabel(/^Högsta ålder på beslutsdagen .* Värde: 29 år\./).check();
    await page.getByLabel(/^13 kap\. KL: Laglighetsprövning/).check();
    await page.getByLabel('Anteckning om granskningen (frivillig)').fill(NOTE);
    await page.getByRole('button', { name: 'Fortsätt till bekräftelsen' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bekräfta godkännandet');
    const step = page.locator('.confirm-step');
    expect(await step.innerText()).toContain(`Du bekräftar 2 av ${review.parameters.length} parametrar och 1 av ${review.references.length} lagrum. Det du inte har kryssat i visas som inte bekräftat`);
    expect(await step.innerText()).toContain(`version 1, med kontrollsumman ${sha256}, och godkänner just detta innehåll.`);
    // While she confirms, what she confirmed cannot change under her.
    expect(await page.getByLabel(/^Lägsta ålder .* Värde: 19 år\./).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Fortsätt till bekräftelsen' }).isVisible()).toBe(false);

    // Not without the statement: the page asks for it and sends nothing.
    await approveButton(page).click();
    expect(await page.locator('.field[data-path="confirmed"] .field-error').innerText()).toContain('Kryssa i att du har läst regelverket');
    expect((await ruleSet()).status).toBe('DRAFT');
    await checkView(page, '24-regelverk-jurist-bekrafta');

    await page.getByLabel(/^Jag har läst regelverket/).check();
    await approveButton(page).click();
    await page.getByText('Du har godkänt regelverket.').waitFor();

    // After: who, title, date and note; each item marked as confirmed at the approval or not.
    const status = await page.locator('section.status').innerText();
    expect(status).toMatch(/Godkänt av Karin Sjöberg, Förvaltningsjurist, \d{4}-\d{2}-\d{2}/);
    expect(status).toContain(`2 av ${review.parameters.length} parametrar och 1 av ${review.references.length} lagrum`);
    expect(status).toContain(NOTE);
    expect(await page.locator('section.status .tag').getAttribute('class')).toContain('tag-ok');
    const row = (name: RegExp) => page.getByRole('row', { name }).innerText();
    expect(await row(/^Lägsta ålder på beslutsdagen/)).toMatch(/bekräftad vid godkännandet$/);
    expect(await row(/^Högsta ålder på beslutsdagen/)).toMatch(/bekräftad vid godkännandet$/);
    expect(await row(/^Längsta period som insatsen kan beviljas/)).toMatch(/inte bekräftad$/);
    expect(await row(/^Akter för personer som är födda dessa dagar/)).toMatch(/den 5, 15 och 25 i månaden[\s\S]*inte bekräftad$/);
    expect(await row(/^13 kap\. kommunallagen/)).toMatch(/bekräftad vid godkännandet$/);
    expect(await row(/^4 kap\. 1 § socialtjänstlagen/)).toMatch(/inte bekräftad$/);
    expect(await page.getByRole('heading', { name: 'Godkänn regelverket' }).count()).toBe(0);
    await checkView(page, '25-regelverk-jurist-godkant');

    // Stored as she confirmed it.
    expect((await ruleSet()).approval).toMatchObject({
      sha256,
      approvedBy: { name: 'Karin Sjöberg', title: 'Förvaltningsjurist' },
      confirmedParameters: ['ageMin', 'ageMax'],
      confirmedReferences: ['KL:13'],
      note: NOTE,
      development: false,
    });

    // The other tab still shows the draft: its approval is refused, in Swedish, beside the form.
    await other.getByRole('button', { name: 'Fortsätt till bekräftelsen' }).click();
    await other.getByLabel(/^Jag har läst regelverket/).check();
    await approveButton(other).click();
    await other.locator('.error-summary h2').waitFor();
    expect(await other.locator('.error-summary').innerText()).toContain(`Regelverket ”${TITLE}” är redan godkänt med detta innehåll`);
    await other.getByRole('button', { name: 'Läs in regelverket igen' }).click();
    await other.locator('section.status .tag-ok').waitFor();
    expect(await other.getByRole('heading', { name: 'Godkänn regelverket' }).count()).toBe(0);
  });

  it('lists the approved rule set with who approved it and when', async () => {
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', '#/regelverk');
    // The approved 2001:453 set, and the 2025:400 set still a draft.
    const status = page.locator('ul.rule-sets li', { hasText: 'SoL 2001:453' }).locator('.tag');
    expect(await status.innerText()).toMatch(/^Godkänt av Karin Sjöberg, Förvaltningsjurist, \d{4}-\d{2}-\d{2}$/);
    expect(await status.getAttribute('class')).toContain('tag-ok');
    expect(await page.locator('ul.rule-sets li', { hasText: 'SoL 2025:400' }).locator('.tag').innerText()).toBe('Utkast – inte godkänt');
    await checkView(page, '26-regelverk-godkant-lista');
  });

  it('shows on a proposal which rule set applied and who approved it', async () => {
    const created = await server.post('/v1/decisions', proposeBody(), 'handlaggare');
    expect(created.status, created.text).toBe(201);
    const page = await open();
    await signIn(page, server.url, 'Anna Lindqvist', `#/beslut/${created.json().id}`);
    await page.getByRole('heading', { name: /^Förslag:/ }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain(`Regelverk\n${TITLE}, version 1, godkänt av Karin Sjöberg, Förvaltningsjurist, `);
    expect(text).toMatch(/godkänt av Karin Sjöberg, Förvaltningsjurist, \d{4}-\d{2}-\d{2}\n/);
    expect(await page.getByRole('heading', { name: 'Prövning av rätten till bistånd (4 kap. 1 § SoL)' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: `${TITLE}, version 1` }).getAttribute('href')).toBe(PAGE);
    await checkView(page, '27-forslag-godkant-regelverk');
  });
});
