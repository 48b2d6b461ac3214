// digest.md as `vric build` writes it, for pasting into a CMS: escaped only where Markdown would
// misread the text, and feed text still never becomes a link, an image, HTML or a heading.
// Real CLI, real SQLite archive, a file: source.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const ENV = { VRIC_NOW: '2026-11-02T09:00:00Z', VRIC_NO_DATA_CACHE: '1' };

const TITLES = [
  // Ordinary punctuation a CMS paste used to show as \| \- \(…\).
  'Rusia envía dos buques de guerra a La Habana | maniobras (fase 2) de 3-5 días',
  // Hostile: a link, an image, HTML and a heading in one title (the fetcher already drops the tag).
  '# China y Perú firman acuerdo en Chancay [clic](javascript:alert(1)) ![x](https://evil.example/p.png) <img src=x onerror=alert(1)>',
];

function rss(): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const items = TITLES.map(
    (title, i) => `<item><title>${esc(title)}</title><link>https://news.example/a/${i}</link><guid>https://news.example/a/${i}</guid><pubDate>Mon, 0${i + 5} Oct 2026 10:00:00 GMT</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Noticias</title><link>https://news.example/</link>${items.join('')}</channel></rss>`;
}

describe('digest.md from vric build', () => {
  it('keeps plain punctuation plain and neutralises markup in feed text', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'feed.xml'), rss());
    const cfg = path.join(dir, 'sources.yaml');
    fs.writeFileSync(cfg, 'policy:\n  stateMediaCap: 0.2\nsources:\n  - id: news\n    name: News (Lima) | Edición-Perú\n    file: feed.xml\n    language: es\n    ownership: independent\n');
    expect((await runCli(['fetch', '--config', cfg, '--quiet'], { env: ENV })).code).toBe(0);
    const build = await runCli(['build', '--config', cfg, '--period', '2026-10', '--format', 'md', '--quiet'], { env: ENV });
    expect(build.code).toBe(0);
    const md = fs.readFileSync(path.join(dir, 'out', '2026-10', 'digest.md'), 'utf8');

    expect(md.startsWith('# VRIC Monitor | October 2026\n')).toBe(true);
    expect(md).toContain(`- [${TITLES[0]}](https://news.example/a/0): News (Lima) | Edición-Perú, 5 Oct 2026, Spanish`);
    // Outside the hostile title, no \| \- \( \) anywhere (overview, source mix, disclaimer).
    for (const line of md.split('\n').filter((l) => !l.includes('Chancay'))) expect(line).not.toMatch(/\\[|()-]/);

    expect(md).toContain(
      '- [\\# China y Perú firman acuerdo en Chancay \\[clic\\]\\(javascript:alert(1)) !\\[x\\]\\(https://evil.example/p.png)](https://news.example/a/1): News (Lima) | Edición-Perú, 6 Oct 2026, Spanish',
    );
    // Every link in the file is one vric made, to the item's own address.
    expect([...md.matchAll(/(?<!\\)\]\(([^)\s]*)\)/g)].map((m) => m[1])).toEqual(['https://news.example/a/0', 'https://news.example/a/1']);
    expect(md).not.toMatch(/<img|<script/i);
    // Headings are vric's own: none starts with feed text.
    for (const line of md.split('\n').filter((l) => l.startsWith('#'))) expect(line).not.toMatch(/Chancay|buques/);
  });
});
