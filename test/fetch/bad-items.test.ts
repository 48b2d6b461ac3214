// Issue 16, point 2, "one bad item never costs the feed": a reference to a character XML forbids,
// an entry nested 100,000 deep, or a stray byte in UTF-8 text each cost at most that reference,
// that entry or that character, never the feed and its other items.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { processBody } from '../../src/fetch/process.js';

const NOW = new Date('2026-10-05T00:00:00Z');
const source = { id: 'bad', language: 'es' };

async function read(body: Buffer | string, contentType = 'application/rss+xml') {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const r = await processBody(source, bytes, contentType, 'https://bad.example/feed', { maxBytes: 10 << 20 }, NOW);
  if (!('items' in r)) throw new Error(`expected a feed, got ${r.reason}`);
  return r;
}

const feed = (...titles: string[]) =>
  '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>c</title>' +
  titles.map((t, i) => `<item><title>${t}</title><link>https://bad.example/${i}</link><description>Resumen ${i}</description></item>`).join('') +
  '</channel></rss>';

describe('one bad item never costs the feed', () => {
  for (const ref of ['&#0;', '&#x1B;', '&#xD800;', '&#x110000;', '&#99999999999999999999;']) {
    it(`drops a reference to a forbidden character (${ref}) and keeps every item`, async () => {
      const r = await read(feed('Primera nota', `Antes${ref}después &#xE9; &#233;`, 'Tercera nota'));
      expect(r.items.map((i) => [i.title, i.url, i.summary])).toEqual([
        ['Primera nota', 'https://bad.example/0', 'Resumen 0'],
        ['Antesdespués é é', 'https://bad.example/1', 'Resumen 1'],
        ['Tercera nota', 'https://bad.example/2', 'Resumen 2'],
      ]);
      expect(r.warnings).toContain('dropped 1 character reference to characters XML forbids (such as &#0;)');
      // Read as it is, not after repair: the reference was the only fault.
      expect(r.repaired).toBeUndefined();
    });
  }

  it('drops the one entry nested 100,000 deep and keeps the others', async () => {
    const deep = '<b>'.repeat(100_000) + 'hondo' + '</b>'.repeat(100_000);
    const r = await read(feed('Primera nota', deep, 'Tercera nota'));
    expect(r.items.map((i) => [i.title, i.url])).toEqual([
      ['Primera nota', 'https://bad.example/0'],
      ['Tercera nota', 'https://bad.example/2'],
    ]);
    expect(r.warnings).toContain('dropped 1 entry nested deeper than 1000 elements');
  });

  it('keeps an Atom feed whose one entry is nested too deep', async () => {
    const deep = '<x:b xmlns:x="urn:x">'.repeat(5_000) + '</x:b>'.repeat(5_000);
    const r = await read(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>' +
        '<entry><title>Uno</title><id>u1</id><link href="https://bad.example/1"/></entry>' +
        `<entry><title>Dos</title><id>u2</id><author><name>${deep}</name></author></entry>` +
        '<entry><title>Tres</title><id>u3</id><link href="https://bad.example/3"/></entry></feed>',
      'application/atom+xml',
    );
    expect(r.items.map((i) => i.title)).toEqual(['Uno', 'Tres']);
    expect(r.warnings).toContain('dropped 1 entry nested deeper than 1000 elements');
  });

  const cyrillic = feed('Москва и Каракас подписали соглашение о нефти', 'Второе сообщение агентства', 'Третье сообщение: рубль и боливар');
  const strayAt = (text: string, marker: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf(Buffer.from(marker, 'utf8'));
    return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
  };

  for (const [how, contentType] of [
    ['declared in the header', 'application/rss+xml; charset=utf-8'],
    ['declared only in the XML declaration', 'application/rss+xml'],
    ['with a Latin-1 label that is wrong', 'application/rss+xml; charset=iso-8859-1'],
  ] as const) {
    it(`reads UTF-8 with one stray byte as UTF-8 (${how}), with a warning`, async () => {
      const r = await read(strayAt(cyrillic, 'сообщение агентства'), contentType);
      expect(r.items.map((i) => i.title)).toEqual([
        'Москва и Каракас подписали соглашение о нефти',
        'Второе \uFFFDсообщение агентства',
        'Третье сообщение: рубль и боливар',
      ]);
      expect(r.warnings).toContain('1 byte sequence is not valid UTF-8 in otherwise UTF-8 text; replaced with U+FFFD');
    });
  }

  it('still reads a real Latin-1 feed under a UTF-8 label as Latin-1', async () => {
    const latin = iconv.encode(feed('Acción en Bogotá', 'Café y azúcar en São Paulo', 'Perú: elecciones'), 'latin1');
    const r = await read(latin, 'application/rss+xml; charset=utf-8');
    expect(r.items.map((i) => i.title)).toEqual(['Acción en Bogotá', 'Café y azúcar en São Paulo', 'Perú: elecciones']);
  });
});
