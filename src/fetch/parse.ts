// Decoded text -> a format-neutral RawFeed, or a reason why it is not one.
// rss-parser (xml2js/sax underneath, strict mode) does the reading. Around it we:
//  - look at the root element first, so an HTML page or an OPML file is "not a feed" (with the
//    feed addresses an HTML page advertises) instead of an obscure parser error;
//  - normalise namespace prefixes: rss-parser matches element names literally ("feed", "rdf:RDF",
//    "dc:date"), so <a:feed xmlns:a="...Atom">, or Dublin Core bound to another prefix, would be
//    missed. The root's own vocabulary is made unprefixed and known vocabularies get their usual
//    prefix, by namespace URI, never by the prefix the publisher happened to choose;
//  - read <rss> without a version as RSS 2.0 (defaultRSS), and RSS 0.90/1.0 RDF and Atom 0.3 natively;
//  - on a parse failure, retry once on a repaired text (xmlrepair.ts) and say so in a warning.
import * as cheerio from 'cheerio';
import Parser from 'rss-parser';
import { prepareXml, repairXml } from './xmlrepair.js';

export type FeedFormat = 'rss2' | 'rss09' | 'rss1' | 'atom10' | 'atom03';

export interface RawEntry {
  /** May contain markup and entities; normalise.ts makes it plain text. */
  title: string;
  link?: string;
  id?: string;
  /** Raw date strings, most authoritative first (published before updated). */
  dates: string[];
  /** HTML or text. */
  summary: string;
  categories: string[];
  author?: string;
  language?: string;
  /** xml:base in force for this entry, when the feed gives one. */
  base?: string;
}

export interface RawFeed {
  format: FeedFormat;
  title: string;
  link?: string;
  language?: string;
  base?: string;
  entries: RawEntry[];
}

export type ParseOutcome =
  | { ok: true; feed: RawFeed; warnings: string[] }
  | { ok: false; errorKind: 'not-a-feed' | 'parse-error'; message: string; feedLinks?: string[] };

const NS = {
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss1: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
};

/** The prefix rss-parser (and our extraction) expects for each known vocabulary. */
const CANONICAL_PREFIX: Record<string, string> = {
  [NS.rdf]: 'rdf',
  [NS.atom10]: 'atom',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss/': 'media',
};

interface RootInfo {
  name: string;
  attrs: string;
}

/** The document element's start tag, skipping the declaration, comments, PIs and the DOCTYPE. */
export function findRoot(text: string): RootInfo | undefined {
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && /[\s\uFEFF]/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
      const m = /^<!DOCTYPE\s[^[>]*(\[[\s\S]*?\]\s*)?>/i.exec(text.slice(i));
      i += m ? m[0].length : 9;
    } else break;
  }
  const m = /^<([A-Za-z_][\w.:-]*)([^>]*)>/.exec(text.slice(i, i + 65536));
  return m ? { name: m[1]!, attrs: m[2]! } : undefined;
}

function attr(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(["'])([^"']*)\\1`);
  return re.exec(attrs)?.[2];
}

/** Every xmlns declaration in the document, prefix -> URI ('' for the default); first wins. */
function namespaceDeclarations(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of text.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(["'])([^"']*)\2/g)) {
    const prefix = m[1] ?? '';
    if (!map.has(prefix)) map.set(prefix, m[3]!.trim());
  }
  return map;
}

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
  const $ = cheerio.load(html);
  let base = pageUrl;
  const baseHref = $('base[href]').first().attr('href');
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      /* a broken <base> is ignored */
    }
  }
  const found: string[] = [];
  $('link[rel][href]').each((_, el) => {
    const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = ($(el).attr('type') ?? '').toLowerCase().split(';')[0]!.trim();
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) return;
    if ((type === 'application/xml' || type === 'text/xml') && !/rss|atom|feed/i.test($(el).attr('href') ?? '')) return;
    try {
      const u = new URL(($(el).attr('href') ?? '').trim(), base);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && !found.includes(u.href)) found.push(u.href);
    } catch {
      /* unusable href */
    }
  });
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
      return r.ok ? { ...r, warnings: [`ignored ${junk} characters of text before the feed`, ...r.warnings] } : r;
    }
  }
  if (HTML_ROOTS.has(local.toLowerCase()) || /^<!DOCTYPE\s+html/i.test(trimmed)) return notAFeedHtml(trimmed, url);
  if (root && !FEED_ROOTS.includes(local)) {
    const what = local.toLowerCase() === 'opml' ? 'an OPML outline' : `an XML document with root <${rootName}>`;
    return { ok: false, errorKind: 'not-a-feed', message: `not-a-feed: ${what}, not RSS, RDF or Atom` };
  }

  const prepared = prepareXml(trimmed);
  const first = await tryParse(prepared);
  if (first.ok) return { ok: true, feed: first.feed, warnings: [] };
  const repaired = repairXml(prepared);
  const second = repaired !== prepared ? await tryParse(repaired) : first;
  if (second.ok) {
    return { ok: true, feed: second.feed, warnings: [`recovered malformed XML (${first.reason})`] };
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

type Attempt = { ok: true; feed: RawFeed } | { ok: false; reason: string };

async function tryParse(xml: string): Promise<Attempt> {
  const root = findRoot(xml);
  if (!root) return { ok: false, reason: 'no root element' };
  const ns = namespaceDeclarations(xml);
  const rootPrefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':')) : '';
  const rootNs = ns.get(rootPrefix) ?? '';
  const rootLocal = root.name.slice(rootPrefix ? rootPrefix.length + 1 : 0);
  // Vocabularies that belong to the root's format are read unprefixed.
  const unprefixed = new Set<string>();
  if (rootLocal === 'feed') unprefixed.add(rootNs || NS.atom10);
  if (rootLocal === 'RDF') [NS.rss1, NS.rss090].forEach((u) => unprefixed.add(u));
  if (rootLocal === 'rss' && rootNs) unprefixed.add(rootNs);

  const renameTag = (name: string): string => {
    const colon = name.indexOf(':');
    if (colon < 0) {
      return name === 'RDF' && ns.get('') === NS.rdf ? 'rdf:RDF' : name;
    }
    const uri = ns.get(name.slice(0, colon));
    const localName = name.slice(colon + 1);
    if (uri === undefined) return name;
    if (unprefixed.has(uri)) return localName;
    const canon = CANONICAL_PREFIX[uri];
    return canon ? `${canon}:${localName}` : name;
  };

  const parser = new TolerantParser({
    defaultRSS: 2,
    xml2js: { tagNameProcessors: [renameTag], strict: true },
    customFields: {
      feed: [['$', 'attrs', { keepArray: true }], 'dc:language'] as never,
      item: [
        ['$', 'attrs', { keepArray: true }],
        ['published', 'rawPublished'],
        ['updated', 'rawUpdated'],
        ['issued', 'rawIssued'],
        ['modified', 'rawModified'],
        ['created', 'rawCreated'],
        ['dcterms:modified', 'rawDctermsModified'],
        ['dc:date', 'rawDcDate'],
        ['dcterms:created', 'rawDctermsCreated'],
        ['category', 'rawCategories', { keepArray: true }],
        ['dc:subject', 'rawSubjects', { keepArray: true }],
        ['content', 'rawContent'],
        ['description', 'rawDescription'],
        ['link', 'rawLinks', { keepArray: true }],
        ['author', 'rawAuthor'],
      ] as never,
    },
  });
  let out: Record<string, unknown>;
  try {
    out = (await parser.parseString(xml)) as unknown as Record<string, unknown>;
  } catch (e) {
    return { ok: false, reason: firstLine((e as Error)?.message ?? String(e)) };
  }
  const format: FeedFormat =
    rootLocal === 'feed'
      ? rootNs === NS.atom03 || attr(root.attrs, 'version') === '0.3'
        ? 'atom03'
        : 'atom10'
      : rootLocal === 'RDF'
        ? ns.get('') === NS.rss090 || [...ns.values()].includes(NS.rss090)
          ? 'rss09'
          : 'rss1'
        : /^0\.9/.test(attr(root.attrs, 'version') ?? '')
          ? 'rss09'
          : 'rss2';
  return { ok: true, feed: toRawFeed(out, format, root) };
}

function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).filter(Boolean).join('; ').slice(0, 300);
}

// rss-parser's entry builders throw on some legal-but-odd input (an Atom date it cannot convert,
// a <link> without attributes). Such an entry is retried without the offending parts, so one odd
// entry never costs the whole feed.
type XmlObj = Record<string, unknown>;
type ParserCtor = new (opts: unknown) => {
  parseString(xml: string): Promise<unknown>;
  parseItemAtom(entry: XmlObj): unknown;
  buildRSS2(x: XmlObj): unknown;
  buildRSS0_9(x: XmlObj): unknown;
  buildRSS1(x: XmlObj): unknown;
  buildAtomFeed(x: XmlObj): unknown;
};

/** Atom <link> elements rss-parser can read (it assumes attributes; some feeds put the URL in text). */
function attributedLinks(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v.filter((l) => l && typeof l === 'object' && '$' in l) : undefined;
}

/**
 * rss-parser insists on <channel>; some feeds put <item>s straight under <rss> or <rdf:RDF>
 * (or have no channel at all, an empty feed). Give them an implicit channel.
 */
function withChannel(x: XmlObj, rootKey: string): XmlObj {
  let root = x[rootKey];
  if (!root || typeof root !== 'object') root = {};
  const r = root as XmlObj;
  const ch = r.channel;
  if (Array.isArray(ch) && ch[0] && typeof ch[0] === 'object') return { ...x, [rootKey]: r };
  const { $: _attrs, channel: _empty, ...rest } = r;
  const channel = rootKey === 'rss' ? rest : {};
  return { ...x, [rootKey]: { ...r, channel: [channel] } };
}
const Base = Parser as unknown as ParserCtor;
class TolerantParser extends Base {
  override buildAtomFeed(x: XmlObj): unknown {
    try {
      return super.buildAtomFeed(x);
    } catch {
      const feed = { ...((x.feed as XmlObj) ?? {}) };
      const links = attributedLinks(feed.link);
      if (links?.length) feed.link = links;
      else delete feed.link;
      return super.buildAtomFeed({ ...x, feed });
    }
  }
  override buildRSS2(x: XmlObj): unknown {
    const fixed = withChannel(x, 'rss');
    try {
      return super.buildRSS2(fixed);
    } catch {
      // The iTunes decoration is the fragile part (it assumes a well-shaped <itunes:*> block);
      // the feed is worth more than its podcast metadata.
      const rss = { ...(fixed.rss as XmlObj) };
      const attrs = { ...((rss.$ as XmlObj) ?? {}) };
      delete attrs['xmlns:itunes'];
      return super.buildRSS2({ ...fixed, rss: { ...rss, $: attrs } });
    }
  }
  override buildRSS0_9(x: XmlObj): unknown {
    return super.buildRSS0_9(withChannel(x, 'rss'));
  }
  override buildRSS1(x: XmlObj): unknown {
    return super.buildRSS1(withChannel(x, 'rdf:RDF'));
  }
  override parseItemAtom(entry: Record<string, unknown>): unknown {
    try {
      return super.parseItemAtom(entry);
    } catch {
      const links = attributedLinks(entry.link);
      const safe: Record<string, unknown> = { ...entry };
      delete safe.published;
      delete safe.updated;
      if (links) safe.link = links;
      let item: Record<string, unknown>;
      try {
        item = super.parseItemAtom(safe) as Record<string, unknown>;
      } catch {
        item = {};
      }
      // Keep the raw dates we removed: our own date reader may well understand them.
      return { ...item, rawPublished: first(entry.published), rawUpdated: first(entry.updated), rawLinks: entry.link };
    }
  }
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** Text of an xml2js node: a string, {_: text}, or nested elements (xhtml content). */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(' ');
  if (typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o._ === 'string') return o._;
    return Object.entries(o)
      .filter(([k]) => k !== '$')
      .map(([, v]) => textOf(v))
      .join(' ');
  }
  return '';
}

function attrsOf(node: unknown): Record<string, string> {
  if (node && typeof node === 'object' && '$' in node) return ((node as { $: Record<string, string> }).$ ?? {}) as Record<string, string>;
  return {};
}

function str(v: unknown): string | undefined {
  const t = textOf(v).trim();
  return t ? t : undefined;
}

function toRawFeed(out: Record<string, unknown>, format: FeedFormat, root: RootInfo): RawFeed {
  const feedAttrs = (out.attrs ?? {}) as Record<string, string>;
  const rootBase = attr(root.attrs, 'xml:base') ?? feedAttrs['xml:base'];
  const rootLang = attr(root.attrs, 'xml:lang') ?? feedAttrs['xml:lang'];
  const items = Array.isArray(out.items) ? (out.items as Record<string, unknown>[]) : [];
  const feedLink = str(out.link);
  const feed: RawFeed = {
    format,
    title: str(out.title) ?? '',
    ...(feedLink ? { link: feedLink } : {}),
    ...(firstDefined(str(out.language), str(out['dc:language']), rootLang) ? { language: firstDefined(str(out.language), str(out['dc:language']), rootLang)! } : {}),
    ...(rootBase ? { base: rootBase } : {}),
    entries: items.map((it) => toRawEntry(it, rootBase, format)),
  };
  return feed;
}

function firstDefined<T>(...v: (T | undefined)[]): T | undefined {
  return v.find((x) => x !== undefined);
}

function toRawEntry(it: Record<string, unknown>, feedBase: string | undefined, format: FeedFormat): RawEntry {
  const attrs = (it.attrs ?? {}) as Record<string, string>;
  // For Atom, rss-parser's pubDate is its own conversion through new Date() (local time for a
  // zone-less value); the raw published/updated strings are read instead.
  const rssDate = format.startsWith('atom') ? undefined : it.pubDate;
  const dates = [rssDate, it.rawPublished, it.rawIssued, it.rawCreated, it.rawDctermsCreated, it.date, it.rawDcDate, it.rawUpdated, it.rawModified, it.rawDctermsModified]
    .map((d) => str(d))
    .filter((d, i, all): d is string => d !== undefined && all.indexOf(d) === i);
  const categories: string[] = [];
  for (const c of [...asArray(it.rawCategories), ...asArray(it.rawSubjects)]) {
    const a = attrsOf(c);
    const label = str(c) ?? a.label ?? a.term;
    if (label) categories.push(label.trim());
  }
  // The summary: RSS description, Atom summary, else the full content.
  const summary =
    str(it.rawDescription) ??
    str(it.summary) ??
    (typeof it.content === 'string' && it.content.trim() ? it.content : undefined) ??
    str(it['content:encoded']) ??
    str(it.rawContent) ??
    '';
  let link = typeof it.link === 'string' ? it.link.trim() : str(it.link);
  if (!link) {
    // RSS <link> carrying attributes, or Atom links rss-parser did not pick.
    for (const l of asArray(it.rawLinks)) {
      const a = attrsOf(l);
      const candidate = a.href ?? str(l);
      if (candidate && (!a.rel || a.rel === 'alternate')) {
        link = candidate.trim();
        break;
      }
    }
  }
  const id = str(it.guid) ?? str(it.id) ?? str(it['rdf:about']);
  const author = str(it.creator) ?? str(it.author) ?? str(it.rawAuthor);
  const language = str(it.language) ?? attrs['xml:lang'];
  const base = attrs['xml:base'] ? joinBase(attrs['xml:base'], feedBase) : feedBase;
  return {
    title: str(it.title) ?? '',
    ...(link ? { link } : {}),
    ...(id ? { id } : {}),
    dates,
    summary,
    categories,
    ...(author ? { author } : {}),
    ...(language ? { language } : {}),
    ...(base ? { base } : {}),
  };
}

function joinBase(base: string, parent: string | undefined): string {
  try {
    return parent ? new URL(base, parent).href : base;
  } catch {
    return base;
  }
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}
