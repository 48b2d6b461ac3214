// Text helpers every stage uses, each written once: the characters XML forbids, and one line of
// text. (Accent folding and the item limits live in classify/select and core/item-limits.ts.)

/**
 * Characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). A feed
 * that holds one is unreadable to a strict parser, and one in a title would make our RSS unparseable.
 */
// eslint-disable-next-line no-control-regex
export const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Could hold a character XML_FORBIDDEN removes. A plain class test is many times cheaper than the
 * replace with its lookarounds, and almost no text has a control character or a surrogate.
 */
// eslint-disable-next-line no-control-regex
const MAYBE_XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Plain text from a value of unknown shape: a string, without the characters XML forbids. */
export function withoutXmlForbidden(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return MAYBE_XML_FORBIDDEN.test(text) ? text.replace(XML_FORBIDDEN, '') : text;
}

/** Whitespace other than a single space: only then does collapsing change anything. */
const UNUSUAL_SPACE = /[^\S ]| {2}/;

/** Runs of whitespace (including newlines) become one space; text without any is returned as is. */
export function collapseSpaces(text: string): string {
  return UNUSUAL_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** One line of text: without the characters XML forbids, runs of whitespace (newlines included) as one space, trimmed. */
export function oneLine(value: unknown): string {
  return collapseSpaces(withoutXmlForbidden(value)).trim();
}

/** The longest message about a source that a log line or a stored error carries. */
export const MESSAGE_MAX_CHARS = 300;

/**
 * A message about a source (an error, a warning) as one line of at most MESSAGE_MAX_CHARS. Control
 * characters are left to the logger, which strips them from text lines and escapes them in JSON, so
 * a JSON log still says exactly what a feed sent.
 */
export function messageLine(value: unknown): string {
  const t = collapseSpaces(value === null || value === undefined ? '' : String(value)).trim();
  return t.length > MESSAGE_MAX_CHARS ? t.slice(0, MESSAGE_MAX_CHARS - 1) + '…' : t;
}

// Accent folding by table for Latin letters (what es/pt/en text uses): much cheaper than
// String.normalize on every item, and it keeps Latin text's length (classification's offsets rely on
// that). Text with other scripts falls back to decomposing and dropping every combining mark.
const LATIN_FOLD = new Map<string, string>();
for (let code = 0xc0; code <= 0x24f; code++) {
  const ch = String.fromCharCode(code);
  const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
  if (base !== ch && base.length === 1) LATIN_FOLD.set(ch, base);
}
const LATIN_ACCENTED = /[\u00c0-\u024f]/g;

/** The text without accents and other combining marks ("Bogotá" → "Bogota"); case is kept. */
export function foldAccents(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const latin = text.replace(LATIN_ACCENTED, (ch) => LATIN_FOLD.get(ch) ?? ch);
  return /[^\x00-\u024f]/.test(latin) ? latin.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC') : latin;
}

/** Lower case, accents removed: the form every word comparison (classifier, story keys) uses. */
export function fold(text: string): string {
  return foldAccents(text.toLowerCase());
}
