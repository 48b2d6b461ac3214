// Running from cron: silence on success, JSON logs, and a kill -9 in the middle of a fetch.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, ROOT } from '../helpers/cli.js';
import { openArchive } from '../../src/archive/open.js';
import { describeBackends, freshPgUrl, pgAvailable, skipReason } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const FEEDS = 24;
const ITEMS = 15;
let server: http.Server;
let base: string;

function feed(n: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) =>
    `<item><title>Rusia y Venezuela firman el acuerdo ${n}-${i}</title><link>https://news.example/${n}/${i}</link>` +
    `<guid>n${n}-i${i}</guid><pubDate>Mon, 05 Oct 2026 10:00:00 GMT</pubDate></item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>F${n}</title><link>https://news.example/</link>${items}</channel></rss>`;
}

beforeAll(async () => {
  // Each feed answers after a delay that grows with its number, so a fetch is still under way
  // when it is killed, with some sources stored and others not.
  server = http.createServer((req, res) => {
    const n = Number(/\/(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? -1);
    setTimeout(() => {
      if (n < 0) return res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(feed(n));
    }, 40 * n);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

function writeConfig(dir: string): string {
  const file = path.join(dir, 'sources.yaml');
  const sources = Array.from({ length: FEEDS }, (_, n) =>
    `  - id: f${n}\n    name: Feed ${n}\n    url: ${base}/${n}.xml\n    language: es\n    ownership: independent`).join('\n');
  // A real contact: an operator who has set one gets a silent quiet run (a placeholder is warned about).
  fs.writeFileSync(file, `fetch:\n  concurrency: 2\n  contact: newsdesk@vric-monitor.net\npolicy:\n  stateMediaCap: 0.2\nsources:\n${sources}\n`);
  return file;
}

describeBackends('unattended runs', (backend) => {
  it('prints nothing at all on a quiet success', async () => {
    const d = tmpDir();
    const cfg = writeConfig(d);
    const r = await runCli(['fetch', '--config', cfg, '--db', await backend.newSpec(), '--quiet']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const run = await runCli(['run', '--config', path.join(ROOT, 'sample', 'sources.yaml'), '--db', await backend.newSpec(), '--period', '2026-10', '--out', path.join(d, 'out'), '--quiet']);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(fs.existsSync(path.join(d, 'out', '2026-10', 'digest.html'))).toBe(true);
  });

  it('logs one JSON object a line with --log-format json', async () => {
    const d = tmpDir();
    fs.writeFileSync(path.join(d, 'sources.yaml'), `policy:\n  stateMediaCap: 0.2\nsources:\n  - id: gone\n    name: Gone\n    url: ${base}/missing\n    language: es\n    ownership: independent\n`);
    const r = await runCli(['fetch', '--config', path.join(d, 'sources.yaml'), '--db', await backend.newSpec(), '--quiet', '--log-format', 'json']);
    expect(r.code).toBe(6); // its only source failed: every source, not some (exit 3 before issue 15)
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', source: 'gone', message: expect.stringMatching(/404/) }));
    // The summary too is one JSON object, with the exit code it ends the run with.
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', message: expect.stringMatching(/^fetched 1 source: /), exitCode: 6, errors: 1 }));
  });

  it('fetches a source with every: only when it is due', async () => {
    const d = tmpDir();
    const cfg = path.join(d, 'sources.yaml');
    fs.writeFileSync(cfg, `policy:\n  stateMediaCap: 0.2\nsources:\n  - id: weekly\n    name: Weekly\n    url: ${base}/1.xml\n    language: es\n    ownership: independent\n    every: 6h\n  - id: wire\n    name: Wire\n    url: ${base}/2.xml\n    language: es\n    ownership: independent\n`);
    const db = await backend.newSpec();
    const at = (iso: string) => ({ env: { VRIC_NOW: iso } });
    const ids = (out: string) => JSON.parse(out).sources.map((s: { id: string }) => s.id);
    expect(ids((await runCli(['fetch', '--config', cfg, '--db', db, '--json'], at('2026-10-05T06:00:00Z'))).stdout)).toEqual(['weekly', 'wire']);
    expect(ids((await runCli(['fetch', '--config', cfg, '--db', db, '--json'], at('2026-10-05T07:00:00Z'))).stdout)).toEqual(['wire']);
    // Cron six hours later must find it due, even though the last run stored it a moment after starting.
    expect(ids((await runCli(['fetch', '--config', cfg, '--db', db, '--json'], at('2026-10-05T12:00:00Z'))).stdout)).toEqual(['weekly', 'wire']);
  });
});

describe('SQLite under kill -9', () => {
  it('survives kill -9 during a fetch: the rerun stores every item exactly once', async () => {
    const d = tmpDir();
    const cfg = writeConfig(d);
    const db = path.join(d, 'a.sqlite');
    const child = spawn(process.execPath, [BIN, 'fetch', '--config', cfg, '--db', db, '--quiet'], { stdio: 'ignore' });
    // Wait until some sources are committed, then kill without warning.
    const deadline = Date.now() + 20_000;
    let stored = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      if (!fs.existsSync(db)) continue;
      try {
        const conn = new Database(db, { readonly: true, fileMustExist: true });
        stored = (conn.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
        conn.close();
      } catch {
        continue; // schema not created yet
      }
      if (stored >= ITEMS * 3) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(FEEDS * ITEMS);
    expect(stored % ITEMS).toBe(0); // whole sources only: one transaction per source

    const rerun = await runCli(['fetch', '--config', cfg, '--db', db, '--json']);
    expect(rerun.code).toBe(0); // the stale lock of the killed run was taken over
    const conn = new Database(db, { readonly: true });
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((conn.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n).toBe(FEEDS * ITEMS);
    expect((conn.prepare('SELECT count(DISTINCT guid) AS n FROM items').get() as { n: number }).n).toBe(FEEDS * ITEMS);
    conn.close();
  });
});

describe.skipIf(!pgAvailable())(`PostgreSQL under kill -9${pgAvailable() ? '' : ` (SKIPPED: ${skipReason})`}`, () => {
  it('loses and duplicates nothing: the rerun stores the rest, and the dead collector\'s sources return when its leases expire', async () => {
    const d = tmpDir();
    const cfg = path.join(d, 'sources.yaml');
    // A short timeout makes the leases short (twice the timeout plus a margin: 8 s here).
    fs.writeFileSync(cfg, fs.readFileSync(writeConfig(d), 'utf8').replace('fetch:\n', 'fetch:\n  timeout: 1500ms\n  maxRetryAfter: 0s\n'));
    const db = await freshPgUrl();
    const count = async () => {
      const archive = await openArchive(db);
      try {
        return await archive.countItems();
      } finally {
        await archive.close();
      }
    };
    const child = spawn(process.execPath, [BIN, 'fetch', '--config', cfg, '--db', db, '--quiet'], { stdio: 'ignore' });
    let stored = 0;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && stored < ITEMS * 3; ) {
      await new Promise((r) => setTimeout(r, 50));
      stored = await count().catch(() => 0); // the schema may not exist yet
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(stored).toBeGreaterThan(0);
    const afterKill = await count();
    expect(afterKill % ITEMS).toBe(0); // whole sources only
    expect(afterKill).toBeLessThan(FEEDS * ITEMS);

    // At once: the sources the dead collector had claimed and not stored (downloading, at most its
    // concurrency, or downloaded and waiting for the parser or the store) are still leased to it;
    // all the others are fetched, and none of the held ones was stored.
    const rerun = await runCli(['fetch', '--config', cfg, '--db', db, '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const held = JSON.parse(rerun.stdout).held as string[];
    expect(held.length).toBeLessThanOrEqual(FEEDS - afterKill / ITEMS);
    expect(await count()).toBe((FEEDS - held.length) * ITEMS);

    // After the leases expire, the next run takes those over: every item, exactly once.
    await new Promise((r) => setTimeout(r, 8_500));
    const last = await runCli(['fetch', '--config', cfg, '--db', db, '--json']);
    expect(JSON.parse(last.stdout).held).toEqual([]);
    expect(await count()).toBe(FEEDS * ITEMS);
  }, 60_000);
});
