// The shape of sources.yaml once loaded: the values the config stage hands every other stage.
import type { Ownership, SmmType, Theme } from './vocabulary.js';

/** Limits and manners of fetching; defaults live in src/fetch/settings.ts. */
export interface FetchSettings {
  /** TCP/TLS connect timeout. */
  connectTimeoutMs: number;
  /** Whole request, from connect to last body byte. */
  timeoutMs: number;
  /** Longest silence (no bytes) while waiting for headers or body. */
  idleTimeoutMs: number;
  /** Largest body accepted, after decompression. */
  maxBytes: number;
  /** Items kept from one feed per fetch: the newest, by date, then feed order (the rest are dropped and counted). */
  maxItems: number;
  /** Sources fetched at once, across all hosts. */
  concurrency: number;
  /** Connections at once to one host. */
  perHost: number;
  /** Retries after a timeout, a network error or a 5xx (not after a 4xx). */
  retries: number;
  /** First backoff delay between retries; doubles each time. */
  retryBaseMs: number;
  /** Longest Retry-After we are willing to wait inside one run. */
  maxRetryAfterMs: number;
  maxRedirects: number;
  /** Longest time one body's processing (decode, parse, normalise, label) may take in a worker. */
  parseBudgetMs: number;
  userAgent: string;
  /** Contact address appended to the User-Agent, so a publisher can reach us. */
  contact?: string;
}

export interface Source {
  id: string;
  name: string;
  /** Exactly one of url and file is set. file is absolute (resolved against sources.yaml). */
  url?: string;
  file?: string;
  language: string;
  ownership: Ownership;
  /** ISO 3166 alpha-2 of the controlling state; set when ownership is 'state'. */
  owner?: string;
  country?: string;
  smm?: SmmType;
  tags: string[];
  enabled: boolean;
  /** Per-source overrides of the fetch settings. */
  fetch: Partial<FetchSettings>;
  /** Minimum interval between fetches in ms (from `every: 6h`); undefined = every run. */
  everyMs?: number;
  /** Line of the entry in sources.yaml, for error messages. */
  line?: number;
}

export interface Policy {
  /** Largest share of state-media items in the digest, 0..1. */
  stateMediaCap: number;
  /** Themes for which a state item may be used at all. */
  stateAllowedThemes: Theme[];
  capScope: 'overall' | 'section';
  /** When set, only state sources owned by these states count toward the cap. */
  capOwners?: string[];
  /** True when sources.yaml has no policy block and these are the defaults. */
  defaulted?: boolean;
}

export interface Config {
  /** Absolute path of sources.yaml. */
  path: string;
  sources: Source[];
  policy: Policy;
  /** Settings given in sources.yaml; the fetch stage fills the rest from its defaults. */
  fetch: Partial<FetchSettings>;
  /** The line of `fetch: contact:` in sources.yaml, so a warning about it can point there. */
  contactLine?: number;
  /** Extra lexicon entries for the classifier (the `classify:` block), passed through as written. */
  classify?: Record<string, unknown>;
}
