// Limits and manners of fetching: every default in one table, so a reviewer sees the bounds at once.
// sources.yaml may override any of them in its top-level `fetch:` block and per source.
import { DEFAULT_MAX_ITEMS } from '../core/item-limits.js';
import type { FetchSettings, Source } from '../core/config-types.js';

export const DEFAULT_FETCH_SETTINGS: FetchSettings = {
  // A host that does not complete the TCP/TLS handshake in 10 s is down for our purposes.
  connectTimeoutMs: 10_000,
  // Whole request, connect to last body byte. A feed dripping one byte a second is cut here,
  // and it bounds all attempts of one source together (retries included), so a hanging feed
  // (idle 10 s, retry, cut at 20 s) or a dripping one fails well under the 30 s the issue allows.
  timeoutMs: 20_000,
  // Longest silence while waiting for headers or between body chunks: a hanging server fails here.
  idleTimeoutMs: 10_000,
  // Largest body accepted, counted on the wire AND after gzip/deflate/br decoding (gzip bombs).
  maxBytes: 10 * 1024 * 1024,
  // Items kept from one feed per fetch, the newest. maxBytes alone let one 10 MiB feed of 150,000
  // tiny items cost 447 MB and add 150,000 items a run; real feeds carry 10 to 500 entries.
  maxItems: DEFAULT_MAX_ITEMS,
  // Sources fetched at once across all hosts; I/O bound, so well above the core count.
  concurrency: 16,
  // Connections at once to one host: polite to publishers that host many of our feeds.
  perHost: 2,
  // Retries after a timeout, a network error or a 5xx; a 4xx is an answer and is not retried.
  retries: 2,
  // First backoff delay between retries; doubles each time (500 ms, 1 s, ...).
  retryBaseMs: 500,
  // Longest Retry-After (429/503) we wait inside one run; longer ones fail with the reason.
  maxRetryAfterMs: 30_000,
  // Redirect hops followed before giving up ('too-many-redirects').
  maxRedirects: 5,
  // Processing (decode, parse, make items, label) of one body, in a worker that is terminated when
  // it runs over: a real 10 MiB feed takes about 1.2 s here, so 10 s is room for a busy machine
  // and labelling, and a hostile body holds a parser for 10 s, not hours. Bodies small enough to
  // be processed inline (INLINE_MAX_BYTES in pool.ts) are bounded by their size instead.
  parseBudgetMs: 10_000,
  // Identifies us; the contact URL lets a publisher reach the maintainers.
  userAgent: 'vric/0.1 (+https://github.com/vric/vric)',
};

/** The settings for one source: defaults, then the sources.yaml `fetch:` block, then the source's own. */
export function effectiveSettings(global: Partial<FetchSettings>, source?: Pick<Source, 'fetch'>): FetchSettings {
  const merged: FetchSettings = { ...DEFAULT_FETCH_SETTINGS };
  for (const layer of [global, source?.fetch ?? {}]) {
    for (const [key, value] of Object.entries(layer)) {
      // undefined means "not set here", never "unset the default".
      if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

/** User-Agent header: the configured agent plus the contact address when one is given. */
export function userAgentHeader(settings: FetchSettings): string {
  if (!settings.contact || settings.userAgent.includes(settings.contact)) return settings.userAgent;
  return `${settings.userAgent} (contact: ${settings.contact})`;
}
