// The editors' notes as `vric build` publishes them: CommonMark read by markdown-it, only vric's
// small subset coming out, in the page and in the Markdown copy. Real CLI, real SQLite archive,
// a file: source, the notes file found by convention (notes/<period>.md beside sources.yaml).
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const ENV = { VRIC_NOW: '2026-11-02T09:00:00Z', VRIC_NO_DATA_CACHE: '1' };

const FEED =
  '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Noticias</title><link>https://news.example/</link>' +
  '<item><title>Rusia envía dos buques de guerra a La Habana</title><link>https://news.example/a/1</link>' +
  '<guid>https://news.example/a/1</guid><pubDate>Mon, 05 Oct 2026 10:00:00 GMT</pubDate></item></channel></rss>';

const NOTES = [
  '## Overview',
  '',
  'The figures are in my_data_v2.csv, and 2\\*3\\*4 is a product.',
  '<script>alert(document.cookie)</script>',
  '',
  '- see [the desk](javascript:alert(1))',
  '- and [the report](https://desk.example/r?a=1&b=2)',
  '',
  '## Russia',
  '',
  'The frigate *Almirante Golovko* docked; see snake_case_file.txt.',
].join('\n');

describe('editors notes in vric build', () => {
  it('keeps file names as text, makes no script and no javascript: link, in HTML and Markdown', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'feed.xml'), FEED);
    fs.mkdirSync(path.join(dir, 'notes'));
    fs.writeFileSync(path.join(dir, 'notes', '2026-10.md'), NOTES);
    const cfg = path.join(dir, 'sources.yaml');
    fs.writeFileSync(cfg, 'policy:\n  stateMediaCap: 0.2\nsources:\n  - id: news\n    name: Noticias\n    file: feed.xml\n    language: es\n    ownership: independent\n');
    expect((await runCli(['fetch', '--config', cfg, '--quiet'], { env: ENV })).code).toBe(0);
    const build = await runCli(['build', '--config', cfg, '--period', '2026-10', '--format', 'html,md', '--quiet'], { env: ENV });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);

    const $ = load(fs.readFileSync(path.join(dir, 'out', '2026-10', 'digest.html'), 'utf8'));
    const overview = $('#overview .note');
    expect(overview.find('p:not(.note-title)').first().html()).toBe(
      'The figures are in my_data_v2.csv, and 2*3*4 is a product. &lt;script&gt;alert(document.cookie)&lt;/script&gt;',
    );
    expect($('script')).toHaveLength(0);
    expect(overview.find('li').map((_, li) => $(li).text()).get()).toEqual(['see [the desk](javascript:alert(1))', 'and the report']);
    expect(overview.find('a').map((_, a) => $(a).attr('href')).get()).toEqual(['https://desk.example/r?a=1&b=2']);
    expect($('#section-russia .note p:not(.note-title)').html()).toBe('The frigate <em>Almirante Golovko</em> docked; see snake_case_file.txt.');

    const md = fs.readFileSync(path.join(dir, 'out', '2026-10', 'digest.md'), 'utf8');
    expect(md).toContain(
      'The figures are in my_data_v2.csv, and 2\\*3\\*4 is a product. &lt;script>alert(document.cookie)&lt;/script>\n\n' +
        '- see \\[the desk\\]\\(javascript:alert(1))\n- and [the report](https://desk.example/r?a=1&b=2)\n',
    );
    expect(md).toContain('The frigate *Almirante Golovko* docked; see snake_case_file.txt.\n');
  });
});
