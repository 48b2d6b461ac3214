// The rss-parser adapter: well-formed feed XML -> a format-neutral RawFeed.
// rss-parser (xml2js/sax underneath, strict mode) does the reading. Around it we:
//  - normalise namespace prefixes: rss-parser matches element names literally ("feed", "rdf:RDF",
//    "dc:date"), so <a:feed xmlns:a="...Atom">, or Dublin Core bound to another prefix, would be
//    missed. The root's own vocabulary is made unprefixed and known vocabularies get their usual
//    prefix, by namespace URI, never by the prefix the publisher happened to choose;
//  - read <rss> without a version as RSS 2.0 (defaultRSS), and RSS 0.90/1.0 RDF and Atom 0.3 natively;
//  - keep rss-parser's builders from throwing on legal-but-odd input (see TolerantParser);
//  - read raw dates, links, categories and attributes it would drop or convert (customFields).
import Parser from 'rss-parser';
import { attr, findRoot, type RootInfo } from './xmlroot.js';

/** HTML or text, each as the feed gave it (see RawEntry.summaryFields). */
export interface SummaryFields {
  description?: string;
  summary?: string;
  content?: string;
  contentEncoded?: string;
  rawContent?: string;
}

export type FeedFormat = 'rss2' | 'rss09' | 'rss1' | 'atom10' | 'atom03';

export interface RawEntry {
  /** May contain markup and entities; items.ts makes it plain text. */
  title: string;
  link?: string;
  id?: string;
  /** Raw date strings, most authoritative first (published before updated). */
  dates: string[];
  /** The fields a summary may come from, as the feed gave them; items.ts's itemSummary chooses. */
  summaryFields: SummaryFields;
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

/** Every xmlns declaration in the document, prefix -> URI ('' for the default); first wins. */
function namespaceDeclarations(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of text.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(["'])([^"']*)\2/g)) {
    const prefix = m[1] ?? '';
    if (!map.has(prefix)) map.set(prefix, m[3]!.trim());
  }
  return map;
}

export type Attempt = { ok: true; feed: RawFeed; warnings: string[] } | { ok: false; reason: string };

export async function tryParse(xml: string): Promise<Attempt> {
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
  const warnings: string[] = [];
  const deep = parser.tooDeep;
  if (deep) warnings.push(`dropped ${deep} entr${deep === 1 ? 'y' : 'ies'} nested deeper than ${MAX_ENTRY_DEPTH} elements`);
  return { ok: true, feed: toRawFeed(out, format, root), warnings };
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
/**
 * Deepest element nesting an entry may have. rss-parser and our text extraction walk an entry
 * recursively, so an entry nested 100,000 deep overflowed the stack and cost the whole feed;
 * real XHTML content is a few dozen levels deep.
 */
export const MAX_ENTRY_DEPTH = 1000;

/** Whether the xml2js tree under `node` nests elements deeper than `max`; stops looking once it does. */
function deeperThan(node: unknown, max: number): boolean {
  const todo: [unknown, number][] = [[node, 0]];
  while (todo.length) {
    const [n, depth] = todo.pop()!;
    if (Array.isArray(n)) {
      for (const child of n) todo.push([child, depth]);
    } else if (n && typeof n === 'object') {
      if (depth >= max) return true;
      for (const [k, child] of Object.entries(n)) if (k !== '$') todo.push([child, depth + 1]);
    }
  }
  return false;
}

const Base = Parser as unknown as ParserCtor;
class TolerantParser extends Base {
  /** Entries dropped for nesting deeper than MAX_ENTRY_DEPTH. */
  tooDeep = 0;

  /** The entries of the container under `key`, without those nested too deep to read. */
  private withoutDeepEntries(container: unknown, key: string): unknown {
    if (!container || typeof container !== 'object') return container;
    const c = container as XmlObj;
    const entries = c[key];
    if (!Array.isArray(entries)) return container;
    const kept = entries.filter((e) => !deeperThan(e, MAX_ENTRY_DEPTH));
    this.tooDeep += entries.length - kept.length;
    return kept.length === entries.length ? container : { ...c, [key]: kept };
  }

  /** The document with every entry too deep to read dropped, before any builder recurses into it. */
  private shallow(x: XmlObj, rootKey: string, entryKey: string): XmlObj {
    const root = this.withoutDeepEntries(x[rootKey], entryKey) as XmlObj | undefined;
    if (!root || typeof root !== 'object') return x;
    const channel = root.channel;
    const channels = Array.isArray(channel) ? channel.map((ch) => this.withoutDeepEntries(ch, entryKey)) : channel;
    return { ...x, [rootKey]: channels === undefined ? root : { ...root, channel: channels } };
  }

  override buildAtomFeed(raw: XmlObj): unknown {
    const x = this.shallow(raw, 'feed', 'entry');
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
    const fixed = withChannel(this.shallow(x, 'rss', 'item'), 'rss');
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
    return super.buildRSS0_9(withChannel(this.shallow(x, 'rss', 'item'), 'rss'));
  }
  override buildRSS1(x: XmlObj): unknown {
    return super.buildRSS1(withChannel(this.shallow(x, 'rdf:RDF', 'item'), 'rdf:RDF'));
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
  const language = str(out.language) ?? str(out['dc:language']) ?? rootLang;
  const feed: RawFeed = {
    format,
    title: str(out.title) ?? '',
    ...(feedLink ? { link: feedLink } : {}),
    ...(language ? { language } : {}),
    ...(rootBase ? { base: rootBase } : {}),
    entries: items.map((it) => toRawEntry(it, rootBase, format)),
  };
  return feed;
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
  // Read only; which of them becomes the summary is itemSummary's decision (items.ts).
  const summaryFields = definedOnly({
    description: str(it.rawDescription),
    summary: str(it.summary),
    // rss-parser's own content: Atom <content> as text, RSS content:encoded folded in.
    content: typeof it.content === 'string' && it.content.trim() ? it.content : undefined,
    contentEncoded: str(it['content:encoded']),
    rawContent: str(it.rawContent),
  });
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
    summaryFields,
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

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

