// `vric fetch` as one short function of named steps:
// choose the sources → load their states → fetch what is due, claiming each source and storing it
// as it arrives (a transaction per small batch) → tell about failing sources → report.
// A failing source never costs the others.
import { randomUUID } from 'node:crypto';
import type { Archive } from '../archive/archive.js';
import type { Logger } from '../core/log.js';
import type { FetchResult, SourceState } from '../core/fetch-types.js';
import type { Config, Source } from '../core/config-types.js';
import { fetchSources, type FetchRun } from '../fetch/fetcher.js';
import { effectiveSettings } from '../fetch/settings.js';
import type { LexiconOverrides } from '../classify/classify.js';
import { contactWarnings } from '../config/contact.js';
import { ingestProcessor } from './ingest.js';
import { reportFailing } from './failure-report.js';
import { BatchedStore } from './batched-store.js';
import { claimUnderLease } from './lease.js';
import { collectReport, type CollectReport } from './collect-report.js';
import { sourcesNamed } from './only.js';
import { inShard, type Shard } from './shard.js';

export type { CollectReport, SourceReport } from './collect-report.js';

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

export async function collect(opts: CollectOptions): Promise<CollectReport> {
  const runId = `${opts.now().toISOString()}-${randomUUID().slice(0, 8)}`;
  const sources = chooseSources(opts);
  const before = await loadStates(opts.archive);
  const { fetched, newItems, after } = await fetchAndStore(sources, before, runId, opts);
  const ours = sourcesOfThisRun(sources, fetched, after);
  await reportFailing(opts.archive, ours, opts.now(), opts.logger);
  return collectReport({ runId, sources, before, fetched, newItems, ours });
}

/** The enabled sources (or those `--only` names) in this collector's shard. */
function chooseSources(opts: CollectOptions): Source[] {
  // Once per run, before any request carries the address.
  for (const w of contactWarnings(opts.config)) opts.logger.warn(w);
  const named = opts.only ? sourcesNamed(opts.config.sources, opts.only) : opts.config.sources.filter((s) => s.enabled);
  return named.filter((s) => !opts.shard || inShard(s.id, opts.shard));
}

async function loadStates(archive: Archive): Promise<Map<string, SourceState>> {
  return new Map((await archive.getAllSourceStates()).map((s) => [s.sourceId, s]));
}

/**
 * Fetches the sources that are due, each under its lease, storing each as it finishes; resolves
 * once everything fetched is stored and the leases of what was not fetched are released.
 */
async function fetchAndStore(
  sources: Source[],
  before: Map<string, SourceState>,
  runId: string,
  opts: CollectOptions,
): Promise<{ fetched: FetchRun; newItems: ReadonlyMap<string, number>; after: Map<string, SourceState> }> {
  const { config, archive, logger } = opts;
  const store = new BatchedStore(archive, runId, opts.now);
  /** Each source's state after this run: as loaded, or as stored after its fetch. */
  const after = new Map(before);
  const fetched = await fetchSources(sources, {
    claim: claimUnderLease(archive, runId, before, logger),
    settings: effectiveSettings(config.fetch),
    // Items are labelled as they are parsed, so builds need not classify them again.
    processor: ingestProcessor(config.classify as LexiconOverrides | undefined),
    states: before,
    now: opts.now,
    force: opts.force ?? false,
    logger,
    // Failing sources are told by reportFailing, once a day, rather than on every attempt.
    failureLevel: 'info',
    // Stored as each source finishes (the store holds a batch for ~50 ms): the report needs counts only.
    keepItems: false,
    onResult: (result, next) => {
      after.set(result.sourceId, next);
      store.add(result, next);
      logNotes(result, logger);
    },
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  }).finally(async () => {
    await store.flush();
    // Sources not fetched after all (not due) go back at once rather than at their expiry.
    await archive.releaseSources(runId).catch(() => undefined);
  });
  store.throwIfFailed();
  return { fetched, newItems: store.newItems, after };
}

/**
 * The run's own sources with their states after it: every source given, attempted or not, except
 * those another collector held (they are its to tell about).
 */
function sourcesOfThisRun(sources: Source[], fetched: FetchRun, after: Map<string, SourceState>): SourceState[] {
  const held = new Set(fetched.held);
  return sources.filter((s) => !held.has(s.id)).map((s) => after.get(s.id) ?? { sourceId: s.id, consecutiveFailures: 0 });
}

/** The fetch stage reports failures and moves itself; the per-feed notes (an odd date, a duplicate
 *  guid, a recovered parse) are worth seeing interactively but not worth a cron mail, so they are info. */
function logNotes(r: FetchResult, logger: Logger): void {
  for (const w of r.warnings ?? []) logger.info(`note: ${w}`, { source: r.sourceId });
}
