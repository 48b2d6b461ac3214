// Namespace prefixes made what rss-parser expects. rss-parser matches element names literally
// ("feed", "rdf:RDF", "dc:date"), so <a:feed xmlns:a="...Atom">, or Dublin Core bound to another
// prefix, would be missed. The root's own vocabulary is made unprefixed and known vocabularies get
// their usual prefix, by namespace URI, never by the prefix the publisher happened to choose.
import type { RootInfo } from './xml-root.js';

export const NS = {
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
export function namespaceDeclarations(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of text.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(["'])([^"']*)\2/g)) {
    const prefix = m[1] ?? '';
    if (!map.has(prefix)) map.set(prefix, m[3]!.trim());
  }
  return map;
}

/** The root element's local name and namespace URI ('' when it has none). */
export function rootName(root: RootInfo, ns: Map<string, string>): { local: string; uri: string } {
  const prefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':')) : '';
  return { local: root.name.slice(prefix ? prefix.length + 1 : 0), uri: ns.get(prefix) ?? '' };
}

/** The element-name rewrite for xml2js's tagNameProcessors, for a document with these declarations. */
export function tagRenamer(root: RootInfo, ns: Map<string, string>): (name: string) => string {
  const { local: rootLocal, uri: rootNs } = rootName(root, ns);
  // Vocabularies that belong to the root's format are read unprefixed.
  const unprefixed = new Set<string>();
  if (rootLocal === 'feed') unprefixed.add(rootNs || NS.atom10);
  if (rootLocal === 'RDF') [NS.rss1, NS.rss090].forEach((u) => unprefixed.add(u));
  if (rootLocal === 'rss' && rootNs) unprefixed.add(rootNs);

  return (name: string): string => {
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
}
