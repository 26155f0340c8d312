// The browser the report tests drive: Debian's Chromium through playwright-core. Without it
// the tests are skipped on a workstation with a warning that says so, and fail under CI.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE = existsSync(CHROMIUM);
export const IN_CI = Boolean(process.env.CI);
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Warns once when a browser test file is skipped; returns whether it runs. */
export function browserTestRuns(name: string): boolean {
  if (!HAVE && !IN_CI)
    console.warn(`${name}: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return HAVE || IN_CI;
}

/** Launches Chromium, or fails plainly when CI expects it and it is not there. */
export async function launch() {
  if (!HAVE) throw new Error(`CI is set but Chromium is not installed at ${CHROMIUM}; .ci/run installs it with apt-get`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** What a page did that a self-contained report must not: console errors and warnings, page errors, failed requests; and every request it made. */
export function watchPage(page: import('playwright-core').Page): { problems: string[]; requests: string[] } {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (q) => problems.push(`failed request: ${q.url()}`));
  page.on('request', (q) => requests.push(q.url()));
  return { problems, requests };
}

/** Opens a report file from disk in a new page of the tests' size, watched from its first request. */
export async function openReport(browser: import('playwright-core').Browser, file: string) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  const watched = watchPage(page);
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, ...watched };
}
