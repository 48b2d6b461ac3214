// Feed recognition and lenient parsing on small hand-written documents.
import { describe, expect, it } from 'vitest';
import { advertisedFeeds, findRoot, parseFeed } from '../../src/fetch/parse.js';
import { repairXml } from '../../src/fetch/xml-repair.js';

const URL_ = 'https://example.org/feed';

async function ok(xml: string) {
  const r = await parseFeed(xml, URL_);
  if (!r.ok) throw new Error(`expected a feed, got ${r.message}`);
  return r;
}

describe('parseFeed', () => {
  it('reads RSS 2.0, RSS without version, RSS 0.91 and RSS 1.0/RDF', async () => {
    const item = '<item><title>T</title><link>https://example.org/1</link></item>';
    expect((await ok(`<rss version="2.0"><channel>${item}</channel></rss>`)).feed).toMatchObject({ format: 'rss2', entries: [{ title: 'T' }] });
    expect((await ok(`<rss><channel>${item}</channel></rss>`)).feed.entries).toHaveLength(1);
    expect((await ok(`<rss version="0.91"><channel>${item}</channel></rss>`)).feed.format).toBe('rss09');
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>C</title></channel>${item}</rdf:RDF>`;
    expect((await ok(rdf)).feed).toMatchObject({ format: 'rss1', entries: [{ title: 'T', link: 'https://example.org/1' }] });
    const rss090 = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>C</title></channel>${item}</rdf:RDF>`;
    expect((await ok(rss090)).feed.format).toBe('rss09');
  });

  it('reads items placed directly under <rss> without a channel', async () => {
    const r = await ok('<rss><item><title>Huérfano</title></item></rss>');
    expect(r.feed.entries.map((e) => e.title)).toEqual(['Huérfano']);
  });

  it('reads Atom 1.0, Atom 0.3 and a namespace-prefixed Atom root', async () => {
    const a10 = await ok('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><link href="/a"/><published>2025-03-01T00:00:00Z</published></entry></feed>');
    expect(a10.feed).toMatchObject({ format: 'atom10', entries: [{ title: 'A', link: '/a', dates: ['2025-03-01T00:00:00Z'] }] });
    const a03 = await ok('<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>B</title><link rel="alternate" href="https://x.org/b"/><issued>2004-01-01T00:00:00Z</issued></entry></feed>');
    expect(a03.feed).toMatchObject({ format: 'atom03', entries: [{ title: 'B', link: 'https://x.org/b', dates: ['2004-01-01T00:00:00Z'] }] });
    const pre = await ok('<x:feed xmlns:x="http://www.w3.org/2005/Atom"><x:entry><x:title>C</x:title><x:id>urn:c</x:id></x:entry></x:feed>');
    expect(pre.feed).toMatchObject({ format: 'atom10', entries: [{ title: 'C', id: 'urn:c' }] });
  });

  it('finds Dublin Core under any prefix the publisher chose', async () => {
    const r = await ok('<rss version="2.0" xmlns:dublin="http://purl.org/dc/elements/1.1/"><channel><item><title>T</title><dublin:date>2025-03-01</dublin:date><dublin:creator>Ana</dublin:creator></item></channel></rss>');
    expect(r.feed.entries[0]).toMatchObject({ dates: ['2025-03-01'], author: 'Ana' });
  });

  it('keeps an Atom entry whose date rss-parser cannot convert', async () => {
    const r = await ok('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>D</title><updated>3 de marzo de 2025</updated></entry></feed>');
    expect(r.feed.entries[0]).toMatchObject({ title: 'D', dates: ['3 de marzo de 2025'] });
  });

  it('says "not a feed" for HTML, with the advertised feeds made absolute', async () => {
    const html = '<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"><link rel="alternate" type="application/atom+xml" href="https://cdn.example.org/atom"></head><body></body></html>';
    const r = await parseFeed(html, 'https://example.org/news/');
    expect(r).toMatchObject({ ok: false, errorKind: 'not-a-feed', feedLinks: ['https://example.org/rss.xml', 'https://cdn.example.org/atom'] });
    expect((r as { message: string }).message).toContain('HTML page');
  });

  it('reads a feed preceded by a server warning, with a warning of its own', async () => {
    const r = await ok('<br />\n<b>Warning</b>: mysql_connect() failed in <b>/var/www/rss.php</b><br />\n<?xml version="1.0"?><rss version="2.0"><channel><item><title>Sigue</title></item></channel></rss>');
    expect(r.feed.entries[0]!.title).toBe('Sigue');
    // Text before the root is not well-formed: the feed is read only after repair, and says so.
    expect(r.repaired).toMatch(/^ignored \d+ characters of text before the feed$/);
    expect(r.warnings).toEqual([]);
    const plain = await ok('Notice: undefined index\n<rss version="2.0"><channel><item><title>Texto</title></item></channel></rss>');
    expect(plain.feed.entries[0]!.title).toBe('Texto');
  });

  it('says "not a feed" for OPML, other XML roots and JSON', async () => {
    expect(await parseFeed('<opml version="2.0"><body/></opml>', URL_)).toMatchObject({ ok: false, errorKind: 'not-a-feed', message: expect.stringContaining('OPML') });
    expect(await parseFeed('<?xml version="1.0"?><note><to>x</to></note>', URL_)).toMatchObject({ ok: false, errorKind: 'not-a-feed', message: expect.stringContaining('<note>') });
    expect(await parseFeed('{"version":"https://jsonfeed.org/version/1"}', URL_)).toMatchObject({ ok: false, errorKind: 'not-a-feed' });
  });

  it('fails an empty document with a reason', async () => {
    expect(await parseFeed('   ', URL_)).toMatchObject({ ok: false, errorKind: 'parse-error', message: 'parse-error: empty document' });
  });

  it('never resolves external entities: the DOCTYPE is dropped', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><item><title>a&xxe;b</title></item></channel></rss>';
    const r = await parseFeed(xxe, URL_);
    if (r.ok) expect(r.feed.entries[0]!.title).not.toContain('root:');
    else expect(r.errorKind).toBe('parse-error');
  });

  it('substitutes internal entities once and never external ones', async () => {
    const doc = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY who "Ana &amp; Luis"><!ENTITY ext SYSTEM "file:///etc/passwd"><!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><rss version="2.0"><channel><item><title>&who; &ext; &lol2;</title></item></channel></rss>';
    const r = await ok(doc);
    expect(r.feed.entries[0]!.title).toBe('Ana & Luis &ext; &lol;&lol;');
  });

  it('reads Atom links given as text instead of attributes', async () => {
    const r = await ok('<feed xmlns="http://www.w3.org/2005/Atom"><link>http://x.org/</link><entry><title>a</title><link>http://x.org/a</link></entry></feed>');
    expect(r.feed.entries[0]!.link).toBe('http://x.org/a');
  });

  it('reads HTML entities that RSS 0.91 allowed', async () => {
    const r = await ok('<rss version="0.91"><channel><item><title>Caf&eacute; &amp; Pa&ntilde;o&hellip;</title></item></channel></rss>');
    expect(r.feed.entries[0]!.title).toBe('Café & Paño…');
  });

  it('recovers bare ampersands, undefined entities, control characters and a truncated end, with a warning', async () => {
    const broken = '<rss version="2.0"><channel><item><title>Rusia & Cuba &foo; \u0001ok</title><link>https://x.org/?a=1&b=2</link></item><item><title>Cortado';
    const r = await ok(broken);
    expect(r.feed.entries.map((e) => e.title)).toEqual(['Rusia & Cuba &foo; ok', 'Cortado']);
    expect(r.feed.entries[0]!.link).toBe('https://x.org/?a=1&b=2');
    expect(r.repaired).toMatch(/^malformed XML \(.+\)$/);
    expect(r.warnings).toEqual([]);
  });

  it('fails with the parser\'s reason when no repair helps', async () => {
    const r = await parseFeed('<rss version="2.0"><channel><item><title a="1" a="2"', URL_);
    expect(r.ok === false || r.feed.entries.length <= 1).toBe(true);
    const hopeless = await parseFeed('<feed xmlns="http://www.w3.org/2005/Atom">\u0000<<<<', URL_);
    if (!hopeless.ok) expect(hopeless.message).toMatch(/^parse-error: /);
  });

  it('keeps the word order of inline XHTML and raw-HTML descriptions', async () => {
    const r = await ok('<rss version="2.0"><channel><item><title>T</title><description>Antes <b>negrita</b> después</description></item></channel></rss>');
    expect(r.feed.entries[0]!.summaryFields.description).toBe('Antes &lt;b&gt;negrita&lt;/b&gt; después'.replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  });
});

describe('cost', () => {
  it('prepares unclosed start tags and sniffs unclosed markup in linear time', async () => {
    const { prepareXml } = await import('../../src/fetch/xml-prepare.js');
    const { decodeBytes } = await import('../../src/fetch/charset.js');
    // Each took 4-21 s at these sizes when a start tag's pattern ran to the end of the document from
    // every unclosed '<description ' or '<title ' (and the charset sniff from every '<').
    for (const open of ['<description ', '<title ', '<content type="xhtml" ']) {
      const t0 = performance.now();
      prepareXml('<rss version="2.0"><channel>' + open.repeat(40000));
      expect(performance.now() - t0, open).toBeLessThan(3000);
    }
    const t0 = performance.now();
    decodeBytes(Buffer.concat([Buffer.from('<'.repeat(400000)), Buffer.from([0xff])]));
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('stays linear on thousands of unclosed elements (no quadratic rescans)', async () => {
    const doc = '<rss version="2.0"><channel>' + '<item><title>t</title><description>a<b>x'.repeat(20000);
    const t0 = performance.now();
    const r = await parseFeed(doc, URL_);
    expect(r.ok).toBe(true);
    // Was 13 s with a backtracking regex; now well under a second on a laptop. Generous for CI.
    expect(performance.now() - t0).toBeLessThan(6000);
  });

  it('stays linear on thousands of unclosed CDATA sections, comments, DOCTYPEs and PIs', async () => {
    for (const open of ['<![CDATA[', '<!--', '<!DOCTYPE x', '<?pi ']) {
      const doc = '<rss version="2.0"><channel>' + `<item><title>${open}x</title></item>`.repeat(20000);
      const t0 = performance.now();
      await parseFeed(doc, URL_);
      expect(performance.now() - t0, open).toBeLessThan(6000); // was 4 s per 0.8 MB, quadratic
    }
  });
});

describe('helpers', () => {
  it('findRoot skips the declaration, comments and the DOCTYPE', () => {
    expect(findRoot('<?xml version="1.0"?>\n<!-- c --><!DOCTYPE x [<!ENTITY a "b">]>\n<rss version="2.0">')).toEqual({ name: 'rss', attrs: ' version="2.0"' });
  });
  it('advertisedFeeds honours <base href>', () => {
    expect(advertisedFeeds('<head><base href="https://b.org/x/"><link rel="alternate" type="application/rss+xml" href="f.xml"></head>', 'https://a.org/')).toEqual(['https://b.org/x/f.xml']);
  });
  it('repairXml quotes unquoted attribute values and drops repeated attributes', () => {
    expect(repairXml('<feed><link href=http://x.org/a rel=alternate rel="x"/></feed>')).toBe('<feed><link href="http://x.org/a" rel="alternate"/></feed>');
  });
  it('repairXml moves entries out of an element left open', () => {
    expect(repairXml('<rss><channel><itunes:category><item><title>x</title></item></channel></rss>')).toBe('<rss><channel><itunes:category></itunes:category><item><title>x</title></item></channel></rss>');
  });
});
