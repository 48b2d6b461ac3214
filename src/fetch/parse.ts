// Decoded text -> a RawFeed, or a reason why it is not one.
//  - look at the root element first, so an HTML page or an OPML file is "not a feed" (with the
//    feed addresses an HTML page advertises) instead of an obscure parser error;
//  - read the feed with rss-parser (raw-feed.ts) after the always-safe preparation (xml-prepare.ts);
//  - on a parse failure, retry once on a repaired text and say what was wrong (`repaired`, which
//    the operator is told and the archive keeps); else fail with the parser's own reason.
import { Parser } from 'htmlparser2';
import { tryParse, type RawFeed } from './raw-feed.js';
import { prepareXml } from './xml-prepare.js';
import { repairXml } from './xml-repair.js';
import { findRoot } from './xml-root.js';

export type { FeedFormat, RawEntry, RawFeed, SummaryFields } from './raw-feed.js';
export { findRoot } from './xml-root.js';

export type ParseOutcome =
  | { ok: true; feed: RawFeed; warnings: string[]; repaired?: string }
  | { ok: false; errorKind: 'not-a-feed' | 'parse-error'; message: string; feedLinks?: string[] };


const FEED_ROOTS = ['rss', 'feed', 'RDF'];
/** How far into the document junk before the feed root is tolerated. */
const MAX_LEADING_JUNK = 8 * 1024;

/** Offset of a feed root (with its XML declaration, if any) shortly after junk; 0 when none. */
function leadingJunkBeforeFeed(text: string): number {
  const m = /(?:<\?xml\b[^>]*\?>\s*)?<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s>]/.exec(text.slice(0, MAX_LEADING_JUNK));
  return m && m.index > 0 ? m.index : 0;
}

const HTML_ROOTS = new Set(['html', 'head', 'body', 'div', 'p', 'a', 'table', 'br', 'meta', 'title', 'script']);
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml']);

/** Feed addresses an HTML page advertises with <link rel="alternate" type="...rss/atom+xml">, absolute. */
export function advertisedFeeds(html: string, pageUrl: string): string[] {
  // One streaming pass of the tokenizer-backed parser: only <base> and <link> matter, and a tree
  // of the whole page would cost what the page weighs.
  let baseHref: string | undefined;
  const links: { rel: string; type: string; href: string }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && baseHref === undefined && attrs.href !== undefined) baseHref = attrs.href;
        else if (name === 'link' && attrs.rel !== undefined && attrs.href !== undefined) {
          links.push({ rel: attrs.rel, type: attrs.type ?? '', href: attrs.href });
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  let base = pageUrl;
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      /* a broken <base> is ignored */
    }
  }
  const found: string[] = [];
  for (const link of links) {
    const rel = link.rel.toLowerCase().split(/\s+/);
    const type = link.type.toLowerCase().split(';')[0]!.trim();
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    if ((type === 'application/xml' || type === 'text/xml') && !/rss|atom|feed/i.test(link.href)) continue;
    try {
      const u = new URL(link.href.trim(), base);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && !found.includes(u.href)) found.push(u.href);
    } catch {
      /* unusable href */
    }
  }
  return found;
}


export async function parseFeed(text: string, url: string): Promise<ParseOutcome> {
  const trimmed = text.replace(/^[\s\uFEFF]+/, '');
  if (!trimmed) return { ok: false, errorKind: 'parse-error', message: 'parse-error: empty document' };
  if (/^[[{]/.test(trimmed)) return { ok: false, errorKind: 'not-a-feed', message: 'not-a-feed: JSON (JSON Feed is not read), not RSS or Atom' };
  const root = findRoot(trimmed);
  if (!root && /<html[\s>]/i.test(trimmed.slice(0, 4096))) return notAFeedHtml(trimmed, url);
  if (!root) {
    // No readable start tag at all: a lenient pass may still find one (e.g. junk before the root).
    if (!trimmed.includes('<')) return { ok: false, errorKind: 'not-a-feed', message: 'not-a-feed: no XML markup' };
  }
  const rootName = root?.name ?? '';
  const local = rootName.includes(':') ? rootName.slice(rootName.indexOf(':') + 1) : rootName;
  if (!root || (!FEED_ROOTS.includes(local) && local.toLowerCase() !== 'html')) {
    // A server-side warning printed before the feed ("<br /><b>Warning</b>: ... <rss>") is
    // common on PHP sites: when a feed root follows shortly, read from there.
    const junk = leadingJunkBeforeFeed(trimmed);
    if (junk > 0) {
      const r = await parseFeed(trimmed.slice(junk), url);
      // Text before the root is not well-formed XML either: the feed is read only after dropping it.
      const dropped = `ignored ${junk} characters of text before the feed`;
      return r.ok ? { ...r, repaired: r.repaired ? `${dropped}; ${r.repaired}` : dropped } : r;
    }
  }
  if (HTML_ROOTS.has(local.toLowerCase()) || /^<!DOCTYPE\s+html/i.test(trimmed)) return notAFeedHtml(trimmed, url);
  if (root && !FEED_ROOTS.includes(local)) {
    const what = local.toLowerCase() === 'opml' ? 'an OPML outline' : `an XML document with root <${rootName}>`;
    return { ok: false, errorKind: 'not-a-feed', message: `not-a-feed: ${what}, not RSS, RDF or Atom` };
  }

  const notes: string[] = [];
  const prepared = prepareXml(trimmed, notes);
  const first = await tryParse(prepared);
  if (first.ok) return { ok: true, feed: first.feed, warnings: [...notes, ...first.warnings] };
  const repaired = repairXml(prepared);
  const second = repaired !== prepared ? await tryParse(repaired) : first;
  if (second.ok) {
    return { ok: true, feed: second.feed, warnings: [...notes, ...second.warnings], repaired: `malformed XML (${first.reason})` };
  }
  return { ok: false, errorKind: 'parse-error', message: `parse-error: ${first.reason}` };
}

function notAFeedHtml(html: string, url: string): ParseOutcome {
  const feedLinks = advertisedFeeds(html, url);
  const message =
    feedLinks.length > 0
      ? `not-a-feed: an HTML page; it advertises ${feedLinks.join(', ')}`
      : 'not-a-feed: an HTML page that advertises no feed';
  return { ok: false, errorKind: 'not-a-feed', message, feedLinks };
}

