// Escaping and URL vetting shared by every output format.
// Feed text is untrusted: it reaches the page only through these functions or Handlebars' own
// escaping, never as markup.
import { collapseSpaces, withoutXmlForbidden } from '../core/text.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

/** Escape for HTML text and double-quoted attributes (the same set Handlebars escapes). */
export function escapeHtml(value: unknown): string {
  return withoutXmlForbidden(value).replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * The URL if it is an absolute http(s) URL, else null: `javascript:`, `data:`, `vbscript:`,
 * relative and malformed addresses never become links. The WHATWG parser strips the tabs,
 * newlines and leading spaces that are used to smuggle a scheme past naive checks.
 */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href;
}

/**
 * Inline characters Markdown (CommonMark and GFM) would misread wherever they stand: a backslash
 * before punctuation or at the end (it would escape what the template puts next), backticks
 * (code), `*` and `~` (emphasis, GFM strikethrough), `[` and `]` (a `]` ends the link label a title
 * sits in; without them no link, image or reference can form), `<` before a letter, `/`, `!` or
 * `?` (raw HTML, an autolink), `&` starting an entity, and `_` except inside a word (CommonMark
 * never reads snake_case as emphasis). A `(` right after a `]` is escaped too, so the text holds
 * no `](` that a naive converter could take for a link. `|` is left alone: the edition has no
 * tables. Everything else (`-`, `+`, `.`, `(`, `!`, `#`, `{`) is plain text inside a line.
 */
const MARKDOWN_INLINE = /\\(?=[!-/:-@[-`{-~]|$)|[`*~[\]]|\((?<=\]\()|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/**
 * Escape feed text for Markdown, only where Markdown would misread it, so the edition pastes into
 * a CMS as readable text. `<` and `&` become entities (`&lt;`, `&amp;`: more portable across CMS
 * dialects than backslashes), the rest take a backslash. Text is put on one line (whitespace is
 * collapsed, not trimmed, so inline pieces keep their spacing), and what only matters at the start
 * of a line (`#`, `>`, `-`, `+`, `=`, `1.`, `1)`) is escaped there, so the text can never open a
 * heading, quote, list or setext heading wherever a template places it; a closing run of `#`
 * (which an ATX heading would drop) is kept by escaping it.
 */
export function escapeMarkdown(value: unknown): string {
  return collapseSpaces(withoutXmlForbidden(value))
    .replace(MARKDOWN_INLINE, (c) => (c === '<' ? '&lt;' : c === '&' ? '&amp;' : `\\${c}`))
    .replace(/^(\s?)([#>+=-])/, '$1\\$2')
    .replace(/^(\s?\d+)([.)])/, '$1\\$2')
    .replace(/ (#+)$/, ' \\$1');
}

/** A link destination for Markdown: vetted, then wrapped so parentheses and spaces cannot end it. */
export function markdownUrl(value: unknown): string | null {
  const url = safeUrl(value);
  if (!url) return null;
  // URL.href already percent-encodes spaces, quotes and angle brackets; encode the rest that
  // could close the destination.
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
