// The fetch stage: sources in, one FetchResult per source out. It never touches the archive:
// the caller stores each result (and the next SourceState) through onResult, in one transaction.
// Reads as the pipeline it is: due? -> download (or read the file) -> decode -> parse -> normalise.
import { pathToFileURL } from 'node:url';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Agent } from 'undici';
import type { FetchErrorKind, FetchResult, FetchSettings, Source, SourceState } from '../core/types.js';
import type { Logger } from '../core/log.js';
import { EXIT, usageError, VricError } from '../core/errors.js';
import { isHttpUrl } from '../config/schema.js';
import { isDue, nextSourceState, repairWarning } from './backoff.js';
import { ByteBudget } from './budget.js';
import { readFileSource } from './file-source.js';
import { messageLine } from '../core/text.js';
import { httpGet, makeDispatcher } from './http.js';
import { processPool, type ProcessFn, type Processor } from './pool.js';
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

/**
 * A source after its download: either its final result (an error, a 304) or bytes still to be
 * processed. Downloading and processing are separate steps so that a source gives its host and
 * global slots back as soon as its bytes are in: the next request to that host goes out while
 * these bytes wait for the parser, and a busy parser never idles the network.
 */
type Downloaded =
  | { result: FetchResult }
  | {
      bytes: Uint8Array;
      contentType: string | undefined;
      url: string;
      /** What the result carries either way (size, status, a permanent move). */
      extra: Partial<FetchResult>;
      /** The response's validators, kept only when the bytes turn out to be a feed. */
      validators: Pick<FetchResult, 'etag' | 'lastModified'>;
      started: number;
    };

/** Builds the error result of a source; the reason becomes one line naming the source. */
function failure(source: Source, started: number, errorKind: FetchErrorKind, reason: string, extra: Partial<FetchResult> = {}): FetchResult {
  return {
    sourceId: source.id,
    status: 'error',
    items: [],
    bytes: 0,
    durationMs: Math.round(performance.now() - started),
    ...extra,
    errorKind,
    error: `[${source.id}] ${messageLine(reason)}`,
  };
}

/** The network (or file) half of a source. Never throws. */
async function download(source: Source, settings: FetchSettings, opts: Pick<FetchRunOptions, 'states' | 'now'>, dispatcher?: Agent): Promise<Downloaded> {
  const started = performance.now();
  const fail = (errorKind: FetchErrorKind, reason: string, extra: Partial<FetchResult> = {}): Downloaded => ({
    result: failure(source, started, errorKind, reason, extra),
  });
  try {
    if (source.file) {
      const read = await readFileSource(source.file, settings.maxBytes, settings.timeoutMs);
      if (!read.ok) return fail(read.errorKind, read.reason);
      return { bytes: read.bytes, contentType: undefined, url: pathToFileURL(source.file).href, extra: { bytes: read.bytes.length }, validators: {}, started };
    }
    if (!source.url) return fail('file-error', 'the source has neither url nor file');

    const state = opts.states.get(source.id);
    const res = await httpGet(source.url, {
      settings,
      ...(state?.etag ? { etag: state.etag } : {}),
      ...(state?.lastModified ? { lastModified: state.lastModified } : {}),
      ...(dispatcher ? { dispatcher } : {}),
      now: opts.now,
    });
    const common = { bytes: res.bytes, ...(res.movedTo ? { movedTo: res.movedTo } : {}) };
    if (res.kind === 'error') return fail(res.errorKind, res.message, { ...common, ...(res.status !== undefined ? { httpStatus: res.status } : {}) });
    if (res.kind === 'not-modified') {
      // A 304 costs no parsing; the validators we sent stay valid unless the server sent new ones.
      return {
        result: {
          sourceId: source.id,
          status: 'not-modified',
          items: [],
          httpStatus: 304,
          durationMs: Math.round(performance.now() - started),
          ...common,
          ...(res.etag ?? state?.etag ? { etag: res.etag ?? state?.etag } : {}),
          ...(res.lastModified ?? state?.lastModified ? { lastModified: res.lastModified ?? state?.lastModified } : {}),
        },
      };
    }
    return {
      bytes: res.body,
      contentType: res.contentType,
      url: res.finalUrl,
      extra: { ...common, httpStatus: res.status },
      validators: {
        ...(res.etag ? { etag: res.etag } : {}),
        ...(res.lastModified ? { lastModified: res.lastModified } : {}),
      },
      started,
    };
  } catch (e) {
    // Defensive: a bug in a stage must cost this source only, and say what happened.
    return fail('network', `internal error while downloading the feed: ${(e as Error)?.message ?? String(e)}`);
  }
}

/** The CPU half: decode, parse and normalise downloaded bytes. Never throws. */
async function processDownload(source: Source, settings: FetchSettings, opts: Pick<FetchRunOptions, 'now'>, d: Downloaded, process: ProcessFn): Promise<FetchResult> {
  if ('result' in d) return d.result;
  try {
    const r = await process(source, d.bytes, d.contentType, d.url, settings, opts.now());
    if ('reason' in r) return failure(source, d.started, r.errorKind, r.reason, { ...d.extra, ...(r.feedLinks ? { feedLinks: r.feedLinks } : {}) });
    return { ...r, ...d.extra, durationMs: Math.round(performance.now() - d.started), ...d.validators };
  } catch (e) {
    return failure(source, d.started, 'parse-error', `internal error while reading the feed: ${(e as Error)?.message ?? String(e)}`, d.extra);
  }
}

/**
 * Feed addresses for a page (for `vric sources discover URL`): the URL itself when it is a feed,
 * else the feeds an HTML page advertises. Throws an Error with a one-line reason when the page
 * cannot be fetched.
 */
export async function discoverFeeds(url: string, settings: Partial<FetchSettings> = {}): Promise<string[]> {
  // What was typed is not an address we could fetch: a usage error (2), not a failed fetch.
  if (!isHttpUrl(url)) {
    const hint = /^[a-z][a-z0-9+.-]*:/i.test(url) ? 'only http and https pages can be read' : `did you mean https://${url}?`;
    throw usageError(`"${url}" is not an http or https address (${hint})`);
  }
  const s = effectiveSettings(settings);
  const res = await httpGet(url, { settings: s });
  // The page could not be had (a 404, a refused connection): the command did not do its job (3).
  if (res.kind === 'error') throw new VricError(`cannot read ${url}: ${res.message}`, EXIT.partial);
  if (res.kind === 'not-modified') return [res.finalUrl];
  const [{ decodeBytes }, { parseFeed }] = await Promise.all([import('./charset.js'), import('./parse.js')]);
  const decoded = decodeBytes(res.body, res.contentType);
  const parsed = await parseFeed(decoded.text, res.finalUrl);
  if (parsed.ok) return [res.finalUrl];
  return parsed.feedLinks ?? [];
}
