// Debian's Chromium driven by playwright-core; every console error and page error is recorded.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  return { context, page, errors };
}

export async function signIn(page, url, key) {
  await page.goto(url);
  await page.fill('#api-key', key);
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('#nav:not([hidden])');
}
