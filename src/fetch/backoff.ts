// Per-source health: failing sources back off exponentially but are never dropped; a success
// resets them. Pure functions of (previous state, result, now) so the archive just stores the value.
import type { FetchErrorKind, FetchResult, SourceState } from '../core/fetch-types.js';

/** First delay after a failure. */
export const BACKOFF_BASE_MS = 60 * 60_000;
/** Longest delay: a broken source is still tried once a day. */
export const BACKOFF_MAX_MS = 24 * 60 * 60_000;

/**
 * How many "failures" one failure counts for. An address that is gone or is not a feed will not
 * heal by itself within the hour, unlike a timeout or a 5xx, so it backs off faster.
 */
function weight(result: FetchResult): number {
  const kind: FetchErrorKind | undefined = result.errorKind;
  if (kind === 'gone' || kind === 'not-a-feed') return 3;
  if (kind === 'http-4xx' && (result.httpStatus === 404 || result.httpStatus === 410)) return 3;
  if (kind === 'http-4xx' || kind === 'parse-error' || kind === 'parse-timeout' || kind === 'redirect-loop' || kind === 'too-many-redirects' || kind === 'file-error') return 2;
  return 1;
}

/**
 * A source is stored a few seconds after its run started, so a cron line with the same interval
 * would find it not quite due and skip it for a whole cycle. The next attempt is therefore set a
 * little early: a tenth of the interval, at most ten minutes.
 */
export function cadenceSlackMs(everyMs: number): number {
  return Math.min(everyMs * 0.1, 10 * 60_000);
}

export function backoffDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
}

/** What the operator is told (fetcher.ts logs it) and the state keeps about a feed read only after repair. */
export function repairWarning(repaired: string): string {
  return `read only after repair: ${repaired}`;
}

export function nextSourceState(prev: SourceState | undefined, result: FetchResult, now: Date, everyMs?: number): SourceState {
  const at = now.toISOString();
  const base: SourceState = { sourceId: result.sourceId, consecutiveFailures: 0, ...prev, lastAttemptAt: at };
  if (result.status === 'ok' || result.status === 'not-modified') {
    const next: SourceState = {
      ...base,
      consecutiveFailures: 0,
      lastSuccessAt: at,
    };
    // Validators: a new one replaces the old; a 304 without validators keeps the ones we sent.
    if (result.etag) next.etag = result.etag;
    else if (result.status === 'ok') delete next.etag;
    if (result.lastModified) next.lastModified = result.lastModified;
    else if (result.status === 'ok') delete next.lastModified;
    delete next.lastError;
    delete next.lastErrorKind;
    // A success ends the failing streak, and with it the daily reminder.
    delete next.failingSince;
    delete next.lastReportedAt;
    // A 304 is the same bytes as last time, so whatever they needed (repair or not) still holds.
    if (result.status === 'ok') {
      if (result.repaired) next.warning = repairWarning(result.repaired);
      else delete next.warning;
    }
    if (everyMs && everyMs > 0) next.nextAttemptAt = new Date(now.getTime() + everyMs - cadenceSlackMs(everyMs)).toISOString();
    else delete next.nextAttemptAt;
    return next;
  }
  const failures = (prev?.consecutiveFailures ?? 0) + weight(result);
  const delay = Math.max(backoffDelayMs(failures), everyMs ?? 0);
  return {
    ...base,
    consecutiveFailures: failures,
    // The streak's start. A state stored before failingSince existed (schema step 6) that was
    // already failing has no start on record: its last attempt is the earliest time known.
    failingSince: prev?.failingSince ?? (prev?.consecutiveFailures ? prev.lastAttemptAt : undefined) ?? at,
    nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
    ...(result.error ? { lastError: result.error } : {}),
    ...(result.errorKind ? { lastErrorKind: result.errorKind } : {}),
  };
}

/** Whether the source should be fetched now; --force fetches everything. */
export function isDue(state: SourceState | undefined, now: Date, force = false): boolean {
  if (force || !state?.nextAttemptAt) return true;
  const t = Date.parse(state.nextAttemptAt);
  return Number.isNaN(t) || t <= now.getTime();
}
