// Charset precedence on real bytes (encoded with iconv-lite, never typed as mojibake by hand).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, normaliseCharset } from '../../src/fetch/charset.js';

const ES = 'Acción en Brasília: ¿qué pasó? São Paulo, Perú, ñandú';
const doc = (decl: string, text = ES) => `${decl}<rss version="2.0"><channel><title>${text}</title></channel></rss>`;
const title = (s: string) => /<title>(.*)<\/title>/.exec(s)?.[1];

describe('decodeBytes', () => {
  it('reads the prolog encoding when the header has none, and rewrites it to UTF-8', () => {
    const bytes = iconv.encode(doc('<?xml version="1.0" encoding="ISO-8859-1"?>'), 'latin1');
    const d = decodeBytes(bytes, 'application/xml');
    expect(title(d.text)).toBe(ES);
    expect(d.source).toBe('prolog');
    expect(d.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('reads the Content-Type charset when only the header declares it', () => {
    const d = decodeBytes(iconv.encode(doc(''), 'latin1'), 'application/rss+xml; charset=ISO-8859-1');
    expect(title(d.text)).toBe(ES);
    expect(d.source).toBe('header');
  });

  it('lets the header win over the prolog (RFC 7303)', () => {
    const ru = 'Первая новость';
    const bytes = iconv.encode(doc('<?xml version="1.0" encoding="ISO-8859-1"?>', ru), 'windows-1251');
    expect(title(decodeBytes(bytes, 'text/xml; charset=windows-1251').text)).toBe(ru);
  });

  it('lets the BOM win over everything', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('<?xml version="1.0" encoding="ISO-8859-1"?>'))]);
    const d = decodeBytes(bytes, 'text/xml; charset=windows-1251');
    expect(title(d.text)).toBe(ES);
    expect(d.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('reads UTF-16 and UTF-32 with and without a BOM', () => {
    const text = doc('<?xml version="1.0" encoding="UTF-16"?>');
    const le = iconv.encode(text, 'utf-16le');
    const be = iconv.encode(text, 'utf-16be');
    expect(title(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), le])).text)).toBe(ES);
    expect(title(decodeBytes(le).text)).toBe(ES);
    expect(title(decodeBytes(be).text)).toBe(ES);
    expect(title(decodeBytes(iconv.encode(text, 'utf-32le')).text)).toBe(ES);
    expect(title(decodeBytes(Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), iconv.encode(text, 'utf-32be')])).text)).toBe(ES);
  });

  it('recognises BOM-less UTF-16 that starts with whitespace', () => {
    const le = iconv.encode('\n  ' + doc(''), 'utf-16le');
    expect(title(decodeBytes(le, 'application/xml').text)).toBe(ES);
  });

  it('reads windows-1252 punctuation under an ISO-8859-1 label, as browsers do', () => {
    const bytes = iconv.encode(doc('<?xml version="1.0" encoding="iso-8859-1"?>', '“Comillas” — 5 €'), 'windows-1252');
    expect(title(decodeBytes(bytes).text)).toBe('“Comillas” — 5 €');
  });

  it('falls back to windows-1252 for undeclared bytes that are not UTF-8', () => {
    const d = decodeBytes(iconv.encode(doc(''), 'windows-1252'), 'application/xml');
    expect(title(d.text)).toBe(ES);
    expect(d.charset).toBe('windows-1252');
  });

  it('reads undeclared UTF-8 as UTF-8', () => {
    expect(title(decodeBytes(Buffer.from(doc(''))).text)).toBe(ES);
  });

  it('does not trust a Latin-1 label on bytes that are valid UTF-8, nor a UTF-8 label on Latin-1 bytes', () => {
    expect(title(decodeBytes(Buffer.from(doc('<?xml version="1.0" encoding="ISO-8859-1"?>'))).text)).toBe(ES);
    const latin = iconv.encode(doc('<?xml version="1.0" encoding="ISO-8859-1"?>'), 'latin1');
    const d = decodeBytes(latin, 'application/xml; charset=utf-8');
    expect(title(d.text)).toBe(ES);
    expect(d.warnings.join(' ')).toContain('utf-8');
  });

  it('detects multi-byte charsets with chardet when nothing is declared', () => {
    const ru = 'Как пережить новогоднюю ночь, советы и рекомендации для всей семьи';
    expect(title(decodeBytes(iconv.encode(doc('', ru), 'koi8-r')).text)).toBe(ru);
  });

  it('decodes the CJK and Cyrillic charsets a prolog may name', () => {
    for (const [label, text] of [
      ['KOI8-R', 'Первая новость'],
      ['Big5', '中文新聞'],
      ['EUC-KR', '한국어 뉴스'],
      ['GB2312', '中文新闻'],
      ['Shift_JIS', '日本語のニュース'],
    ] as const) {
      const bytes = iconv.encode(doc(`<?xml version="1.0" encoding="${label}"?>`, text), label);
      expect(title(decodeBytes(bytes).text), label).toBe(text);
    }
  });

  it('ignores a bogus encoding name with a warning', () => {
    const d = decodeBytes(Buffer.from(doc('<?xml version="1.0" encoding="bogus"?>')));
    expect(title(d.text)).toBe(ES);
    expect(d.warnings[0]).toContain('bogus');
  });
});

describe('normaliseCharset', () => {
  it('maps labels to the decoders browsers use', () => {
    expect(normaliseCharset('ISO-8859-1')).toBe('windows-1252');
    expect(normaliseCharset('"utf-8"')).toBe('utf-8');
    expect(normaliseCharset('GB2312')).toBe('gbk');
    expect(normaliseCharset('no-such-charset')).toBeUndefined();
  });
});
