// The desk on the bench period: how long `vric desk` takes from its start to the first page in the
// editor's browser, and how long the page's filter takes to narrow every candidate, in Debian's
// chromium (the filter row is left out, saying why, when chromium is not installed).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';

const CHROMIUM = '/usr/bin/chromium';

/** Starts `vric desk`, resolves with its address once printed; `stop()` ends it. */
function startDesk(bin, args) {
  const child = spawn(process.execPath, [bin, 'desk', '--port', '0', '--no-open', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' } });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`desk exited ${code}: ${err.slice(-400)}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^desk: (http:\/\/[^/]+)\/\?token=(\S+)\n/.exec(out);
      if (m) resolve({ origin: m[1], token: m[2], url: `${m[1]}/?token=${m[2]}`, stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGINT'))) });
    });
  });
}

/** GET with the session cookie: the page's size and time. */
function getPage(origin, token) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http
      .get(`${origin}/`, { headers: { cookie: `vric_desk=${token}` } }, (res) => {
        let bytes = 0;
        res.on('data', (d) => (bytes += d.length));
        res.on('end', () => resolve({ status: res.statusCode, bytes, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      })
      .on('error', reject);
  });
}

/**
 * `open`: from starting `vric desk` to the page fully received (best of `rounds`); `filter`: a search
 * over every candidate until its page is loaded and laid out in Chromium (best of 5).
 */
export async function measureDesk({ bin, config, db, period, rounds = 3 }) {
  const opens = [];
  let page;
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    const desk = await startDesk(bin, ['--config', config, '--db', db, '--period', period]);
    page = await getPage(desk.origin, desk.token);
    opens.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (i < rounds - 1) await desk.stop();
    else page.desk = desk;
  }
  opens.sort((a, b) => a - b);
  const result = { openMs: opens[0], openMedian: opens[Math.floor(opens.length / 2)], bytes: page.bytes, filterMs: null, candidates: null, why: null };
  try {
    if (!fs.existsSync(CHROMIUM)) {
      result.why = `no ${CHROMIUM}`;
      return result;
    }
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const tab = await browser.newPage();
      await tab.goto(page.desk.url, { waitUntil: 'load' });
      result.candidates = Number((await tab.locator('.counts').textContent()).match(/^\s*(\d+) candidates/)?.[1]);
      // A period this large is paged and filtered by the server: a filter is the filtered page,
      // loaded and laid out in the browser (a small period filters in place, faster still).
      const times = [];
      for (const query of ['venezuela', 'rusia', 'china', 'zzz-nothing', 'iran']) {
        const t = process.hrtime.bigint();
        await tab.goto(`${page.desk.origin}/?q=${query}`, { waitUntil: 'load' });
        await tab.evaluate(() => document.body.offsetHeight);
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      result.paged = (await tab.locator('#candidates').getAttribute('data-paged')) === 'true';
      result.filterMs = Math.min(...times);
    } finally {
      await browser.close();
    }
  } finally {
    await page.desk.stop();
  }
  return result;
}
