// Bounded HTTP GET: every way a web server can hurt us (never answering, dripping, huge or
// compressed-to-explode bodies, redirect loops, rate limits) ends in a value, never a throw.
// Time: connect timeout (Agent), idle timeout (undici headersTimeout/bodyTimeout) and one overall
// deadline per source covering every attempt and redirect, so a source's cost is bounded by
// settings.timeoutMs plus at most one honoured Retry-After wait. What a failed attempt is (kind,
// message, retry or not) is http-failures.ts.
import { Agent, request, type Dispatcher } from 'undici';
import type { FetchErrorKind } from '../core/fetch-types.js';
import type { FetchSettings } from '../core/config-types.js';
import { readBody } from './body.js';
import { AttemptError, parseRetryAfter, seconds, toAttemptError } from './http-failures.js';
import { userAgentHeader } from './settings.js';

export interface HttpGetOptions {
  settings: FetchSettings;
  /** Validators from the last successful fetch, sent back for a conditional GET. */
  etag?: string;
  lastModified?: string;
  /** Shared connection pool; when omitted one is made (and closed) for this call. */
  dispatcher?: Dispatcher;
  /** Clock, for Retry-After given as an HTTP date. */
  now?: () => Date;
}

interface Common {
  /** URL of the last response. */
  finalUrl: string;
  /** Set when the chain began with permanent redirects (301/308): where they lead. */
  movedTo?: string;
  /** Bytes received on the wire (compressed). */
  bytes: number;
  attempts: number;
}

export type HttpOutcome =
  | (Common & {
      kind: 'ok';
      status: number;
      /** Decoded (decompressed) body, never larger than settings.maxBytes. */
      body: Buffer;
      contentType?: string;
      etag?: string;
      lastModified?: string;
    })
  | (Common & { kind: 'not-modified'; status: 304; etag?: string; lastModified?: string })
  | (Common & { kind: 'error'; errorKind: FetchErrorKind; message: string; status?: number });

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

export function makeDispatcher(settings: FetchSettings): Agent {
  return new Agent({
    connect: { timeout: settings.connectTimeoutMs },
    headersTimeout: settings.idleTimeoutMs,
    bodyTimeout: settings.idleTimeoutMs,
    // Per-host politeness is enforced by the fetcher's queue; this caps sockets as a backstop.
    connections: Math.max(1, settings.perHost),
  });
}

export async function httpGet(url: string, opts: HttpGetOptions): Promise<HttpOutcome> {
  const own = opts.dispatcher ? undefined : makeDispatcher(opts.settings);
  try {
    return await getWithRetries(url, { ...opts, dispatcher: opts.dispatcher ?? own! });
  } finally {
    // Destroy, not close: a dripping server must not keep us waiting on a graceful close.
    if (own) await own.destroy().catch(() => undefined);
  }
}

async function getWithRetries(url: string, opts: HttpGetOptions & { dispatcher: Dispatcher }): Promise<HttpOutcome> {
  const s = opts.settings;
  const now = opts.now ?? (() => new Date());
  let deadline = performance.now() + s.timeoutMs;
  let bytes = 0;
  let attempts = 0;
  let retryAfterWaited = false;
  const progress: { finalUrl: string; movedTo?: string } = { finalUrl: url };

  for (;;) {
    attempts++;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, deadline - performance.now()));
    let err: AttemptError;
    try {
      const r = await followRedirects(url, opts, controller.signal, (n) => (bytes += n), now, progress);
      return { ...r, bytes, attempts };
    } catch (e) {
      err = controller.signal.aborted
        ? new AttemptError('timeout', `timeout: not complete within ${seconds(s.timeoutMs)}`, false)
        : toAttemptError(e, s);
    } finally {
      clearTimeout(timer);
    }
    const fail = (): HttpOutcome => ({
      kind: 'error',
      errorKind: err.errorKind,
      message: err.message,
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...progress,
      bytes,
      attempts,
    });
    if (!err.retry) return fail();
    let wait: number;
    if (err.retryAfterMs !== undefined) {
      // The server said when; honour it once per source. The wait (bounded by maxRetryAfterMs,
      // checked when the answer was read) is not charged to the request's own time budget.
      if (retryAfterWaited) return fail();
      retryAfterWaited = true;
      wait = err.retryAfterMs;
      deadline += wait;
    } else {
      // Retries are for timeouts, network errors and 5xx; an honoured Retry-After is not one.
      const retriesUsed = attempts - 1 - (retryAfterWaited ? 1 : 0);
      if (retriesUsed >= s.retries) return fail();
      wait = s.retryBaseMs * 2 ** retriesUsed;
      // Backoff counts against the deadline: no point sleeping into a certain timeout.
      if (performance.now() + wait >= deadline) return fail();
    }
    await sleep(wait);
  }
}

type Final =
  | { kind: 'ok'; status: number; body: Buffer; contentType?: string; etag?: string; lastModified?: string; finalUrl: string; movedTo?: string }
  | { kind: 'not-modified'; status: 304; etag?: string; lastModified?: string; finalUrl: string; movedTo?: string }
  | { kind: 'error'; errorKind: FetchErrorKind; message: string; status: number; finalUrl: string; movedTo?: string };

/** One attempt: follows redirects by hand (undici's are off) so loops and limits are ours. */
async function followRedirects(
  start: string,
  opts: HttpGetOptions & { dispatcher: Dispatcher },
  signal: AbortSignal,
  countBytes: (n: number) => void,
  now: () => Date,
  progress: { finalUrl: string; movedTo?: string },
): Promise<Final> {
  const s = opts.settings;
  const visited = new Set<string>();
  let current = checkUrl(start);
  let permanentChain = true;
  let movedTo: string | undefined;
  for (let hop = 0; ; hop++) {
    visited.add(current.href);
    progress.finalUrl = current.href;
    const headers: Record<string, string> = {
      'user-agent': userAgentHeader(s),
      accept: 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    const res = await request(current, {
      method: 'GET',
      headers,
      dispatcher: opts.dispatcher,
      signal,
      headersTimeout: s.idleTimeoutMs,
      bodyTimeout: s.idleTimeoutMs,
    });
    const status = res.statusCode;
    const header = (name: string): string | undefined => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const base = () => ({ finalUrl: current.href, ...(movedTo ? { movedTo } : {}) });

    if (REDIRECTS.has(status)) {
      await res.body.dump().catch(() => undefined);
      const location = header('location');
      if (!location) return { kind: 'error', errorKind: 'http-4xx', message: `HTTP ${status} redirect without a Location header`, status, ...base() };
      let next: URL;
      try {
        next = checkUrl(new URL(location, current).href);
      } catch (e) {
        return { kind: 'error', errorKind: 'network', message: `redirect to an unusable address: ${(e as Error).message}`, status, ...base() };
      }
      if (permanentChain && PERMANENT.has(status)) {
        movedTo = next.href;
        progress.movedTo = movedTo;
      } else {
        permanentChain = false;
      }
      if (visited.has(next.href)) {
        return { kind: 'error', errorKind: 'redirect-loop', message: `redirect-loop: ${current.href} leads back to ${next.href}`, status, ...base() };
      }
      if (hop + 1 > s.maxRedirects) {
        return { kind: 'error', errorKind: 'too-many-redirects', message: `too-many-redirects: more than ${s.maxRedirects} redirects`, status, ...base() };
      }
      current = next;
      continue;
    }

    const etag = header('etag');
    const lastModified = header('last-modified');
    const validators = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
    if (status === 304) {
      await res.body.dump().catch(() => undefined);
      return { kind: 'not-modified', status: 304, ...validators, ...base() };
    }
    if (status === 429 || status === 503) {
      await res.body.dump().catch(() => undefined);
      const retryAfter = parseRetryAfter(header('retry-after'), now());
      if (retryAfter !== undefined) {
        if (retryAfter > s.maxRetryAfterMs) {
          throw new AttemptError(
            status === 429 ? 'http-4xx' : 'http-5xx',
            `HTTP ${status}: server asks to retry after ${seconds(retryAfter)}, more than the ${seconds(s.maxRetryAfterMs)} we wait`,
            false,
            status,
          );
        }
        throw new AttemptError(status === 429 ? 'http-4xx' : 'http-5xx', `HTTP ${status}: rate limited (Retry-After ${seconds(retryAfter)})`, true, status, retryAfter);
      }
      // 503 without Retry-After is an ordinary 5xx (retried with backoff); 429 without it is an answer.
      if (status === 429) throw new AttemptError('http-4xx', 'HTTP 429 Too Many Requests', false, status);
      throw new AttemptError('http-5xx', 'HTTP 503 Service Unavailable', true, status);
    }
    if (status >= 500) {
      await res.body.dump().catch(() => undefined);
      throw new AttemptError('http-5xx', `HTTP ${status}`, true, status);
    }
    if (status >= 400 || status < 200 || status === 204) {
      await res.body.dump().catch(() => undefined);
      const kind: FetchErrorKind = status === 410 ? 'gone' : 'http-4xx';
      const text = status === 404 ? 'HTTP 404 Not Found' : status === 410 ? 'HTTP 410 Gone' : `HTTP ${status}`;
      return { kind: 'error', errorKind: kind, message: text, status, ...base() };
    }

    const declared = Number(header('content-length'));
    if (Number.isFinite(declared) && declared > s.maxBytes) {
      res.body.destroy();
      throw new AttemptError('too-large', `too-large: Content-Length ${declared} bytes exceeds the ${s.maxBytes}-byte limit`, false, status);
    }
    const body = await readBody(res.body, header('content-encoding'), s.maxBytes, countBytes);
    const contentType = header('content-type');
    return { kind: 'ok', status, body, ...(contentType ? { contentType } : {}), ...validators, ...base() };
  }
}

function checkUrl(u: string): URL {
  const url = new URL(u);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AttemptError('network', `unsupported URL scheme ${url.protocol} (only http and https)`, false);
  return url;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
