// Items are labelled once, as they are collected, and builds reuse those labels while the
// classifier is the same; a changed classifier (here, the analyst's additions in sources.yaml)
// labels them again. Real CLI, real SQLite archive, a file: source.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { suiteTmpDir } from '../helpers/tmp.js';

const ENV = { VRIC_NOW: '2026-11-02T09:00:00Z' };

const ITEMS: [string, string][] = [
  ['Rusia envía dos buques de guerra a La Habana para maniobras conjuntas', 'https://news.example/a/1'],
  ['China y Perú firman un acuerdo de inversión en el puerto de Chancay', 'https://news.example/a/2'],
  ['Zhenhua Logistics abre una oficina en el puerto del Callao', 'https://news.example/a/3'],
  ['Lluvias intensas afectan el sur de Chile', 'https://news.example/a/4'],
];

function rss(): string {
  const items = ITEMS.map(
    ([title, link], i) =>
      `<item><title>${title}</title><link>${link}</link><guid>${link}</guid><pubDate>Mon, 0${i + 5} Oct 2026 10:00:00 GMT</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Noticias</title><link>https://news.example/</link>${items.join('')}</channel></rss>`;
}

const CONFIG = (classify = '') =>
  `policy:\n  stateMediaCap: 0.2\n${classify}sources:\n  - id: news\n    name: News Example\n    file: feed.xml\n    language: es\n    ownership: independent\n`;
const ZHENHUA = 'classify:\n  actors:\n    CN:\n      state: [Zhenhua Logistics]\n';

let dir: string;
let db: string;

async function digestTitles(config: string, archive: string): Promise<string[]> {
  const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const r = await runCli(['build', '--config', config, '--db', archive, '--period', '2026-10', '--out', out, '--format', 'json', '--quiet'], { env: ENV });
  expect(r.stderr).toBe('');
  const digest = JSON.parse(fs.readFileSync(path.join(out, '2026-10', 'digest.json'), 'utf8')) as { sections: { items: { title: string }[] }[] };
  return digest.sections.flatMap((s) => s.items.map((i) => i.title)).sort();
}

beforeAll(async () => {
  dir = suiteTmpDir();
  fs.writeFileSync(path.join(dir, 'feed.xml'), rss());
  fs.writeFileSync(path.join(dir, 'plain.yaml'), CONFIG());
  fs.writeFileSync(path.join(dir, 'zhenhua.yaml'), CONFIG(ZHENHUA));
  db = path.join(dir, 'archive.sqlite');
  const r = await runCli(['fetch', '--config', path.join(dir, 'plain.yaml'), '--db', db, '--quiet'], { env: ENV });
  expect(r.code).toBe(0);
});

describe('labels stored at collection', () => {
  it('are made for every item by the classifier of the run, with its fingerprint', async () => {
    const { classifierFingerprint } = await import(path.join(ROOT, 'dist', 'classify', 'fingerprint.js'));
    const rows = new Database(db, { readonly: true }).prepare('SELECT title, labels_by, labels FROM items ORDER BY title').all() as {
      title: string;
      labels_by: string;
      labels: string;
    }[];
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.labels_by))).toEqual(new Set([classifierFingerprint()]));
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, JSON.parse(r.labels)]));
    expect(byTitle[ITEMS[0]![0]]).toMatchObject({ relevant: true, actors: ['RU'], countries: ['CU'], section: 'russia' });
    expect(byTitle[ITEMS[2]![0]]).toMatchObject({ relevant: false, actors: [] });
  });

  it('are what a build uses while the classifier is unchanged', async () => {
    const plain = path.join(dir, 'plain.yaml');
    expect(await digestTitles(plain, db)).toEqual([ITEMS[1]![0], ITEMS[0]![0]]);
    // A copy whose stored labels say the rain item is relevant: the build believes them, so it
    // does read them rather than classify again.
    const forged = path.join(dir, 'forged.sqlite');
    fs.copyFileSync(db, forged);
    const w = new Database(forged);
    const rain = JSON.parse((w.prepare('SELECT labels FROM items WHERE title = ?').get(ITEMS[3]![0]) as { labels: string }).labels);
    w.prepare('UPDATE items SET labels = ? WHERE title = ?').run(
      JSON.stringify({ ...rain, relevant: true, actors: ['CN'], countries: ['CL'], themes: ['diplomatic'], section: 'china', score: 3 }),
      ITEMS[3]![0],
    );
    w.close();
    expect(await digestTitles(plain, forged)).toContain(ITEMS[3]![0]);
  });

  it('give the same digest, byte for byte, as classifying at build time', async () => {
    const bare = path.join(dir, 'bare.sqlite');
    fs.copyFileSync(db, bare);
    const w = new Database(bare);
    expect(w.prepare('UPDATE items SET labels = NULL, labels_by = NULL').run().changes).toBe(4);
    w.close();
    const build = async (archive: string) => {
      const out = path.join(dir, `same-${path.basename(archive)}`);
      const r = await runCli(['build', '--config', path.join(dir, 'plain.yaml'), '--db', archive, '--period', '2026-10', '--out', out, '--format', 'md,json', '--quiet'], { env: ENV });
      expect(r.code).toBe(0);
      return ['digest.md', 'digest.json'].map((f) => fs.readFileSync(path.join(out, '2026-10', f), 'utf8'));
    };
    const [withLabels, without] = [await build(db), await build(bare)];
    expect(withLabels[0]).toContain('Chancay');
    expect(withLabels).toEqual(without);
  });

  it('are made again at build time when the analyst changes the classifier', async () => {
    // Collected before the addition: stored as not relevant. The new fingerprint makes the build
    // label the item itself, and the addition puts it in the China section.
    expect(await digestTitles(path.join(dir, 'zhenhua.yaml'), db)).toEqual([ITEMS[1]![0], ITEMS[0]![0], ITEMS[2]![0]].sort());
  });
});
