// `vric fetch` as one short function: load state → fetch what is due → store each source as it
// arrives (one transaction per source) → report. A failing source never costs the others.
import { randomUUID } from 'node:crypto';
import type { Archive } from '../archive/archive.js';
import type { Logger } from '../core/log.js';
import type { Config, FetchResult, FetchStatus } from '../core/types.js';
import { fetchSources } from '../fetch/fetcher.js';
import { effectiveSettings } from '../fetch/settings.js';

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
}

export interface CollectReport {
  runId: string;
  sources: SourceReport[];
  /** Sources not due yet (backing off after failures, or their `every:` cadence). */
  skipped: { id: string; nextAttemptAt?: string }[];
  totals: { sources: number; ok: number; notModified: number; errors: number; skipped: number; newItems: number };
}

export async function collect(opts: CollectOptions): Promise<CollectReport> {
  const { config, archive, logger } = opts;
  const runId = `${opts.now().toISOString()}-${randomUUID().slice(0, 8)}`;
  const sources = config.sources.filter((s) => s.enabled && (!opts.only || opts.only.includes(s.id)));
  const states = new Map(archive.getAllSourceStates().map((s) => [s.sourceId, s]));
  const newItems = new Map<string, number>();

  const storeOne = (result: FetchResult, next: Parameters<Archive['storeFetchResult']>[1]) => {
    newItems.set(result.sourceId, archive.storeFetchResult(result, next, runId, opts.now()));
    reportOne(result, logger);
  };
  const { results, skipped } = await fetchSources(sources, {
    settings: effectiveSettings(config.fetch),
    states,
    now: opts.now,
    force: opts.force ?? false,
    logger,
    onResult: storeOne,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });

  const reports = results.map((r) => toReport(r, newItems.get(r.sourceId) ?? 0));
  return {
    runId,
    sources: reports,
    skipped: skipped.map((id) => ({ id, ...(states.get(id)?.nextAttemptAt ? { nextAttemptAt: states.get(id)!.nextAttemptAt } : {}) })),
    totals: {
      sources: reports.length,
      ok: reports.filter((r) => r.status === 'ok').length,
      notModified: reports.filter((r) => r.status === 'not-modified').length,
      errors: reports.filter((r) => r.status === 'error').length,
      skipped: skipped.length,
      newItems: reports.reduce((n, r) => n + r.newItems, 0),
    },
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
  };
}

/** The fetch stage reports failures and moves itself; the per-feed notes (an odd date, a duplicate
 *  guid, a recovered parse) are worth seeing interactively but not worth a cron mail, so they are info. */
function reportOne(r: FetchResult, logger: Logger): void {
  for (const w of r.warnings ?? []) logger.info(`note: ${w}`, { source: r.sourceId });
}
