// Memory is bounded by bytes, not by item count: a 10 MiB feed of 150,000 tiny entries is within
// maxBytes, but stored whole it cost hundreds of MB and added 150,000 items a run. A feed keeps
// its newest maxItems (by date, then feed order), says how many it dropped, and a run of four
// such feeds stays under the memory figure the README states.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const ENTRIES = 150_000;
/** Entry i is dated 1-28 August 2026 by i % 28: the newest (the 28th) are spread through the feed. */
const dayOf = (i: number) => 1 + (i % 28);
let srv: FeedServer;

beforeAll(async () => {
  const parts = ['<rss version="2.0"><channel><title>many</title>'];
  for (let i = 0; i < ENTRIES; i++) parts.push(`<item><title>${i}</title><pubDate>2026-08-${String(dayOf(i)).padStart(2, '0')}</pubDate></item>`);
  parts.push('</channel></rss>');
  const body = Buffer.from(parts.join(''));
  expect(body.length).toBeLessThan(10 * 1024 * 1024);
  srv = await startFeedServer();
  for (const n of [1, 2, 3, 4]) srv.route(`/many${n}`, serve(body, 'application/rss+xml'));
});
afterAll(async () => {
  await srv.close();
});

function config(d: string, ids: string[], extra = ''): string {
  const cfg = path.join(d, 'sources.yaml');
  const sources = ids.map((id) => `  - id: ${id}\n    name: ${id}\n    url: ${srv.url('/' + id)}\n    language: es\n    ownership: independent`).join('\n');
  fs.writeFileSync(cfg, `${extra}sources:\n${sources}\n`);
  return cfg;
}

describe('the per-feed item cap', () => {
  it('stores only the newest maxItems of a 150,000-item feed, and warns naming the source and the count dropped', async () => {
    const d = tmpDir();
    const db = path.join(d, 'a.sqlite');
    const r = await runCli(['fetch', '--config', config(d, ['many1']), '--db', db, '--json'], { env: { VRIC_NOW: '2026-09-01T00:00:00Z' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warn: [many1] the feed has 150000 items, more than its maxItems: kept the newest 1000, dropped 149000');
    expect(JSON.parse(r.stdout).sources[0]).toMatchObject({ id: 'many1', status: 'ok', newItems: 1000, itemsDropped: 149_000 });
    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT title, published FROM items').all() as { title: string; published: string }[];
    conn.close();
    // The newest day's entries, the first 1,000 of them in feed order.
    const expected = Array.from({ length: ENTRIES }, (_, i) => i).filter((i) => dayOf(i) === 28).slice(0, 1000).map(String);
    expect(rows.map((row) => row.title).sort()).toEqual(expected.sort());
    expect(new Set(rows.map((row) => row.published.slice(0, 10)))).toEqual(new Set(['2026-08-28']));
  }, 60_000);

  it('honours a per-source maxItems and refuses one out of range', async () => {
    const d = tmpDir();
    const db = path.join(d, 'a.sqlite');
    const cfg = config(d, ['many1']);
    fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8') + '    fetch:\n      maxItems: 10\n');
    const r = await runCli(['fetch', '--config', cfg, '--db', db, '--json'], { env: { VRIC_NOW: '2026-09-01T00:00:00Z' } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).sources[0]).toMatchObject({ newItems: 10, itemsDropped: 149_990 });
    for (const bad of ['0', '10001', '2.5']) {
      const c = config(d, ['many1'], `fetch:\n  maxItems: ${bad}\n`);
      const b = await runCli(['fetch', '--config', c, '--db', db]);
      expect(b.code, bad).toBe(2);
      expect(b.stderr).toContain('a whole number from 1 to 10000');
    }
  }, 60_000);

  it('keeps a run of four such feeds under 900 MiB (measured: about 630 MiB; 1.13 GB before the cap)', async () => {
    const d = tmpDir();
    const rssFile = path.join(d, 'rss');
    const r = await runCli(['fetch', '--config', config(d, ['many1', 'many2', 'many3', 'many4']), '--db', path.join(d, 'a.sqlite'), '--json'], {
      env: { VRIC_NOW: '2026-09-01T00:00:00Z', NODE_OPTIONS: `--require ${path.join(ROOT, 'bench', 'rss-probe.cjs')}`, VRIC_BENCH_RSS: rssFile },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).totals.newItems).toBe(4000);
    const peak = Number(fs.readFileSync(rssFile, 'utf8'));
    // Most of what is left is the parser's tree of one feed's 150,000 entries, before the cap applies.
    expect(peak).toBeLessThan(900 * 1024 * 1024);
  }, 60_000);
});
