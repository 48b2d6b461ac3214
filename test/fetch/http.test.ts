// httpGet against a real loopback server: every hostile behaviour ends in a value, within bounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import type { FetchSettings } from '../../src/core/config-types.js';
import { httpGet } from '../../src/fetch/http.js';
import { parseRetryAfter } from '../../src/fetch/http-failures.js';
import { DEFAULT_FETCH_SETTINGS } from '../../src/fetch/settings.js';
import { conditional, drip, gzipped, hang, makeGzipBomb, rateLimited, redirect, serve, startFeedServer, status, type FeedServer } from '../helpers/feed-server.js';

// Short bounds keep the suite fast; the behaviour is the same at the defaults.
const S: FetchSettings = {
  ...DEFAULT_FETCH_SETTINGS,
  connectTimeoutMs: 500,
  timeoutMs: 1500,
  idleTimeoutMs: 400,
  retries: 2,
  retryBaseMs: 20,
  maxRetryAfterMs: 500,
  maxBytes: 64 * 1024,
  contact: 'monitor@example.org',
};
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

let srv: FeedServer;
beforeAll(async () => {
  srv = await startFeedServer();
});
afterAll(async () => {
  await srv.close();
});

describe('httpGet', () => {
  it('returns the body with validators and identifies itself with a contact', async () => {
    srv.route('/ok', serve(FEED, 'application/rss+xml', { etag: '"v1"', 'last-modified': 'Mon, 03 Mar 2025 10:00:00 GMT' }));
    const r = await httpGet(srv.url('/ok'), { settings: S });
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.body.toString()).toBe(FEED);
    expect(r.etag).toBe('"v1"');
    expect(r.lastModified).toBe('Mon, 03 Mar 2025 10:00:00 GMT');
    const ua = srv.requests.find((q) => q.path === '/ok')!.headers['user-agent'];
    expect(ua).toContain('vric/0.1 (+https://github.com/vric/vric)');
    expect(ua).toContain('monitor@example.org');
  });

  it('times out on a server that never answers, after retrying, within the overall bound', async () => {
    srv.route('/hang', hang());
    const t0 = performance.now();
    const r = await httpGet(srv.url('/hang'), { settings: S });
    const took = performance.now() - t0;
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.errorKind).toBe('timeout');
    expect(r.message).toMatch(/^timeout: /);
    expect(r.attempts).toBeGreaterThan(1);
    expect(took).toBeLessThan(S.timeoutMs + 500);
  });

  it('cuts a server that drips one byte at a time at the overall timeout', async () => {
    srv.route('/drip', drip(FEED.repeat(10), 100));
    const t0 = performance.now();
    const r = await httpGet(srv.url('/drip'), { settings: { ...S, idleTimeoutMs: 1000 } });
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.errorKind).toBe('timeout');
    expect(r.message).toContain('not complete within 1.5 s');
    expect(performance.now() - t0).toBeLessThan(S.timeoutMs + 500);
  });

  it('retries a 500 with backoff and reports http-5xx', async () => {
    srv.route('/500', status(500));
    const r = await httpGet(srv.url('/500'), { settings: S });
    expect(r).toMatchObject({ kind: 'error', errorKind: 'http-5xx', status: 500, attempts: 3 });
    expect(srv.hits('/500')).toBe(3);
  });

  it('recovers when a 5xx is followed by success', async () => {
    let n = 0;
    srv.route('/flaky', (req, res) => (n++ === 0 ? status(502)(req, res) : serve(FEED)(req, res)));
    const r = await httpGet(srv.url('/flaky'), { settings: S });
    expect(r).toMatchObject({ kind: 'ok', attempts: 2 });
  });

  it('does not retry a 404 and calls a 410 gone', async () => {
    const r404 = await httpGet(srv.url('/nowhere'), { settings: S });
    expect(r404).toMatchObject({ kind: 'error', errorKind: 'http-4xx', status: 404, attempts: 1, message: 'HTTP 404 Not Found' });
    srv.route('/gone', status(410));
    expect(await httpGet(srv.url('/gone'), { settings: S })).toMatchObject({ errorKind: 'gone', status: 410 });
  });

  it('follows redirects and reports where a permanent one leads', async () => {
    srv.route('/old', redirect('/older', 301));
    srv.route('/older', redirect('/new', 308));
    srv.route('/new', serve(FEED));
    const r = await httpGet(srv.url('/old'), { settings: S });
    expect(r).toMatchObject({ kind: 'ok', finalUrl: srv.url('/new'), movedTo: srv.url('/new') });
  });

  it('does not report a temporary redirect as a move', async () => {
    srv.route('/tmp', redirect('/new', 302));
    const r = await httpGet(srv.url('/tmp'), { settings: S });
    expect(r.kind).toBe('ok');
    expect(r.movedTo).toBeUndefined();
    // A permanent hop after a temporary one does not move the configured address.
    srv.route('/tmp2', redirect('/old', 307));
    expect((await httpGet(srv.url('/tmp2'), { settings: S })).movedTo).toBeUndefined();
  });

  it('detects a redirect loop and a chain longer than the limit', async () => {
    srv.route('/loop-a', redirect('/loop-b'));
    srv.route('/loop-b', redirect('/loop-a'));
    expect(await httpGet(srv.url('/loop-a'), { settings: S })).toMatchObject({ kind: 'error', errorKind: 'redirect-loop' });
    for (let i = 0; i < 8; i++) srv.route(`/hop${i}`, redirect(`/hop${i + 1}`));
    srv.route('/hop8', serve(FEED));
    const r = await httpGet(srv.url('/hop0'), { settings: { ...S, maxRedirects: 5 } });
    expect(r).toMatchObject({ kind: 'error', errorKind: 'too-many-redirects' });
    expect(srv.hits('/hop6')).toBe(0);
  });

  it('refuses non-http schemes, also in a redirect', async () => {
    expect(await httpGet('file:///etc/passwd', { settings: S })).toMatchObject({ kind: 'error', errorKind: 'network' });
    srv.route('/to-file', redirect('file:///etc/passwd'));
    const r = await httpGet(srv.url('/to-file'), { settings: S });
    expect(r).toMatchObject({ kind: 'error' });
    expect((r as { message: string }).message).toContain('file:');
  });

  it('rejects an oversized body, declared or streamed', async () => {
    srv.route('/big', serve(Buffer.alloc(S.maxBytes + 1, 0x41)));
    expect(await httpGet(srv.url('/big'), { settings: S })).toMatchObject({ kind: 'error', errorKind: 'too-large' });
    // Chunked, no Content-Length: the cap holds while streaming.
    srv.route('/big-chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      for (let i = 0; i < 100; i++) res.write(Buffer.alloc(4096, 0x41));
      res.end();
    });
    expect(await httpGet(srv.url('/big-chunked'), { settings: S })).toMatchObject({ kind: 'error', errorKind: 'too-large' });
  });

  it('aborts a gzip bomb as soon as the decoded size passes the cap', async () => {
    const bomb = await makeGzipBomb(64 * 1024 * 1024);
    const settings = { ...S, maxBytes: 256 * 1024 };
    expect(bomb.length).toBeLessThan(settings.maxBytes); // small on the wire: only the decoded cap can catch it
    srv.route('/bomb', gzipped(bomb));
    const before = process.memoryUsage().rss;
    const r = await httpGet(srv.url('/bomb'), { settings });
    expect(r).toMatchObject({ kind: 'error', errorKind: 'too-large' });
    expect((r as { message: string }).message).toContain('decompressed');
    expect(process.memoryUsage().rss - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('decodes gzip, deflate and brotli bodies', async () => {
    srv.route('/gz', gzipped(zlib.gzipSync(FEED)));
    srv.route('/deflate', gzipped(zlib.deflateSync(FEED), 'deflate'));
    srv.route('/br', gzipped(zlib.brotliCompressSync(FEED), 'br'));
    for (const p of ['/gz', '/deflate', '/br']) {
      const r = await httpGet(srv.url(p), { settings: S });
      expect(r.kind === 'ok' && r.body.toString()).toBe(FEED);
    }
  });

  it('refuses a Content-Encoding it cannot undo and a corrupt gzip body, without retrying', async () => {
    srv.route('/compress', gzipped(Buffer.from('xxxx'), 'compress'));
    const a = await httpGet(srv.url('/compress'), { settings: S });
    expect(a).toMatchObject({ kind: 'error', errorKind: 'network', attempts: 1 });
    expect((a as { message: string }).message).toContain('unsupported Content-Encoding "compress"');
    // The abandoned body emits its own abort error a moment later; give it time to surface here
    // (vitest fails the run on an uncaught error) instead of in whatever test runs next.
    await new Promise((r) => setTimeout(r, 100));
    srv.route('/corrupt', gzipped(Buffer.from('definitely not gzip')));
    const b = await httpGet(srv.url('/corrupt'), { settings: S });
    expect(b).toMatchObject({ kind: 'error', errorKind: 'network', attempts: 1 });
    expect((b as { message: string }).message).toMatch(/^corrupt compressed body/);
  });

  it('sends validators back and reports 304 as not-modified', async () => {
    srv.route('/cond', conditional(FEED, '"abc"'));
    const first = await httpGet(srv.url('/cond'), { settings: S });
    expect(first).toMatchObject({ kind: 'ok', etag: '"abc"' });
    const second = await httpGet(srv.url('/cond'), { settings: S, etag: '"abc"', lastModified: 'Mon, 03 Mar 2025 10:00:00 GMT' });
    expect(second).toMatchObject({ kind: 'not-modified', status: 304 });
    const sent = srv.requests.filter((q) => q.path === '/cond').at(-1)!.headers;
    expect(sent['if-none-match']).toBe('"abc"');
    expect(sent['if-modified-since']).toBe('Mon, 03 Mar 2025 10:00:00 GMT');
  });

  it('honours a short Retry-After on 429 and fails with the reason on a long one', async () => {
    srv.route('/429', rateLimited('0', serve(FEED)));
    expect(await httpGet(srv.url('/429'), { settings: S })).toMatchObject({ kind: 'ok', attempts: 2 });
    srv.route('/429-long', rateLimited('3600', serve(FEED)));
    const r = await httpGet(srv.url('/429-long'), { settings: S });
    expect(r).toMatchObject({ kind: 'error', errorKind: 'http-4xx', status: 429, attempts: 1 });
    expect((r as { message: string }).message).toMatch(/retry after 3600 s, more than the 0.5 s/);
    // Honoured even when no retries are allowed: the server said when, and it is soon.
    srv.route('/429-once', rateLimited('0', serve(FEED)));
    expect(await httpGet(srv.url('/429-once'), { settings: { ...S, retries: 0 } })).toMatchObject({ kind: 'ok', attempts: 2 });
    srv.route('/503', rateLimited('0', serve(FEED), 1, 503));
    expect(await httpGet(srv.url('/503'), { settings: S })).toMatchObject({ kind: 'ok' });
  });

  it('reports a refused connection as a network error', async () => {
    const r = await httpGet('http://127.0.0.1:1/feed', { settings: { ...S, retries: 0 } });
    expect(r).toMatchObject({ kind: 'error', errorKind: 'network' });
    expect((r as { message: string }).message).toContain('ECONNREFUSED');
  });
});

// The defaults themselves, at full length (about 20 s each): run with VRIC_SLOW_TESTS=1.
describe.runIf(process.env.VRIC_SLOW_TESTS === '1')('default bounds', () => {
  for (const [name, handler] of [
    ['a server that never answers', hang()],
    ['a server that drips one byte a second', drip(FEED.repeat(10), 1000)],
  ] as const) {
    it(`fail ${name} well under 30 s`, async () => {
      srv.route('/slow-default', handler);
      const t0 = performance.now();
      const r = await httpGet(srv.url('/slow-default'), { settings: DEFAULT_FETCH_SETTINGS });
      const took = performance.now() - t0;
      expect(r).toMatchObject({ kind: 'error', errorKind: 'timeout' });
      expect(took).toBeLessThan(25_000);
    }, 40_000);
  }
});

describe('parseRetryAfter', () => {
  const now = new Date('2025-03-03T10:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 03 Mar 2025 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
