// Well-formed feed XML -> a format-neutral RawFeed: the one step between rss-parser's output and
// ours. Element names are made what rss-parser expects (namespaces.ts), rss-parser reads the
// document (rss-parser-adapter.ts), and its output is read into RawFeed here: raw dates, links,
// categories and attributes it would drop or convert, and the fields a summary may come from.
import { feedFormat, type FeedFormat } from './feed-format.js';
import { namespaceDeclarations, tagRenamer } from './namespaces.js';
import { MAX_ENTRY_DEPTH, readWithRssParser } from './rss-parser-adapter.js';
import { attr, findRoot, type RootInfo } from './xml-root.js';

export type { FeedFormat } from './feed-format.js';

/** HTML or text, each as the feed gave it (see RawEntry.summaryFields). */
export interface SummaryFields {
  description?: string;
  summary?: string;
  content?: string;
  contentEncoded?: string;
  rawContent?: string;
}

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

export type Attempt = { ok: true; feed: RawFeed; warnings: string[] } | { ok: false; reason: string };

export async function tryParse(xml: string): Promise<Attempt> {
  const root = findRoot(xml);
  if (!root) return { ok: false, reason: 'no root element' };
  const ns = namespaceDeclarations(xml);
  const read = await readWithRssParser(xml, tagRenamer(root, ns));
  if (!read.ok) return read;
  const warnings: string[] = [];
  const deep = read.tooDeep;
  if (deep) warnings.push(`dropped ${deep} entr${deep === 1 ? 'y' : 'ies'} nested deeper than ${MAX_ENTRY_DEPTH} elements`);
  return { ok: true, feed: toRawFeed(read.out, feedFormat(root, ns), root), warnings };
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

