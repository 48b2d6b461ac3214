// The vocabulary and limits of sources.yaml: the words a key may hold, each fetch setting's unit
// and bounds, and the tests of a slug, a language, a country code and a feed address. The schema
// (sources-schema.ts) is built from these; other stages reuse the tests (an archived item's link).
import type { FetchSettings } from '../core/config-types.js';
import { THEMES, type Ownership, type SmmType, type Theme } from '../core/vocabulary.js';
import { MAX_ITEMS_CEILING } from '../core/item-limits.js';
import { parseDuration, parseSize } from './units.js';

export const OWNERSHIPS: readonly Ownership[] = ['independent', 'public', 'state'];
export const SMM_TYPES: readonly SmmType[] = ['SC', 'CaPu', 'CaPr', 'ISFM', 'ISF', 'ISM', 'IP'];
/** SMM models whose editorial line the government controls: they count as state media. */
export const SMM_STATE: readonly SmmType[] = ['SC', 'CaPu', 'CaPr'];

/** The policy's default list of themes a state item may be used for (the publication names
 *  cultural, diplomatic, economic and military; energy, health and technology are their kin). */
export const DEFAULT_STATE_THEMES: Theme[] = [
  'culture', 'diplomatic', 'economic', 'military', 'energy', 'health', 'technology',
];

type FetchKey = keyof FetchSettings;
type Parser = (v: unknown) => number | string | undefined;

const positiveInt = (v: unknown) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined);
const itemCount = (v: unknown) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_ITEMS_CEILING ? (v as number) : undefined);
const nonEmptyString = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * The bounds of a numeric setting, in its unit (ms, bytes or a count), with how the message writes
 * them. Every bound is far inside what the fetcher can do: Node's timers overflow past 2^31-1 ms
 * (24.8 days) and then fire at once, which failed every source of a run.
 */
export interface Bounds {
  min: number;
  max: number;
  text: string;
}

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
const durations = (min: number, max: number, text: string): Bounds => ({ min, max, text });
const counts = (min: number, max: number): Bounds => ({ min, max, text: `from ${min} to ${max}` });
/** A timeout: long enough to be one, short enough that one source cannot hold a run (and its lock) for hours. */
const TIMEOUT = durations(100, HOUR, 'from 100ms to 1h');

/** The `fetch:` block's keys (friendly names), how each maps onto FetchSettings, and its bounds. */
export const FETCH_KEYS: Record<string, { key: FetchKey; parse: Parser; expect: string; bounds?: Bounds }> = {
  connectTimeout: { key: 'connectTimeoutMs', parse: parseDuration, expect: 'a duration such as 10s', bounds: TIMEOUT },
  timeout: { key: 'timeoutMs', parse: parseDuration, expect: 'a duration such as 30s', bounds: TIMEOUT },
  idleTimeout: { key: 'idleTimeoutMs', parse: parseDuration, expect: 'a duration such as 15s', bounds: TIMEOUT },
  maxBytes: { key: 'maxBytes', parse: parseSize, expect: 'a size such as 10MiB', bounds: { min: 1024, max: 1024 ** 3, text: 'from 1KiB to 1GiB' } },
  maxItems: { key: 'maxItems', parse: itemCount, expect: `a whole number from 1 to ${MAX_ITEMS_CEILING}` },
  concurrency: { key: 'concurrency', parse: positiveInt, expect: 'a whole number', bounds: counts(1, 256) },
  perHost: { key: 'perHost', parse: positiveInt, expect: 'a whole number', bounds: counts(1, 64) },
  retries: { key: 'retries', parse: positiveInt, expect: 'a whole number', bounds: counts(0, 10) },
  retryBase: { key: 'retryBaseMs', parse: parseDuration, expect: 'a duration such as 500ms', bounds: durations(10, 60 * SECOND, 'from 10ms to 1m') },
  // 0 is meaningful here: never wait for a server's Retry-After within the run.
  maxRetryAfter: { key: 'maxRetryAfterMs', parse: parseDuration, expect: 'a duration such as 30s', bounds: durations(0, HOUR, 'from 0s to 1h') },
  maxRedirects: { key: 'maxRedirects', parse: positiveInt, expect: 'a whole number', bounds: counts(0, 20) },
  // How long processing one body may take (decode, parse, normalise, label) before it is parse-timeout.
  parseBudget: { key: 'parseBudgetMs', parse: parseDuration, expect: 'a duration such as 10s', bounds: durations(100, 10 * 60 * SECOND, 'from 100ms to 10m') },
  userAgent: { key: 'userAgent', parse: nonEmptyString, expect: 'a string' },
  contact: { key: 'contact', parse: nonEmptyString, expect: 'an e-mail address or URL' },
};

/** A source's `every:`: at least a minute (cron's own step), at most a year. */
export const EVERY_BOUNDS: Bounds = durations(60 * SECOND, 366 * DAY, 'from 1m to 366d');

/** Whether a parsed value is inside its bounds. */
export const withinBounds = (value: number, b: Bounds) => value >= b.min && value <= b.max;

export const isSlug = (s: string) => /^[a-z0-9][a-z0-9._-]*$/.test(s);
export const isLanguage = (s: string) => /^[a-z]{2}$/.test(s);
export const isCountryCode = (s: string) => /^[A-Z]{2}$/.test(s);
export const isTheme = (s: string): s is Theme => (THEMES as readonly string[]).includes(s);

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
