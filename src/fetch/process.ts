// Bytes to items: the one CPU-heavy step of a fetch (decode, parse, make items). A pure function of
// its inputs, so it can run in a worker thread (see pool.ts) as well as inline.
import zlib from 'node:zlib';
import type { FetchErrorKind } from '../core/fetch-types.js';
import type { FeedItem } from '../core/item-types.js';
import type { FetchSettings, Source } from '../core/config-types.js';
import { decodeBytes } from './charset.js';
import { messageLine } from '../core/text.js';
import { toFeedItems } from './items.js';
import { parseFeed } from './parse.js';

export type Processed =
  | { sourceId: string; status: 'ok'; items: FeedItem[]; bytes: number; durationMs: number; warnings?: string[]; repaired?: string; itemsDropped?: number }
  | { errorKind: FetchErrorKind; reason: string; feedLinks?: string[] };

/** Bytes -> items, the same path for HTTP bodies and files. */
export async function processBody(
  source: Pick<Source, 'id' | 'language'>,
  raw: Uint8Array,
  contentType: string | undefined,
  url: string,
  settings: Pick<FetchSettings, 'maxBytes' | 'maxItems'> & Partial<Pick<FetchSettings, 'parseBudgetMs'>>,
  now: Date,
): Promise<Processed> {
  let bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  // gzip sent without Content-Encoding (or a .gz file): undo it, within the same size cap.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes, { maxOutputLength: settings.maxBytes });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') return { errorKind: 'too-large', reason: `too-large: gzip body decompresses past the ${settings.maxBytes}-byte limit` };
      return { errorKind: 'parse-error', reason: `parse-error: gzip data without Content-Encoding that does not decompress (${messageLine((e as Error).message)})` };
    }
  }
  const decoded = decodeBytes(bytes, contentType);
  const parsed = await parseFeed(decoded.text, url);
  if (!parsed.ok) return { errorKind: parsed.errorKind, reason: parsed.message, ...(parsed.feedLinks ? { feedLinks: parsed.feedLinks } : {}) };
  const { items, warnings, dropped } = toFeedItems(parsed.feed, { source, feedUrl: url, now, maxItems: settings.maxItems });
  const all = [...decoded.warnings, ...parsed.warnings, ...warnings].map((w) => messageLine(w));
  return {
    sourceId: source.id,
    status: 'ok',
    items,
    bytes: raw.length,
    durationMs: 0,
    ...(all.length ? { warnings: all } : {}),
    ...(parsed.repaired ? { repaired: messageLine(parsed.repaired) } : {}),
    ...(dropped ? { itemsDropped: dropped } : {}),
  };
}

