// Operating vric unattended: the lock, export/import, prune and schedule, through the real CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/open.js';
import type { FeedItem } from '../../src/core/item-types.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { describeBackends } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';
import { acquireLock } from '../../src/archive/lock.js';

const CONFIG = path.join(ROOT, 'sample', 'sources.yaml');

async function seedArchive(db: string, n: number): Promise<void> {
  const archive = await openArchive(db);
  const items: FeedItem[] = Array.from({ length: n }, (_, i) => ({
    sourceId: 'seed',
    guid: `g${i}`,
    url: `https://example.org/n/${i}`,
    title: `Noticia ${i}: Caracas y Moscú firman un acuerdo`,
    summary: 'Texto con acentos: São Paulo, Bogotá, Perú.',
    published: new Date(Date.UTC(2026, i % 12, 10)).toISOString(),
    categories: ['Mundo'],
    language: 'es',
  }));
  await archive.storeFetchResult({ sourceId: 'seed', status: 'ok', items, bytes: 0, durationMs: 1 }, { sourceId: 'seed', consecutiveFailures: 0 }, 'seed', new Date('2026-12-31T00:00:00Z'));
  await archive.close();
}

describe('archive lock through the CLI', () => {
  it('refuses a second run with exit 75, naming the holder', async () => {
    const db = path.join(tmpDir(), 'a.sqlite');
    // This test process holds the archive's lock as a run does (the kernel keeps it until released).
    const held = acquireLock(db, 'fetch', new Date('2026-11-01T05:17:00.000Z'));
    try {
      const r = await runCli(['fetch', '--config', CONFIG, '--db', db]);
      expect(r.code).toBe(75);
      expect(r.stderr).toContain(`process ${process.pid} on ${os.hostname()} (fetch) since 2026-11-01T05:17:00.000Z`);
    } finally {
      held.release();
    }
  });

  it('takes over a lock record left by a killed run, even one naming a live pid (as after a reboot)', async () => {
    const d = tmpDir();
    const db = path.join(d, 'a.sqlite');
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), since: '2026-11-01T05:17:00.000Z', command: 'fetch' }));
    const r = await runCli(['fetch', '--config', CONFIG, '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.newItems).toBeGreaterThan(0);
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
  });
});

describeBackends('export, import, prune', (backend) => {
  it('round-trips every item through JSON Lines', async () => {
    const d = tmpDir();
    const a = await backend.newSpec();
    await seedArchive(a, 120);
    const file = path.join(d, 'export.jsonl');
    const ex = await runCli(['export', '--db', a, '--out', file, '--config', CONFIG]);
    expect(ex.code).toBe(0);
    expect(ex.stderr).toContain('exported 120 items');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(120);
    expect(JSON.parse(lines[0]!).summary).toBe('Texto con acentos: São Paulo, Bogotá, Perú.');

    const b = await backend.newSpec();
    const im = await runCli(['import', file, '--db', b, '--config', CONFIG]);
    expect(im.code).toBe(0);
    expect(im.stderr).toContain('read 120 items: 120 new, 0 already in the archive');
    const again = await runCli(['import', file, '--db', b, '--config', CONFIG]);
    expect(again.stderr).toContain('read 120 items: 0 new, 120 already in the archive');

    const back = await runCli(['export', '--db', b, '--config', CONFIG]);
    expect(back.stdout.trim().split('\n')).toEqual(lines);
  });

  it('rejects a broken import line, naming it', async () => {
    const d = tmpDir();
    const file = path.join(d, 'bad.jsonl');
    fs.writeFileSync(file, '{"id":"x"}\n');
    const r = await runCli(['import', file, '--db', await backend.newSpec(), '--config', CONFIG]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:1: not an exported item \(missing sourceId/);
  });

  it('prunes items dated before a date', async () => {
    const a = await backend.newSpec();
    await seedArchive(a, 24);
    // Half the archive, none of it from the last 30 days: no --yes needed (test/e2e/retention.test.ts has the guard).
    const r = await runCli(['prune', '--before', '2026-07-01', '--db', a, '--config', CONFIG], { env: { VRIC_NOW: '2027-01-15T00:00:00Z' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('deleted 12 items dated before 2026-07-01');
    expect((await runCli(['prune', '--before', 'July', '--db', a, '--config', CONFIG])).code).toBe(2);
  });
});

describe('vric schedule', () => {
  it('prints crontab lines with absolute paths', async () => {
    const r = await runCli(['schedule', '--config', 'sample/sources.yaml', '--db', 'data/a.sqlite']);
    expect(r.code).toBe(0);
    const cron = r.stdout.split('\n').filter((l) => /^\d/.test(l));
    expect(cron).toHaveLength(2);
    expect(cron[0]).toContain(`${process.execPath} ${path.join(ROOT, 'bin', 'vric.js')} fetch --config ${path.join(ROOT, 'sample', 'sources.yaml')} --db ${path.join(ROOT, 'data', 'a.sqlite')} --quiet --log-file ${path.join(ROOT, 'sample', 'logs', 'vric.log')}`);
    expect(cron[1]).toMatch(/^23 6 2 \* \* .* run --period last-month .* --quiet --log-file \S+$/);
    // vric writes the log itself: no pipe to hide its exit status (test/e2e/schedule.test.ts runs the lines).
    const logged = await runCli(['schedule', '--log', 'data/errors.log']);
    expect(logged.stdout).toContain(` --quiet --log-file ${path.join(ROOT, 'data', 'errors.log')}\n`);
    expect(logged.stdout).not.toContain('|');
  });

  it('prints one fetch line per collector for a shared PostgreSQL archive, and a build line for the editors', async () => {
    const db = 'postgres://vric@db.example/vric?sslmode=require';
    const r = await runCli(['schedule', '--db', db, '--shards', '3']);
    expect(r.code).toBe(0);
    const cron = r.stdout.split('\n').filter((l) => /^\d/.test(l));
    expect(cron).toHaveLength(4);
    for (const k of [1, 2, 3]) expect(cron[k - 1]).toMatch(new RegExp(` fetch .* --db '${db.replace(/[?.]/g, '\\$&')}' --quiet --log-file \\S+ --shard ${k}/3$`));
    expect(cron[3]).toMatch(/ build --period last-month .*--db 'postgres:.*' --out .* --quiet --log-file \S+$/);
    const sqlite = await runCli(['schedule', '--shards', '3']);
    expect(sqlite.code).toBe(2);
    expect(sqlite.stderr).toContain('--shards is for several machines sharing a PostgreSQL archive');
  });
});
