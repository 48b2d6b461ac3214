// RawFeed entries -> FeedItems: the shape every later stage relies on (plain text, canonical
// absolute URLs, ISO dates or null, one item per guid).
import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import type { FeedItem, Source } from '../core/types.js';
import { parseFeedDate } from './dates.js';
import type { RawEntry, RawFeed } from './parse.js';

/** Longest summary kept: enough for classification and a digest blurb, not a whole article. */
export const SUMMARY_MAX_CHARS = 1000;
export const TITLE_MAX_CHARS = 500;
/** A title made from the summary (for entries without one) is a headline, not a paragraph. */
export const DERIVED_TITLE_MAX_CHARS = 140;
/** Longer ids are hashed: some feeds use whole documents as guids. */
export const GUID_MAX_CHARS = 512;

// Query parameters that only track the reader; removing them makes one story one URL.
const TRACKING = /^(utm_[a-z_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|ocid|cmpid|__twitter_impression|s_kwcid|ref_src|smid|sr_share)$/i;

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

const BLOCK = /<(\/?)(p|br|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|section|article|header|footer|figure|figcaption|hr|img|table)\b/gi;

/** Markup and entities out, whitespace collapsed. Input may be HTML, escaped HTML or text. */
export function plainText(input: string, max = Infinity): string {
  let s = input ?? '';
  if (/[<&]/.test(s)) {
    const $ = cheerio.load(`<body>${s.replace(BLOCK, ' <$1$2')}</body>`);
    $('script, style, noscript').remove();
    s = $('body').text();
    // Titles are sometimes escaped twice (&amp;eacute;): one more pass if entities remain.
    if (/&(#\d+|#x[\da-f]+|[a-z]+\d*);/i.test(s)) s = cheerio.load(`<body>${s.replace(/</g, '&lt;')}</body>`)('body').text();
  }
  s = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/\s+/g, ' ').trim();
  return truncate(s, max);
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

/** ISO 639-1 from a tag like "es-VE", "pt_BR", "EN"; undefined when it is not one. */
export function languageCode(tag: string | undefined): string | undefined {
  const m = /^\s*([a-z]{2})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag ?? '');
  return m ? m[1]!.toLowerCase() : undefined;
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 20);
}

export interface NormaliseContext {
  source: Pick<Source, 'id' | 'language'>;
  /** URL the feed was fetched from (or file:// for a file source): the last resort base for links. */
  feedUrl: string;
  now: Date;
}

/**
 * The base relative links are resolved against: the entry's xml:base, else the feed's, else the
 * feed's site link (relative links in RSS mean the site), else the address the feed came from.
 */
function baseFor(entry: RawEntry, feed: RawFeed, feedUrl: string): string | undefined {
  const doc = /^https?:/i.test(feedUrl) ? feedUrl : undefined;
  for (const c of [entry.base, feed.base, feed.link]) {
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

export function normaliseFeed(feed: RawFeed, ctx: NormaliseContext): { items: FeedItem[]; warnings: string[] } {
  const warnings: string[] = [];
  const items: FeedItem[] = [];
  const byGuid = new Map<string, FeedItem>();
  let undated = 0;
  let duplicates = 0;
  for (const entry of feed.entries) {
    const base = baseFor(entry, feed, ctx.feedUrl);
    const url = canonicalUrl(entry.link, base);
    const summary = plainText(entry.summary, SUMMARY_MAX_CHARS);
    // RSS allows an item with only a description; later stages need a headline to show.
    const title = plainText(entry.title, TITLE_MAX_CHARS) || truncate(summary.replace(/…$/, ''), DERIVED_TITLE_MAX_CHARS);
    let published: string | null = null;
    for (const d of entry.dates) {
      published = parseFeedDate(d, ctx.now);
      if (published) break;
    }
    if (!published && entry.dates.length > 0) undated++;
    if (!title && !url && !summary) continue; // nothing a reader could use
    let guid = entry.id?.trim() || url || `hash:${hash(`${title}|${published ?? ''}|${summary.slice(0, 200)}`)}`;
    if (guid.length > GUID_MAX_CHARS) guid = `hash:${hash(guid)}`;
    const categories = [...new Set(entry.categories.map((c) => plainText(c, 200)).filter(Boolean))];
    const language = languageCode(entry.language) ?? languageCode(feed.language) ?? ctx.source.language;
    const author = entry.author ? plainText(entry.author, 200) : '';
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
  return { items, warnings };
}
