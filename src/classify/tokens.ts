// Turns an item's text fields into comparable tokens: lowercase, accents stripped, punctuation
// treated as a word break. Each token keeps enough of the original to let the rules reason about
// case ("China" the country vs "china" the porcelain) and quotation ("'imperialist threat'" is
// reported speech, imperialist threat unquoted is the narrator's voice).
import { fold } from '../core/text.js';

export type Field = 'title' | 'summary' | 'url' | 'categories';

export interface Token {
  /** Normalised form: lowercase ASCII letters and digits. */
  text: string;
  /** Offsets of the original word in the field text (end exclusive). */
  start: number;
  end: number;
  /** True when the original token begins with an upper-case letter. */
  cap: boolean;
  /** True when the token sits between quotation marks in the original. */
  quoted: boolean;
}

export interface FieldTokens {
  field: Field;
  raw: string;
  tokens: Token[];
}

/** Split a phrase (from a lexicon or a text) into normalised tokens. */
export function phraseTokens(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9*]+/)
    .filter((t) => t.length > 0);
}

// Per-character tables for Latin text (U+0000–U+024F), built once: is it part of a word, is it
// upper case, and its folded form ("É" → "e"). Tokenising then costs one table lookup a character.
const TABLE_SIZE = 0x250;
const WORD = new Uint8Array(TABLE_SIZE);
const UPPER = new Uint8Array(TABLE_SIZE);
const FOLDED: string[] = new Array<string>(TABLE_SIZE).fill('');
for (let c = 0; c < TABLE_SIZE; c++) {
  const ch = String.fromCharCode(c);
  if (!/[\p{L}\p{N}]/u.test(ch)) continue;
  WORD[c] = 1;
  UPPER[c] = ch !== ch.toLowerCase() ? 1 : 0;
  FOLDED[c] = fold(ch);
}

function isWordChar(code: number): boolean {
  if (code < TABLE_SIZE) return WORD[code] === 1;
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

/**
 * Characters that open or close quoted speech: " ' « » and the curly quotes U+2018–U+201E. The
 * ASCII apostrophe is both a quote and an apostrophe ("Venezuela's"); it only counts as a quote
 * when it is not between two letters.
 */
const isQuoteCode = (code: number): boolean =>
  code === 34 || code === 39 || code === 0xab || code === 0xbb || (code >= 0x2018 && code <= 0x201e);

/** Tokenise one field, marking case and quotation per token. */
export function tokenise(field: Field, raw: string): FieldTokens {
  const tokens: Token[] = [];
  let quoted = false;
  let i = 0;
  const n = raw.length;
  while (i < n) {
    const code = raw.charCodeAt(i);
    if (isQuoteCode(code)) {
      const before = i > 0 && isWordChar(raw.charCodeAt(i - 1));
      const after = i + 1 < n && isWordChar(raw.charCodeAt(i + 1));
      // An apostrophe inside a word (don't, Venezuela's) is not a quotation mark.
      if (!(before && after)) {
        if (!quoted && after && !before) quoted = true;
        else if (quoted && !after) quoted = false;
      }
      i++;
      continue;
    }
    if (code < TABLE_SIZE ? WORD[code] === 0 : !isWordChar(code)) {
      i++;
      continue;
    }
    let j = i + 1;
    let ascii = code < 128;
    while (j < n) {
      const c = raw.charCodeAt(j);
      if (c < TABLE_SIZE ? WORD[c] === 0 : !isWordChar(c)) break;
      if (c >= 128) ascii = false;
      j++;
    }
    const word = raw.slice(i, j);
    const cap = code < TABLE_SIZE ? UPPER[code] === 1 : word[0] !== word[0]?.toLowerCase();
    if (ascii) {
      tokens.push({ text: word.toLowerCase(), start: i, end: j, cap, quoted });
    } else {
      let text = '';
      let simple = true;
      for (let k = i; k < j; k++) {
        const c = raw.charCodeAt(k);
        if (c >= TABLE_SIZE) {
          simple = false;
          break;
        }
        text += FOLDED[c];
      }
      if (!simple) text = fold(word);
      // Folding may leave non-ASCII letters (e.g. Cyrillic); keep them, the lexicons won't match them.
      for (const part of text.split(/[^a-z0-9\p{L}]+/u)) {
        if (part) tokens.push({ text: part, start: i, end: j, cap, quoted });
      }
    }
    i = j;
  }
  return { field, raw, tokens };
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Path segments of a URL, decoded and folded ("/opinião/" becomes "opiniao"); no scheme, host, query or fragment. */
export function urlSegments(url: string): string[] {
  // Scheme and host are dropped by hand: the URL constructor is slow for one path per item, and
  // this runs for every item of a build.
  const scheme = SCHEME.exec(url);
  let start = 0;
  if (scheme) {
    start = scheme[0].length;
    while (start < url.length && url[start] !== '/' && url[start] !== '?' && url[start] !== '#') start++;
  }
  let end = start;
  while (end < url.length && url[end] !== '?' && url[end] !== '#') end++;
  const out: string[] = [];
  for (const raw of url.slice(start, end).split('/')) {
    if (!raw) continue;
    let seg = raw;
    if (raw.includes('%')) {
      try {
        seg = decodeURIComponent(raw);
      } catch {
        // Malformed escapes: keep the segment as written.
      }
    }
    out.push(fold(seg));
  }
  return out;
}
