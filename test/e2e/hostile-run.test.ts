// Bounded by construction, as a whole: one `vric fetch` with every hostile input the trial found
// beside 20 good feeds. The run ends within the fetch timeout plus a small margin, stores all 20
// good feeds whole, reports each hostile source with its reason (or keeps its good items and says
// what it dropped), and peaks under the memory figure the README states (900 MiB).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipped, hang, makeGzipBomb, serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

let srv: FeedServer;
const GOOD = Array.from({ length: 20 }, (_, i) => `good${String(i).padStart(2, '0')}`);
const TIMEOUT_S = 5;
const README_PEAK_BYTES = 900 * 1024 * 1024;

const rss = (title: string, items: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title>${items}</channel></rss>`;
const item = (title: string, link: string) => `<item><title>${title}</title><link>${link}</link></item>`;
const goodFeed = (id: string) => rss(id, [1, 2, 3].map((n) => item(`Nota ${n} de ${id}`, `https://${id}.example/${n}`)).join(''));

beforeAll(async () => {
  srv = await startFeedServer();
  for (const id of GOOD) srv.route(`/${id}`, serve(goodFeed(id), 'application/rss+xml'));
  // Shapes that were quadratic in the preparation passes and the charset sniff (minutes at this size).
  srv.route('/unclosed-description', serve(rss('d', item('ok', 'https://d.example/1')) + '<description '.repeat(150_000), 'application/rss+xml'));
  srv.route('/unclosed-title', serve(Buffer.concat([Buffer.from(rss('t', item('ok', 'https://t.example/1')) + '<title '.repeat(200_000)), Buffer.from([0xff])])));
  // Far more work than its (lowered) processing budget.
  let many = '';
  for (let i = 0; i < 120_000; i++) many += item(`Nota ${i}`, `https://slow.example/${i}`);
  srv.route('/over-budget', serve(rss('slow', many), 'application/rss+xml'));
  // 150,000 tiny entries in under 10 MiB: kept to the newest maxItems.
  let tiny = '';
  for (let i = 0; i < 150_000; i++) tiny += `<item><title>e${i}</title><guid>m${i}</guid></item>`;
  srv.route('/many-items', serve(rss('many', tiny), 'application/rss+xml'));
  // One bad item each: a forbidden character reference, 100,000 levels of nesting, a stray byte in UTF-8.
  srv.route('/bad-reference', serve(rss('r', item('Bad &#0; ref', 'https://r.example/1') + item('Fine one', 'https://r.example/2')), 'application/rss+xml'));
  srv.route('/deep-entry', serve(rss('n', `<item><title>${'<b>'.repeat(100_000)}deep</title><link>https://n.example/1</link></item>` + item('Shallow one', 'https://n.example/2')), 'application/rss+xml'));
  const [before, after] = rss('u', item('Москва и Каракас', 'https://u.example/1') + item('Дружба', 'https://u.example/2')).split('ба</title>');
  srv.route('/stray-byte', serve(Buffer.concat([Buffer.from(before!), Buffer.from([0xff]), Buffer.from('ба</title>' + after!)]), 'application/rss+xml; charset=utf-8'));
  // A charset name carrying a terminal escape sequence, to reach the log.
  srv.route('/escape-charset', serve(`<?xml version="1.0" encoding="x\x1b]0;pwned\x07"?><rss version="2.0"><channel><title>e</title>${item('Escaped', 'https://e.example/1')}</channel></rss>`, 'application/rss+xml'));
  srv.route('/bomb', gzipped(await makeGzipBomb(64 * 1024 * 1024)));
  srv.route('/hang', hang());
});
afterAll(async () => {
  await srv.close();
});

describe('one run with every hostile input beside 20 good feeds', () => {
  it('ends within the timeout and a margin, stores every good feed, names each hostile source, and stays under the README\'s peak', async () => {
    const d = tmpDir();
    execFileSync('mkfifo', [path.join(d, 'pipe.xml')]);
    fs.mkdirSync(path.join(d, 'folder.xml'));
    const http = (id: string, extra = '') => `  - id: ${id}\n    name: ${id}\n    url: ${srv.url('/' + id)}\n    language: es\n    ownership: independent\n${extra}`;
    const file = (id: string, f: string) => `  - id: ${id}\n    name: ${id}\n    file: ${f}\n    language: es\n    ownership: independent\n`;
    const sources = [
      ...GOOD.map((id) => http(id)),
      http('unclosed-description'),
      http('unclosed-title'),
      http('over-budget', '    fetch:\n      parseBudget: 300ms\n'),
      http('many-items'),
      http('bad-reference'),
      http('deep-entry'),
      http('stray-byte'),
      http('escape-charset'),
      http('bomb'),
      http('hang'),
      file('fifo', path.join(d, 'pipe.xml')),
      file('dev-zero', '/dev/zero'),
      file('folder', path.join(d, 'folder.xml')),
    ].join('');
    const cfg = path.join(d, 'sources.yaml');
    fs.writeFileSync(cfg, `fetch:\n  contact: newsdesk@vric-monitor.net\n  timeout: ${TIMEOUT_S}s\n  idleTimeout: 2s\n  retries: 0\npolicy:\n  stateMediaCap: 0.2\nsources:\n${sources}`);
    const db = path.join(d, 'a.sqlite');
    const rssFile = path.join(d, 'rss');
    const r = await runCli(['fetch', '--config', cfg, '--db', db, '--json'], {
      env: { NODE_OPTIONS: `--require ${path.join(ROOT, 'bench', 'rss-probe.cjs')}`, VRIC_BENCH_RSS: rssFile },
      timeoutMs: 60_000,
    });
    expect(r.code, r.stderr).toBe(3);
    // Every source is bounded by the 5 s timeout and they run in parallel: 5 s plus start-up,
    // parsing the good feeds and storing, on a busy 2-core machine.
    expect(r.ms).toBeLessThan((TIMEOUT_S + 7) * 1000);
    expect(Number(fs.readFileSync(rssFile, 'utf8'))).toBeLessThan(README_PEAK_BYTES);

    const report = JSON.parse(r.stdout) as { sources: { id: string; status: string; errorKind?: string; newItems: number; itemsDropped?: number }[] };
    const byId = new Map(report.sources.map((s) => [s.id, s]));
    const outcome = (id: string) => byId.get(id)?.errorKind ?? byId.get(id)?.status;
    expect(Object.fromEntries(['over-budget', 'bomb', 'hang', 'fifo', 'dev-zero', 'folder'].map((id) => [id, outcome(id)]))).toEqual({
      'over-budget': 'parse-timeout', bomb: 'too-large', hang: 'timeout', fifo: 'file-error', 'dev-zero': 'file-error', folder: 'file-error',
    });
    // Each failure on stderr, one line naming its source; nothing raw from a feed reaches the terminal.
    for (const id of ['over-budget', 'bomb', 'hang', 'fifo', 'dev-zero', 'folder']) expect(r.stderr).toMatch(new RegExp(`^warn: \\[${id}\\] .+$`, 'm'));
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]/);
    expect(byId.get('many-items'), JSON.stringify(byId.get('many-items'))).toMatchObject({ status: 'ok', newItems: 1000, itemsDropped: 149_000 });

    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT source_id, title FROM items ORDER BY source_id, title').all() as { source_id: string; title: string }[];
    conn.close();
    const of = (id: string) => rows.filter((t) => t.source_id === id).map((t) => t.title);
    for (const id of GOOD) expect(of(id), id).toEqual([1, 2, 3].map((n) => `Nota ${n} de ${id}`));
    // One bad item costs only itself.
    expect(of('bad-reference')).toEqual(['Bad ref', 'Fine one']);
    expect(of('deep-entry')).toEqual(['Shallow one']);
    expect(of('stray-byte')).toEqual(['Друж\ufffdба', 'Москва и Каракас']);
    for (const id of ['over-budget', 'bomb', 'hang', 'fifo', 'dev-zero', 'folder']) expect(of(id), id).toEqual([]);
  });
});
