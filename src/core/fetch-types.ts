// What fetching a source produces and what the archive keeps about each source between runs.
import type { FeedItem } from './item-types.js';

export type FetchStatus = 'ok' | 'not-modified' | 'error';

/** Fixed vocabulary of fetch failures (documented in the README). */
export type FetchErrorKind =
  | 'timeout'
  | 'network'
  | 'http-4xx'
  | 'http-5xx'
  | 'gone'
  | 'too-large'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'not-a-feed'
  | 'parse-error'
  | 'parse-timeout'
  | 'file-error';

/** Conditional-GET and health state kept per source in the archive. */
export interface SourceState {
  sourceId: string;
  etag?: string;
  lastModified?: string;
  consecutiveFailures: number;
  /** ISO time before which the source is not fetched again (backoff or cadence). */
  nextAttemptAt?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorKind?: FetchErrorKind;
  /** ISO time of the first failed attempt of the current failing streak; absent while healthy. */
  failingSince?: string;
  /** ISO time the failing streak was last told to the operator (at most once a day, see failure-report.ts). */
  lastReportedAt?: string;
  /** Why the last feed read needed repair ("read only after repair: …"); absent once it reads cleanly. */
  warning?: string;
}

/** What fetching one source produced; stored in one transaction. */
export interface FetchResult {
  sourceId: string;
  status: FetchStatus;
  items: FeedItem[];
  httpStatus?: number;
  bytes: number;
  durationMs: number;
  etag?: string;
  lastModified?: string;
  error?: string;
  errorKind?: FetchErrorKind;
  /** Final URL after a permanent (301/308) redirect, so the analyst can update sources.yaml. */
  movedTo?: string;
  /** Feed addresses an HTML page advertised (when errorKind is 'not-a-feed'). */
  feedLinks?: string[];
  /** Non-fatal notes (odd dates, duplicate guids, a charset guess), one line each. */
  warnings?: string[];
  /** Set when the feed was not well-formed and was read only after repair: what was wrong. */
  repaired?: string;
  /** Entries over the source's maxItems, dropped (the oldest): how many. */
  itemsDropped?: number;
}
