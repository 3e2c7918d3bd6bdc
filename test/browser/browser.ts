import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core; never a downloaded browser (.ci/run installs the
 * Debian package where it is missing).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export const screenshotDir = path.resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * A page of the console with the API token stored as a user would enter it (and a language, when
 * given), collecting uncaught script errors so a test can assert there were none.
 */
export async function openConsole(
  browser: Browser,
  options: { baseUrl: string; token?: string; lang?: string },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  await context.addInitScript(
    ({ token, lang }) => {
      if (token && !localStorage.getItem('console.token')) localStorage.setItem('console.token', token);
      if (lang && !localStorage.getItem('console.lang')) localStorage.setItem('console.lang', lang);
    },
    { token: options.token, lang: options.lang },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A refused API call (a 422 the test provokes) is logged by the browser as a failed load; the
    // console shows it to the user, which the tests check where they provoke one.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  return { page, errors };
}
