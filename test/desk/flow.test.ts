/// <reference lib="dom" />
// An editor's session at the desk, in Debian's chromium, on the bundled sample and a real archive
// (both backends): exclude an item with a reason, move one to another section, write an English and
// a Spanish summary, include a state item beyond the cap (refused) and then in place of another
// (stored), approve. `vric build` then renders exactly that, and the same decisions made through
// `vric decide` in a second archive give the same files byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Digest } from '../../src/core/digest-types.js';
import { launchChromium, watchedPage } from '../helpers/browser.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { describeBackends } from '../helpers/pg.js';
import { suiteTmpDir } from '../helpers/tmp.js';
import { fetchSample, SAMPLE_ENV, SAMPLE_PERIOD, startDesk } from './desk-process.js';

const MEGASIS = 'Megasis inaugura';
const CONVIASA = 'Conviasa retoma la ruta';
const PUNTA_HUETE = 'Punta Huete';
const RT_NICARAGUA = 'Rusia y Nicaragua firman un memorando';
/** docs/desk.png is the README's picture of the desk: rewritten on request (npm run screenshots) or when missing. */
const DESK_SHOT = path.join(ROOT, 'docs', 'desk.png');
const updateShot = process.env.VRIC_UPDATE_SCREENSHOT === '1' || !fs.existsSync(DESK_SHOT);
const EN = 'Nicaragua and China signed a deal to build an airport at Punta Huete.';
const ES = 'Nicaragua y China firmaron un acuerdo para un aeropuerto en Punta Huete.';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const row = (page: Page, text: string) => page.locator('li.candidate', { has: page.locator('h2.title', { hasText: text }) });

async function submitAndWait(page: Page, click: () => Promise<void>): Promise<string> {
  await Promise.all([page.waitForURL(/\/(\?.*)?(#.*)?$/, { waitUntil: 'load' }), click()]);
  return (await page.locator('#flash').textContent()) ?? '';
}

describeBackends('an editor at the desk', (backend) => {
  let dir: string;
  const build = (db: string, out: string) =>
    runCli(['build', '--config', 'sample/sources.yaml', '--db', db, '--period', SAMPLE_PERIOD, '--out', path.join(dir, out), '--format', 'json,md,html'], { env: SAMPLE_ENV });
  const file = (out: string, name: string) => fs.readFileSync(path.join(dir, out, '2026-09_2026-10', name), 'utf8');

  beforeAll(() => {
    dir = suiteTmpDir();
  });

  it('excludes, moves, writes summaries, is refused over the cap, swaps, approves; the build renders exactly that', async () => {
    const spec = async (name: string) => (backend.kind === 'sqlite' ? path.join(dir, `${name}.sqlite`) : backend.newSpec());
    const db = await fetchSample(await spec('desk'));
    const desk = await startDesk(['--config', 'sample/sources.yaml', '--db', db, '--period', SAMPLE_PERIOD, '--editor', 'ana']);
    try {
      const w = await watchedPage(browser, { width: 1100, height: 1400 });
      const { page } = w;
      await page.goto(desk.url, { waitUntil: 'load' });
      await expect.poll(() => page.locator('#cap-line').textContent()).toBe('state media 6 of 31, cap allows 6');

      // Exclude with a reason.
      await row(page, MEGASIS).locator('form.exclude input[name=reason]').fill('A shop opening, not the Iranian state');
      let flash = await submitAndWait(page, () => row(page, MEGASIS).locator('form.exclude button').click());
      expect(flash).toBe('Stored: exclude. state media 6 of 30, cap allows 6.');
      expect(await row(page, MEGASIS).locator('.badge.reason').textContent()).toBe('excluded-by-editor');

      // Move to another section: no badge, still selected.
      await row(page, CONVIASA).locator('details.edit summary').click();
      await row(page, CONVIASA).locator('form.edit-form select[name=section]').selectOption('iran');
      flash = await submitAndWait(page, () => row(page, CONVIASA).locator('form.edit-form button').click());
      expect(flash).toBe('Stored: section. state media 6 of 30, cap allows 6.');
      expect(await row(page, CONVIASA).locator('.section').textContent()).toBe('section iran');

      // A summary line in English and in Spanish, saved together; the untouched Portuguese box is no decision.
      await row(page, PUNTA_HUETE).locator('details.edit summary').click();
      const edit = row(page, PUNTA_HUETE).locator('form.edit-form');
      await edit.locator('textarea[name=text-en]').fill(EN);
      await edit.locator('textarea[name=text-es]').fill(ES);
      flash = await submitAndWait(page, () => edit.locator('button').click());
      expect(flash).toBe('Stored: summary (en) and summary (es). state media 6 of 30, cap allows 6.');
      await row(page, PUNTA_HUETE).locator('details.edit summary').click();
      expect(await row(page, PUNTA_HUETE).locator('form.edit-form .written').count()).toBe(2);

      // A state item beyond the cap: refused, with the way out; then in place of another: stored.
      flash = await submitAndWait(page, () => row(page, RT_NICARAGUA).locator('form.include button').click());
      expect(flash).toContain('refused: the cap is full (state media 6 of 30, cap allows 6)');
      expect(await page.locator('#flash').getAttribute('class')).toContain('refused');
      // The kept state items are offered in one list for every "in place of" box.
      const helicopters = await page.locator('#kept-state option', { hasText: 'RT en Español: Rusia ofrece a Venezuela ampliar la flota de helicópteros' }).getAttribute('value');
      await row(page, RT_NICARAGUA).locator('form.include input[name=instead]').fill(helicopters!);
      flash = await submitAndWait(page, () => row(page, RT_NICARAGUA).locator('form.include button').click());
      expect(flash).toBe('Stored: exclude and include. state media 6 of 30, cap allows 6.');
      expect(await row(page, RT_NICARAGUA).locator('.badge.selected').count()).toBe(1);
      if (backend.kind === 'sqlite' && updateShot) {
        // The top of the page: header, the outcome of the swap, the cap line.
        await page.mouse.wheel(0, -1_000_000);
        await page.locator('h1').scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
        await page.screenshot({ path: DESK_SHOT, clip: { x: 0, y: 0, width: 1100, height: 1000 } });
      }

      // The preview is the edition as the build will write it.
      const preview = await page.request.get(`${desk.origin}/preview`);
      expect(preview.status()).toBe(200);
      expect(await preview.text()).toContain(EN);

      flash = await submitAndWait(page, () => page.locator('#approve').click());
      expect(flash).toContain('Stored: approve.');
      expect(await page.locator('#approved').textContent()).toContain('Approved by ana on 2026-11-02 06:00 UTC');
      // Approved: the preview is the digest the approval froze, as the build will render it.
      const frozen = await page.request.get(`${desk.origin}/preview`);
      expect(await frozen.text()).toContain(EN);
      expect(w.errors).toEqual([]);
      expect(w.dialogs).toEqual([]);
    } finally {
      expect(await desk.stop('SIGINT')).toBe(0);
    }

    const built = await build(db, 'desk');
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).toContain('; approved by ana on 2026-11-02 06:00 UTC');
    const d = JSON.parse(file('desk', 'digest.json')) as Digest;
    const all = d.sections.flatMap((s) => s.items.map((e) => ({ section: s.id, ...e })));
    expect(all.some((e) => e.title.startsWith(MEGASIS))).toBe(false);
    expect(all.find((e) => e.title.startsWith(CONVIASA))).toMatchObject({ section: 'iran' });
    expect(all.find((e) => e.title.startsWith(CONVIASA))?.pinned).toBeUndefined();
    expect(all.find((e) => e.title.includes(PUNTA_HUETE))?.summaries).toEqual({ en: EN, es: ES });
    expect(all.some((e) => e.title.startsWith(RT_NICARAGUA))).toBe(true);
    expect(d.stats).toMatchObject({ total: 30, stateMedia: 6 });
    expect(file('desk', 'digest.html')).toContain(EN);

    // The same decisions from the terminal, in an archive of their own.
    const cliDb = await fetchSample(await spec('cli'));
    const decide = async (args: string[]) => {
      const r = await runCli(['decide', '--config', 'sample/sources.yaml', '--db', cliDb, '--period', SAMPLE_PERIOD, '--editor', 'ana', ...args], { env: SAMPLE_ENV });
      expect(r.code, r.stderr).toBe(0);
    };
    await decide(['--exclude', 'https://efectococuyo.com/economia/megasis-inaugura-cuarto-local-valencia/', '--reason', 'A shop opening, not the Iranian state']);
    await decide(['--section', 'https://www.hispantv.com/noticias/venezuela/601876/conviasa-ruta-directa-caracas-teheran', 'iran']);
    await decide(['--summary', 'https://www.dw.com/es/nicaragua-y-china-firman-acuerdo-para-construir-un-aeropuerto-en-punta-huete/a-74210385', EN]);
    await decide(['--summary', 'https://www.dw.com/es/nicaragua-y-china-firman-acuerdo-para-construir-un-aeropuerto-en-punta-huete/a-74210385', ES, '--lang', 'es']);
    await decide(['--include', 'https://actualidad.rt.com/actualidad/563518-rusia-nicaragua-memorando-comercio-agricola', '--instead-of', 'https://actualidad.rt.com/actualidad/565291-rusia-venezuela-helicopteros-mi17-fanb']);
    await decide(['--approve']);
    const cliBuilt = await build(cliDb, 'cli');
    expect(cliBuilt.code, cliBuilt.stderr).toBe(0);
    for (const name of ['digest.json', 'digest.md', 'digest.html']) expect(file('cli', name), name).toBe(file('desk', name));
  }, 180_000);
});
