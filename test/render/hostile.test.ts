// Feed content is hostile by assumption: nothing in a title, summary, outlet name or URL may
// become markup, script, style, an attribute, a non-http link or a template.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';
import Parser from 'rss-parser';
import { describe, expect, test } from 'vitest';
import { digestMix } from '../../src/audit/mix.js';
import { renderDigest } from '../../src/render/render.js';
import { HELPER_NAMES } from '../../src/render/handlebars.js';
import { loadLocale } from '../../src/render/locale.js';
import { bundledTemplatesDir } from '../../src/render/templates.js';
import { buildDigestView } from '../../src/render/view/digest-view.js';
import { noteViews } from '../../src/render/view/note-view.js';
import { HOSTILE, hostileDigest, sampleDigest } from './factory.js';
import { renderAll, tempDir } from './helpers.js';
import { readFile, readdir } from 'node:fs/promises';

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('hostile feed content in HTML', () => {
  test('no injected element, attribute or style survives', async () => {
    const { html } = await renderAll(hostileDigest());
    const $ = load(html);
    expect($('script, img, iframe, object, embed, form, base, meta[http-equiv=refresh]')).toHaveLength(0);
    expect($('style')).toHaveLength(1);
    expect($('style').text()).not.toContain('display:none');
    const eventAttributes = $('*')
      .toArray()
      .flatMap((el) => Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {}))
      .filter((name) => name.startsWith('on'));
    expect(eventAttributes).toEqual([]);
    expect(html).not.toMatch(/<script|<img|<\/style><style/i);
  });

  test('every link is http(s) or one of vric own relative links', async () => {
    const { html } = await renderAll(hostileDigest());
    const $ = load(html);
    const hrefs = $('[href]').map((_, a) => $(a).attr('href')).get();
    const own = new Set(['digest.md', 'digest.json', 'digest.rss.xml', '../index.html', '#top']);
    for (const href of hrefs) {
      expect(/^https?:\/\//.test(href) || own.has(href) || href.startsWith('#section-') || href === '#source-mix', href).toBe(true);
    }
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    expect($('[src]')).toHaveLength(0);
    // The entry whose link was javascript: is shown as plain text, without a link.
    const evil = $('.entry').filter((_, e) => $(e).find('.entry-title').text().startsWith('Title '));
    expect(evil.find('.entry-title a')).toHaveLength(0);
    // The also-reported-by link with quotes is kept, with the quotes percent-encoded inside the attribute.
    expect($('.also a').attr('href')).toBe('https://example.org/a%22onmouseover=%22x');
  });

  test('markup and template syntax in feed text are printed literally', async () => {
    const $ = load((await renderAll(hostileDigest())).html);
    const page = squash($('main').text());
    expect(page).toContain(`Title ${HOSTILE.script} and ${HOSTILE.img}`);
    expect(page).toContain(`Summary ${HOSTILE.template} ${HOSTILE.each} ${HOSTILE.style}`);
    expect(page).toContain(`Template ${HOSTILE.template}`);
    expect(page).toContain(`Evil ${HOSTILE.script} News ${HOSTILE.quote}`);
    expect(page).toContain(`Because ${HOSTILE.script}`);
    expect(page).toContain('<B>XX</B>'); // country codes are upper-cased, and printed as text
    // Quotes stay inside the attribute or element they were put in.
    expect($('.outlet').map((_, o) => $(o).text()).get()).toContain(`Evil ${HOSTILE.script} News ${HOSTILE.quote}`);
    expect($('.entry-title[title]').attr('title')).toBe(`Why this report is here: ${HOSTILE.quote}: ${HOSTILE.script}`);
    expect($('.entry-title[lang^="en\\""]').attr('lang')).toBe('en" autofocus onfocus="window.__pwned=true');
    expect($('[autofocus]')).toHaveLength(0);
    expect($('time').map((_, t) => $(t).attr('datetime')).get()).toContain('2021-08-12T15:30:00Z" onmouseover="window.__pwned=true');
  });

  test('editors notes cannot inject either', async () => {
    const { html } = await renderAll(hostileDigest(), {
      notes: { overview: `${HOSTILE.script} [x](javascript:alert(1)) ${HOSTILE.each} ${HOSTILE.style}` },
    });
    const $ = load(html);
    expect($('script')).toHaveLength(0);
    expect($('style')).toHaveLength(1);
    expect($('#overview .note a')).toHaveLength(0);
    expect(squash($('#overview .note').text())).toContain(HOSTILE.each);
  });
});

describe('hostile feed content in Markdown and RSS', () => {
  test('Markdown: no raw HTML, no unsafe link, template and link syntax escaped', async () => {
    const { md } = await renderAll(hostileDigest());
    expect(md).not.toMatch(/<script|<img|<\/style/i);
    expect(md).not.toMatch(/\]\(\s*(javascript|data):/i);
    // Escaped only where Markdown would read markup: `<` before a tag, the link brackets, emphasis.
    expect(md).toContain('&lt;script>');
    expect(md).toContain('\\[click\\]\\(javascript:alert(1)) \\*\\*bold\\*\\* # heading');
    // Template syntax means nothing to Markdown (and vric renders its output once): kept as written.
    expect(md).toContain("{{constructor.constructor('window.\\_\\_pwned=true')()}}");
    const links = [...md.matchAll(/\]\(([^)\s]*)\)/g)].map((m) => m[1]);
    for (const link of links) expect(link).toMatch(/^https?:\/\//);
  });

  test('RSS: valid XML; titles carry the literal text; only http(s) links', async () => {
    const { rss } = await renderAll(hostileDigest());
    expect(rss).not.toMatch(/<script|<img/i);
    const feed = await new Parser().parseString(rss);
    const linkOf = Object.fromEntries(feed.items.map((i) => [i.title, i.link]));
    expect(linkOf).toEqual({
      [`Title ${HOSTILE.script} and ${HOSTILE.img}`]: undefined,
      [`Markdown ${HOSTILE.markdown}`]: undefined,
      [`Template ${HOSTILE.template}`]: 'https://example.org/ok?a=1&b=%3C2%3E',
    });
  });

  test('JSON keeps the data exactly (it is data, not markup)', async () => {
    const digest = hostileDigest();
    expect(JSON.parse((await renderAll(digest)).json)).toEqual(digest);
  });
});

describe('template engine hardening', () => {
  test('prototype properties are not reachable from templates', async () => {
    const user = await tempDir('vric-templates-');
    await writeFile(path.join(user, 'digest.md.hbs'), '[{{lookup (lookup this "constructor") "name"}}][{{lookup title "constructor"}}][{{#with title}}{{lookup this "__proto__"}}{{/with}}]\n');
    const { md } = await renderAll(sampleDigest(), { templatesDir: user });
    expect(md).toBe('[][][]\n');
  });

  test('the log helper is refused with a clear error naming the template', async () => {
    const user = await tempDir('vric-templates-');
    await mkdir(path.join(user, 'partials'));
    await writeFile(path.join(user, 'digest.md.hbs'), '{{log "x"}}\n');
    await expect(renderDigest(sampleDigest(), { outDir: await tempDir(), formats: ['md'], templatesDir: user })).rejects.toThrow(
      /digest\.md\.hbs: the log helper is not available/,
    );
  });

  test('no bundled template uses triple-stash or {{& }} (unescaped output)', async () => {
    const root = bundledTemplatesDir();
    const files = [
      ...(await readdir(root)).filter((f) => f.endsWith('.hbs')),
      ...(await readdir(path.join(root, 'partials'))).map((f) => path.join('partials', f)),
    ];
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      const source = await readFile(path.join(root, f), 'utf8');
      expect(source, f).not.toMatch(/\{\{\{|\{\{~?\s*&/);
    }
  });

  test('no view field shares a name with a helper (a bare {{name}} would call the helper)', async () => {
    const locale = await loadLocale('en', bundledTemplatesDir());
    const digest = sampleDigest();
    const view = buildDigestView(digest, locale, { formats: ['html'], mix: digestMix(digest), notes: await noteViews({ overview: 'x', china: 'y' }) });
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
        for (const [k, child] of Object.entries(v)) {
          keys.add(k);
          walk(child);
        }
      }
    };
    walk(view);
    expect([...keys].filter((k) => (HELPER_NAMES as readonly string[]).includes(k))).toEqual([]);
  });
});
