import { describe, expect, it } from 'vitest';
import type { FetchResult } from '../../src/core/fetch-types.js';
import { BACKOFF_MAX_MS, isDue, nextSourceState } from '../../src/fetch/backoff.js';

const NOW = new Date('2025-03-10T12:00:00Z');
const HOUR = 3_600_000;
const ok: FetchResult = { sourceId: 's', status: 'ok', items: [], bytes: 10, durationMs: 5, etag: '"e1"', lastModified: 'Mon, 03 Mar 2025 10:00:00 GMT' };
const timeout: FetchResult = { sourceId: 's', status: 'error', items: [], bytes: 0, durationMs: 5, errorKind: 'timeout', error: '[s] timeout: no response within 10 s' };
const gone: FetchResult = { ...timeout, errorKind: 'http-4xx', httpStatus: 404, error: '[s] HTTP 404 Not Found' };
const after = (iso: string | undefined) => Date.parse(iso!) - NOW.getTime();

describe('nextSourceState', () => {
  it('backs off exponentially after consecutive timeouts, capped at a day', () => {
    let s = nextSourceState(undefined, timeout, NOW);
    expect(s).toMatchObject({ consecutiveFailures: 1, lastErrorKind: 'timeout', lastError: timeout.error });
    expect(after(s.nextAttemptAt)).toBe(HOUR);
    s = nextSourceState(s, timeout, NOW);
    expect(after(s.nextAttemptAt)).toBe(2 * HOUR);
    for (let i = 0; i < 10; i++) s = nextSourceState(s, timeout, NOW);
    expect(after(s.nextAttemptAt)).toBe(BACKOFF_MAX_MS);
  });

  it('keeps when a failing streak began until a success ends it, and the daily report with it', () => {
    const later = new Date(NOW.getTime() + 5 * HOUR);
    const first = nextSourceState(undefined, timeout, NOW);
    expect(first.failingSince).toBe(NOW.toISOString());
    const second = nextSourceState({ ...first, lastReportedAt: NOW.toISOString() }, gone, later);
    expect(second).toMatchObject({ failingSince: NOW.toISOString(), lastReportedAt: NOW.toISOString(), lastAttemptAt: later.toISOString() });
    const healed = nextSourceState(second, ok, later);
    expect(healed).not.toHaveProperty('failingSince');
    expect(healed).not.toHaveProperty('lastReportedAt');
    // A state stored before the streak's start was kept, already failing: its last attempt is the earliest known.
    expect(nextSourceState({ sourceId: 's', consecutiveFailures: 2, lastAttemptAt: '2025-03-09T00:00:00.000Z' }, timeout, NOW).failingSince).toBe('2025-03-09T00:00:00.000Z');
  });

  it('keeps the warning of a feed read only after repair until it reads cleanly (a 304 is the same bytes)', () => {
    const repaired = nextSourceState(undefined, { ...ok, repaired: 'malformed XML (x)' }, NOW);
    expect(repaired.warning).toBe('read only after repair: malformed XML (x)');
    const same = nextSourceState(repaired, { ...ok, status: 'not-modified', httpStatus: 304 }, NOW);
    expect(same.warning).toBe(repaired.warning);
    expect(nextSourceState(same, timeout, NOW).warning).toBe(repaired.warning);
    expect(nextSourceState(same, ok, NOW)).not.toHaveProperty('warning');
  });

  it('weighs a 404, gone or not-a-feed more than a timeout', () => {
    const a = nextSourceState(undefined, gone, NOW);
    const b = nextSourceState(undefined, timeout, NOW);
    expect(after(a.nextAttemptAt)).toBeGreaterThan(after(b.nextAttemptAt));
    expect(after(nextSourceState(undefined, { ...timeout, errorKind: 'not-a-feed' }, NOW).nextAttemptAt)).toBeGreaterThan(after(b.nextAttemptAt));
  });

  it('resets on success, stores validators and keeps them through a 304', () => {
    const failing = nextSourceState(nextSourceState(undefined, timeout, NOW), timeout, NOW);
    const s = nextSourceState(failing, ok, NOW);
    expect(s).toMatchObject({ consecutiveFailures: 0, etag: '"e1"', lastModified: ok.lastModified, lastSuccessAt: NOW.toISOString() });
    expect(s.nextAttemptAt).toBeUndefined();
    expect(s.lastError).toBeUndefined();
    const s304 = nextSourceState(s, { sourceId: 's', status: 'not-modified', items: [], bytes: 0, durationMs: 1 }, NOW);
    expect(s304.etag).toBe('"e1"');
  });

  it('sets the next attempt from the cadence after a success, a little early', () => {
    // Six hours less ten minutes of slack: a cron line every six hours must find it due.
    expect(after(nextSourceState(undefined, ok, NOW, 6 * HOUR).nextAttemptAt)).toBe(6 * HOUR - 10 * 60_000);
    expect(after(nextSourceState(undefined, ok, NOW, 20 * 60_000).nextAttemptAt)).toBe(18 * 60_000);
  });

  it('finds a source due at the next cron run although it was stored seconds after the last one began', () => {
    const storedAt = new Date(NOW.getTime() + 40_000); // the run began at NOW; this source finished 40 s in
    const s = nextSourceState(undefined, ok, storedAt, 6 * HOUR);
    expect(isDue(s, new Date(NOW.getTime() + 6 * HOUR))).toBe(true);
    expect(isDue(s, new Date(NOW.getTime() + 5 * HOUR))).toBe(false);
  });
});

describe('isDue', () => {
  it('is due without state, after nextAttemptAt, or when forced', () => {
    expect(isDue(undefined, NOW)).toBe(true);
    const s = nextSourceState(undefined, timeout, NOW);
    expect(isDue(s, NOW)).toBe(false);
    expect(isDue(s, new Date(NOW.getTime() + HOUR))).toBe(true);
    expect(isDue(s, NOW, true)).toBe(true);
  });
});
