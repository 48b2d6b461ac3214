// How well bytes fit UTF-8: valid, nearly (a stray byte or two in real UTF-8 text), or not.
// A UTF-8 feed with one stray byte (a truncated character, a Latin-1 byte pasted into one
// title) failed the strict check and was re-decoded as a legacy charset, turning all of its
// Cyrillic or accented text into garbage to spare one character.

/**
 * Nearly UTF-8: at most one invalid sequence per NEARLY_BYTES_PER_INVALID bytes (one is always
 * allowed), and at least MIN_VALID_PER_INVALID valid multi-byte sequences per invalid one. Text
 * really in a legacy charset fails the second test at once: each accented letter there is a high
 * byte between ASCII bytes, which is an invalid sequence, and valid multi-byte sequences are rare.
 */
export const NEARLY_BYTES_PER_INVALID = 1000;
export const MIN_VALID_PER_INVALID = 10;

export type Utf8Fit = { kind: 'valid' } | { kind: 'nearly'; invalid: number } | { kind: 'no' };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** One pass over the bytes (after the fast native check has failed), counting both kinds of sequence. */
export function utf8Fit(bytes: Uint8Array): Utf8Fit {
  if (isUtf8(bytes)) return { kind: 'valid' };
  let invalid = 0;
  let multiByte = 0;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(bytes, i);
    if (len === 0) {
      invalid++;
      i++;
    } else {
      multiByte++;
      i += len;
    }
  }
  const allowed = Math.max(1, Math.floor(n / NEARLY_BYTES_PER_INVALID));
  return invalid <= allowed && multiByte >= invalid * MIN_VALID_PER_INVALID ? { kind: 'nearly', invalid } : { kind: 'no' };
}

/** Length of the valid multi-byte sequence starting at i (WHATWG's ranges), or 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  let len: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) len = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    len = 3;
    if (b === 0xe0) lo = 0xa0;
    if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    len = 4;
    if (b === 0xf0) lo = 0x90;
    if (b === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k < len; k++) {
    const c = bytes[i + k];
    if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return 0;
  }
  return len;
}
