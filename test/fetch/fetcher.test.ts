// The whole stage on a mixed list of good and hostile sources served over loopback: every source
// gets a status, failures name the source and the reason, the good items arrive intact, and the
// run stays within its time and memory bounds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchResult, SourceState } from '../../src/core/fetch-types.js';
import type { FetchSettings, Source } from '../../src/core/config-types.js';
import { discoverFeeds } from '../../src/fetch/discover.js';
import { fetchSources } from '../../src/fetch/fetcher.js';
import { DEFAULT_FETCH_SETTINGS, effectiveSettings } from '../../src/fetch/settings.js';
import { inlineProcess, type ProcessFn } from '../../src/fetch/pool.js';
import { conditional, drip, gzipped, hang, makeGzipBomb, rateLimited, redirect, serve, startFeedServer, status, type FeedServer } from '../helpers/feed-server.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/feeds');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));
const NOW = new Date('2025-03-10T12:00:00Z');
const S: FetchSettings = {
  ...DEFAULT_FETCH_SETTINGS,
  connectTimeoutMs: 500,
  timeoutMs: 1500,
  idleTimeoutMs: 500,
  retries: 1,
  retryBaseMs: 20,
  maxRetryAfterMs: 300,
  maxBytes: 256 * 1024,
};

const src = (id: string, url: string, extra: Partial<Source> = {}): Source => ({ id, name: id, url, language: 'es', ownership: 'independent', tags: [], enabled: true, fetch: {}, ...extra });

let srv: FeedServer;
beforeAll(async () => {
  srv = await startFeedServer();
  const latin = iconv.encode('<rss version="2.0"><channel><title>L</title><item><title>Acción en Brasília, São Paulo</title><link>https://l.example/1</link></item></channel></rss>', 'latin1');
  srv.route('/good', serve(fixture('rss2-es-hostile.xml'), 'application/rss+xml'));
  srv.route('/atom', serve(fixture('atom-pt-xmlbase.xml'), 'application/atom+xml'));
  srv.route('/hang', hang());
  srv.route('/drip', drip('<rss version="2.0"><channel><title>slow</title></channel></rss>', 200));
  srv.route('/500', status(500));
  srv.route('/404', status(404));
  srv.route('/loop1', redirect('/loop2'));
  srv.route('/loop2', redirect('/loop1'));
  srv.route('/big', serve(Buffer.alloc(S.maxBytes + 10, 0x20)));
  srv.route('/bomb', gzipped(await makeGzipBomb(32 * 1024 * 1024)));
  srv.route('/html', serve(fixture('page-with-alternates.html'), 'text/html; charset=utf-8'));
  srv.route('/broken', serve(fixture('broken-truncated.xml')));
  srv.route('/latin-prolog', serve(fixture('rss-iso-8859-1-prolog.xml'), 'application/xml'));
  srv.route('/latin-header', serve(latin, 'application/rss+xml; charset=ISO-8859-1'));
  srv.route('/cp1252', serve(fixture('rss-windows-1252-undeclared.xml'), 'application/xml'));
  srv.route('/cond', conditional(fixture('rdf-rss1.xml'), '"rdf-1"'));
  srv.route('/429', rateLimited('0', serve(fixture('atom-prefixed-root.xml'))));
  srv.route('/moved', redirect('/good-new', 301));
  srv.route('/good-new', serve(fixture('rss-no-version-doctype.xml')));
});
afterAll(async () => {
  await srv.close();
});

describe('fetchSources on a mixed list', () => {
  it('gives every source a status and a one-line reason naming it, within the bounds', async () => {
    const ids = ['good', 'atom', 'hang', 'drip', '500', '404', 'loop1', 'big', 'bomb', 'html', 'broken', 'latin-prolog', 'latin-header', 'cp1252', 'cond', '429', 'moved'];
    const sources = ids.map((id) => src(id, srv.url(`/${id}`)));
    const states = new Map<string, SourceState>([['cond', { sourceId: 'cond', consecutiveFailures: 0, etag: '"rdf-1"' }]]);
    const stored: [FetchResult, SourceState][] = [];
    const progress: number[] = [];
    // Peak memory is sampled during the run, not just read at the end.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const { results, skipped } = await fetchSources(sources, {
      settings: S,
      states,
      now: () => NOW,
      onResult: (r, next) => {
        stored.push([r, next]);
      },
      onProgress: (done) => progress.push(done),
    }).finally(() => clearInterval(sampler));
    const took = performance.now() - t0;
    expect(skipped).toEqual([]);
    expect(results.map((r) => r.sourceId)).toEqual(ids);
    expect(stored).toHaveLength(ids.length);
    expect(progress.at(-1)).toBe(ids.length);
    // Everything runs at once; the slowest source is bounded by the overall timeout.
    expect(took).toBeLessThan(S.timeoutMs + 1500);
    expect(peakRss).toBeLessThan(400 * 1024 * 1024);

    const by = new Map(results.map((r) => [r.sourceId, r]));
    const expectError = (id: string, kind: string) => {
      const r = by.get(id)!;
      expect(r.status, id).toBe('error');
      expect(r.errorKind, id).toBe(kind);
      expect(r.error, id).toMatch(new RegExp(`^\\[${id}\\] \\S`));
      expect(r.error, id).not.toContain('\n');
    };
    expectError('hang', 'timeout');
    expectError('drip', 'timeout');
    expectError('500', 'http-5xx');
    expectError('404', 'http-4xx');
    expectError('loop1', 'redirect-loop');
    expectError('big', 'too-large');
    expectError('bomb', 'too-large');
    expectError('html', 'not-a-feed');
    expect(by.get('html')!.feedLinks).toEqual(['https://sitio.example.com/es/feed.xml', 'https://sitio.example.com/atom.xml']);
    expect(by.get('404')!.httpStatus).toBe(404);

    // The good sources' items arrive intact.
    const good = by.get('good')!;
    expect(good.status).toBe('ok');
    expect(good.items[0]).toMatchObject({ sourceId: 'good', title: 'Petróleo: PDVSA y Rosneft firman acuerdo en Caracas & Moscú', url: 'https://noticias.example.ve/economia/2025/03/pdvsa-rosneft?id=42' });
    expect(by.get('atom')!.items[0]!.title).toBe('Rússia e Brasil: cooperação em fertilizantes');
    expect(by.get('broken')!).toMatchObject({ status: 'ok', repaired: expect.stringMatching(/^malformed XML \(/) });
    expect(by.get('latin-prolog')!.items[0]!.title).toBe('Acción en Brasília: ¿qué pasó? São Paulo, Bogotá, Perú');
    expect(by.get('latin-header')!.items[0]!.title).toBe('Acción en Brasília, São Paulo');
    expect(by.get('cp1252')!.items[0]!.title).toBe('“Comillas” — precio 5 € en Perú');
    expect(by.get('cond')).toMatchObject({ status: 'not-modified', httpStatus: 304, items: [], etag: '"rdf-1"' });
    expect(by.get('429')).toMatchObject({ status: 'ok', items: [{ title: 'Entrada con prefijo' }] });
    expect(by.get('moved')).toMatchObject({ status: 'ok', movedTo: srv.url('/good-new'), items: [{ title: 'Café con ñ' }] });

    // The next state is computed from each result: failures back off, successes store validators.
    const next = new Map(stored.map(([r, s]) => [r.sourceId, s]));
    expect(next.get('hang')).toMatchObject({ consecutiveFailures: 1, lastErrorKind: 'timeout' });
    expect(next.get('cond')).toMatchObject({ consecutiveFailures: 0, etag: '"rdf-1"' });
  });

  it('skips sources that are not due unless forced, and ignores disabled ones', async () => {
    const states = new Map<string, SourceState>([['a', { sourceId: 'a', consecutiveFailures: 2, nextAttemptAt: '2025-03-10T13:00:00.000Z' }]]);
    const sources = [src('a', srv.url('/good')), src('b', srv.url('/good')), src('c', srv.url('/good'), { enabled: false })];
    const run = await fetchSources(sources, { settings: S, states, now: () => NOW });
    expect(run.skipped).toEqual(['a']);
    expect(run.results.map((r) => r.sourceId)).toEqual(['b']);
    const forced = await fetchSources(sources, { settings: S, states, now: () => NOW, force: true });
    expect(forced.results.map((r) => r.sourceId)).toEqual(['a', 'b']);
  });

  it('keeps to the per-host limit', async () => {
    let inFlight = 0;
    let peak = 0;
    srv.route('/slow', (req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        serve(fixture('rdf-rss1.xml'))(req, res);
      }, 60);
    });
    const sources = Array.from({ length: 6 }, (_, i) => src(`slow${i}`, srv.url(`/slow?n=${i}`)));
    const { results } = await fetchSources(sources, { settings: { ...S, perHost: 2, concurrency: 16 }, states: new Map(), now: () => NOW });
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(peak).toBe(2);
  });

  it('gives a host its slot back once the bytes are in, not once they are parsed', async () => {
    // perHost 1 and the first feed's parsing held until the second request reaches the server:
    // if the slot were kept through parsing, the second request could never be sent.
    let secondArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (secondArrived = resolve));
    srv.route('/first', serve(fixture('rdf-rss1.xml')));
    const order: string[] = [];
    srv.route('/second', (req, res) => {
      order.push('request second');
      secondArrived();
      serve(fixture('atom-pt-xmlbase.xml'))(req, res);
    });
    const process: ProcessFn = async (source, ...rest) => {
      if (source.id === 'first') await arrived;
      order.push(`parse ${source.id}`);
      return inlineProcess(source, ...rest);
    };
    const sources = [src('first', srv.url('/first')), src('second', srv.url('/second'))];
    const { results } = await fetchSources(sources, { settings: { ...S, perHost: 1, concurrency: 4 }, states: new Map(), now: () => NOW, processor: { inline: process } });
    expect(order).toEqual(['request second', 'parse first', 'parse second']);
    expect(results.map((r) => [r.sourceId, r.status, r.items.length > 0])).toEqual([
      ['first', 'ok', true],
      ['second', 'ok', true],
    ]);
  });

  it('reads file sources through the same path and reports unreadable files', async () => {
    const sources: Source[] = [
      { ...src('file-ok', ''), url: undefined, file: path.join(fixtures, 'rss-utf16le-bom.xml') } as Source,
      { ...src('file-missing', ''), url: undefined, file: path.join(fixtures, 'no-such-file.xml') } as Source,
    ];
    const { results } = await fetchSources(sources, { settings: S, states: new Map(), now: () => NOW });
    expect(results[0]).toMatchObject({ status: 'ok', items: [{ title: 'Acción en Brasília: ¿qué pasó? São Paulo, Bogotá, Perú' }] });
    expect(results[1]).toMatchObject({ status: 'error', errorKind: 'file-error' });
    expect(results[1]!.error).toMatch(/^\[file-missing\] file-error: cannot read .*ENOENT/);
  });

  it('survives a throwing onResult callback', async () => {
    const errors: string[] = [];
    const logger = { info() {}, warn() {}, error: (m: string) => errors.push(m) };
    const { results } = await fetchSources([src('x', srv.url('/good')), src('y', srv.url('/atom'))], {
      settings: S,
      states: new Map(),
      now: () => NOW,
      logger,
      onResult: () => {
        throw new Error('disk full');
      },
    });
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('disk full');
  });

  it('logs each failure once, with the source id given to the logger', async () => {
    const lines: [string, Record<string, unknown> | undefined][] = [];
    const logger = { info() {}, warn: (m: string, f?: Record<string, unknown>) => lines.push([m, f]), error() {} };
    await fetchSources([src('nf', srv.url('/404'))], { settings: S, states: new Map(), now: () => NOW, logger });
    expect(lines).toEqual([['HTTP 404 Not Found', { source: 'nf', errorKind: 'http-4xx' }]]);
  });
});

describe('effectiveSettings', () => {
  it('layers defaults, the fetch: block and the source', () => {
    const s = effectiveSettings({ timeoutMs: 5000, perHost: 4 }, { fetch: { timeoutMs: 2000 } });
    expect(s).toMatchObject({ timeoutMs: 2000, perHost: 4, maxBytes: 10 * 1024 * 1024, userAgent: DEFAULT_FETCH_SETTINGS.userAgent });
  });
  it('has defaults that fail a hanging feed well under 30 s', () => {
    const d = DEFAULT_FETCH_SETTINGS;
    expect(d.timeoutMs).toBeLessThan(30_000);
    expect(d.idleTimeoutMs).toBeLessThan(d.timeoutMs);
    expect(d.maxBytes).toBe(10 * 1024 * 1024);
    expect(d.perHost).toBe(2);
  });
});

describe('discoverFeeds', () => {
  it('lists the feeds an HTML page advertises, or the URL itself when it is a feed', async () => {
    expect(await discoverFeeds(srv.url('/html'), S)).toEqual(['https://sitio.example.com/es/feed.xml', 'https://sitio.example.com/atom.xml']);
    expect(await discoverFeeds(srv.url('/good'), S)).toEqual([srv.url('/good')]);
    await expect(discoverFeeds(srv.url('/404'), S)).rejects.toThrow(/404/);
  });
});
