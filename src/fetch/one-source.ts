// One source's fetch, in its two halves: download (the network or the file, inside the source's
// slots) and processDownload (the CPU: decode, parse, make items, outside them). fetcher.ts runs
// them for every due source; neither half ever throws, each ends in a FetchResult or bytes.
import { pathToFileURL } from 'node:url';
import type { Agent } from 'undici';
import type { FetchErrorKind, FetchResult, SourceState } from '../core/fetch-types.js';
import type { FetchSettings, Source } from '../core/config-types.js';
import { messageLine } from '../core/text.js';
import { readFileSource } from './file-source.js';
import { httpGet } from './http.js';
import type { ProcessFn } from './pool.js';

/**
 * A source after its download: either its final result (an error, a 304) or bytes still to be
 * processed. Downloading and processing are separate steps so that a source gives its host and
 * global slots back as soon as its bytes are in: the next request to that host goes out while
 * these bytes wait for the parser, and a busy parser never idles the network.
 */
export type Downloaded =
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
export async function download(source: Source, settings: FetchSettings, opts: { states: Map<string, SourceState>; now: () => Date }, dispatcher?: Agent): Promise<Downloaded> {
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

/** The CPU half: decode, parse and make items of downloaded bytes. Never throws. */
export async function processDownload(source: Source, settings: FetchSettings, opts: { now: () => Date }, d: Downloaded, process: ProcessFn): Promise<FetchResult> {
  if ('result' in d) return d.result;
  try {
    const r = await process(source, d.bytes, d.contentType, d.url, settings, opts.now());
    if ('reason' in r) return failure(source, d.started, r.errorKind, r.reason, { ...d.extra, ...(r.feedLinks ? { feedLinks: r.feedLinks } : {}) });
    return { ...r, ...d.extra, durationMs: Math.round(performance.now() - d.started), ...d.validators };
  } catch (e) {
    return failure(source, d.started, 'parse-error', `internal error while reading the feed: ${(e as Error)?.message ?? String(e)}`, d.extra);
  }
}

