// What sources.yaml may contain. Each check returns a message or nothing, so the loader can
// report every problem at once, each with its line and source id.
import { THEMES, type FetchSettings, type Ownership, type SmmType, type Theme } from '../core/types.js';
import { parseDuration, parseSize } from './units.js';

export const OWNERSHIPS: readonly Ownership[] = ['independent', 'public', 'state'];
export const SMM_TYPES: readonly SmmType[] = ['SC', 'CaPu', 'CaPr', 'ISFM', 'ISF', 'ISM', 'IP'];
/** SMM models whose editorial line the government controls: they count as state media. */
export const SMM_STATE: readonly SmmType[] = ['SC', 'CaPu', 'CaPr'];

export const TOP_LEVEL_KEYS = ['sources', 'policy', 'fetch', 'classify'] as const;
export const SOURCE_KEYS = [
  'id', 'name', 'url', 'file', 'language', 'ownership', 'owner', 'country', 'smm', 'tags', 'enabled',
  'fetch', 'every', 'homepage', 'note',
] as const;
export const POLICY_KEYS = ['stateMediaCap', 'stateAllowedThemes', 'capScope', 'capOwners'] as const;

/** The policy's default list of themes a state item may be used for (the publication names
 *  cultural, diplomatic, economic and military; energy, health and technology are their kin). */
export const DEFAULT_STATE_THEMES: Theme[] = [
  'culture', 'diplomatic', 'economic', 'military', 'energy', 'health', 'technology',
];

type FetchKey = keyof FetchSettings;
type Parser = (v: unknown) => number | string | undefined;

const positiveInt = (v: unknown) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined);
const nonEmptyString = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The `fetch:` block's keys (friendly names) and how each maps onto FetchSettings. */
export const FETCH_KEYS: Record<string, { key: FetchKey; parse: Parser; expect: string }> = {
  connectTimeout: { key: 'connectTimeoutMs', parse: parseDuration, expect: 'a duration such as 10s' },
  timeout: { key: 'timeoutMs', parse: parseDuration, expect: 'a duration such as 30s' },
  idleTimeout: { key: 'idleTimeoutMs', parse: parseDuration, expect: 'a duration such as 15s' },
  maxBytes: { key: 'maxBytes', parse: parseSize, expect: 'a size such as 10MiB' },
  concurrency: { key: 'concurrency', parse: positiveInt, expect: 'a whole number' },
  perHost: { key: 'perHost', parse: positiveInt, expect: 'a whole number' },
  retries: { key: 'retries', parse: positiveInt, expect: 'a whole number' },
  retryBase: { key: 'retryBaseMs', parse: parseDuration, expect: 'a duration such as 500ms' },
  maxRetryAfter: { key: 'maxRetryAfterMs', parse: parseDuration, expect: 'a duration such as 30s' },
  maxRedirects: { key: 'maxRedirects', parse: positiveInt, expect: 'a whole number' },
  parseBudget: { key: 'parseBudgetMs', parse: parseDuration, expect: 'a duration such as 10s' },
  userAgent: { key: 'userAgent', parse: nonEmptyString, expect: 'a string' },
  contact: { key: 'contact', parse: nonEmptyString, expect: 'an e-mail address or URL' },
};

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
