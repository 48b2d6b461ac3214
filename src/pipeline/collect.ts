// `vric fetch` as one short function: load state → fetch what is due → store each source as it
// arrives (one transaction per source) → report. A failing source never costs the others.
import { randomUUID } from 'node:crypto';
import type { Archive } from '../archive/archive.js';
import type { Logger } from '../core/log.js';
import type { FetchResult, FetchStatus, SourceState } from '../core/fetch-types.js';
import type { Config, FetchSettings } from '../core/types.js';
import { fetchSources, hostOf } from '../fetch/fetcher.js';
import { repairWarning } from '../fetch/backoff.js';
import { effectiveSettings } from '../fetch/settings.js';
import type { LexiconOverrides } from '../classify/classify.js';
import { ingestProcessor } from './ingest.js';
import { isFailing, reportFailing } from './failure-report.js';
import { runOutcome, type RunOutcome } from './outcome.js';
import { contactWarnings } from '../config/contact.js';
import { sourcesNamed } from './only.js';
import { inShard, type Shard } from './shard.js';

export interface CollectOptions {
  config: Config;
  archive: Archive;
  now: () => Date;
  logger: Logger;
  /** Fetch every enabled source now, ignoring backoff and cadence. */
  force?: boolean;
  /** Only these source ids (default: every enabled source). */
  only?: string[];
  onProgress?: (done: number, total: number) => void;
  /** This collector's share of the sources, when several divide them (`--shard K/N`). */
  shard?: Shard;
}

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

/**
 * How long a collector's claim on a source lasts. A run ends its leases itself (storing a source
 * ends its lease; the rest are released at the end); the expiry is for a collector that died, so
 * that the next run takes its sources over soon. A claim is taken just before the download, which
 * its settings bound (all attempts within timeoutMs, plus at most one Retry-After wait); twice that,
 * plus time to parse and store, is ample for a live collector.
 */
export function leaseMs(settings: Pick<FetchSettings, 'timeoutMs' | 'maxRetryAfterMs'>): number {
  return 2 * (settings.timeoutMs + settings.maxRetryAfterMs) + LEASE_MARGIN_MS;
}
const LEASE_MARGIN_MS = 5_000;

export async function collect(opts: CollectOptions): Promise<CollectReport> {
  const { config, archive, logger } = opts;
  const runId = `${opts.now().toISOString()}-${randomUUID().slice(0, 8)}`;
  // Once per run, before any request carries the address.
  for (const w of contactWarnings(config)) logger.warn(w);
  const named = opts.only ? sourcesNamed(config.sources, opts.only) : config.sources.filter((s) => s.enabled);
  const sources = named.filter((s) => !opts.shard || inShard(s.id, opts.shard));
  const states = new Map((await archive.getAllSourceStates()).map((s) => [s.sourceId, s]));
  const store = new BatchedStore(archive, runId, opts.now);
  /** Each source's state after this run: as loaded, or as stored after its fetch. */
  const after = new Map(states);
  const { results, skipped, held } = await fetchSources(sources, {
    claim: async (source, settings) => {
      const [granted] = await archive.claimSources([source.id], runId, leaseMs(settings));
      if (!granted) {
        logger.info('note: another collector is fetching this source; left to it', { source: source.id });
        return false;
      }
      // Read again under the lease. This run has not fetched the source yet, so a state that
      // changed since the run began was written by another collector in the meantime: it has
      // just fetched the source, and fetching it again would only cost the publisher a request.
      const state = await archive.getSourceState(source.id);
      if (JSON.stringify(state) !== JSON.stringify(states.get(source.id))) {
        logger.info('note: another collector fetched this source during this run', { source: source.id });
        return false;
      }
      return { state };
    },
    settings: effectiveSettings(config.fetch),
    // Items are labelled as they are parsed, so builds need not classify them again.
    processor: ingestProcessor(config.classify as LexiconOverrides | undefined),
    states,
    now: opts.now,
    force: opts.force ?? false,
    logger,
    // Failing sources are told by reportFailing below, once a day, rather than on every attempt.
    failureLevel: 'info',
    // Stored as each source finishes (the store holds a batch for ~50 ms): the report needs counts only.
    keepItems: false,
    onResult: (result, next) => {
      after.set(result.sourceId, next);
      store.add(result, next);
      reportOne(result, logger);
    },
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  }).finally(async () => {
    await store.flush();
    // Sources not fetched after all (not due) go back at once rather than at their expiry.
    await archive.releaseSources(runId).catch(() => undefined);
  });
  store.throwIfFailed();
  const newItems = store.newItems;

  const reports = results.map((r) => toReport(r, newItems.get(r.sourceId) ?? 0));
  // Another collector's sources are its to tell about; the rest are this run's, attempted or not.
  const heldIds = new Set(held);
  const ours = sources.filter((s) => !heldIds.has(s.id)).map((s) => after.get(s.id) ?? { sourceId: s.id, consecutiveFailures: 0 });
  const failing = ours.filter(isFailing);
  await reportFailing(archive, ours, opts.now(), logger);
  const hosts = new Map(sources.map((s) => [s.id, hostOf(s)]));
  const outcome = runOutcome({
    attempted: results.length,
    failed: results.filter((r) => r.status === 'error').map((r) => ({ errorKind: r.errorKind, error: r.error, host: hosts.get(r.sourceId) ?? '' })),
    inScope: ours.length,
    failing: failing.length,
  });
  return {
    runId,
    sources: reports,
    skipped: skipped.map((id) => ({ id, ...(states.get(id)?.nextAttemptAt ? { nextAttemptAt: states.get(id)!.nextAttemptAt } : {}) })),
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

/** How long finished sources wait to share a transaction: commits are the archive's main cost. */
const STORE_BATCH_MS = 50;

/**
 * Stores finished sources in small batches, one transaction each. Every source is still stored
 * whole or not at all; a crash loses at most the last few tens of milliseconds of results, which
 * the next run fetches again, as it would the sources still in flight. Batches are written one
 * after another, in order, even when the archive answers asynchronously (a database server).
 */
class BatchedStore {
  readonly newItems = new Map<string, number>();
  private queue: { result: FetchResult; state: SourceState }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly archive: Archive,
    private readonly runId: string,
    private readonly now: () => Date,
  ) {}

  add(result: FetchResult, state: SourceState): void {
    this.queue.push({ result, state });
    this.timer ??= setTimeout(() => void this.flush(), STORE_BATCH_MS);
  }

  /** Writes what is queued; resolves when everything queued so far is written (or failed). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length) {
      this.writing = this.writing.then(async () => {
        if (this.failure) return;
        try {
          const counts = await this.archive.storeFetchResults(batch, this.runId, this.now());
          batch.forEach((b, i) => this.newItems.set(b.result.sourceId, counts[i]!));
        } catch (e) {
          // Nothing more is written once the archive fails; the run ends with the error (exit 1).
          this.failure = e;
        }
      });
    }
    return this.writing;
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

/** The fetch stage reports failures and moves itself; the per-feed notes (an odd date, a duplicate
 *  guid, a recovered parse) are worth seeing interactively but not worth a cron mail, so they are info. */
function reportOne(r: FetchResult, logger: Logger): void {
  for (const w of r.warnings ?? []) logger.info(`note: ${w}`, { source: r.sourceId });
}
