import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/open.js';
import { acquireLock, lockPathFor } from '../../src/archive/lock.js';
import type { FetchResult, SourceState } from '../../src/core/fetch-types.js';
import type { FeedItem, StoredLabels } from '../../src/core/item-types.js';
import { itemId } from '../../src/archive/ids.js';
import { itemLine, parseItemLine } from '../../src/archive/jsonl.js';
import { LOG_ROWS_PER_SOURCE } from '../../src/archive/retention.js';
import { describeBackends } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const at = new Date('2026-10-05T08:00:00Z');

async function toArray<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function feedItem(n: number, extra: Partial<FeedItem> = {}): FeedItem {
  return {
    sourceId: 'src-a',
    guid: `guid-${n}`,
    url: `https://news.example.org/a/${n}`,
    title: `Título número ${n} con acentos: Bogotá, São Paulo`,
    summary: `Resumen ${n}`,
    published: `2026-10-0${n}T12:00:00.000Z`,
    categories: ['Mundo'],
    language: 'es',
    ...extra,
  };
}

function ok(items: FeedItem[]): FetchResult {
  return { sourceId: 'src-a', status: 'ok', items, httpStatus: 200, bytes: 1234, durationMs: 42, etag: '"v1"' };
}

const state: SourceState = { sourceId: 'src-a', etag: '"v1"', consecutiveFailures: 0, lastSuccessAt: at.toISOString() };

// The archive contract, on both backends: what every command relies on.
describeBackends('archive', (backend) => {
  it('stores items once, however often the feed is fetched', async () => {
    const db = await backend.newSpec();
    const archive = await openArchive(db);
    expect(await archive.storeFetchResult(ok([feedItem(1), feedItem(2)]), state, 'run1', at)).toBe(2);
    expect(await archive.storeFetchResult(ok([feedItem(1), feedItem(2), feedItem(3)]), state, 'run2', at)).toBe(1);
    // Same link under a new guid is the same article.
    expect(await archive.storeFetchResult(ok([feedItem(3, { guid: 'changed' })]), state, 'run3', at)).toBe(0);
    await archive.close();

    const again = await openArchive(db);
    expect(await again.countItems()).toBe(3);
    const items = await again.itemsBetween({ fromIso: '2026-10-01T00:00:00Z', toIso: '2026-11-01T00:00:00Z' });
    expect(items.map((i) => i.guid)).toEqual(['guid-1', 'guid-2', 'guid-3']);
    expect(items[0]).toMatchObject({ title: 'Título número 1 con acentos: Bogotá, São Paulo', categories: ['Mundo'], firstSeen: at.toISOString() });
    expect(await again.getSourceState('src-a')).toMatchObject({ etag: '"v1"', consecutiveFailures: 0 });
    const log = await again.fetchLog({ sourceId: 'src-a' });
    expect(log.map((l) => [l.runId, l.newItems])).toEqual([['run3', 0], ['run2', 1], ['run1', 2]]);
    await again.close();
  });

  it('dates undated items by when they were first seen', async () => {
    const archive = await openArchive(await backend.newSpec());
    await archive.storeFetchResult(ok([feedItem(1, { published: null })]), state, 'r', at);
    const [item] = await archive.itemsBetween({ fromIso: '2026-10-01T00:00:00Z', toIso: '2026-11-01T00:00:00Z' });
    expect(item).toMatchObject({ published: null, date: at.toISOString() });
    await archive.close();
  });

  it('records failures in the log and the source state', async () => {
    const archive = await openArchive(await backend.newSpec());
    const failed: FetchResult = { sourceId: 'src-b', status: 'error', items: [], bytes: 0, durationMs: 15000, error: 'timeout: no response within 15 s', errorKind: 'timeout' };
    await archive.storeFetchResult(failed, { sourceId: 'src-b', consecutiveFailures: 2, lastError: failed.error!, lastErrorKind: 'timeout', nextAttemptAt: '2026-10-05T10:00:00.000Z' }, 'r', at);
    expect((await archive.sourceHealth(at)).find((h) => h.sourceId === 'src-b')).toMatchObject({ consecutiveFailures: 2, lastErrorKind: 'timeout', itemsLast30Days: 0 });
    expect((await archive.fetchLog())[0]).toMatchObject({ status: 'error', errorKind: 'timeout', durationMs: 15000 });
    await archive.close();
  });

  it('keeps a failing streak\'s start and warning, and grants its daily report to one caller only', async () => {
    const archive = await openArchive(await backend.newSpec());
    const failed: FetchResult = { sourceId: 'src-b', status: 'error', items: [], bytes: 0, durationMs: 10, error: 'HTTP 404', errorKind: 'http-4xx' };
    const streak: SourceState = {
      sourceId: 'src-b', consecutiveFailures: 3, lastError: 'HTTP 404', failingSince: '2026-10-01T05:00:00.000Z',
      lastReportedAt: '2026-10-04T05:00:00.000Z', warning: 'read only after repair: malformed XML (x)',
    };
    await archive.storeFetchResult(failed, streak, 'r', at);
    expect(await archive.getSourceState('src-b')).toMatchObject({ failingSince: streak.failingSince, lastReportedAt: streak.lastReportedAt, warning: streak.warning });
    // Told on the 4th at 05:00: due again after the 4th 06:00, and only once.
    expect(await archive.markReported(['src-b', 'nosuch'], at.toISOString(), '2026-10-04T06:00:00.000Z')).toEqual(['src-b']);
    expect(await archive.markReported(['src-b'], at.toISOString(), '2026-10-04T06:00:00.000Z')).toEqual([]);
    expect((await archive.getSourceState('src-b'))?.lastReportedAt).toBe(at.toISOString());
    await archive.storeFetchResult({ ...ok([feedItem(1)]), repaired: 'malformed XML (y)' }, state, 'r2', at);
    expect((await archive.fetchLog({ sourceId: 'src-a' }))[0]?.warning).toBe('read only after repair: malformed XML (y)');
    await archive.close();
  });

  it('keeps the labels an item was collected with, through export and import, and none for others', async () => {
    const labels: StoredLabels = {
      by: 'fp-1',
      value: { relevant: true, actors: ['RU'], countries: ['VE', 'CU'], themes: ['military'], opinion: false, antiWestern: false, section: 'russia', score: 4 },
    };
    const a = await openArchive(await backend.newSpec());
    await a.storeFetchResult(ok([feedItem(1, { labels }), feedItem(2)]), state, 'r', at);
    const items = await a.itemsBetween({ fromIso: '2026-10-01T00:00:00Z', toIso: '2026-11-01T00:00:00Z' });
    expect(items[0]!.labels).toEqual(labels);
    expect(items[1]).not.toHaveProperty('labels');
    const b = await openArchive(await backend.newSpec());
    const lines = (await toArray(a.allItems())).map((it) => {
      const checked = parseItemLine(itemLine(it));
      if (!checked.ok) throw new Error(checked.reason);
      return checked.item;
    });
    expect((await b.importItems(lines)).added).toBe(2);
    expect(await b.itemsBetween({ fromIso: '2026-10-01T00:00:00Z', toIso: '2026-11-01T00:00:00Z' })).toEqual(items);
    await a.close();
    await b.close();
  });

  it('exports and imports every item, and prunes by date', async () => {
    const a = await openArchive(await backend.newSpec());
    await a.storeFetchResult(ok([feedItem(1), feedItem(2), feedItem(3)]), state, 'r', at);
    const all = await toArray(a.allItems());
    const b = await openArchive(await backend.newSpec());
    expect((await b.importItems(all)).added).toBe(3);
    expect((await b.importItems(all)).added).toBe(0);
    expect(await toArray(b.allItems())).toEqual(all);
    expect(await b.pruneBefore('2026-10-03T00:00:00Z')).toBe(2);
    expect(await b.countItems()).toBe(1);
    await a.close();
    await b.close();
  });
});

// Retention, on both backends: the pruned-before date and the fetch log's bound.
describeBackends('archive retention', (backend) => {
  it('does not store items dated before the pruned-before date, from a feed or an import, and never lowers that date', async () => {
    const a = await openArchive(await backend.newSpec());
    expect(await a.prunedBefore()).toBeUndefined();
    await a.storeFetchResult(ok([feedItem(1), feedItem(2), feedItem(3)]), state, 'r1', at);
    expect(await a.countBefore('2026-10-03T00:00:00.000Z')).toEqual([{ sourceId: 'src-a', items: 2 }]);
    expect(await a.pruneBefore('2026-10-03T00:00:00.000Z')).toBe(2);
    expect(await a.prunedBefore()).toBe('2026-10-03T00:00:00.000Z');

    // The whole feed again, two items newer: the pruned two stay out.
    expect(await a.storeFetchResult(ok([1, 2, 3, 4, 5].map((n) => feedItem(n))), state, 'r2', at)).toBe(2);
    const items = await a.itemsBetween({ fromIso: '2026-10-01T00:00:00Z', toIso: '2026-11-01T00:00:00Z' });
    expect(items.map((i) => i.guid)).toEqual(['guid-3', 'guid-4', 'guid-5']);
    expect((await a.fetchLog({ sourceId: 'src-a' }))[0]).toMatchObject({ runId: 'r2', newItems: 2 });

    const b = await openArchive(await backend.newSpec());
    await b.storeFetchResult(ok([feedItem(1), feedItem(2)]), state, 'r', at);
    const old = await toArray(b.allItems());
    expect(await a.importItems(old)).toEqual({ added: 0, skipped: 2 });

    // An earlier prune, or an earlier date carried over, leaves the date where it was.
    expect(await a.pruneBefore('2026-10-01T00:00:00.000Z')).toBe(0);
    await a.raisePrunedBefore('2026-09-01T00:00:00.000Z');
    expect(await a.prunedBefore()).toBe('2026-10-03T00:00:00.000Z');
    await a.raisePrunedBefore('2026-10-04T00:00:00.000Z');
    expect(await a.prunedBefore()).toBe('2026-10-04T00:00:00.000Z');
    await a.close();
    await b.close();
  });

  it(`keeps the newest ${LOG_ROWS_PER_SOURCE} fetch-log rows of each source`, async () => {
    const a = await openArchive(await backend.newSpec());
    const other = { ...ok([]), sourceId: 'src-b' };
    await a.storeFetchResult(other, { ...state, sourceId: 'src-b' }, 'b1', at);
    // 130 runs an hour apart, some storing in batches with other sources, as a large fetch does.
    for (let n = 1; n <= 130; n++) {
      const runAt = new Date(at.getTime() + n * 3_600_000);
      if (n % 10 === 0) await a.storeFetchResults([{ result: ok([]), state }, { result: { ...ok([]), sourceId: 'src-c' }, state: { ...state, sourceId: 'src-c' } }], `r${n}`, runAt);
      else await a.storeFetchResult(ok([]), state, `r${n}`, runAt);
    }
    const log = await a.fetchLog({ sourceId: 'src-a' });
    expect(log).toHaveLength(LOG_ROWS_PER_SOURCE);
    expect(log.map((l) => l.runId)).toEqual(Array.from({ length: 100 }, (_, i) => `r${130 - i}`));
    expect(await a.fetchLog({ sourceId: 'src-c' })).toHaveLength(13);
    expect((await a.fetchLog({ sourceId: 'src-b' })).map((l) => l.runId)).toEqual(['b1']);
    await a.close();
  });
});

describe('archive lock', () => {
  it('refuses a second holder with exit code 75 and names the holder', () => {
    const db = path.join(tmpDir(), 'a.sqlite');
    const lock = acquireLock(db, 'fetch');
    try {
      acquireLock(db, 'build');
      throw new Error('second lock should have been refused');
    } catch (e) {
      expect((e as { exitCode: number }).exitCode).toBe(75);
      expect((e as Error).message).toMatch(new RegExp(`process ${process.pid} on .* \\(fetch\\) since 20`));
    }
    lock.release();
    expect(fs.existsSync(lockPathFor(db))).toBe(false);
    acquireLock(db, 'again').release();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const db = path.join(tmpDir(), 'a.sqlite');
    // A real process that exits: its pid is then free (not running).
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    fs.writeFileSync(lockPathFor(db), JSON.stringify({ pid, host: (await import('node:os')).hostname(), since: '2026-01-01T00:00:00Z', command: 'fetch' }));
    const lock = acquireLock(db, 'fetch');
    expect(JSON.parse(fs.readFileSync(lockPathFor(db), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});

describe('archive lock in a new folder', () => {
  it('creates the folder of a first archive', () => {
    const db = path.join(tmpDir(), 'not', 'yet', 'a.sqlite');
    const lock = acquireLock(db, 'fetch');
    expect(fs.existsSync(lockPathFor(db))).toBe(true);
    lock.release();
  });
});

describe('export lines', () => {
  // A valid item: the check (item-check.ts) refuses a made-up id or a date that is not an instant.
  const line = (labels: unknown) =>
    JSON.stringify({ id: itemId('s', 'g'), sourceId: 's', guid: 'g', url: '', title: 't', summary: '', firstSeen: '2026-10-01T00:00:00.000Z', date: '2026-10-01T00:00:00.000Z', language: 'es', categories: [], labels });
  const good = { relevant: true, actors: ['CN'], countries: ['PE'], themes: ['economic'], opinion: false, antiWestern: false, section: 'china', score: 3 };
  const item = (text: string) => {
    const checked = parseItemLine(text);
    if (!checked.ok) throw new Error(checked.reason);
    return checked.item;
  };

  it('keep well-formed stored labels and drop any others, so a build labels that item itself', () => {
    expect(item(line({ by: 'fp', value: good })).labels).toEqual({ by: 'fp', value: good });
    for (const bad of [
      'yes',
      { by: 1, value: good },
      { by: 'fp', value: { ...good, section: 'made-up' } },
      { by: 'fp', value: { ...good, actors: ['US'] } },
      { by: 'fp', value: { ...good, relevant: 'true' } },
      { by: 'fp', value: { ...good, themes: [{ x: 1 }] } },
    ]) {
      expect(item(line(bad)), JSON.stringify(bad)).not.toHaveProperty('labels');
    }
  });
});
