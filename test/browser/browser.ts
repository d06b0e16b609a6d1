/**
 * Browser harness: Debian's Chromium (never a downloaded browser) driven headless by
 * playwright-core, axe-core injected into the page for the accessibility check, and screenshots
 * written to test-output/screenshots/ for a person to look at.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve('test-output/screenshots');

export const LAPTOP = { width: 1280, height: 800 };
export const TABLET = { width: 768, height: 1024 };

/** Fails loudly when Chromium is missing: a skipped browser test would look like a passing one. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}, and it is not installed.\n` +
        `Install it with:  sudo apt-get update && sudo apt-get install -y chromium   (Debian/Ubuntu)\n` +
        `or point CHROMIUM_PATH at a Chromium or Chrome binary. .ci/run installs it itself.`,
    );
  }
}

export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  requireChromium();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags Chromium keeps calling home, which a closed
    // network answers with a flood of failures.
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    // No --user-data-dir: playwright-core gives every launch a fresh temporary profile and removes it.
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * One Chromium for a test file: launched before its tests, closed after them. Its `newPage` opens
 * a page in a fresh context (laptop size and Swedish unless told otherwise).
 */
export function useBrowser(): { newPage(viewport?: { width: number; height: number }, region?: { locale: string; timezoneId?: string }): ReturnType<typeof newPage> } {
  let launched: { browser: Browser; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    launched = await launch();
  });
  afterAll(async () => {
    await launched?.close();
  });
  return {
    newPage(viewport, region) {
      if (!launched) throw new Error('The browser is launched in beforeAll; open pages in a test or a hook after it.');
      return newPage(launched.browser, viewport, region);
    },
  };
}

/** A Swedish browser by default; a test of dates gives it another language and time zone. */
export async function newPage(browser: Browser, viewport = LAPTOP, region: { locale: string; timezoneId?: string } = { locale: 'sv-SE' }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: region.locale, ...(region.timezoneId ? { timezoneId: region.timezoneId } : {}) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  (page as Page & { scriptErrors: string[] }).scriptErrors = errors;
  return { context, page };
}

export const scriptErrorsOf = (page: Page) => (page as Page & { scriptErrors: string[] }).scriptErrors;

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA rules and best practices on the page as it is; violations as readable lines. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, so the page's CSP (script-src 'self') does not apply.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

/**
 * Signs in through the page's local sign-in as one of the development users, on the view at
 * `hash`: opened while signed out, the page lands there after sign-in.
 */
export async function signIn(page: Page, baseUrl: string, who: 'Anna Lindqvist' | 'Göran Ödmark' | 'Maria Åkesson' | 'Karin Sjöberg', hash = '#/'): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  const option = page.getByLabel('Utvecklingsanvändare och roll').locator('option', { hasText: who });
  await page.getByLabel('Utvecklingsanvändare och roll').selectOption((await option.getAttribute('value')) as string);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('button', { name: 'Logga ut' }).waitFor();
  // A view renders once its data is in: wait until it has replaced the sign-in form.
  await page.waitForFunction(() => !/^Logga in/.test(document.querySelector('main h1')?.textContent ?? 'Logga in'));
}

/** Screenshot, then axe: no violations, and no script errors on the way (a 4xx the view shows is expected). */
export async function checkView(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await accessibilityViolations(page), `axe on ${name}`).toEqual([]);
  expect(scriptErrorsOf(page).filter((e) => !/status of 4\d\d/.test(e)), `script errors on ${name}`).toEqual([]);
}

/** Whether the page is no wider than the window: nothing makes a reader scroll sideways. */
export const fitsWidth = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * Opens the view at `hash` (reloading: a new hash in the same document would otherwise show the
 * view before it), waits for it, checks that it does not scroll sideways, then checkView.
 */
export async function checkViewAt(page: Page, baseUrl: string, hash: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  await page.reload();
  await page.locator('main h1').waitFor();
  await page.waitForLoadState('networkidle');
  expect(await fitsWidth(page), `${name} scrolls sideways`).toBe(true);
  await checkView(page, name);
}

