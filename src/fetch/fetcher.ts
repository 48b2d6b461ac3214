// The fetch stage: sources in, one FetchResult per source out. It never touches the archive:
// the caller stores each result (and the next SourceState) through onResult, in one transaction.
// Reads as the pipeline it is: due? -> download (or read the file) -> decode -> parse -> items,
// one source's two halves in one-source.ts; this file is the run around them: which sources are
// due, the host and global slots, the parsing budget, the workers, and what is logged.
import pLimit, { type LimitFunction } from 'p-limit';
import type { Agent } from 'undici';
import type { FetchResult, SourceState } from '../core/fetch-types.js';
import type { FetchSettings, Source } from '../core/config-types.js';
import type { Logger } from '../core/log.js';
import { isDue, nextSourceState, repairWarning } from './backoff.js';
import { ByteBudget } from './budget.js';
import { messageLine } from '../core/text.js';
import { makeDispatcher } from './http.js';
import { download, processDownload } from './one-source.js';
import { processPool, type Processor } from './pool.js';
import { effectiveSettings } from './settings.js';

export interface FetchRunOptions {
  settings: FetchSettings;
  states: Map<string, SourceState>;
  now: () => Date;
  force?: boolean;
  logger?: Logger;
  onResult?: (result: FetchResult, next: SourceState) => void | Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /**
   * Asked just before a due source is fetched, inside its slots, when collectors share an archive:
   * `false` leaves the source to another collector; otherwise `state` is the source's state as the
   * archive has it now (another collector may have changed it since `states` was read), and the
   * source is fetched only if it is still due. Claiming source by source (rather than all at the
   * start) lets collectors started together share the work instead of one taking everything.
   */
  claim?: (source: Source, settings: FetchSettings) => Promise<false | { state: SourceState | undefined }>;
  /** Bytes to items, in worker threads when the run is big enough (pool.ts); by default processBody. */
  processor?: Processor;
  /**
   * The level at which a failed source is logged (default warn). A caller that tells the operator
   * about failing sources itself, at most once a day (vric fetch: src/pipeline/failure-report.ts),
   * passes info, so that a quiet run does not repeat a dead source on every attempt.
   */
  failureLevel?: 'warn' | 'info';
  /**
   * False: a result's items are let go once onResult has had them (the run's results keep
   * everything else), so a run holds the items of the sources in flight, not of every source.
   */
  keepItems?: boolean;
}

/** What a run did with its sources: results of those it fetched, and those it did not. */
export interface FetchRun {
  results: FetchResult[];
  /** Not due (backoff or cadence). */
  skipped: string[];
  /** Left to another collector (see FetchRunOptions.claim). */
  held: string[];
}

export async function fetchSources(sources: Source[], opts: FetchRunOptions): Promise<FetchRun> {
  const startedAt = opts.now();
  const enabled = sources.filter((s) => s.enabled !== false);
  const due = enabled.filter((s) => isDue(opts.states.get(s.id), startedAt, opts.force));
  const skipped = enabled.filter((s) => !due.includes(s)).map((s) => s.id);
  const held: string[] = [];

  const global = pLimit(Math.max(1, opts.settings.concurrency));
  const perHost = new Map<string, LimitFunction>();
  const pools = new Map<string, Agent>();
  const parsing = processPool(due.length, undefined, opts.processor);
  const waitingToParse = new ByteBudget(PARSING_BUDGET_BYTES);
  let done = 0;

  const hostLimit = (source: Source, settings: FetchSettings): LimitFunction => {
    const key = hostOf(source);
    let limit = perHost.get(key);
    if (!limit) perHost.set(key, (limit = pLimit(Math.max(1, settings.perHost))));
    return limit;
  };
  const poolFor = (s: FetchSettings): Agent => {
    const key = `${s.connectTimeoutMs}/${s.idleTimeoutMs}/${s.perHost}`;
    let pool = pools.get(key);
    if (!pool) pools.set(key, (pool = makeDispatcher(s)));
    return pool;
  };

  /** One more due source dealt with, fetched or not. */
  const tick = () => {
    done++;
    try {
      opts.onProgress?.(done, due.length);
    } catch {
      /* a progress display must not break the fetch */
    }
  };

  /** False when the source is not this run's to fetch after all. */
  const stillOurs = async (source: Source, settings: FetchSettings): Promise<boolean> => {
    if (!opts.claim) return true;
    const claimed = await opts.claim(source, settings);
    if (!claimed) {
      held.push(source.id);
      return false;
    }
    if (claimed.state) opts.states.set(source.id, claimed.state);
    if (!isDue(claimed.state, opts.now(), opts.force)) {
      skipped.push(source.id);
      return false;
    }
    return true;
  };

  const runOne = async (source: Source): Promise<FetchResult | undefined> => {
    const settings = effectiveSettings(opts.settings, source);
    // The host slot is taken first, the global one inside it: a source waiting for its busy host
    // never holds a global slot, so one slow host cannot starve the others. Both are given back
    // once the bytes are in, and room in the parsing budget is taken before that: when the
    // parser falls behind, downloads wait for it rather than pile up bodies in memory.
    const downloaded = await hostLimit(source, settings)(() =>
      global(async () => {
        if (!(await stillOurs(source, settings))) return undefined;
        const d = await download(source, settings, opts, poolFor(settings));
        return { d, release: 'result' in d ? () => {} : await waitingToParse.take(d.bytes.byteLength) };
      }),
    );
    if (!downloaded) {
      tick();
      return undefined;
    }
    const result = await processDownload(source, settings, opts, downloaded.d, parsing.process).finally(downloaded.release);
    const next = nextSourceState(opts.states.get(source.id), result, opts.now(), source.everyMs);
    try {
      report(result, opts.logger, opts.failureLevel ?? 'warn');
    } catch {
      /* a failing logger must not cost the run */
    }
    try {
      await opts.onResult?.(result, next);
    } catch (e) {
      // A storage failure is the caller's to handle; here it must not take other sources down.
      opts.logger?.error(`storing the result failed: ${messageLine((e as Error)?.message ?? String(e))}`, { source: source.id });
    }
    tick();
    return opts.keepItems === false ? { ...result, items: [] } : result;
  };

  try {
    const results = (await Promise.all(due.map(runOne))).filter((r): r is FetchResult => r !== undefined);
    return { results, skipped, held };
  } finally {
    await Promise.all([...pools.values()].map((p) => p.destroy().catch(() => undefined)));
    await parsing.close();
  }
}

/** Bytes of downloaded bodies that may wait for the parser at once (see budget.ts). */
const PARSING_BUDGET_BYTES = 32 * 1024 * 1024;

/** The host a source is fetched from ('file:' for a file source): per-host limits, and what failures share. */
export function hostOf(source: Pick<Source, 'url'>): string {
  if (!source.url) return 'file:';
  try {
    return new URL(source.url).host.toLowerCase();
  } catch {
    return source.url;
  }
}

function report(r: FetchResult, logger: Logger | undefined, failureLevel: 'warn' | 'info'): void {
  if (!logger) return;
  // The logger prints the source id itself; the stored message carries it for other readers.
  if (r.status === 'error') logger[failureLevel]((r.error ?? 'failed').replace(`[${r.sourceId}] `, ''), { source: r.sourceId, errorKind: r.errorKind });
  else logger.info(`${r.status}: ${r.items.length} items`, { source: r.sourceId });
  if (r.itemsDropped) {
    const all = r.items.length + r.itemsDropped;
    logger.warn(`the feed has ${all} items, more than its maxItems: kept the newest ${r.items.length}, dropped ${r.itemsDropped}`, { source: r.sourceId, itemsDropped: r.itemsDropped });
  }
  // Read, but only after repair: the items may be incomplete, and the publisher can fix it.
  if (r.repaired) logger.warn(repairWarning(r.repaired), { source: r.sourceId });
  if (r.movedTo) logger.warn(`moved permanently to ${r.movedTo}; update sources.yaml`, { source: r.sourceId });
}
