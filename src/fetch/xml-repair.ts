// The lenient repair of feed XML, run only after the strict parse failed (parse.ts says so to the
// operator): balance tags (close what a truncated document left open, drop stray end tags and
// anything after the root), escape bare '&' and '<', neutralise unknown entities, dedupe and
// quote attributes. The always-on preparation it follows is xml-prepare.ts.
import { htmlEntity, XML_ENTITIES } from './xml-prepare.js';

const ENTITY_OR_AMP = /&(?:#[0-9]+;|#x[0-9A-Fa-f]+;|([A-Za-z][A-Za-z0-9]*);)?/g;

function escapeText(s: string): string {
  return s
    .replace(ENTITY_OR_AMP, (whole, name: string | undefined) => {
      if (whole === '&') return '&amp;';
      if (name === undefined || XML_ENTITIES.has(name)) return whole;
      return htmlEntity(name) ?? `&amp;${name};`;
    })
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// Every alternative that can run on (CDATA, comment, PI, DOCTYPE) also ends at the end of the
// text, so an unclosed one is consumed once instead of being rescanned from every occurrence.
// A start tag holds at most MAX_ATTRIBUTES attributes (more is junk, repaired as text): the regex
// engine's backtracking stack grows with each one, and a tag of a million overflowed it.
const MAX_ATTRIBUTES = 1000;
const TOKEN = new RegExp(
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<!DOCTYPE[^>]*(?:>|$)|/.source +
    `<(\\/?)([A-Za-z_][\\w.:-]*)((?:\\s+[^\\s=<>/"']+\\s*=\\s*(?:"[^"<]*"|'[^'<]*'|[^\\s"'<>=\\x60]+)){0,${MAX_ATTRIBUTES}})\\s*(\\/?)>`,
  'g',
);

/**
 * Rewrites the document into well-formed XML as best it can: a tag balancer in the spirit of an
 * HTML tree builder, for the breakage feeds show in practice (truncated downloads, unclosed
 * elements, bare ampersands, stray '<', junk after the root).
 */
export function repairXml(text: string): string {
  const out: string[] = [];
  const stack = new OpenElements();
  let rootClosed = false;
  let last = 0;
  const emitText = (s: string) => {
    if (!s) return;
    if (rootClosed || stack.depth === 0) return; // text outside the root is not XML; drop it
    out.push(escapeText(s));
  };
  for (const m of text.matchAll(TOKEN)) {
    emitText(text.slice(last, m.index));
    last = m.index + m[0].length;
    const tok = m[0];
    if (rootClosed) continue;
    if (tok.startsWith('<![CDATA[')) {
      if (stack.depth) out.push(tok.endsWith(']]>') ? tok : tok + ']]>');
      continue;
    }
    if (tok.startsWith('<!--')) continue;
    if (tok.startsWith('<?') || tok.startsWith('<!')) {
      if (tok.startsWith('<?xml ') && out.length === 0) out.push(tok);
      continue;
    }
    const [, close, name = '', attrs = '', selfClose] = m;
    if (close) {
      if (!stack.has(name)) continue; // stray end tag
      stack.closeThrough((n) => n === name, out);
      if (stack.depth === 0) rootClosed = true;
      continue;
    }
    // An entry never nests inside another element of the feed: close what was left open
    // (an unclosed <itunes:category> would otherwise swallow every item after it).
    const parents = ENTRY_PARENTS[localName(name)];
    if (parents && parents.some((p) => stack.hasLocal(p))) stack.closeAbove((open) => parents.includes(localName(open)), out);
    out.push(`<${name}${dedupeAttributes(attrs)}${selfClose ? '/' : ''}>`);
    if (!selfClose) stack.push(name);
    else if (stack.depth === 0) rootClosed = true;
  }
  emitText(text.slice(last));
  stack.closeAll(out);
  return out.join('');
}

const ENTRY_PARENTS: Record<string, string[]> = { item: ['channel', 'rss', 'RDF'], entry: ['feed'] };

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/**
 * The repair's stack of open elements, with a count of each name (and local name) open, so that
 * "is a <b> open at all?" is answered without searching the stack: a document of thousands of
 * unclosed elements followed by as many stray end tags was n^2 with a search per end tag. Every
 * search that remains ends at an element it then closes, so its cost is paid for by the pops.
 */
class OpenElements {
  private readonly names: string[] = [];
  private readonly open = new Map<string, number>();

  get depth(): number {
    return this.names.length;
  }
  has(name: string): boolean {
    return (this.open.get(name) ?? 0) > 0;
  }
  hasLocal(local: string): boolean {
    return (this.open.get(`:${local}`) ?? 0) > 0;
  }
  push(name: string): void {
    this.names.push(name);
    this.count(name, 1);
  }
  /** Closes down to and including the innermost open element that matches (one must be open). */
  closeThrough(match: (name: string) => boolean, out: string[]): void {
    for (;;) {
      const name = this.pop(out);
      if (name === undefined || match(name)) return;
    }
  }
  /** Closes everything inside the innermost open element that matches (one must be open). */
  closeAbove(match: (name: string) => boolean, out: string[]): void {
    while (this.names.length && !match(this.names[this.names.length - 1]!)) this.pop(out);
  }
  closeAll(out: string[]): void {
    while (this.names.length) this.pop(out);
  }
  private pop(out: string[]): string | undefined {
    const name = this.names.pop();
    if (name === undefined) return undefined;
    this.count(name, -1);
    out.push(`</${name}>`);
    return name;
  }
  private count(name: string, by: number): void {
    for (const key of [name, `:${localName(name)}`]) this.open.set(key, (this.open.get(key) ?? 0) + by);
  }
}

/** A repeated or unquoted attribute is fatal to a strict parser: keep the first, quote values. */
function dedupeAttributes(attrs: string): string {
  const seen = new Set<string>();
  return attrs.replace(/\s+([^\s=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>=\x60]+)/g, (_whole, name: string, value: string) => {
    if (seen.has(name)) return '';
    seen.add(name);
    const quoted = /^["']/.test(value) ? value : `"${value}"`;
    return ` ${name}=${quoted.replace(/&(?!#[0-9]+;|#x[0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)/g, '&amp;')}`;
  });
}
