// rss-parser (xml2js/sax underneath, strict mode) as vric uses it. rss-parser's builders are
// subclassed here, and only here, because they throw on legal-but-odd input and recurse without
// a bound: these overrides use methods rss-parser does not document (buildRSS2, parseItemAtom...),
// so an upgrade of rss-parser is checked against this file and the golden feed pairs.
//  - keep the builders from throwing on legal-but-odd input (see TolerantParser);
//  - drop entries nested deeper than MAX_ENTRY_DEPTH before a builder recurses into them;
//  - read raw dates, links, categories and attributes it would drop or convert (customFields).
import Parser from 'rss-parser';

/**
 * Deepest element nesting an entry may have. rss-parser and our text extraction walk an entry
 * recursively, so an entry nested 100,000 deep overflowed the stack and cost the whole feed;
 * real XHTML content is a few dozen levels deep.
 */
export const MAX_ENTRY_DEPTH = 1000;

export type XmlObj = Record<string, unknown>;

/** What rss-parser made of a document (its items carry our customFields), and the entries it was not given. */
export type RssParserOutcome = { ok: true; out: XmlObj; tooDeep: number } | { ok: false; reason: string };

/** Reads well-formed feed XML; `renameTag` rewrites every element name first (namespaces.ts). */
export async function readWithRssParser(xml: string, renameTag: (name: string) => string): Promise<RssParserOutcome> {
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
  try {
    const out = (await parser.parseString(xml)) as unknown as XmlObj;
    return { ok: true, out, tooDeep: parser.tooDeep };
  } catch (e) {
    return { ok: false, reason: firstLine((e as Error)?.message ?? String(e)) };
  }
}

function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).filter(Boolean).join('; ').slice(0, 300);
}

// rss-parser's entry builders throw on some legal-but-odd input (an Atom date it cannot convert,
// a <link> without attributes). Such an entry is retried without the offending parts, so one odd
// entry never costs the whole feed.
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
