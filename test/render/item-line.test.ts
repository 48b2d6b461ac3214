// The item line is made once (src/render/item-line.ts) and every format prints those parts: the
// same entry reads the same in the page, the Markdown copy and the RSS item.
import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { itemLine } from '../../src/render/item-line.js';
import { bundledTemplatesDir } from '../../src/render/templates.js';
import { loadLocale } from '../../src/render/locale.js';
import { entry, outlets, sampleDigest } from './factory.js';
import { renderAll } from './helpers.js';

const one = entry({
  title: 'Rosatom  pitches\n lithium in Uyuni',
  url: 'https://example.org/uyuni',
  published: '2021-09-03T08:00:00Z',
  language: 'es',
  summary: 'The state\tcompany\r\noffered a plant.',
  source: outlets.rt,
  countries: ['BO'],
  alsoReportedBy: [
    { id: 'bbc-mundo', name: 'BBC News Mundo', url: 'https://bbc.example/uyuni', stateMedia: false },
    { id: 'x', name: 'Bad link', url: 'javascript:alert(1)', stateMedia: true },
  ],
});

describe('the item line', () => {
  test('its parts: one-line text, vetted links, the locale date, RFC 822 date, state-media owner', async () => {
    const locale = await loadLocale('en', bundledTemplatesDir());
    expect(itemLine(one, locale)).toEqual({
      title: 'Rosatom pitches lithium in Uyuni',
      href: 'https://example.org/uyuni',
      outlet: 'RT en Español',
      published: '2021-09-03T08:00:00Z',
      dateText: '3 Sep 2021',
      pubDate: 'Fri, 03 Sep 2021 08:00:00 GMT',
      language: 'es',
      languageLabel: 'Spanish',
      summary: 'The state company offered a plant.',
      stateMedia: true,
      ownership: 'state',
      ownershipLabel: 'State media',
      owner: 'RU',
      ownerLabel: 'Russia',
      alsoReportedBy: [
        { name: 'BBC News Mundo', href: 'https://bbc.example/uyuni', stateMedia: false },
        { name: 'Bad link', href: null, stateMedia: true },
      ],
    });
  });

  test('HTML, Markdown and RSS print the same parts of it', async () => {
    const digest = sampleDigest();
    digest.sections = digest.sections.map((s) => (s.id === 'russia' ? { ...s, items: [one] } : s));
    const { html, md, rss } = await renderAll(digest);
    const $ = load(html);
    const li = $('#section-russia .entry').first();
    expect(li.find('.entry-title a').attr('href')).toBe('https://example.org/uyuni');
    expect(li.find('.entry-title').text()).toBe('Rosatom pitches lithium in Uyuni');
    expect(li.find('.meta').text().replace(/\s+/g, ' ')).toBe('RT en Español · 3 Sep 2021 · Spanish State media · Russia');
    expect(li.find('.summary').text()).toBe('The state company offered a plant.');
    expect(li.find('.also a').map((_, a) => $(a).attr('href')).get()).toEqual(['https://bbc.example/uyuni']);
    expect(md).toContain(
      '- [Rosatom pitches lithium in Uyuni](https://example.org/uyuni): RT en Español, 3 Sep 2021, Spanish **State media (Russia)**. ' +
        'Also reported by: [BBC News Mundo](https://bbc.example/uyuni), Bad link (State media)\n',
    );
    expect(rss).toContain('<link>https://example.org/uyuni</link>');
    expect(rss).toContain('<pubDate>Fri, 03 Sep 2021 08:00:00 GMT</pubDate>');
    expect(rss).toContain('<description>RT en Español (State media, Russia): The state company offered a plant.</description>');
  });
});
