/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The desk in a real browser (Debian's chromium, as test/render/browser.test.ts drives it): items
// with hostile titles, teasers, labels and links, shown in the desk, run nothing (no dialog, no
// error, no injected script or handler, no navigation, no request elsewhere); and the filter box
// narrows the list in place, without a reload.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { itemId } from '../../src/archive/ids.js';
import { launchChromium, watchedPage, type Watched } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { suiteTmpDir } from '../helpers/tmp.js';
import { fetchSample, SAMPLE_ENV, SAMPLE_PERIOD, startDesk, type Desk } from './desk-process.js';

/** Hostile text in every field the desk shows; each would set window.__pwned or open a dialog if it ran. */
const HOSTILE = [
  {
    guid: 'hostile-script',
    title: 'Venezuela y Rusia <script>window.__pwned=1</script> firman <img src=x onerror="window.__pwned=2">',
    summary: '<svg onload=alert(1)> Caracas y Moscú hostilidad "><script>alert(2)</script> [clic](javascript:alert(3))',
    categories: ['<b onmouseover=alert(4)>x</b>'],
    // Set past the archive's own check below: the desk must vet links itself.
    url: 'javascript:window.__pwned=3',
  },
  {
    guid: 'hostile-attr',
    title: 'China en Venezuela \' onfocus=\'alert(5)\' autofocus \' hostilidad',
    summary: '{{constructor.constructor(\'alert(6)\')()}} <iframe src="https://evil.example/"></iframe>',
    categories: [],
    url: 'https://evil.example/a" onclick="alert(7)',
  },
  {
    guid: 'hostile-data',
    title: 'Irán y Nicaragua </li></ol><form action="https://evil.example/"><button autofocus>hostilidad</button></form>',
    summary: '<a href="javascript:alert(8)">enlace</a>',
    categories: [],
    url: 'data:text/html,<script>alert(9)</script>',
  },
];

let browser: Browser;
let desk: Desk;

beforeAll(async () => {
  const dir = suiteTmpDir();
  const db = await fetchSample(path.join(dir, 'archive.sqlite'));
  const lines = HOSTILE.map((h, i) =>
    JSON.stringify({
      id: itemId('telesur', h.guid),
      sourceId: 'telesur',
      guid: h.guid,
      url: `https://www.telesurtv.net/hostile/${i}`,
      title: h.title,
      summary: h.summary,
      published: `2026-10-0${i + 5}T12:00:00.000Z`,
      firstSeen: '2026-11-02T06:00:00.000Z',
      date: `2026-10-0${i + 5}T12:00:00.000Z`,
      language: 'es',
      categories: h.categories,
    }),
  );
  fs.writeFileSync(path.join(dir, 'hostile.jsonl'), lines.join('\n') + '\n');
  const imp = await runCli(['import', '--config', 'sample/sources.yaml', '--db', db, path.join(dir, 'hostile.jsonl'), '--quiet'], { env: SAMPLE_ENV });
  expect(imp.code, imp.stderr).toBe(0);
  // The archive refuses non-http links on the way in; an older archive or another writer may not have.
  const sql = new Database(db);
  for (const h of HOSTILE) sql.prepare('UPDATE items SET url = ? WHERE id = ?').run(h.url, itemId('telesur', h.guid));
  sql.close();
  desk = await startDesk(['--config', 'sample/sources.yaml', '--db', db, '--period', SAMPLE_PERIOD]);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  // Ctrl-C stops it cleanly: exit 0.
  if (desk) expect(await desk.stop('SIGINT')).toBe(0);
});

async function openDesk(): Promise<Watched> {
  const w = await watchedPage(browser, { width: 1000, height: 1200 });
  const { page } = w;
  await page.goto(desk.url, { waitUntil: 'load' });
  return w;
}

describe('the desk in Chromium', () => {
  test('shows hostile feed text as text and runs none of it', async () => {
    const w = await openDesk();
    const { page } = w;
    // The token in the address became a cookie and left the address.
    expect(page.url()).toBe(`${desk.origin}/`);
    const hostile = page.locator('li.candidate', { hasText: 'hostilidad' });
    expect(await hostile.count()).toBe(3);
    for (const el of await hostile.locator('*').all()) await el.hover({ force: true, timeout: 1000 }).catch(() => undefined);
    // Clicking the (unlinked) javascript: and data: titles does nothing.
    await page.locator('h2.title', { hasText: 'window.__pwned=1' }).click();
    await page.locator('h2.title', { hasText: 'Irán y Nicaragua' }).click();
    await page.waitForTimeout(300);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(w.dialogs).toEqual([]);
    expect(w.errors).toEqual([]);
    expect(w.console).toEqual([]);
    expect(w.popups).toBe(0);
    expect(w.navigations).toEqual([`${desk.origin}/`]);
    // Only the page (through its token redirect), its stylesheet and script: nothing from elsewhere.
    expect(w.requests.every((u) => u.startsWith(`${desk.origin}/`)), w.requests.join(' ')).toBe(true);
    expect(await page.evaluate(() => [...document.scripts].map((s) => s.src))).toEqual([`${desk.origin}/desk.js`]);
    expect(await page.evaluate(() => document.querySelectorAll('iframe, img, svg, form[action^="http"], button[autofocus]').length)).toBe(0);
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
    );
    expect(handlers).toEqual([]);
    // No link but vetted http(s) ones.
    const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((h) => !/^(https?:\/\/|\/$|\/preview$)/.test(h))).toEqual([]);
    expect(hrefs.some((h) => h.includes('evil.example'))).toBe(true); // the quote-breaking URL stays one escaped address
    // The hostile text is there, as text.
    await expect(page.locator('h2.title', { hasText: '<script>window.__pwned=1</script>' }).count()).resolves.toBe(1);
    expect(await page.locator('li.candidate', { hasText: '{{constructor.constructor' }).count()).toBe(1);
    await page.close();
  });

  test('the filter box narrows the list in place, without a reload', async () => {
    const w = await openDesk();
    const { page } = w;
    const all = await page.locator('li.candidate').count();
    const visible = () => page.locator('li.candidate:not([hidden])').count();
    expect(await visible()).toBe(all);
    await page.evaluate(() => ((window as unknown as { __same?: number }).__same = 1));
    const requestsBefore = w.requests.length;
    await page.locator('#q').fill('HOSTILIDAD');
    expect(await visible()).toBe(3);
    expect(await page.locator('#shown').textContent()).toBe('3');
    await page.locator('select[name="reason"]').selectOption('kept');
    await page.locator('#q').fill('');
    const kept = await page.locator('li.candidate.kept').count();
    expect(kept).toBeGreaterThan(0);
    expect(await visible()).toBe(kept);
    // The same page (no reload, not one request to the server), with the filters in its address.
    expect(await page.evaluate(() => (window as unknown as { __same?: number }).__same)).toBe(1);
    expect(w.requests.length).toBe(requestsBefore);
    expect(page.url()).toBe(`${desk.origin}/?reason=kept`);
    expect(w.errors).toEqual([]);
    await page.close();
  });
});
