/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The rendered page in a real browser: the hostile digest must not run anything, the page must
// have its headings, and it must fit a phone screen. Chromium is required (CI installs it):
// when it is missing this test fails with the reason instead of skipping.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, watchedPage, type Watched } from '../helpers/browser.js';
import { hostileDigest, sampleDigest } from './factory.js';
import { renderAll } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = path.join(ROOT, 'out', 'screenshots');
/** docs/screenshot.png is committed: rewrite it only on request or when it is missing. */
const README_SHOT = path.join(ROOT, 'docs', 'screenshot.png');
const updateReadmeShot = process.env.VRIC_UPDATE_SCREENSHOT === '1' || !existsSync(README_SHOT);

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A page that records every dialog, console message, page error and request it makes. */
async function openWatched(file: string, { hover = false, viewport = { width: 900, height: 1200 } } = {}): Promise<Watched> {
  const watched = await watchedPage(browser, viewport);
  const { page } = watched;
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  // With hover, every part of every entry is hovered once so that an injected onmouseover would
  // run; then any injected handler or timer gets a moment to fire.
  if (hover) {
    for (const el of await page.locator('.entry *').all()) await el.hover({ force: true, timeout: 1000 }).catch(() => undefined);
  }
  await page.waitForTimeout(200);
  return watched;
}

async function assertNothingRan(w: Watched, file: string): Promise<void> {
  expect(await w.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(w.dialogs).toEqual([]);
  expect(w.errors).toEqual([]);
  expect(w.console.filter((m) => !m.includes('Content Security Policy'))).toEqual([]);
  // The only request is the page itself: no injected image, frame or stylesheet was fetched.
  expect(w.requests).toEqual([pathToFileURL(file).href]);
  expect(await w.page.evaluate(() => document.scripts.length)).toBe(0);
  const handlers = await w.page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
  );
  expect(handlers).toEqual([]);
}

describe('digest page in Chromium', () => {
  test('the hostile digest runs nothing, with and without the page CSP', async () => {
    const { dir, html } = await renderAll(hostileDigest());
    const file = path.join(dir, 'digest.html');
    const withCsp = await openWatched(file, { hover: true });
    await assertNothingRan(withCsp, file);
    expect(await withCsp.page.locator('h1').textContent()).toBe('VRIC Monitor | August to September 2021');
    expect(await withCsp.page.locator('main h2').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Venezuela and the Bolivarian network'), 'Source mix', 'About state media']),
    );
    // The literal text is what a reader sees.
    expect(await withCsp.page.locator('main').innerText()).toContain('<script>window.__pwned = true; alert(1)</script>');
    await mkdir(SCREENSHOTS, { recursive: true });
    await withCsp.page.screenshot({ path: path.join(SCREENSHOTS, 'digest.png'), fullPage: true });
    await withCsp.page.close();

    // Escaping alone must hold: the CSP meta is defence in depth, so test the page without it too.
    const bare = path.join(await mkdtemp(path.join(os.tmpdir(), 'vric-nocsp-')), 'digest.html');
    const stripped = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(stripped).not.toBe(html);
    await writeFile(bare, stripped);
    const withoutCsp = await openWatched(bare, { hover: true });
    await assertNothingRan(withoutCsp, bare);
    await withoutCsp.page.close();
  });

  test('the sample digest has its structure and fits a phone screen', async () => {
    const { dir } = await renderAll(sampleDigest(), {
      notes: {
        overview:
          'Venezuela and Russia formalised **military-technical cooperation**, while China pressed ahead with finance and lithium. ' +
          'Medical diplomacy centred on *Cuban vaccine* shipments.',
      },
    });
    const file = path.join(dir, 'digest.html');
    const desktop = await openWatched(file);
    await assertNothingRan(desktop, file);
    expect(
      (await desktop.page.locator('main > section > h2').allTextContents()).map((t) => t.replace(/\d+ reports?$/, '').trim()),
    ).toEqual(['Overview', 'Venezuela and the Bolivarian network', 'Russia in LAC', 'Iran in LAC', 'China in LAC', 'VRIC medical diplomacy', 'Source mix']);
    expect(await desktop.page.locator('.meta .badge-state').count()).toBe(2);
    await mkdir(SCREENSHOTS, { recursive: true });
    await desktop.page.screenshot({ path: path.join(SCREENSHOTS, 'sample.png'), fullPage: true });
    if (updateReadmeShot) {
      await mkdir(path.dirname(README_SHOT), { recursive: true });
      await desktop.page.screenshot({ path: README_SHOT, fullPage: true });
    }
    await desktop.page.close();

    const phone = await openWatched(file, { viewport: { width: 375, height: 800 } });
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'phone.png'), fullPage: true });
    await phone.page.close();
    expect((await readFile(path.join(SCREENSHOTS, 'sample.png'))).subarray(1, 4).toString()).toBe('PNG');
  });
});
