// URLs, text and dates as the later stages need them.
import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/fetch/dates.js';
import { canonicalUrl, itemSummary, languageCode, toFeedItems, plainText, repairMojibake, SUMMARY_MAX_CHARS } from '../../src/fetch/items.js';
import { parseFeed, type RawFeed } from '../../src/fetch/parse.js';

const NOW = new Date('2025-03-10T12:00:00Z');

describe('parseFeedDate', () => {
  const cases: [string, string | null][] = [
    ['Mon, 03 Mar 2025 10:00:00 GMT', '2025-03-03T10:00:00.000Z'],
    ['Mon, 03 Mar 2025 10:00:00 EST', '2025-03-03T15:00:00.000Z'],
    ['Mon, 3 Mar 2025 10:00:00 -0300', '2025-03-03T13:00:00.000Z'],
    ['Mon, 3 Mar 2025 10:00 GMT-3', '2025-03-03T13:00:00.000Z'],
    ['Mon, 03 Mar 25 10:00:00 +0000 (UTC)', '2025-03-03T10:00:00.000Z'],
    ['Mon, 3 Mar 2025 10:00:00 BRT', '2025-03-03T13:00:00.000Z'],
    ['2025-03-03T10:00:00Z', '2025-03-03T10:00:00.000Z'],
    ['2025-03-03T10:00:00.123-03:00', '2025-03-03T13:00:00.000Z'],
    ['2025-03-03 10:00:00', '2025-03-03T10:00:00.000Z'],
    ['2025-03-03', '2025-03-03T00:00:00.000Z'],
    ['lunes, 3 de marzo de 2025 10:00', '2025-03-03T10:00:00.000Z'],
    ['3 de março de 2025 às 14h30', '2025-03-03T14:30:00.000Z'],
    ['segunda-feira, 3 de Março de 2025', '2025-03-03T00:00:00.000Z'],
    ['Lun, 03 Mar 2025 10:00:00 -0400', '2025-03-03T14:00:00.000Z'],
    ['03/03/2025 10:00', '2025-03-03T10:00:00.000Z'],
    ['31/01/2025', '2025-01-31T00:00:00.000Z'],
    ['March 3, 2025 10:00 GMT', '2025-03-03T10:00:00.000Z'],
    ['March 3, 2025 10:00 PM EST', '2025-03-04T03:00:00.000Z'],
    ['Mon, 03 Mar 2025 12:15 AM', '2025-03-03T00:15:00.000Z'],
    ['2025/03/03 08:00', '2025-03-03T08:00:00.000Z'],
    ['31/02/2025', null],
    ['pronto', null],
    ['', null],
    ['Thu, 01 Jan 1970 00:00:00 GMT', null], // epoch zero: a CMS default, not a date
    ['Mon, 03 Mar 2031 10:00:00 GMT', null], // in the future
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${expected}`, () => expect(parseFeedDate(input, NOW)).toBe(expected));
  }
});

describe('canonicalUrl', () => {
  it('resolves relative links and drops tracking parameters and the fragment', () => {
    expect(canonicalUrl('/a/b?utm_source=x&id=3&fbclid=y#top', 'https://Example.ORG/feed')).toBe('https://example.org/a/b?id=3');
    expect(canonicalUrl('c?gclid=1&mc_cid=2&mc_eid=3', 'https://example.org/a/')).toBe('https://example.org/a/c');
  });
  it('keeps only http(s)', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBe('');
    expect(canonicalUrl('mailto:a@b.org')).toBe('');
    expect(canonicalUrl('relative/without/base')).toBe('');
    expect(canonicalUrl('  https://example.org/x  ')).toBe('https://example.org/x');
  });
});

describe('plainText', () => {
  it('removes markup and entities and collapses whitespace', () => {
    expect(plainText('<p>Hola&nbsp;<b>mundo</b></p><p>Adiós</p>\n\n<script>x()</script>')).toBe('Hola mundo Adiós');
    expect(plainText('Caf&amp;eacute; con <i>leche</i>')).toBe('Café con leche');
    expect(plainText('A &amp; B')).toBe('A & B');
  });
  it('caps a long text at a word boundary', () => {
    const s = plainText('palabra '.repeat(400), SUMMARY_MAX_CHARS);
    expect(s.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(s.endsWith('palabra…')).toBe(true);
  });
});

describe('repairMojibake', () => {
  it('undoes UTF-8 that a CMS decoded as windows-1252, and leaves real text alone', () => {
    expect(repairMojibake('AdemÃ¡s, los niÃ±os; weâ€™re; Â«En Ã©crivantÂ»')).toBe('Además, los niños; we’re; «En écrivant»');
    expect(repairMojibake('el “Salotto Teatraleâ€ y')).toBe('el “Salotto Teatrale” y');
    for (const real of ['NÃO é fácil', 'São Paulo', 'café…”', 'Ñandú ¡Sí!', 'Perú – 5 €']) expect(repairMojibake(real)).toBe(real);
  });
});

describe('languageCode', () => {
  it('reduces tags to ISO 639-1', () => {
    expect(languageCode('es-VE')).toBe('es');
    expect(languageCode('pt_BR')).toBe('pt');
    expect(languageCode('EN')).toBe('en');
    expect(languageCode('spanish')).toBeUndefined();
  });
});

describe('toFeedItems', () => {
  const feed = (entries: RawFeed['entries'], extra: Partial<RawFeed> = {}): RawFeed => ({ format: 'rss2', title: 'F', entries, ...extra });
  const ctx = { source: { id: 's1', language: 'es' }, feedUrl: 'https://feeds.example.org/rss', now: NOW };

  it('falls back from id to link to a hash for the guid', () => {
    const { items } = toFeedItems(
      feed([
        { title: 'A', id: 'id-1', link: '/a', dates: [], summaryFields: {}, categories: [] },
        { title: 'B', link: '/b', dates: [], summaryFields: {}, categories: [] },
        { title: 'C', dates: ['2025-03-01'], summaryFields: {}, categories: [] },
      ], { link: 'https://www.example.org/' }),
      ctx,
    );
    expect(items.map((i) => i.guid)).toEqual(['id-1', 'https://www.example.org/b', expect.stringMatching(/^hash:[0-9a-f]{20}$/)]);
    expect(items[0]!.url).toBe('https://www.example.org/a');
  });

  it('makes a headline from the summary for an entry without a title, and hashes huge guids', () => {
    const long = 'Una descripción larga sobre la cooperación energética entre Rusia y Venezuela '.repeat(5);
    const { items } = toFeedItems(feed([{ title: '', id: 'x'.repeat(2000), dates: [], summaryFields: { description: `<p>${long}</p>` }, categories: [] }]), ctx);
    expect(items[0]!.title.startsWith('Una descripción larga sobre la cooperación')).toBe(true);
    expect(items[0]!.title.length).toBeLessThanOrEqual(140);
    expect(items[0]!.guid).toMatch(/^hash:[0-9a-f]{20}$/);
  });

  it('resolves Atom links against the document (after xml:base), RSS links against the site', () => {
    const entry = { title: 'A', link: 'a/1', dates: [], summaryFields: {}, categories: [] };
    const atom = toFeedItems(feed([entry], { format: 'atom10', link: 'https://www.example.org/site/' }), ctx);
    expect(atom.items[0]!.url).toBe('https://feeds.example.org/a/1');
    const rss = toFeedItems(feed([entry], { link: 'https://www.example.org/site/' }), ctx);
    expect(rss.items[0]!.url).toBe('https://www.example.org/site/a/1');
    const based = toFeedItems(feed([{ ...entry, base: 'https://b.example.org/x/' }], { format: 'atom10' }), ctx);
    expect(based.items[0]!.url).toBe('https://b.example.org/x/a/1');
  });

  it('takes the language from the entry, then the feed, then the source', () => {
    const { items } = toFeedItems(
      feed([
        { title: 'A', dates: [], summaryFields: {}, categories: [], language: 'pt-BR' },
        { title: 'B', dates: [], summaryFields: {}, categories: [] },
      ], { language: 'en-US' }),
      ctx,
    );
    expect(items.map((i) => i.language)).toEqual(['pt', 'en']);
    expect(toFeedItems(feed([{ title: 'C', dates: [], summaryFields: {}, categories: [] }]), ctx).items[0]!.language).toBe('es');
  });

  it('uses the first readable date and reports unreadable ones', () => {
    const r = toFeedItems(feed([{ title: 'A', dates: ['mañana', '2025-03-01T10:00:00Z'], summaryFields: {}, categories: [] }, { title: 'B', dates: ['nunca'], summaryFields: {}, categories: [] }]), ctx);
    expect(r.items.map((i) => i.published)).toEqual(['2025-03-01T10:00:00.000Z', null]);
    expect(r.warnings.join(' ')).toContain('1 entry has an unreadable date');
  });
});

describe('itemSummary: the one place an item\'s summary is made', () => {
  const ctx = { source: { id: 's1', language: 'es' }, feedUrl: 'https://feeds.example.org/rss', now: NOW };
  it('prefers the description or Atom summary to the full content, as plain text within the cap', () => {
    expect(itemSummary({ content: '<p>full</p>', description: '<b>desc</b> &amp; more' })).toBe('desc & more');
    expect(itemSummary({ rawContent: 'raw', contentEncoded: '<p>encoded</p>' })).toBe('encoded');
    expect(itemSummary({})).toBe('');
    expect(itemSummary({ description: 'x'.repeat(SUMMARY_MAX_CHARS * 2) }).length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
  });

  it('is what the parsed RSS and Atom entries become, description before content:encoded, summary before content', async () => {
    const rss = await parseFeed(
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>' +
        '<item><title>A</title><description>Short &lt;i&gt;one&lt;/i&gt;</description><content:encoded><![CDATA[<p>The long one</p>]]></content:encoded></item>' +
        '<item><title>B</title><content:encoded><![CDATA[<p>Only the long one</p>]]></content:encoded></item></channel></rss>',
      'https://example.org/rss',
    );
    const atom = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>' +
        '<entry><title>A</title><summary>The summary</summary><content type="html">&lt;p&gt;The content&lt;/p&gt;</content></entry>' +
        '<entry><title>B</title><content type="html">&lt;p&gt;Only content&lt;/p&gt;</content></entry></feed>',
      'https://example.org/atom',
    );
    if (!rss.ok || !atom.ok) throw new Error('fixture did not parse');
    const summaries = (f: RawFeed) => toFeedItems(f, ctx).items.map((i) => i.summary);
    expect(summaries(rss.feed)).toEqual(['Short one', 'Only the long one']);
    expect(summaries(atom.feed)).toEqual(['The summary', 'Only content']);
  });
});
