// Bytes -> string, choosing the charset in this order (first that applies wins):
//   1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE): unambiguous, and it overrides any label;
//   2. the XML spec's Appendix F sniff of "<?" in UTF-16/32 without a BOM (a prolog we could not even read);
//   3. the Content-Type charset: RFC 7303 §3 makes the transport label authoritative over the prolog for
//      XML media types (feedparser does the same) ... except when the label says UTF-8 and the bytes are
//      not valid UTF-8 while the prolog names another charset: a server-wide default header is the usual
//      liar, so the document's own declaration is the better witness there;
//   4. the XML declaration's encoding="..." (when it names a charset we know, and it is not a UTF-16/32
//      label on a document we just read as single bytes, which proves it wrong);
//   5. detection: valid UTF-8 is UTF-8; otherwise chardet, trusted only for the multi-byte and Cyrillic
//      families it recognises well, else windows-1252 (the commonest undeclared charset of Spanish and
//      Portuguese sites).
// ISO-8859-1 and US-ASCII are read as windows-1252, as browsers do (WHATWG Encoding), because servers
// that say ISO-8859-1 routinely send the 0x80-0x9F punctuation of windows-1252 (curly quotes, dashes).
// A declared charset whose bytes do not decode (UTF-8 label on Latin-1 bytes) falls through to detection
// with a warning rather than planting U+FFFD in every accented word. Bytes that are nearly all valid
// UTF-8 (utf8.ts) are UTF-8 with a U+FFFD for each stray sequence, and a warning: planting one U+FFFD
// beats re-reading every Cyrillic word as a legacy charset.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { utf8Fit, type Utf8Fit } from './utf8.js';

export type CharsetSource = 'bom' | 'sniffed' | 'header' | 'prolog' | 'detected' | 'default';

export interface Decoded {
  text: string;
  /** Charset actually used (iconv-lite name). */
  charset: string;
  source: CharsetSource;
  warnings: string[];
}

/** Canonical iconv-lite name for a label, or undefined when unknown. */
export function normaliseCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l) return undefined;
  const alias: Record<string, string> = {
    'iso-8859-1': 'windows-1252',
    iso8859_1: 'windows-1252',
    'iso_8859-1': 'windows-1252',
    latin1: 'windows-1252',
    'latin-1': 'windows-1252',
    'us-ascii': 'windows-1252',
    ascii: 'windows-1252',
    'ansi_x3.4-1968': 'windows-1252',
    cp1252: 'windows-1252',
    utf8: 'utf-8',
    // Supersets, as the WHATWG Encoding Standard maps them: what the label says is rarely all that is sent.
    gb2312: 'gbk',
    'euc-cn': 'gbk',
    'euc-kr': 'cp949',
    'ks_c_5601-1987': 'cp949',
    'x-sjis': 'shift_jis',
    'utf-16': 'utf-16be', // unlabelled endianness without a BOM: big-endian (RFC 2781 §4.3)
    'utf-32': 'utf-32be',
    ucs2: 'utf-16le',
  };
  const name = alias[l] ?? l;
  return iconv.encodingExists(name) ? name : undefined;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m?.[2];
}

function bom(bytes: Buffer): { charset: string; length: number } | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { charset: 'utf-8', length: 3 };
  // UTF-32 LE before UTF-16 LE: its BOM begins with the UTF-16 LE one.
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { charset: 'utf-32le', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { charset: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16/32 without a BOM (XML 1.0 Appendix F, generalised): ASCII markup in a wide encoding
 * leaves NUL bytes in fixed positions, which single-byte and UTF-8 text never has. Looking at the
 * pattern rather than only the first four bytes also catches a document that starts with whitespace.
 */
function sniffWide(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024);
  if (head.length < 4) return undefined;
  const zerosAt = [0, 0, 0, 0];
  let zeros = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] === 0) {
      zeros++;
      zerosAt[i % 4]!++;
    }
  }
  if (zeros < head.length / 4) return undefined;
  const [z0, z1, z2, z3] = zerosAt as [number, number, number, number];
  const quarter = head.length / 4;
  // UTF-32: three of every four bytes are NUL for ASCII.
  if (z1 > quarter * 0.9 && z2 > quarter * 0.9 && z3 > quarter * 0.9 && z0 < quarter * 0.1) return 'utf-32le';
  if (z0 > quarter * 0.9 && z1 > quarter * 0.9 && z2 > quarter * 0.9 && z3 < quarter * 0.1) return 'utf-32be';
  const odd = z1 + z3;
  const even = z0 + z2;
  if (odd > 3 * even) return 'utf-16le';
  if (even > 3 * odd) return 'utf-16be';
  return undefined;
}

/** encoding="..." of the XML declaration, read as ASCII (valid for every ASCII-compatible charset). */
export function prologEncoding(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 512).toString('latin1');
  const m = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(head);
  return m?.[2];
}

// chardet names we accept when nothing was declared; the single-byte Latin guesses are too shaky.
const TRUSTED_DETECTIONS: Record<string, string> = {
  'Shift_JIS': 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'cp949',
  Big5: 'big5',
  GB18030: 'gb18030',
  'KOI8-R': 'koi8-r',
  'windows-1251': 'windows-1251',
  'ISO-8859-5': 'iso-8859-5',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'UTF-32LE': 'utf-32le',
  'UTF-32BE': 'utf-32be',
};

/**
 * Undeclared, not UTF-8. chardet is weak on the short texts feeds are (markup dilutes the
 * statistics), so: strip the tags first; if the text reads like a Latin script in windows-1252
 * (accented letters sit inside ASCII words: "acción", "ações"), that is the answer, the common case
 * for our sources. Otherwise (runs of high bytes: Cyrillic, CJK) take chardet's first trusted
 * guess; between the two Cyrillic single-byte charsets decide by where the lowercase letters fall.
 */
function detect(bytes: Buffer, fit: Utf8Fit): { charset: string; source: CharsetSource } {
  if (fit.kind !== 'no') return { charset: 'utf-8', source: 'detected' };
  // '[^<>]': a tag never holds '<'; with '[^>]' every '<' of an unclosed run scanned to the end.
  const text = Buffer.from(bytes.toString('latin1').replace(/<[^<>]*>/g, ' '), 'latin1');
  if (latinLooking(text)) return { charset: 'windows-1252', source: 'default' };
  const ranked = chardet.analyse(text).slice(0, 5);
  const guess = ranked.map((r) => TRUSTED_DETECTIONS[r.name]).find((c) => c !== undefined);
  if (guess && !CYRILLIC.has(guess)) return { charset: guess, source: 'detected' };
  return { charset: koi8OrCp1251(text), source: 'detected' };
}

const CYRILLIC = new Set(['koi8-r', 'windows-1251', 'iso-8859-5']);

function latinLooking(bytes: Buffer): boolean {
  let high = 0;
  let inRuns = 0;
  let run = 0;
  const close = () => {
    if (run >= 3) inRuns += run;
    run = 0;
  };
  for (const b of bytes) {
    if (b > 0x7f) {
      high++;
      run++;
    } else if (b !== 0x20 || run === 0) close();
  }
  close();
  return high === 0 || inRuns / high < 0.5;
}

/** KOI8-R puts lowercase Cyrillic at 0xC0-0xDF, windows-1251 at 0xE0-0xFF; text is mostly lowercase. */
function koi8OrCp1251(bytes: Buffer): string {
  let lowKoi = 0;
  let low1251 = 0;
  for (const b of bytes) {
    if (b >= 0xc0 && b <= 0xdf) lowKoi++;
    else if (b >= 0xe0) low1251++;
  }
  return lowKoi > low1251 ? 'koi8-r' : 'windows-1251';
}

/**
 * Whether the bytes plausibly are in the charset. Only UTF-8 can be checked cheaply and reliably,
 * and that check also catches the commonest lie the other way round: a Latin-1 label on UTF-8
 * text. Non-ASCII bytes that happen to form valid UTF-8 sequences are very rare in real Latin-1
 * text, so valid multi-byte UTF-8 under a windows-1252/ISO-8859-1 label is read as UTF-8.
 */
function plausible(bytes: Buffer, charset: string, fit: () => Utf8Fit): boolean {
  if (charset === 'utf-8') return fit().kind !== 'no';
  if (charset === 'windows-1252') return !(hasNonAscii(bytes) && fit().kind !== 'no');
  return true;
}

function hasNonAscii(bytes: Buffer): boolean {
  for (const b of bytes) if (b > 0x7f) return true;
  return false;
}

export function decodeBytes(bytes: Buffer, contentType?: string): Decoded {
  const warnings: string[] = [];
  let known: Utf8Fit | undefined;
  const fit = () => (known ??= utf8Fit(bytes));
  const finish = (charset: string, source: CharsetSource, skip = 0): Decoded => {
    const f = charset === 'utf-8' ? fit() : undefined;
    if (f?.kind === 'nearly') warnings.push(`${f.invalid} byte sequence${f.invalid === 1 ? ' is' : 's are'} not valid UTF-8 in otherwise UTF-8 text; replaced with U+FFFD`);
    let text = iconv.decode(bytes.subarray(skip), charset, { stripBOM: true });
    text = rewritePrologEncoding(text);
    return { text, charset, source, warnings };
  };

  const b = bom(bytes);
  if (b) return finish(b.charset, 'bom', b.length);
  const wide = sniffWide(bytes);
  if (wide) return finish(wide, 'sniffed');

  const headerLabel = charsetFromContentType(contentType);
  const header = normaliseCharset(headerLabel);
  const prologLabel = prologEncoding(bytes);
  let prolog = normaliseCharset(prologLabel);
  if (prologLabel && !prolog) warnings.push(`unknown encoding "${prologLabel}" in the XML declaration, ignored`);
  if (prolog && /^utf-(16|32)/.test(prolog)) {
    // We read the declaration as single bytes, so it cannot be UTF-16/32 whatever it says.
    warnings.push(`XML declaration says ${prologLabel} but the document is single-byte; ignored`);
    prolog = undefined;
  }
  if (headerLabel && !header) warnings.push(`unknown charset "${headerLabel}" in Content-Type, ignored`);

  if (header && !/^utf-(16|32)/.test(header)) {
    if (plausible(bytes, header, fit)) return finish(header, 'header');
    if (prolog && prolog !== header) {
      warnings.push(`Content-Type says ${headerLabel} but the bytes are not; using the XML declaration's ${prologLabel}`);
      return finish(prolog, 'prolog');
    }
    warnings.push(`Content-Type says ${headerLabel} but the bytes do not fit it; charset detected instead`);
  } else if (prolog) {
    if (plausible(bytes, prolog, fit)) return finish(prolog, 'prolog');
    warnings.push(`XML declaration says ${prologLabel} but the bytes do not fit it; charset detected instead`);
  }
  const d = detect(bytes, fit());
  return finish(d.charset, d.source);
}

/**
 * The text is already decoded: make the declaration say so, so that no parser downstream
 * re-decodes it by the original label.
 */
export function rewritePrologEncoding(text: string): string {
  return text.replace(/^(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
}
