// Issue "fetching that survives the real web", end to end: a mixed list of broken, slow and hostile
// feeds through the real CLI into a real SQLite file. The run ends within its bounds, its peak
// memory is measured in the process itself, and the good sources' items are archived intact.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditional, drip, gzipped, hang, makeGzipBomb, rateLimited, redirect, serve, startFeedServer, status, type FeedServer } from '../helpers/feed-server.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'feeds', name));
let srv: FeedServer;

beforeAll(async () => {
  srv = await startFeedServer();
  const latin = iconv.encode('<rss version="2.0"><channel><title>L</title><item><title>Acción en Brasília, São Paulo</title><link>https://l.example/1</link></item></channel></rss>', 'latin1');
  srv.route('/good', serve(fixture('rss2-es-hostile.xml'), 'application/rss+xml'));
  srv.route('/hang', hang());
  srv.route('/drip', drip('<rss version="2.0"><channel><title>slow</title></channel></rss>', 1000));
  srv.route('/500', status(500));
  srv.route('/404', status(404));
  srv.route('/loop1', redirect('/loop2'));
  srv.route('/loop2', redirect('/loop1'));
  srv.route('/big', serve(Buffer.alloc(2 * 1024 * 1024, 0x20)));
  srv.route('/bomb', gzipped(await makeGzipBomb(64 * 1024 * 1024)));
  srv.route('/html', serve(fixture('page-with-alternates.html'), 'text/html; charset=utf-8'));
  srv.route('/broken', serve(fixture('broken-truncated.xml')));
  srv.route('/latin-prolog', serve(fixture('rss-iso-8859-1-prolog.xml'), 'application/xml'));
  srv.route('/latin-header', serve(latin, 'application/rss+xml; charset=ISO-8859-1'));
  srv.route('/cond', conditional(fixture('rdf-rss1.xml'), '"rdf-1"'));
  srv.route('/429', rateLimited('1', serve(fixture('atom-prefixed-root.xml'))));
});
afterAll(async () => {
  await srv.close();
});

const IDS = ['good', 'hang', 'drip', '500', '404', 'loop1', 'big', 'bomb', 'html', 'broken', 'latin-prolog', 'latin-header', 'cond', '429'];

describe('vric fetch on a hostile list', () => {
  it('finishes within its bounds, under 400 MiB, with the good items archived intact', async () => {
    const d = tmpDir();
    const cfg = path.join(d, 'sources.yaml');
    const sources = IDS.map((id) => `  - id: ${id}\n    name: ${id}\n    url: ${srv.url('/' + id)}\n    language: es\n    ownership: independent`).join('\n');
    // Tight bounds, so the test is quick: 3 s per source overall, 1 s of silence, 1 MiB bodies.
    fs.writeFileSync(cfg, `fetch:\n  timeout: 3s\n  idleTimeout: 1s\n  maxBytes: 1MiB\n  retries: 1\n  retryBase: 50ms\npolicy:\n  stateMediaCap: 0.2\nsources:\n${sources}\n`);
    const db = path.join(d, 'a.sqlite');
    const rssFile = path.join(d, 'rss');
    const r = await runCli(['fetch', '--config', cfg, '--db', db, '--json'], {
      env: { NODE_OPTIONS: `--require ${path.join(ROOT, 'bench', 'rss-probe.cjs')}`, VRIC_BENCH_RSS: rssFile },
    });
    expect(r.code).toBe(3);
    // Failures are always told on stderr, one line each, naming the source.
    for (const id of ['hang', 'drip', '500', '404', 'loop1', 'big', 'bomb', 'html']) expect(r.stderr).toMatch(new RegExp(`^warn: \\[${id}\\] .+$`, 'm'));
    // Every source at most one 3 s deadline (plus a 1 s Retry-After), all in parallel.
    expect(r.ms).toBeLessThan(10_000);
    expect(Number(fs.readFileSync(rssFile, 'utf8'))).toBeLessThan(400 * 1024 * 1024);

    const byId = new Map(JSON.parse(r.stdout).sources.map((s: { id: string }) => [s.id, s]));
    const kind = (id: string) => (byId.get(id) as { errorKind?: string; status: string }).errorKind ?? (byId.get(id) as { status: string }).status;
    expect(Object.fromEntries(IDS.map((id) => [id, kind(id)]))).toEqual({
      good: 'ok', hang: 'timeout', drip: 'timeout', '500': 'http-5xx', '404': 'http-4xx', loop1: 'redirect-loop',
      big: 'too-large', bomb: 'too-large', html: 'not-a-feed', broken: expect.stringMatching(/^(ok|parse-error)$/),
      'latin-prolog': 'ok', 'latin-header': 'ok', cond: 'ok', '429': 'ok',
    });
    for (const s of byId.values()) {
      const e = s as { id: string; status: string; error?: string };
      if (e.status === 'error') expect(e.error).toMatch(new RegExp(`^\\[${e.id}\\] [^\\n]+$`));
    }

    const conn = new Database(db, { readonly: true });
    const titles = (conn.prepare('SELECT source_id, title FROM items ORDER BY source_id, title').all() as { source_id: string; title: string }[]);
    conn.close();
    const of = (id: string) => titles.filter((t) => t.source_id === id).map((t) => t.title);
    expect(of('good')).toContain('Petróleo: PDVSA y Rosneft firman acuerdo en Caracas & Moscú');
    expect(of('good')).toContain('China & Venezuela: nuevo crédito');
    expect(of('latin-prolog')).toEqual(['Acción en Brasília: ¿qué pasó? São Paulo, Bogotá, Perú']);
    expect(of('latin-header')).toEqual(['Acción en Brasília, São Paulo']);
    for (const id of ['hang', 'drip', '500', '404', 'loop1', 'big', 'bomb', 'html']) expect(of(id)).toEqual([]);

    // Revalidation: the second run gets 304 for the conditional feed and stores nothing twice.
    const again = await runCli(['fetch', '--config', cfg, '--db', db, '--json', '--force', '--only', 'cond,good']);
    const second = JSON.parse(again.stdout).sources;
    expect(second.find((s: { id: string }) => s.id === 'cond')).toMatchObject({ status: 'not-modified', newItems: 0 });
    expect(second.find((s: { id: string }) => s.id === 'good')).toMatchObject({ status: 'ok', newItems: 0 });
  });
});
