// Turns an item's text fields into comparable tokens: lowercase, accents stripped, punctuation
// treated as a word break. Each token keeps enough of the original to let the rules reason about
// case ("China" the country vs "china" the porcelain) and quotation ("'imperialist threat'" is
// reported speech, imperialist threat unquoted is the narrator's voice).

export type Field = 'title' | 'summary' | 'url' | 'categories';

export interface Token {
  /** Normalised form: lowercase ASCII letters and digits. */
  text: string;
  /** Offset of the token's first character in the original field text. */
  start: number;
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

const COMBINING = /[\u0300-\u036f]/g;
// Characters that open or close quoted speech. The ASCII apostrophe is both a quote and an
// apostrophe ("Venezuela's"); it only counts as a quote when it is not between two letters.
const QUOTES = new Set(['"', "'", '\u2018', '\u2019', '\u201c', '\u201d', '\u00ab', '\u00bb', '\u201e']);

/** Lowercase and strip diacritics; the result has the same length as the input for Latin text. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Fast path: plain ASCII needs no Unicode decomposition.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower.normalize('NFD').replace(COMBINING, '').normalize('NFC');
}

/** Split a phrase (from a lexicon or a text) into normalised tokens. */
export function phraseTokens(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9*]+/)
    .filter((t) => t.length > 0);
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** Tokenise one field, marking case and quotation per token. */
export function tokenise(field: Field, raw: string): FieldTokens {
  const tokens: Token[] = [];
  let quoted = false;
  let i = 0;
  const n = raw.length;
  while (i < n) {
    const ch = raw[i] as string;
    if (QUOTES.has(ch)) {
      const before = raw[i - 1];
      const after = raw[i + 1];
      // An apostrophe inside a word (don't, Venezuela's) is not a quotation mark.
      if (!(isLetter(before) && isLetter(after))) {
        if (!quoted && isLetter(after) && !isLetter(before)) quoted = true;
        else if (quoted && !isLetter(after)) quoted = false;
      }
      i++;
      continue;
    }
    if (!isLetter(ch)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isLetter(raw[j])) j++;
    const word = raw.slice(i, j);
    const folded = fold(word);
    // Folding may leave non-ASCII letters (e.g. "ß", Cyrillic); keep them, the lexicons won't match them.
    for (const part of folded.split(/[^a-z0-9\p{L}]+/u)) {
      if (part) tokens.push({ text: part, start: i, cap: word[0] !== word[0]?.toLowerCase(), quoted });
    }
    i = j;
  }
  return { field, raw, tokens };
}

/** Path segments of a URL, decoded and folded ("/opinião/" becomes "opiniao"). */
export function urlSegments(url: string): string[] {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // Not an absolute URL: treat the whole string as a path.
  }
  return path
    .split('/')
    .map((s) => {
      try {
        return fold(decodeURIComponent(s));
      } catch {
        return fold(s);
      }
    })
    .filter((s) => s.length > 0);
}
