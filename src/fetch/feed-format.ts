// Which feed format a document is, from its root element and namespaces: rss-parser reads
// <rss> without a version as RSS 2.0 (defaultRSS), and RSS 0.90/1.0 RDF and Atom 0.3 natively,
// but does not say which it read; dates and links are resolved differently per format (items.ts).
import { NS, rootName } from './namespaces.js';
import { attr, type RootInfo } from './xml-root.js';

export type FeedFormat = 'rss2' | 'rss09' | 'rss1' | 'atom10' | 'atom03';

export function feedFormat(root: RootInfo, ns: Map<string, string>): FeedFormat {
  const { local, uri } = rootName(root, ns);
  if (local === 'feed') return uri === NS.atom03 || attr(root.attrs, 'version') === '0.3' ? 'atom03' : 'atom10';
  if (local === 'RDF') return ns.get('') === NS.rss090 || [...ns.values()].includes(NS.rss090) ? 'rss09' : 'rss1';
  return /^0\.9/.test(attr(root.attrs, 'version') ?? '') ? 'rss09' : 'rss2';
}
