// `vric import` tells the truth: every field of every line is checked as an archived item, bad
// lines are named (file:line and why) and left out, the good ones are stored, and the exit code
// says which happened (0 all, 3 some lines rejected, 2 nothing importable). Text is capped as a
// fetch caps it, so one imported item with a huge title cannot hang the builds after it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemId } from '../../src/archive/ids.js';
import { openArchive } from '../../src/archive/open.js';
import type { Item } from '../../src/core/item-types.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { describeBackends } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const CONFIG = path.join(ROOT, 'sample', 'sources.yaml');

/** An exported item of a source of sample/sources.yaml, as `vric export` writes it. */
function item(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const sourceId = (over.sourceId as string | undefined) ?? 'telesur';
  const guid = `g${n}`;
  const at = new Date(Date.UTC(2026, 7, 1 + (n % 28), 12)).toISOString();
  return {
    id: itemId(sourceId, guid),
    sourceId,
    guid,
    url: `https://example.org/n/${n}`,
    title: `Caracas y Moscú firman el acuerdo ${n}`,
    summary: 'Venezuela y Rusia firmaron un acuerdo de cooperación militar.',
    published: at,
    firstSeen: at,
    date: at,
    language: 'es',
    categories: ['Mundo'],
    ...over,
  };
}
const lineOf = (o: unknown) => JSON.stringify(o);

async function exported(db: string): Promise<Record<string, unknown>[]> {
  const r = await runCli(['export', '--db', db, '--config', CONFIG]);
  expect(r.code).toBe(0);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describeBackends('vric import checks every line', (backend) => {
  it('stores the good lines, names each bad one with its reason, and exits 3', async () => {
    const file = path.join(tmpDir(), 'mixed.jsonl');
    const lines = [
      lineOf(item(1)),
      'null',
      lineOf(item(3, { title: { en: 'an object' } })),
      lineOf(item(4, { url: 'javascript:alert(1)' })),
      '{"id": "half a line',
      lineOf(item(6, { categories: 'Mundo' })),
      lineOf(item(7, { id: 'made-up' })),
      lineOf(item(8, { date: '2031-01-01T00:00:00.000Z' })),
      lineOf(item(9, { sourceId: 'retired-outlet' })),
      lineOf(item(10)),
    ];
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const db = await backend.newSpec();
    const r = await runCli(['import', file, '--db', db, '--config', CONFIG]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toContain('read 3 items: 3 new, 0 already in the archive; 7 lines rejected');
    // The first five, each with file:line and why; the rest counted.
    expect(r.stderr).toContain('mixed.jsonl:2: not an exported item (a JSON null, not an object)');
    expect(r.stderr).toContain('mixed.jsonl:3: title must be a string, not {"en":"an object"}');
    expect(r.stderr).toContain('mixed.jsonl:4: url "javascript:alert(1)" is not an http or https address');
    expect(r.stderr).toContain('mixed.jsonl:5: not valid JSON');
    expect(r.stderr).toContain('mixed.jsonl:6: categories must be a list of strings, not "Mundo"');
    expect(r.stderr).toContain('not imported: 2 more lines');
    expect(r.stderr).toContain('7 of 10 lines of');
    // A source sources.yaml does not list is stored (a backup outlives a retired source), and said.
    expect(r.stderr).toMatch(/retired-outlet.*1 item of a source sources\.yaml does not list: stored/);
    expect((await exported(db)).map((i) => i.guid).sort()).toEqual(['g1', 'g10', 'g9']);
  });

  it('says exactly which lines were stored when a bad line comes after thousands of good ones', async () => {
    const file = path.join(tmpDir(), 'long.jsonl');
    const lines = Array.from({ length: 3000 }, (_, i) => (i === 2500 ? '{"broken":' : lineOf(item(i + 1))));
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const db = await backend.newSpec();
    const r = await runCli(['import', file, '--db', db, '--config', CONFIG]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('read 2999 items: 2999 new, 0 already in the archive; 1 line rejected');
    expect(r.stderr).toContain('long.jsonl:2501: not valid JSON');
    expect(r.stderr).not.toContain('nothing after line');
    expect(await exported(db)).toHaveLength(2999);
  });

  it('exits 2 when no line could be imported, storing nothing', async () => {
    const file = path.join(tmpDir(), 'bad.jsonl');
    fs.writeFileSync(file, ['null', '[1,2]', '"text"', lineOf(item(1, { firstSeen: 'yesterday' }))].join('\n'));
    const db = await backend.newSpec();
    const r = await runCli(['import', file, '--db', db, '--config', CONFIG]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('bad.jsonl:4: firstSeen "yesterday" is not an instant');
    expect(r.stderr).toContain('nothing imported: all 4 lines of');
    expect(await exported(db)).toEqual([]);
  });
});

describe('an imported item with a 1 MB title', () => {
  it('is stored capped as a fetch would store it, and a build of its period finishes promptly', async () => {
    const d = tmpDir();
    const file = path.join(d, 'huge.jsonl');
    const words = ['Venezuela', 'Maduro', 'China', 'Rusia', 'Cuba', 'petróleo', 'sanciones', 'Caracas', 'Santiago', 'Peña'];
    let title = '';
    for (let i = 0; title.length < 1024 * 1024; i++) title += `${words[(i * 7) % words.length]} `;
    fs.writeFileSync(file, lineOf(item(1, { title, summary: title })) + '\n');
    const db = path.join(d, 'a.sqlite');
    const r = await runCli(['import', file, '--db', db, '--config', CONFIG]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('1 item had a title, summary or other field longer than vric keeps: stored cut to the limit');
    const [stored] = await exported(db);
    expect((stored!.title as string).length).toBeLessThanOrEqual(500);
    expect((stored!.summary as string).length).toBeLessThanOrEqual(1000);
    expect(stored!.title).toMatch(/^Venezuela .*…$/);

    const b = await runCli(['build', '--config', CONFIG, '--db', db, '--period', '2026-08', '--out', path.join(d, 'out'), '--allow-empty'], { timeoutMs: 60_000 });
    expect(b.code, b.stderr).toBe(0);
    // Uncapped, labelling this one item took minutes; capped it is milliseconds (the rest is start-up).
    expect(b.ms).toBeLessThan(20_000);
  }, 90_000);
});

describeBackends('vric migrate checks every item as an import does', (backend) => {
  it('caps what an older, unchecked import stored, leaves out what fails the check, names it and exits 3', async () => {
    const from = path.join(tmpDir(), 'old.sqlite');
    const old = await openArchive(from);
    // Straight into the archive, as imports before the check stored them.
    await old.importItems([item(1), item(2, { title: 'Caracas '.repeat(100_000) }), item(3, { url: 'javascript:alert(1)' })] as unknown as Item[]);
    await old.close();
    const to = await backend.newSpec();
    const r = await runCli(['migrate', '--from', from, '--to', to, '--json']);
    expect(r.code, r.stderr).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ read: 3, added: 2, rejected: 1, capped: 1, ok: true });
    expect(r.stderr).toContain(`item ${itemId('telesur', 'g3')} not copied: url "javascript:alert(1)" is not an http or https address`);
    expect(r.stderr).toContain('1 item of the source failed the item check and was not copied; every other item is in the target');
    const stored = await exported(to);
    expect(stored.map((i) => i.guid).sort()).toEqual(['g1', 'g2']);
    expect(Math.max(...stored.map((i) => (i.title as string).length))).toBeLessThanOrEqual(500);
  });
});
