// Feed entries -> FeedItems: the shape every later stage relies on (plain text, canonical
// absolute URLs, ISO dates or null, one item per guid). An item's summary is made here and only
// here (itemSummary); render builds the digest's summary line from it.
import { htmlToText } from './html-text.js';
import { withoutOutletSuffix, withoutTeaserClutter } from './teaser-clutter.js';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { FeedItem } from '../core/item-types.js';
import type { Source } from '../core/config-types.js';
import { cleanText, DERIVED_TITLE_MAX_CHARS, GUID_MAX_CHARS, MAX_CATEGORIES, NAME_MAX_CHARS, SUMMARY_MAX_CHARS, TITLE_MAX_CHARS, truncateText as truncate, URL_MAX_CHARS } from '../core/item-limits.js';
import { parseFeedDate } from './dates.js';
import type { RawEntry, RawFeed, SummaryFields } from './parse.js';

// The caps on every field live in core: import and migrate apply the same ones.
export { SUMMARY_MAX_CHARS, TITLE_MAX_CHARS } from '../core/item-limits.js';

// Query parameters that only track the reader; removing them makes one story one URL.
const TRACKING = /^(utm_[a-z_]*|at_(?:medium|campaign|link_origin|link_type|link_id|format|bbc_team|ptr_name)|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|ocid|cmpid|__twitter_impression|s_kwcid|ref_src|smid|sr_share)$/i;

/** Absolute http(s) URL without tracking parameters or fragment; '' when unusable. */
export function canonicalUrl(raw: string | undefined, base?: string): string {
  const r = (raw ?? '').trim();
  if (!r) return '';
  let u: URL;
  try {
    u = base ? new URL(r, base) : new URL(r);
  } catch {
    return '';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
  u.hash = '';
  for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key)) u.searchParams.delete(key);
  // URLSearchParams re-serialises what is left; leave the query untouched when nothing was removed.
  return u.href.replace(/\?$/, '');
}

// Characters windows-1252 maps to the bytes 0x80-0xBF: the continuation bytes of UTF-8.
const CONT = '[\\u00A0-\\u00BF\\u20AC\\u201A\\u0192\\u201E\\u2026\\u2020\\u2021\\u02C6\\u2030\\u0160\\u2039\\u0152\\u017D\\u2018\\u2019\\u201C\\u201D\\u2022\\u2013\\u2014\\u02DC\\u2122\\u0161\\u203A\\u0153\\u017E\\u0178\\u0081\\u008D\\u008F\\u0090\\u009D]';
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`, 'g');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// The five bytes windows-1252 leaves undefined; decoders pass them through as U+0081 etc.
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** windows-1252 bytes of the text (U+00A0-U+00FF are their own byte in it). */
function toCp1252Bytes(run: string): Buffer {
  return Buffer.from(
    [...run].map((c) => {
      const cp = c.codePointAt(0)!;
      return (cp >= 0xa0 && cp <= 0xff) || UNDEFINED_IN_1252.has(cp) ? cp : iconv.encode(c, 'windows-1252')[0]!;
    }),
  );
}

/**
 * Undoes UTF-8 that was decoded as windows-1252 before it reached us ("AdemÃ¡s", "weâ€™re"): the
 * publisher's CMS double-encoded it, so no charset choice of ours can help. Each run that forms a
 * valid UTF-8 sequence once mapped back to windows-1252 bytes is replaced; anything else is kept.
 * Such runs (Ã followed by ¡) do not occur in real Spanish, Portuguese or French text.
 */
export function repairMojibake(s: string): string {
  // windows-1252 has no character for byte 0x9D, so the closing quote (E2 80 9D) often arrives
  // as a bare "â€": the one lossy case worth guessing, since "â€" never occurs in real text.
  const quotes = s.includes('â€') ? s.replace(new RegExp(`â€(?!${CONT})`, 'g'), '”') : s;
  return quotes.replace(MOJIBAKE, (run) => {
    try {
      const fixed = strictUtf8.decode(toCp1252Bytes(run));
      // Double-encoded Latin text yields Latin letters and punctuation. Anything else means the run
      // was real text ("café…”" must not become a CJK character), so it stays.
      return /^[\u00A0-\u024F\u2000-\u206F\u20AC\u2122]$/.test(fixed) ? fixed : run;
    } catch {
      return run;
    }
  });
}

/** Markup and entities out, whitespace collapsed. Input may be HTML, escaped HTML or text. */
export function plainText(input: string, max = Infinity): string {
  let s = input ?? '';
  if (/[<&]/.test(s)) {
    s = htmlToText(s);
    // Titles are sometimes escaped twice (&amp;eacute;): one more pass if entities remain.
    if (/&(#\d+|#x[\da-f]+|[a-z]+\d*);/i.test(s)) s = htmlToText(s.replace(/</g, '&lt;'));
  }
  return cleanText(repairMojibake(s), max);
}

/** ISO 639-1 from a tag like "es-VE", "pt_BR", "EN"; undefined when it is not one. */
export function languageCode(tag: string | undefined): string | undefined {
  const m = /^\s*([a-z]{2})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag ?? '');
  return m ? m[1]!.toLowerCase() : undefined;
}

/**
 * An item's summary, the one place it is made: render builds the digest's summary line from it
 * (render/view.ts puts it on one line and escapes it, nothing more), and the classifier reads it.
 * The RSS description or Atom summary, else the full content; plain text, at most
 * SUMMARY_MAX_CHARS. '' when the entry has none.
 */
/** How far past the summary's limit a teaser is read, for a footer there to be found and removed. */
const CLUTTER_MARGIN_CHARS = 1000;

export function itemSummary(fields: SummaryFields): string {
  const raw = fields.description ?? fields.summary ?? fields.content ?? fields.contentEncoded ?? fields.rawContent ?? '';
  // Read a little past the limit and cut after the clutter goes, so a footer does not cost the
  // teaser its end; never the whole of a long body (a 10 MB content:encoded).
  return truncate(withoutTeaserClutter(plainText(raw, SUMMARY_MAX_CHARS + CLUTTER_MARGIN_CHARS)), SUMMARY_MAX_CHARS);
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 20);
}

export interface ItemsContext {
  /** The outlet's name goes too: a headline's "| Outlet" suffix is removed by it. */
  source: Pick<Source, 'id' | 'language'> & Partial<Pick<Source, 'name'>>;
  /** URL the feed was fetched from (or file:// for a file source): the last resort base for links. */
  feedUrl: string;
  now: Date;
  /** Items kept (the newest; see keepNewest); all when unset. */
  maxItems?: number;
}

/**
 * The base relative links are resolved against: the entry's xml:base, else the feed's; then for
 * Atom the document's own address (RFC 4287 follows XML Base), for RSS the site link first
 * (relative links in RSS, which has no base of its own, mean the site); the site link is also
 * the last resort for a feed read from a file.
 */
function baseFor(entry: RawEntry, feed: RawFeed, feedUrl: string): string | undefined {
  const doc = /^https?:/i.test(feedUrl) ? feedUrl : undefined;
  const atom = feed.format === 'atom10' || feed.format === 'atom03';
  const chain = atom && doc ? [entry.base, feed.base] : [entry.base, feed.base, feed.link];
  for (const c of chain) {
    if (!c) continue;
    try {
      const abs = new URL(c.trim(), doc);
      if (abs.protocol === 'http:' || abs.protocol === 'https:') return abs.href;
    } catch {
      /* a broken base is ignored */
    }
  }
  return doc;
}

export function toFeedItems(feed: RawFeed, ctx: ItemsContext): { items: FeedItem[]; warnings: string[]; dropped: number } {
  const warnings: string[] = [];
  const items: FeedItem[] = [];
  const byGuid = new Map<string, FeedItem>();
  let undated = 0;
  let duplicates = 0;
  for (const entry of feed.entries) {
    const base = baseFor(entry, feed, ctx.feedUrl);
    const canonical = canonicalUrl(entry.link, base);
    const url = canonical.length <= URL_MAX_CHARS ? canonical : '';
    const summary = itemSummary(entry.summaryFields);
    // RSS allows an item with only a description; later stages need a headline to show.
    const title = withoutOutletSuffix(plainText(entry.title, TITLE_MAX_CHARS), [ctx.source.name, feed.title]) || truncate(summary.replace(/…$/, ''), DERIVED_TITLE_MAX_CHARS);
    let published: string | null = null;
    for (const d of entry.dates) {
      published = parseFeedDate(d, ctx.now);
      if (published) break;
    }
    if (!published && entry.dates.length > 0) undated++;
    if (!title && !url && !summary) continue; // nothing a reader could use
    let guid = entry.id?.trim() || url || `hash:${hash(`${title}|${published ?? ''}|${summary.slice(0, 200)}`)}`;
    if (guid.length > GUID_MAX_CHARS) guid = `hash:${hash(guid)}`;
    const categories = [...new Set(entry.categories.slice(0, MAX_CATEGORIES).map((c) => plainText(c, NAME_MAX_CHARS)).filter(Boolean))];
    const language = languageCode(entry.language) ?? languageCode(feed.language) ?? ctx.source.language;
    const author = entry.author ? plainText(entry.author, NAME_MAX_CHARS) : '';
    const item: FeedItem = {
      sourceId: ctx.source.id,
      guid,
      url,
      title,
      summary,
      published,
      categories,
      language,
      ...(author ? { author } : {}),
    };
    const prior = byGuid.get(guid);
    if (prior) {
      duplicates++;
      // The same entry twice is dropped; different entries sharing a guid (a CMS that gives every
      // entry the site's address) are kept apart by a guid derived from what distinguishes them.
      if (prior.url === url && prior.title === title) continue;
      guid = `${guid}#${hash(`${url}|${title}`).slice(0, 12)}`;
      if (byGuid.has(guid)) continue;
      item.guid = guid;
    }
    byGuid.set(guid, item);
    items.push(item);
  }
  if (undated) warnings.push(`${undated} entr${undated === 1 ? 'y has' : 'ies have'} an unreadable date (first-seen is used)`);
  if (duplicates) warnings.push(`${duplicates} duplicate guid${duplicates === 1 ? '' : 's'} in the feed`);
  const kept = keepNewest(items, ctx.maxItems ?? Infinity, ctx.now.toISOString());
  return { items: kept, warnings, dropped: items.length - kept.length };
}

/**
 * The newest `max` items, in feed order: by date (an undated item is dated when first seen, so
 * now, as the archive dates it), ties by feed order (feeds list the newest first). One feed of
 * 150,000 tiny entries within maxBytes otherwise cost hundreds of MB and added them all each run.
 */
export function keepNewest(items: FeedItem[], max: number, nowIso: string): FeedItem[] {
  if (items.length <= max) return items;
  const order = items.map((it, i) => ({ date: it.published ?? nowIso, i }));
  order.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.i - b.i));
  const keep = new Set(order.slice(0, max).map((o) => o.i));
  return items.filter((_, i) => keep.has(i));
}
