// What a collection run tells its caller (`vric fetch --json` prints it): each source's outcome,
// the sources it did not fetch and why, the totals, and the exit code the run comes to.
import type { FetchResult, FetchStatus, SourceState } from '../core/fetch-types.js';
import type { Source } from '../core/config-types.js';
import { hostOf, type FetchRun } from '../fetch/fetcher.js';
import { repairWarning } from '../fetch/backoff.js';
import { isFailing } from './failure-report.js';
import { runOutcome, type RunOutcome } from './outcome.js';

export interface SourceReport {
  id: string;
  status: FetchStatus;
  newItems: number;
  httpStatus?: number;
  error?: string;
  errorKind?: string;
  movedTo?: string;
  feedLinks?: string[];
  /** The feed was not well-formed and was read only after repair: why. */
  warning?: string;
  /** Entries over the source's maxItems, not stored (the oldest). */
  itemsDropped?: number;
}

export interface CollectReport {
  runId: string;
  sources: SourceReport[];
  /** Sources not due yet (backing off after failures, or their `every:` cadence). */
  skipped: { id: string; nextAttemptAt?: string }[];
  /** Sources another collector was fetching (it holds their lease in a shared archive). */
  held: string[];
  /**
   * `failing`: sources of this run (not those left to another collector) failing after it,
   * whether they failed now or are still backing off from an earlier failure.
   */
  totals: { sources: number; ok: number; notModified: number; errors: number; skipped: number; held: number; newItems: number; failing: number };
  /** The exit code the run comes to, and with exit 6 the likely cause (outcome.ts). */
  outcome: RunOutcome;
}

export interface CollectedRun {
  runId: string;
  /** The sources the run was given (enabled, named by --only, in its shard). */
  sources: Source[];
  /** States as the run found them. */
  before: ReadonlyMap<string, SourceState>;
  fetched: FetchRun;
  /** New items per source, as the archive counted them. */
  newItems: ReadonlyMap<string, number>;
  /** The run's own sources (not left to another collector) with their states after it. */
  ours: SourceState[];
}

export function collectReport(run: CollectedRun): CollectReport {
  const { results, skipped, held } = run.fetched;
  const reports = results.map((r) => toReport(r, run.newItems.get(r.sourceId) ?? 0));
  const failing = run.ours.filter(isFailing);
  const hosts = new Map(run.sources.map((s) => [s.id, hostOf(s)]));
  const outcome = runOutcome({
    attempted: results.length,
    failed: results.filter((r) => r.status === 'error').map((r) => ({ errorKind: r.errorKind, error: r.error, host: hosts.get(r.sourceId) ?? '' })),
    inScope: run.ours.length,
    failing: failing.length,
  });
  return {
    runId: run.runId,
    sources: reports,
    skipped: skipped.map((id) => ({ id, ...(run.before.get(id)?.nextAttemptAt ? { nextAttemptAt: run.before.get(id)!.nextAttemptAt } : {}) })),
    held,
    totals: {
      sources: reports.length,
      ok: reports.filter((r) => r.status === 'ok').length,
      notModified: reports.filter((r) => r.status === 'not-modified').length,
      errors: reports.filter((r) => r.status === 'error').length,
      skipped: skipped.length,
      held: held.length,
      newItems: reports.reduce((n, r) => n + r.newItems, 0),
      failing: failing.length,
    },
    outcome,
  };
}

function toReport(r: FetchResult, added: number): SourceReport {
  return {
    id: r.sourceId,
    status: r.status,
    newItems: added,
    ...(r.httpStatus ? { httpStatus: r.httpStatus } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(r.errorKind ? { errorKind: r.errorKind } : {}),
    ...(r.movedTo ? { movedTo: r.movedTo } : {}),
    ...(r.feedLinks?.length ? { feedLinks: r.feedLinks } : {}),
    ...(r.repaired ? { warning: repairWarning(r.repaired) } : {}),
    ...(r.itemsDropped ? { itemsDropped: r.itemsDropped } : {}),
  };
}
