// Debian's chromium driven by playwright-core, and a page that records everything it does, for the
// tests that show hostile text in a browser (the rendered edition, the desk). Chromium is required
// (CI installs it): when it is missing these tests fail with the reason instead of skipping.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium; .ci/run does this in CI)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What a page did: dialogs it opened, console lines, page errors, requests, navigations, popups. */
export interface Watched {
  page: Page;
  dialogs: string[];
  console: string[];
  errors: string[];
  requests: string[];
  navigations: string[];
  popups: number;
}

/** A new page that records all it does; every dialog is dismissed so nothing waits on one. */
export async function watchedPage(browser: Browser, viewport = { width: 900, height: 1200 }): Promise<Watched> {
  const page = await browser.newPage({ viewport, javaScriptEnabled: true });
  const w: Watched = { page, dialogs: [], console: [], errors: [], requests: [], navigations: [], popups: 0 };
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => w.console.push(m.text()));
  page.on('pageerror', (e) => w.errors.push(e.message));
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('popup', () => w.popups++);
  page.on('framenavigated', (f) => w.navigations.push(f.url()));
  return w;
}
