// Retention through the real CLI, on both backends: a prune shows what it would delete, asks before
// deleting much or anything fresh, and what it deleted stays deleted (feeds, imports, migrations).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/open.js';
import type { FeedItem } from '../../src/core/item-types.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { describeBackends } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const CONFIG = path.join(ROOT, 'sample', 'sources.yaml');
/** The clock of every run here: "the last 30 days" are from 2026-11-15 on. */
const NOW = { VRIC_NOW: '2026-12-15T09:00:00Z' };

/** Stores, per source, one item for each date (YYYY-MM-DD), as a fetch would. */
async function seed(db: string, datesBySource: Record<string, string[]>): Promise<void> {
  const archive = await openArchive(db);
  for (const [sourceId, dates] of Object.entries(datesBySource)) {
    const items: FeedItem[] = dates.map((d, i) => ({
      sourceId,
      guid: `${sourceId}-${i}`,
      url: `https://example.org/${sourceId}/${i}`,
      title: `Noticia ${sourceId} ${i}`,
      summary: '',
      published: `${d}T10:00:00.000Z`,
      categories: [],
      language: 'es',
    }));
    await archive.storeFetchResult({ sourceId, status: 'ok', items, bytes: 0, durationMs: 1 }, { sourceId, consecutiveFailures: 0 }, 'seed', new Date('2026-12-14T00:00:00Z'));
  }
  await archive.close();
}

const monthly = (months: number[]) => months.map((m) => `2026-${String(m).padStart(2, '0')}-10`);
/** 16 items: alpha one a month January to October, beta three in the first quarter and three in December. */
const ARCHIVE = { alpha: monthly([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), beta: [...monthly([1, 2, 3]), '2026-12-01', '2026-12-05', '2026-12-10'] };

async function count(db: string): Promise<number> {
  const a = await openArchive(db);
  try {
    return await a.countItems();
  } finally {
    await a.close();
  }
}

const prune = (db: string, ...args: string[]) => runCli(['prune', '--db', db, '--config', CONFIG, ...args], { env: NOW });

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

describeBackends('vric prune', (backend) => {
  it('with --dry-run prints what each source would lose, and deletes nothing', async () => {
    const db = await backend.newSpec();
    await seed(db, ARCHIVE);
    const r = await prune(db, '--before', '2026-04-01', '--dry-run');
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(2).map((l) => l.split(/\s+/));
    expect(rows).toEqual([['alpha', '3'], ['beta', '3'], ['total', '6']]);
    expect(r.stderr).toContain('dry run: pruning before 2026-04-01 would delete 6 items of 16; nothing was deleted');

    // The same for scripts, and a dry run that would need --yes says so without refusing.
    const j = await prune(db, '--before', '2026-09-01', '--dry-run', '--json');
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual({
      before: '2026-09-01',
      dryRun: true,
      deleted: 0,
      wouldDelete: 11,
      archiveItems: 16,
      recent: 0,
      needsYes: ['that is more than half of the archive (11 of 16 items)'],
      sources: [{ id: 'alpha', items: 8 }, { id: 'beta', items: 3 }],
      prunedBefore: null,
    });
    expect(await count(db)).toBe(16);
  });

  it('asks for --yes before deleting more than half of the archive, and deletes with it', async () => {
    const db = await backend.newSpec();
    await seed(db, ARCHIVE);
    const refused = await prune(db, '--before', '2026-09-01');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pruning before 2026-09-01 would delete 11 items: that is more than half of the archive (11 of 16 items). Nothing was deleted');
    expect(refused.stderr).toContain('add --yes to delete them');
    expect(await count(db)).toBe(16);

    const done = await prune(db, '--before', '2026-09-01', '--yes');
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('deleted 11 items dated before 2026-09-01');
    expect(await count(db)).toBe(5);
  });

  it('asks for --yes before deleting anything dated within the last 30 days, however little', async () => {
    const db = await backend.newSpec();
    // 30 items; the prune would take two, both from December.
    await seed(db, { alpha: Array.from({ length: 20 }, () => '2026-12-05'), beta: ['2026-12-01', '2026-12-02', ...Array.from({ length: 8 }, () => '2026-12-09')] });
    const refused = await prune(db, '--before', '2026-12-03', '--json');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('would delete 2 items: 2 of them are dated within the last 30 days (since 2026-11-15). Nothing was deleted');
    expect(JSON.parse(refused.stdout)).toMatchObject({ deleted: 0, wouldDelete: 2, recent: 2, sources: [{ id: 'beta', items: 2 }] });
    expect(await count(db)).toBe(30);

    const done = await prune(db, '--before', '2026-12-03', '--yes', '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ deleted: 2, prunedBefore: '2026-12-03T00:00:00.000Z' });
    expect(await count(db)).toBe(28);
  });

  it('refuses a date in the future, which would keep out everything collected until then', async () => {
    const db = await backend.newSpec();
    await seed(db, ARCHIVE);
    const r = await prune(db, '--before', '2030-01-01', '--yes');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--before 2030-01-01 is after today (2026-12-15)');
    expect(await count(db)).toBe(16);
  });

  it('does not store pruned items again when their feed still carries them; newer ones still store', async () => {
    const d = tmpDir();
    const cfg = path.join(d, 'sources.yaml');
    const feedPath = `/wire-${backend.kind}.xml`;
    fs.writeFileSync(cfg, `policy:\n  stateMediaCap: 0.2\nsources:\n  - id: wire\n    name: Wire\n    url: ${server.url(feedPath)}\n    language: es\n    ownership: independent\n`);
    const rss = (days: string[]) =>
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>` +
      days.map((day) => `<item><title>Acuerdo del ${day}</title><link>https://wire.example/${day}</link><guid>${day}</guid><pubDate>${new Date(`${day}T10:00:00Z`).toUTCString()}</pubDate></item>`).join('') +
      '</channel></rss>';
    server.route(feedPath, serve(rss(['2026-03-05', '2026-05-05', '2026-11-20']), 'application/rss+xml'));
    const db = await backend.newSpec();
    const fetch = () => runCli(['fetch', '--config', cfg, '--db', db, '--json', '--force'], { env: NOW });

    expect(JSON.parse((await fetch()).stdout).totals.newItems).toBe(3);
    const pruned = await runCli(['prune', '--before', '2026-06-01', '--yes', '--db', db, '--config', cfg], { env: NOW });
    expect(pruned.stderr).toContain('deleted 2 items dated before 2026-06-01; items dated before 2026-06-01 will not be stored again');

    // The full feed again, with one more item: only that one is new.
    server.route(feedPath, serve(rss(['2026-03-05', '2026-05-05', '2026-11-20', '2026-12-01']), 'application/rss+xml'));
    const again = await fetch();
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).sources).toEqual([expect.objectContaining({ id: 'wire', status: 'ok', newItems: 1 })]);
    const exported = await runCli(['export', '--db', db, '--config', cfg]);
    expect(exported.stdout.trim().split('\n').map((l) => JSON.parse(l).guid).sort()).toEqual(['2026-11-20', '2026-12-01']);
  });

  it('never moves the pruned-before date back, and an import keeps out what was pruned, saying how many', async () => {
    const d = tmpDir();
    const db = await backend.newSpec();
    await seed(db, ARCHIVE);
    const backup = path.join(d, 'backup.jsonl');
    expect((await runCli(['export', '--db', db, '--config', CONFIG, '--out', backup])).code).toBe(0);

    expect((await prune(db, '--before', '2026-07-01', '--yes')).code).toBe(0);
    const earlier = await prune(db, '--before', '2026-03-01', '--json');
    expect(earlier.code).toBe(0);
    expect(JSON.parse(earlier.stdout)).toMatchObject({ deleted: 0, prunedBefore: '2026-07-01T00:00:00.000Z' });
    expect(earlier.stderr).toContain('the archive was already pruned before 2026-07-01: that date stands');

    // alpha July-October and beta's three December items are left; the backup's other 9 stay out.
    const im = await runCli(['import', backup, '--db', db, '--config', CONFIG]);
    expect(im.code).toBe(0);
    expect(im.stderr).toContain('read 16 items: 0 new, 7 already in the archive, 9 not stored (dated before 2026-07-01, the date this archive was pruned before)');
    expect(await count(db)).toBe(7);
  });

  it('carries the pruned-before date through vric migrate', async () => {
    const d = tmpDir();
    const from = await backend.newSpec();
    await seed(from, ARCHIVE);
    const backup = path.join(d, 'backup.jsonl');
    await runCli(['export', '--db', from, '--config', CONFIG, '--out', backup]);
    await prune(from, '--before', '2026-07-01', '--yes');

    const to = await backend.newSpec();
    const m = await runCli(['migrate', '--from', from, '--to', to, '--json']);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout)).toMatchObject({ read: 7, added: 7, skipped: 0, prunedBefore: '2026-07-01T00:00:00.000Z', ok: true });
    const im = await runCli(['import', backup, '--db', to, '--config', CONFIG]);
    expect(im.stderr).toContain('0 new, 7 already in the archive, 9 not stored');
  });
});
