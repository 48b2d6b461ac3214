// Telling the operator about sources that keep failing. A failing source is told once a day, with
// how long it has been failing, until it recovers or is disabled: whether or not the run attempted
// it. Before, a source inside its backoff window was not attempted and so never mentioned, and a
// quiet cron job fell silent while nothing worked; telling it on every attempt instead would mail
// the same dead feed every half hour.
import type { Archive } from '../archive/archive.js';
import type { Logger } from '../core/log.js';
import type { SourceState } from '../core/fetch-types.js';
import { cadenceSlackMs } from '../fetch/backoff.js';

/** A failing streak is told again after this long. */
export const REPORT_EVERY_MS = 24 * 60 * 60_000;

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

export function isFailing(state: SourceState | undefined): state is SourceState {
  return (state?.consecutiveFailures ?? 0) > 0;
}

/**
 * Failed attempts in a row, from the fetch log (consecutiveFailures is a backoff weight, where a
 * 404 counts for 3): the log rows of the streak, newest first, up to the first that is not an error.
 */
export async function failedAttempts(archive: Archive, state: SourceState): Promise<number> {
  const log = await archive.fetchLog({ sourceId: state.sourceId, ...(state.failingSince ? { sinceIso: state.failingSince } : {}) });
  const first = log.findIndex((e) => e.status !== 'error');
  return first < 0 ? log.length : first;
}

/** "failing since 2026-11-28 (5 days, 12 attempts): HTTP 404 Not Found" */
export function failingLine(state: SourceState, attempts: number, now: Date): string {
  const since = state.failingSince ?? state.lastAttemptAt;
  const lastError = (state.lastError ?? 'failed').replace(`[${state.sourceId}] `, '');
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
  if (!since) return `failing (${tries}): ${lastError}`;
  return `failing since ${since.slice(0, 10)} (${durationText(now.getTime() - Date.parse(since))}, ${tries}): ${lastError}`;
}

function durationText(ms: number): string {
  if (ms >= DAY_MS) {
    const days = Math.floor(ms / DAY_MS);
    return `${days} day${days === 1 ? '' : 's'}`;
  }
  if (ms >= HOUR_MS) {
    const hours = Math.floor(ms / HOUR_MS);
    return `${hours} hour${hours === 1 ? '' : 's'}`;
  }
  return 'less than an hour';
}

/**
 * Tells the failing streaks among `states` that were not told in the last day (a warning each,
 * printed under --quiet too), and records that they were. A daily cron line starts a few seconds
 * early or late; the same slack as a source's cadence keeps it from skipping a day.
 */
export async function reportFailing(archive: Archive, states: readonly SourceState[], now: Date, logger: Logger): Promise<string[]> {
  const failing = new Map(states.filter(isFailing).map((s) => [s.sourceId, s]));
  if (failing.size === 0) return [];
  const notSince = new Date(now.getTime() - REPORT_EVERY_MS + cadenceSlackMs(REPORT_EVERY_MS));
  const told = await archive.markReported([...failing.keys()], now.toISOString(), notSince.toISOString());
  for (const id of told) {
    const state = failing.get(id)!;
    const attempts = await failedAttempts(archive, state);
    logger.warn(failingLine(state, attempts, now), {
      source: id,
      ...(state.failingSince ? { failingSince: state.failingSince } : {}),
      attempts,
      ...(state.lastErrorKind ? { kind: state.lastErrorKind } : {}),
    });
  }
  return told;
}
