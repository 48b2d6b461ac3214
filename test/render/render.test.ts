import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';
import Parser from 'rss-parser';
import { describe, expect, test } from 'vitest';
import { VricError } from '../../src/core/errors.js';
import { renderDigest } from '../../src/render/render.js';
import { capVerdict, entry, outlets, sampleDigest } from './factory.js';
import { renderAll, tempDir } from './helpers.js';

const text = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('HTML digest', () => {
  test('title, overview, the five sections in order, and the source mix', async () => {
    const { html } = await renderAll(sampleDigest());
    const $ = load(html);
    expect($('head > title').text()).toBe('VRIC Monitor | August to September 2021');
    expect($('h1').text()).toBe('VRIC Monitor | August to September 2021');
    expect($('html').attr('lang')).toBe('en');
    expect(text($('#overview').text())).toContain('This digest brings together 9 reports from 6 outlets published between 1 August 2021 and 30 September 2021.');
    expect($('main > section > h2').map((_, h) => $(h).contents().first().text()).get()).toEqual([
      'Overview',
      'Venezuela and the Bolivarian network',
      'Russia in LAC',
      'Iran in LAC',
      'China in LAC',
      'VRIC medical diplomacy',
      'Source mix',
    ]);
    // Self-contained: no script, no external stylesheet or image.
    expect($('script')).toHaveLength(0);
    expect($('link[rel=stylesheet], img, iframe')).toHaveLength(0);
    expect($('style')).toHaveLength(1);
  });

  test('reports are grouped by LAC country with locale names, regional group last', async () => {
    const $ = load((await renderAll(sampleDigest())).html);
    const groups = (id: string) => $(`#section-${id} h3`).map((_, h) => $(h).contents().first().text()).get();
    expect(groups('venezuela')).toEqual(['Nicaragua', 'Venezuela']);
    expect(groups('china')).toEqual(['Brazil', 'Ecuador', 'Regional and multi-country']);
    expect(groups('medical-diplomacy')).toEqual(['Cuba']);
  });

  test('sections and entries keep the digest\'s order; country groups go by name in the edition\'s language', async () => {
    const digest = sampleDigest();
    // The select stage orders by the primary country's code: LC (Saint Lucia) before MX (Mexico).
    // The page lists the groups as a reader looks for them, by name: Mexico before Saint Lucia in
    // English, and "México" before "Santa Lucía" in Spanish too; the entries keep the digest's order.
    const lc = entry({ title: 'Saint Lucia recognises Beijing', url: 'https://example.org/lc', countries: ['LC'], published: '2021-09-20T00:00:00Z' });
    const mx1 = entry({ title: 'Huawei wins rural 5G in Mexico', url: 'https://example.org/mx1', countries: ['MX'], published: '2021-08-02T00:00:00Z' });
    const mx2 = entry({ title: 'Fentanyl precursors seized in Manzanillo', url: 'https://example.org/mx2', countries: ['MX'], published: '2021-08-01T00:00:00Z' });
    digest.sections = digest.sections.map((s) => (s.id === 'china' ? { ...s, items: [lc, mx1, mx2] } : s)).reverse();
    const $ = load((await renderAll(digest)).html);
    expect($('main > section[id^="section-"]').map((_, s) => $(s).attr('id')).get()).toEqual([
      'section-medical-diplomacy', 'section-china', 'section-iran', 'section-russia', 'section-venezuela',
    ]);
    expect($('#section-china h3').map((_, h) => $(h).contents().first().text()).get()).toEqual(['Mexico', 'Saint Lucia']);
    expect($('#section-china .entry-title').map((_, t) => $(t).text()).get()).toEqual([
      'Huawei wins rural 5G in Mexico', 'Fentanyl precursors seized in Manzanillo', 'Saint Lucia recognises Beijing',
    ]);
  });

  test('each entry has its link, outlet, date, language; state media carry a badge', async () => {
    const $ = load((await renderAll(sampleDigest())).html);
    const rt = $('#section-russia .entry').filter((_, e) => $(e).text().includes('Sputnik V'));
    expect(rt.find('.entry-title a').attr('href')).toBe('https://actualidad.rt.com/actualidad/400001');
    expect(rt.find('.outlet').text()).toBe('RT en Español');
    expect(rt.find('time').attr('datetime')).toBe('2021-09-03T12:00:00Z');
    expect(rt.find('time').text()).toBe('3 Sep 2021');
    expect(text(rt.find('.meta').text())).toContain('Spanish');
    expect(rt.find('.badge-state').text()).toBe('State media · Russia');

    const reuters = $('#section-russia .entry').filter((_, e) => $(e).text().includes('military cooperation'));
    expect(reuters.find('.badge-state')).toHaveLength(0);
    expect($('.meta .badge-state')).toHaveLength(2);
    expect($('.also .badge-state')).toHaveLength(1);
  });

  test('"Also reported by" lists the other outlets with links; other countries are named', async () => {
    const $ = load((await renderAll(sampleDigest())).html);
    const talks = $('.entry').filter((_, e) => $(e).text().includes('resume talks'));
    expect(text(talks.find('.also').text())).toBe('Also reported by: Agencia EFE');
    expect(talks.find('.also a').attr('href')).toBe('https://efe.com/a/1');
    expect(text(talks.find('.tags').text())).toBe('Also concerns: Mexico');
  });

  test('a report is grouped under its first LAC country; codes are matched case-insensitively', async () => {
    const digest = sampleDigest();
    digest.sections[2]!.items = [entry({ title: 'Tehran and Washington trade words over Caracas', countries: ['us', 'cu', 'VE'] })];
    const $ = load((await renderAll(digest)).html);
    expect($('#section-iran h3').map((_, h) => $(h).contents().first().text()).get()).toEqual(['Cuba']);
    expect(text($('#section-iran .tags').text())).toBe('Also concerns: United States, Venezuela');
  });

  test('an empty section says so', async () => {
    const digest = sampleDigest();
    digest.sections = digest.sections.map((s) => (s.id === 'iran' ? { ...s, items: [] } : s));
    const $ = load((await renderAll(digest)).html);
    expect(text($('#section-iran').text())).toContain('No reports in this period.');
  });

  test('disclaimer states the cap, the measured share and the override with its reason', async () => {
    const $ = load((await renderAll(sampleDigest())).html);
    const disclaimer = text($('#disclaimer').text());
    expect(disclaimer).toContain('capped at 25% of the reports');
    expect(disclaimer).toContain('In this digest they account for 22.2% (2 of 9 reports).');
    expect(disclaimer).toContain('raised the cap from 20% to 25%. Reason: Vaccine deliveries were reported only by state media in September.');
    expect($('#disclaimer .over')).toHaveLength(0);
  });

  test('a share above the cap is flagged (as the select stage judged it); section scope and counted owners are stated', async () => {
    const digest = sampleDigest({
      stats: { total: 9, stateMedia: 3, stateShare: 3 / 9, cap: 0.2, capVerdict: capVerdict({ capScope: 'section', used: 3, allowed: 1, over: true }) },
      policy: { cap: 0.2, capScope: 'section', capOwners: ['RU', 'CN'], override: null },
    });
    const $ = load((await renderAll(digest)).html);
    const disclaimer = text($('#disclaimer').text());
    expect(disclaimer).toContain('capped at 20%');
    expect(disclaimer).toContain('33.3% (3 of 9 reports)');
    expect(disclaimer).toContain('The cap is applied to each section separately.');
    expect(disclaimer).toContain('Only outlets controlled by Russia and China count toward the cap.');
    expect($('#disclaimer .over').text()).toBe('The measured share is above the cap.');
    expect($('#disclaimer .override')).toHaveLength(0);
  });

  test('a section over the cap is flagged though the whole digest is under it: the page prints the verdict', async () => {
    const digest = sampleDigest({
      stats: { total: 9, stateMedia: 1, stateShare: 1 / 9, cap: 0.2, capVerdict: capVerdict({ capScope: 'section', used: 1, allowed: 0, over: true }) },
      policy: { cap: 0.2, capScope: 'section', capOwners: null, override: null },
    });
    const { html, md } = await renderAll(digest);
    expect(load(html)('#disclaimer .over').text()).toBe('The measured share is above the cap.');
    expect(md).toContain('The measured share is above the cap.');
  });

  test('source mix: SVG chart with bars by ownership and owner state and the cap line, plus text figures', async () => {
    const $ = load((await renderAll(sampleDigest())).html);
    const svg = $('#source-mix svg');
    expect(svg).toHaveLength(1);
    expect(svg.find('title').text()).toContain('state-media cap');
    const labels = svg.find('text').map((_, t) => $(t).text()).get();
    expect(labels).toEqual(expect.arrayContaining(['Independent', 'Public service', 'State media', 'Russia', 'China', 'Cap 25%', '66.7% (6)', '11.1% (1)']));
    // One cap line segment per group of bars, at the same x.
    const lines = svg.find('line[stroke-dasharray]');
    expect(lines).toHaveLength(2);
    expect(new Set(lines.map((_, l) => $(l).attr('x1')).get())).toEqual(new Set([String(140 + 0.25 * 300)]));
    const figures = $('#source-mix .mix-text').map((_, p) => text($(p).text())).get();
    expect(figures).toEqual([
      'Share of reports by ownership: Independent 66.7% (6) · Public service 11.1% (1) · State media 22.2% (2)',
      'State media by owner state: China 11.1% (1) · Russia 11.1% (1)',
    ]);
    const excluded = $('#source-mix .excluded li').map((_, li) => text($(li).text())).get();
    expect(excluded).toEqual(['Not about VRIC in the region: 2', 'Opinion: 1']);
  });

  test('editors notes are rendered as safe HTML in their sections', async () => {
    const { html } = await renderAll(sampleDigest(), {
      notes: { overview: 'A **busy** month. <script>x()</script>', china: '- swap lines\n- [lithium](https://example.org/li)' },
    });
    const $ = load(html);
    expect($('#overview .note strong').text()).toBe('busy');
    expect($('#overview .note').text()).toContain('<script>x()</script>');
    expect($('script')).toHaveLength(0);
    expect($('#section-china .note li')).toHaveLength(2);
    expect($('#section-china .note a').attr('href')).toBe('https://example.org/li');
    expect($('#section-russia .note')).toHaveLength(0);
  });

  test('a note holding only a comment shows no note box', async () => {
    const $ = load((await renderAll(sampleDigest(), { notes: { overview: '<!-- nothing yet -->' } })).html);
    expect($('.note')).toHaveLength(0);
  });

  test('links to the other formats and to the index', async () => {
    const $ = load((await renderAll(sampleDigest())).html);
    expect($('footer a').map((_, a) => $(a).attr('href')).get()).toEqual(['digest.md', 'digest.json', 'digest.rss.xml', '../index.html', '#top']);
  });
});

describe('Markdown digest', () => {
  test('headings, grouped entries with links, badges and disclaimer', async () => {
    const { md } = await renderAll(sampleDigest(), { notes: { russia: 'Note with **bold**.' } });
    expect(md.startsWith('# VRIC Monitor | August to September 2021\n')).toBe(true);
    expect(md).toContain('## Russia in LAC\n\nNote with **bold**.\n\n### Argentina\n\n');
    expect(md).toContain(
      '- [Sputnik V second doses delayed in Argentina](https://actualidad.rt.com/actualidad/400001): RT en Español, 3 Sep 2021, Spanish **State media (Russia)**',
    );
    expect(md).toContain('Also reported by: [Agencia EFE](https://efe.com/a/1)');
    expect(md).toContain('Also reported by: [HispanTV](https://www.hispantv.com/noticias/venezuela/1) (State media), [Efecto Cocuyo](https://efectococuyo.com/economia/tanquero)');
    expect(md).toContain('### Regional and multi-country');
    expect(md).toContain('In this digest they account for 22.2% (2 of 9 reports).');
    expect(md).toContain('**For this digest the editors raised the cap from 20% to 25%.');
  });
});

describe('RSS', () => {
  test('parses back as RSS 2.0 with every entry', async () => {
    const { rss } = await renderAll(sampleDigest(), { siteUrl: 'https://monitor.example.org/digests' });
    expect(rss.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const feed = await new Parser().parseString(rss);
    expect(feed.title).toBe('VRIC Monitor | August to September 2021');
    expect(feed.link).toBe('https://monitor.example.org/digests/2021-08_2021-09/digest.html');
    expect(feed.items).toHaveLength(9);
    const rt = feed.items.find((i) => i.title?.startsWith('Sputnik V'));
    expect(rt?.link).toBe('https://actualidad.rt.com/actualidad/400001');
    expect(rt?.guid).toBe('https://actualidad.rt.com/actualidad/400001');
    expect(rt?.isoDate).toBe('2021-09-03T12:00:00.000Z');
    expect(rt?.categories).toEqual(['Russia in LAC']);
    expect(rt?.content).toContain('RT en Español (State media, Russia)');
    expect(rss).toContain('<atom:link href="https://monitor.example.org/digests/2021-08_2021-09/digest.rss.xml"');
  });

  test('control characters in feed text do not break the XML', async () => {
    const digest = sampleDigest();
    digest.sections[0]!.items[0]!.title = 'Bell\u0007 and NUL\u0000 & <tags>';
    const feed = await new Parser().parseString((await renderAll(digest)).rss);
    expect(feed.items.map((i) => i.title)).toContain('Bell and NUL & <tags>');
  });
});

describe('JSON', () => {
  test('is the Digest itself', async () => {
    const digest = sampleDigest();
    const { json } = await renderAll(digest);
    expect(JSON.parse(json)).toEqual(digest);
  });
});

describe('files and index', () => {
  test('writes only the requested formats and returns their paths', async () => {
    const outDir = await tempDir();
    const result = await renderDigest(sampleDigest(), { outDir, formats: ['html', 'json'] });
    expect(result.dir).toBe(path.join(outDir, '2021-08_2021-09'));
    expect(result.files).toEqual([
      path.join(result.dir, 'digest.html'),
      path.join(result.dir, 'digest.json'),
      path.join(outDir, 'index.html'),
    ]);
    expect((await readdir(result.dir)).sort()).toEqual(['digest.html', 'digest.json']);
  });

  test('index.html lists every built period, newest first, and skips broken dirs', async () => {
    const outDir = await tempDir();
    const period = (from: string, to: string, slug: string) => ({ start: `${from}-01`, end: `${to}-28`, label: slug, slug, from, to });
    await renderDigest(sampleDigest({ period: period('2021-03', '2021-03', '2021-03') }), { outDir, formats: ['html', 'json'] });
    await renderDigest(sampleDigest({ period: period('2021-07', '2021-09', '2021-Q3') }), { outDir, formats: ['json'] });
    await renderDigest(sampleDigest({ period: period('2021-09', '2021-09', '2021-09') }), { outDir, formats: ['html', 'json', 'rss'] });
    await mkdir(path.join(outDir, 'junk'));
    await writeFile(path.join(outDir, 'junk', 'digest.json'), '{not json');
    await mkdir(path.join(outDir, 'screenshots'));
    await renderDigest(sampleDigest(), { outDir, formats: ['html', 'json'] });

    const $ = load(await readFile(path.join(outDir, 'index.html'), 'utf8'));
    expect($('h1').text()).toBe('VRIC Monitor: all digests');
    expect($('.entry-title').map((_, e) => $(e).text()).get()).toEqual([
      'September 2021',
      'August to September 2021',
      'July to September 2021',
      'March 2021',
    ]);
    expect($('.entry-title a').first().attr('href')).toBe('2021-09/digest.html');
    // A period built without HTML is listed, without a page link but with its other files.
    const q3 = $('.entry').filter((_, e) => $(e).text().includes('July to September'));
    expect(q3.find('.entry-title a')).toHaveLength(0);
    expect(q3.find('.tags a').attr('href')).toBe('2021-Q3/digest.json');
  });

  test('the index lists the period just written (taken from memory) as it lists one read from disk', async () => {
    const outDir = await tempDir();
    await renderDigest(sampleDigest(), { outDir, formats: ['html', 'json'] });
    const fromMemory = await readFile(path.join(outDir, 'index.html'), 'utf8');
    // A period built without JSON is not indexed, so this index is the first period read back from disk.
    const other = { start: '2021-03-01', end: '2021-03-31', label: 'March 2021', slug: '2021-03', from: '2021-03', to: '2021-03' };
    await renderDigest(sampleDigest({ period: other }), { outDir, formats: ['html'] });
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe(fromMemory);
    expect(fromMemory).toContain('2021-08_2021-09/digest.html');
  });

  test('atomic writes leave no temp files behind, also when overwriting', async () => {
    const outDir = await tempDir();
    await renderAll(sampleDigest(), { outDir });
    const { dir } = await renderAll(sampleDigest(), { outDir });
    expect((await readdir(dir)).sort()).toEqual(['digest.html', 'digest.json', 'digest.md', 'digest.rss.xml']);
    expect((await readdir(outDir)).sort()).toEqual(['2021-08_2021-09', 'index.html']);
  });

  test('a slug that is not one path segment is refused', async () => {
    const digest = sampleDigest();
    digest.period.slug = '../escape';
    await expect(renderDigest(digest, { outDir: await tempDir(), formats: ['html'] })).rejects.toThrow(VricError);
  });
});

describe('locales', () => {
  test('Spanish labels, country names, dates and period label', async () => {
    const { html, md } = await renderAll(sampleDigest(), { lang: 'es' });
    const $ = load(html);
    expect($('html').attr('lang')).toBe('es');
    expect($('head > title').text()).toBe('VRIC Monitor | agosto a septiembre de 2021');
    expect($('#section-venezuela h2').contents().first().text()).toBe('Venezuela y la red bolivariana');
    expect($('#section-china h3').map((_, h) => $(h).contents().first().text()).get()).toEqual(['Brasil', 'Ecuador', 'Regional y varios países']);
    expect($('.badge-state').first().text()).toBe('Medio estatal · Rusia');
    expect(text($('.also').first().text())).toContain('También informaron:');
    expect($('time').first().text()).toBe('7 ago 2021');
    expect(text($('#disclaimer').text())).toContain('En este número representan el 22,2');
    expect(md).toContain('## Diplomacia médica VRIC');
  });

  test('Portuguese labels and period label', async () => {
    const $ = load((await renderAll(sampleDigest(), { lang: 'pt' })).html);
    expect($('head > title').text()).toBe('VRIC Monitor | agosto a setembro de 2021');
    expect($('#section-iran h2').contents().first().text()).toBe('Irã na ALC');
    expect($('.badge-state').first().text()).toBe('Mídia estatal · Rússia');
    expect($('#section-medical-diplomacy h3').first().contents().first().text()).toBe('Cuba');
    expect(text($('#overview').text())).toContain('Esta edição reúne 9 notícias de 6 veículos publicadas entre 1 de agosto de 2021 e 30 de setembro de 2021.');
  });

  test('single month and across-year period labels', async () => {
    const one = sampleDigest({ period: { start: '2021-12-01', end: '2021-12-31', label: 'December 2021', slug: '2021-12', from: '2021-12', to: '2021-12' } });
    const across = sampleDigest({ period: { start: '2021-12-01', end: '2022-01-31', label: 'x', slug: '2021-12_2022-01', from: '2021-12', to: '2022-01' } });
    expect(load((await renderAll(one, { lang: 'es' })).html)('head > title').text()).toBe('VRIC Monitor | diciembre de 2021');
    expect(load((await renderAll(across)).html)('head > title').text()).toBe('VRIC Monitor | December 2021 to January 2022');
    expect(load((await renderAll(across, { lang: 'pt' })).html)('head > title').text()).toBe('VRIC Monitor | dezembro de 2021 a janeiro de 2022');
  });

  test('every locale names all 33 LAC states and has the same keys as English', async () => {
    const { LAC_COUNTRIES } = await import('../../src/core/vocabulary.js');
    const en = JSON.parse(await readFile(new URL('../../templates/locales/en.json', import.meta.url), 'utf8'));
    for (const lang of ['en', 'es', 'pt']) {
      const l = JSON.parse(await readFile(new URL(`../../templates/locales/${lang}.json`, import.meta.url), 'utf8'));
      expect(Object.keys(l.countries).sort()).toEqual([...LAC_COUNTRIES].sort());
      for (const group of ['labels', 'text', 'sections', 'ownership', 'themes', 'reasons']) {
        expect(Object.keys(l[group]).sort(), `${lang}.${group}`).toEqual(Object.keys(en[group]).sort());
      }
    }
  });

  test('an unknown language is a usage error', async () => {
    await expect(
      renderDigest(sampleDigest(), { outDir: await tempDir(), formats: ['html'], lang: 'fr' as 'en' }),
    ).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('template overrides', () => {
  test('a user partial, template or locale label replaces the bundled one by name', async () => {
    const user = await tempDir('vric-templates-');
    await mkdir(path.join(user, 'partials'));
    await mkdir(path.join(user, 'locales'));
    await writeFile(path.join(user, 'partials', 'footer.hbs'), '<footer class="custom">Custom footer for {{periodLabel}}</footer>\n');
    await writeFile(path.join(user, 'digest.md.hbs'), '{{md title}}: {{overview.total}} items\n');
    await writeFile(path.join(user, 'locales', 'en.json'), JSON.stringify({ labels: { stateMedia: 'Government media' } }));
    const { html, md } = await renderAll(sampleDigest(), { templatesDir: user });
    const $ = load(html);
    expect($('footer.custom').text()).toBe('Custom footer for August to September 2021');
    expect($('.badge-state').first().text()).toBe('Government media · Russia');
    expect($('#overview h2').first().text()).toBe('Overview');
    expect(md).toBe('VRIC Monitor | August to September 2021: 9 items\n');
  });

  test('an edited template is used at once, though compiled templates are cached between runs', async () => {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = await tempDir('vric-cache-');
    try {
      const user = await tempDir('vric-templates-');
      const file = path.join(user, 'digest.md.hbs');
      await writeFile(file, 'first {{overview.total}}\n');
      expect((await renderAll(sampleDigest(), { templatesDir: user })).md).toBe('first 9\n');
      expect((await readdir(path.join(process.env.XDG_CACHE_HOME, 'vric', 'data'))).length).toBeGreaterThan(0);
      // Same length, later modification time: the cache must not serve the old text.
      await writeFile(file, 'again {{overview.total}}\n');
      await utimes(file, new Date(), new Date(Date.now() + 5000));
      expect((await renderAll(sampleDigest(), { templatesDir: user })).md).toBe('again 9\n');
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });

  test('the documented helpers work in a user template', async () => {
    const user = await tempDir('vric-templates-');
    await writeFile(
      path.join(user, 'digest.md.hbs'),
      [
        '{{formatDate generatedAt}}|{{formatDate generatedAt "long"}}|{{formatPercent 0.183}}',
        '{{t "sectionCount" count=4}}|{{localeLabel "themes" "energy"}}|{{countryName "BR"}}|{{ownerName "IR"}}|{{languageName "pt"}}',
        '{{#if (safeUrl "javascript:x")}}bad{{else}}nolink{{/if}}|{{safeUrl "https://a.org/x"}}|{{#if (eq lang "es")}}es{{/if}}',
        '',
      ].join('\n'),
    );
    const { md } = await renderAll(sampleDigest(), { templatesDir: user, lang: 'es' });
    expect(md).toBe('2 oct 2021|2 de octubre de 2021|18,3\u00a0%\n4 informaciones|Energía|Brasil|Irán|portugués\nnolink|https://a.org/x|es\n');
  });

  test('a broken template is a usage error naming the file and line, and nothing is written', async () => {
    const user = await tempDir('vric-templates-');
    await mkdir(path.join(user, 'partials'));
    const file = path.join(user, 'partials', 'entry.hbs');
    await writeFile(file, '<li>\n{{title}}\n{{#if href}}\n<a>{{/each}}\n</li>\n');
    const outDir = await tempDir();
    const error = await renderDigest(sampleDigest(), { outDir, formats: ['html'], templatesDir: user }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VricError);
    expect((error as VricError).exitCode).toBe(2);
    expect((error as VricError).message).toMatch(new RegExp(`^template ${file.replace(/[/.]/g, '\\$&')} line 3`));
    expect((error as VricError).message).toContain("if doesn't match each");
    expect(await readdir(outDir)).toEqual([]);
  });

  test('a syntax error in a main template names the line too', async () => {
    const user = await tempDir('vric-templates-');
    await writeFile(path.join(user, 'digest.rss.hbs'), 'line one\nline two\n{{#each entries}\n');
    const error = (await renderDigest(sampleDigest(), { outDir: await tempDir(), formats: ['rss'], templatesDir: user }).catch((e: unknown) => e)) as VricError;
    expect(error.message).toMatch(/digest\.rss\.hbs line 3: syntax error/);
  });

  test('an unknown field or helper is reported with file and line (strict templates)', async () => {
    const user = await tempDir('vric-templates-');
    await mkdir(path.join(user, 'partials'));
    await writeFile(path.join(user, 'partials', 'header.hbs'), '<header>\n  <h1>{{titel}}</h1>\n</header>\n');
    const outDir = await tempDir();
    const error = (await renderDigest(sampleDigest(), { outDir, formats: ['html'], templatesDir: user }).catch((e: unknown) => e)) as VricError;
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/partials\/header\.hbs line 2, column 9: "titel" not defined$/);
    expect(await readdir(outDir)).toEqual([]);

    await writeFile(path.join(user, 'partials', 'header.hbs'), '<h1>{{shout title}}</h1>');
    const helperError = (await renderDigest(sampleDigest(), { outDir, formats: ['html'], templatesDir: user }).catch((e: unknown) => e)) as VricError;
    expect(helperError.message).toMatch(/header\.hbs line 1, column 5: .*unknown helper shout/);
  });

  test('a missing templates directory or template is a clear error', async () => {
    await expect(
      renderDigest(sampleDigest(), { outDir: await tempDir(), formats: ['html'], templatesDir: '/nonexistent/templates' }),
    ).rejects.toThrow('templates directory /nonexistent/templates does not exist');
    const user = await tempDir('vric-templates-');
    await writeFile(path.join(user, 'digest.html.hbs'), '{{> nosuchpartial}}');
    await expect(renderDigest(sampleDigest(), { outDir: await tempDir(), formats: ['html'], templatesDir: user })).rejects.toThrow(
      /digest\.html\.hbs.*partial nosuchpartial could not be found/,
    );
  });
});

test('entries keep the order the digest gives within a country group', async () => {
  const digest = sampleDigest();
  digest.sections[1]!.items = [
    entry({ title: 'Second by date, first by rank', published: '2021-09-20T00:00:00Z', countries: ['CU'] }),
    entry({ title: 'First by date', published: '2021-08-01T00:00:00Z', countries: ['CU'], source: outlets.bbc }),
  ];
  const $ = load((await renderAll(digest)).html);
  expect($('#section-russia .entry-title').map((_, e) => $(e).text()).get()).toEqual(['Second by date, first by rank', 'First by date']);
});
