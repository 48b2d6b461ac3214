// The always-on, text-level preparation of feed XML, done before the strict parser sees it:
// drop the DOCTYPE (its external entities must never be resolved, and a strict parser cannot read
// what its internal subset declares) after substituting its internal entities, drop characters
// XML forbids, turn HTML named entities (&eacute;, which RSS 0.91's DTD made legal) into numeric
// references, and escape inline markup content so its word order survives. It only ever makes a
// well-formed document easier to read; the repair of a broken one is xml-repair.ts, run only
// after a parse failure.
import { decodeHTMLStrict } from 'entities';
import { XML_FORBIDDEN } from '../core/text.js';

/** The entities XML itself defines: left as they are. */
export const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const entityCache = new Map<string, string | null>();

/** Numeric reference for an HTML named entity, or null when HTML does not know it. */
export function htmlEntity(name: string): string | null {
  let v = entityCache.get(name);
  if (v === undefined) {
    const decoded = decodeHTMLStrict(`&${name};`);
    v = decoded === `&${name};` || decoded.length === 0 ? null : [...decoded].map((c) => `&#${c.codePointAt(0)};`).join('');
    entityCache.set(name, v);
  }
  return v;
}

/**
 * Applies fn to the parts of the document outside CDATA sections and comments (a parser reads
 * those verbatim: entities and markup inside them are not ours to touch). A section left open runs
 * to the end of the document. A hand-written scan, not a regex: an unclosed section repeated
 * thousands of times made the regex quadratic.
 */
function outsideVerbatim(text: string, fn: (s: string) => string): string {
  const out: string[] = [];
  let pos = 0;
  // Next known position of each opener; recomputed only once passed, so each is scanned once.
  let cdata = -2;
  let comment = -2;
  for (;;) {
    if (cdata !== -1 && cdata < pos) cdata = text.indexOf('<![CDATA[', pos);
    if (comment !== -1 && comment < pos) comment = text.indexOf('<!--', pos);
    const start = cdata < 0 ? comment : comment < 0 ? cdata : Math.min(cdata, comment);
    if (start < 0) break;
    const closer = start === cdata ? ']]>' : '-->';
    const close = text.indexOf(closer, start + 4);
    const end = close < 0 ? text.length : close + closer.length;
    out.push(fn(text.slice(pos, start)), text.slice(start, end));
    pos = end;
    if (close < 0) break;
  }
  if (pos < text.length) out.push(fn(text.slice(pos)));
  return out.join('');
}

// Sticky: tried only where "<!DOCTYPE" was found. Unanchored, a document repeating an unclosed
// "<!DOCTYPE" made the search quadratic.
const DOCTYPE_AT = /<!DOCTYPE\s[^[>]*(\[[\s\S]*?\]\s*)?>/iy;

/** The first DOCTYPE declaration: where it is and its internal subset. */
function findDoctype(text: string): { start: number; end: number; subset?: string } | undefined {
  const start = text.search(/<!DOCTYPE\s/i);
  if (start < 0) return undefined;
  DOCTYPE_AT.lastIndex = start;
  const m = DOCTYPE_AT.exec(text);
  if (!m) return undefined;
  return { start, end: start + m[0].length, ...(m[1] ? { subset: m[1] } : {}) };
}

export function stripDoctype(text: string): string {
  const d = findDoctype(text);
  return d ? text.slice(0, d.start) + text.slice(d.end) : text;
}

/** Largest text internal entities may add: a "billion laughs" document must not blow us up. */
const MAX_ENTITY_EXPANSION = 1024 * 1024;

/**
 * Internal general entities (<!ENTITY name "text">) are the one part of a DOCTYPE worth keeping:
 * their text is substituted once (never recursively, within MAX_ENTITY_EXPANSION). External ones
 * (SYSTEM/PUBLIC) and parameter entities are never resolved.
 */
function expandInternalEntities(text: string): string {
  const subset = findDoctype(text)?.subset;
  if (!subset) return text;
  const defs = new Map<string, string>();
  for (const m of subset.matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(["'])([^"']*)\2\s*>/g)) {
    if (!defs.has(m[1]!)) defs.set(m[1]!, m[3]!);
  }
  if (defs.size === 0) return text;
  let added = 0;
  const body = stripDoctype(text);
  return outsideVerbatim(body, (s) =>
    s.replace(/&([A-Za-z_][\w.-]*);/g, (whole, name: string) => {
      const v = defs.get(name);
      if (v === undefined || added + v.length > MAX_ENTITY_EXPANSION) return whole;
      added += v.length;
      return v;
    }),
  );
}

/** Whether a code point matches XML 1.0's Char production (what a character reference may name). */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const REFERENCE = /&(?:#[xX]([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));/g;

/**
 * The always-safe preparation. `notes` receives what was changed that the operator should hear of
 * (references to characters XML forbids, which a strict parser rejects along with the whole feed:
 * one such "&#0;" in one title must cost that reference, not the feed).
 */
export function prepareXml(text: string, notes: string[] = []): string {
  let t = text.replace(/^\uFEFF/, '').replace(XML_FORBIDDEN, '');
  // Whitespace before the XML declaration makes it a misplaced processing instruction.
  t = t.replace(/^\s+(?=<\?xml\b)/, '');
  t = stripDoctype(expandInternalEntities(t));
  t = flattenMarkupContent(t);
  let forbidden = 0;
  t = outsideVerbatim(t, (s) =>
    s.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name !== undefined) return XML_ENTITIES.has(name) ? whole : (htmlEntity(name) ?? whole);
      // parseInt of a long digit run is a huge number or Infinity, never a valid character.
      if (isXmlChar(hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10))) return whole;
      forbidden++;
      return '';
    }),
  );
  if (forbidden) notes.push(`dropped ${forbidden} character reference${forbidden === 1 ? '' : 's'} to characters XML forbids (such as &#0;)`);
  return t;
}

// Inline markup as child elements (Atom type="xhtml", RSS descriptions with raw HTML) reaches us
// from xml2js as text and children in separate bags, so word order is lost ("Conteúdo em .XHTML").
// Escaping such content into a string (what type="html" means) keeps it in order; the markup
// is removed later, when items are made (items.ts, plainText).
// A start tag's attributes never hold '<' (XML forbids it there): stopping at one keeps each match
// local, where '[^>]*' ran to the end of the document from every unclosed '<title ' (quadratic).
const XHTML_OPEN = /<((?:[\w.-]+:)?(?:content|summary|title|subtitle|rights))(\s[^<>]*?\btype\s*=\s*(["'])xhtml\3[^<>]*)>/g;
const DESCRIPTION_OPEN = /<((?:[\w.-]+:)?description)(\s[^<>]*)?>/g;

function escapeMarkup(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Rewrites the elements whose start tag `open` matches: `rewrite(attrs, inner)` returns the new
 * attributes and content, or null to leave the element alone. Linear in the document: each close
 * tag is searched for once past the previous element, and a close tag known to be absent after
 * some point is not searched for again (an unclosed element per item must not cost n^2).
 */
function rewriteElements(text: string, open: RegExp, rewrite: (attrs: string, inner: string) => [string, string] | null): string {
  const out: string[] = [];
  const absentAfter = new Map<string, number>();
  let last = 0;
  open.lastIndex = 0;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const name = m[1]!;
    const close = `</${name}>`;
    const from = m.index + m[0].length;
    const knownAbsent = absentAfter.get(close);
    const end = knownAbsent !== undefined && knownAbsent <= from ? -1 : text.indexOf(close, from);
    if (end < 0) {
      if (knownAbsent === undefined || from < knownAbsent) absentAfter.set(close, from);
      continue;
    }
    const replaced = rewrite(m[2] ?? '', text.slice(from, end));
    if (replaced) {
      out.push(text.slice(last, m.index), `<${name}${replaced[0]}>`, replaced[1], close);
      last = end + close.length;
    }
    open.lastIndex = end + close.length;
  }
  out.push(text.slice(last));
  return out.join('');
}

export function flattenMarkupContent(text: string): string {
  let t = rewriteElements(text, XHTML_OPEN, (attrs, inner) => [attrs.replace(/\btype\s*=\s*(["'])xhtml\1/, 'type="html"'), escapeMarkup(inner)]);
  t = rewriteElements(t, DESCRIPTION_OPEN, (attrs, inner) =>
    /<[A-Za-z]/.test(inner) && !inner.includes('<![CDATA[') ? [attrs, escapeMarkup(inner)] : null,
  );
  return t;
}
