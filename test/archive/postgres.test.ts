// The PostgreSQL archive against a real server (test/setup/postgres.ts starts one): each test gets
// its own database. Where the behaviour is the SQLite archive's, the test says so by comparing.
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../src/archive/archive.js';
import { itemId } from '../../src/archive/ids.js';
import { POSTGRES_MIGRATIONS } from '../../src/archive/migrations.js';
import { openArchive } from '../../src/archive/open.js';
import { openPostgresArchive } from '../../src/archive/postgres/postgres-archive.js';
import { redactUrl } from '../../src/archive/spec.js';
import { EXIT, VricError } from '../../src/core/errors.js';
import type { FetchResult, SourceState } from '../../src/core/fetch-types.js';
import type { FeedItem, Item } from '../../src/core/item-types.js';
import { freshPgUrl, pgAvailable, skipReason } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const at = new Date('2026-10-05T08:00:00Z');
const MONTH = { fromIso: '2026-10-01T00:00:00.000Z', toIso: '2026-11-01T00:00:00.000Z' };

function feedItem(n: number, extra: Partial<FeedItem> = {}): FeedItem {
  return {
    sourceId: 'src-a',
    guid: `guid-${n}`,
    url: `https://news.example.org/a/${n}`,
    title: `Título número ${n}`,
    summary: `Resumen ${n}`,
    published: `2026-10-0${1 + (n % 9)}T12:00:00.000Z`,
    categories: ['Mundo'],
    language: 'es',
    ...extra,
  };
}

function ok(sourceId: string, items: FeedItem[]): FetchResult {
  return { sourceId, status: 'ok', items, httpStatus: 200, bytes: 1234, durationMs: 42.4, etag: '"v1"' };
}

const stateOf = (sourceId: string, extra: Partial<SourceState> = {}): SourceState => ({
  sourceId,
  etag: '"v1"',
  consecutiveFailures: 0,
  lastSuccessAt: at.toISOString(),
  ...extra,
});

function archivedItem(n: number, extra: Partial<Item> = {}): Item {
  const f = feedItem(n);
  return { ...f, id: itemId(f.sourceId, f.guid), firstSeen: at.toISOString(), date: f.published!, ...extra };
}

async function collect<T>(xs: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of xs) out.push(x);
  return out;
}

const open: Archive[] = [];
async function openPg(url: string): Promise<Archive> {
  const a = await openPostgresArchive(url);
  open.push(a);
  return a;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.close()));
});

async function sql<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
}

describe('redactUrl', () => {
  it('hides a password in the userinfo or the query string, and leaves the rest', () => {
    expect(redactUrl('postgres://vric:s3cr%40t@db.example:5433/archive?sslmode=require')).toBe(
      'postgres://vric:***@db.example:5433/archive?sslmode=require',
    );
    expect(redactUrl('postgresql://vric@db/archive?password=s3cret&sslmode=require')).toBe(
      'postgresql://vric@db/archive?password=***&sslmode=require',
    );
    expect(redactUrl('postgres://db/archive')).toBe('postgres://db/archive');
    // Not a WHATWG URL (a space in the host), yet the password still goes.
    expect(redactUrl('postgres://vric:p@ss@bad host/x')).toBe('postgres://vric:***@bad host/x');
  });
});

describe('opening a PostgreSQL archive that is not there', () => {
  it('fails with exit 1, naming the archive without its password and the cause', async () => {
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    const url = 'postgres://vric:s3cret@127.0.0.1:1/archive';
    const err = await openArchive(url).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(VricError);
    expect((err as VricError).exitCode).toBe(EXIT.internal);
    expect((err as VricError).message).toContain('postgres://vric:***@127.0.0.1:1/archive');
    expect((err as VricError).message).toContain('ECONNREFUSED');
    expect((err as VricError).message).not.toContain('s3cret');
  });
});

describe.skipIf(!pgAvailable())(`PostgreSQL archive${pgAvailable() ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('migrates a new database, and opening again (or twice at once) changes nothing', async () => {
    const url = await freshPgUrl();
    // Two collectors starting at once: the advisory lock lets one migrate, the other then finds it done.
    const [a, b] = await Promise.all([openPg(url), openPg(url)]);
    expect(a.kind).toBe('postgres');
    expect(b.kind).toBe('postgres');
    const tables = await sql<{ t: string }>(url, "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.map((r) => r.t)).toEqual(['approved_digests', 'archive_meta', 'decisions', 'fetch_log', 'items', 'schema_version', 'source_lease', 'source_state']);
    expect(await sql(url, 'SELECT version FROM schema_version')).toEqual([{ version: POSTGRES_MIGRATIONS.length }]);
    await (await openPg(url)).close();
    expect(await sql(url, 'SELECT version FROM schema_version')).toEqual([{ version: POSTGRES_MIGRATIONS.length }]);
    // Every text column compares in byte order, whatever the database's default.
    const collations = await sql<{ c: string | null }>(
      url,
      "SELECT DISTINCT collation_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'text'",
    );
    expect(collations).toEqual([{ c: 'C' }]);
  });

  it('runs only the steps an older archive lacks', async () => {
    const url = await freshPgUrl();
    // An archive as a vric that knew three steps left it.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(POSTGRES_MIGRATIONS.slice(0, 3).join('\n'));
    await c.query('CREATE TABLE schema_version (only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row), version INTEGER NOT NULL)');
    await c.query('INSERT INTO schema_version (version) VALUES (3)');
    await c.query(`INSERT INTO items (id, source_id, guid, url, title, summary, first_seen, date, language)
                   VALUES ('kept', 's', 'g', '', 't', '', '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', 'es')`);
    await c.end();
    const a = await openPg(url);
    expect(await sql(url, 'SELECT version FROM schema_version')).toEqual([{ version: POSTGRES_MIGRATIONS.length }]);
    expect(await a.countItems()).toBe(1);
    expect(await a.claimSources(['s'], 'h', 1000)).toEqual(['s']);
    // The item from before step 5 has no stored labels; a build labels it itself.
    expect((await a.itemsBetween({ fromIso: '2026-10-01', toIso: '2026-11-01' }))[0]).not.toHaveProperty('labels');
  });

  it('refuses an archive whose schema is newer than this vric knows', async () => {
    const url = await freshPgUrl();
    await (await openPg(url)).close();
    await sql(url, 'UPDATE schema_version SET version = $1', [POSTGRES_MIGRATIONS.length + 1]);
    const err = await openPostgresArchive(url).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(VricError);
    expect((err as VricError).exitCode).toBe(EXIT.usage);
    expect((err as VricError).message).toMatch(/newer than this vric knows/);
  });

  it('counts new items per source, stores nothing twice, and keeps state and the fetch log', async () => {
    const a = await openPg(await freshPgUrl());
    const batch = [
      { result: ok('src-a', [feedItem(1), feedItem(2)]), state: stateOf('src-a') },
      { result: ok('src-b', [feedItem(1, { sourceId: 'src-b' })]), state: stateOf('src-b', { etag: '"b"' }) },
      {
        result: { sourceId: 'src-c', status: 'error', items: [], bytes: 0, durationMs: 5, error: 'timed out', errorKind: 'timeout' },
        state: stateOf('src-c', { consecutiveFailures: 2, lastError: 'timed out', lastErrorKind: 'timeout' }),
      },
    ] satisfies { result: FetchResult; state: SourceState }[];
    expect(await a.storeFetchResults(batch, 'run1', at)).toEqual([2, 1, 0]);
    expect(await a.storeFetchResults(batch, 'run2', at)).toEqual([0, 0, 0]);
    expect(await a.storeFetchResult(ok('src-a', [feedItem(1), feedItem(3)]), stateOf('src-a'), 'run3', at)).toBe(1);
    expect(await a.countItems()).toBe(4);

    expect(await a.getSourceState('src-b')).toEqual({ sourceId: 'src-b', etag: '"b"', consecutiveFailures: 0, lastSuccessAt: at.toISOString() });
    expect(await a.getSourceState('nope')).toBeUndefined();
    expect((await a.getAllSourceStates()).map((s) => s.sourceId)).toEqual(['src-a', 'src-b', 'src-c']);

    const log = await a.fetchLog();
    expect(log.map((l) => [l.runId, l.sourceId, l.newItems])).toEqual([
      ['run3', 'src-a', 1],
      ['run2', 'src-c', 0],
      ['run2', 'src-b', 0],
      ['run2', 'src-a', 0],
      ['run1', 'src-c', 0],
      ['run1', 'src-b', 1],
      ['run1', 'src-a', 2],
    ]);
    expect(log[0]).toEqual({
      runId: 'run3', sourceId: 'src-a', at: at.toISOString(), status: 'ok', httpStatus: 200,
      bytes: 1234, durationMs: 42, newItems: 1, error: null, errorKind: null, warning: null,
    });
    expect(log.find((l) => l.sourceId === 'src-c')).toMatchObject({ status: 'error', httpStatus: null, error: 'timed out', errorKind: 'timeout' });
    expect((await a.fetchLog({ sourceId: 'src-b', limit: 1 })).map((l) => l.runId)).toEqual(['run2']);
    expect(await a.fetchLog({ sinceIso: '2027-01-01T00:00:00.000Z' })).toEqual([]);

    const health = await a.sourceHealth(new Date('2026-10-20T00:00:00Z'));
    expect(health.map((h) => [h.sourceId, h.totalItems, h.itemsLast30Days])).toEqual([
      ['src-a', 3, 3],
      ['src-b', 1, 1],
      ['src-c', 0, 0],
    ]);
    // Counts are numbers, not the strings node-postgres makes of bigints.
    expect(typeof health[0]!.totalItems).toBe('number');
    expect((await a.sourceHealth(new Date('2027-06-01T00:00:00Z')))[0]).toMatchObject({ totalItems: 3, itemsLast30Days: 0 });
  });

  it('does not store an entry again when its guid changes but its link does not', async () => {
    const a = await openPg(await freshPgUrl());
    expect(await a.storeFetchResult(ok('src-a', [feedItem(1)]), stateOf('src-a'), 'r1', at)).toBe(1);
    expect(await a.storeFetchResult(ok('src-a', [feedItem(1, { guid: 'changed' })]), stateOf('src-a'), 'r2', at)).toBe(0);
    // Entries without a link are told apart by guid alone.
    const noLink = [feedItem(2, { url: '' }), feedItem(3, { url: '' })];
    expect(await a.storeFetchResult(ok('src-a', noLink), stateOf('src-a'), 'r3', at)).toBe(2);
    expect(await a.countItems()).toBe(3);
  });

  it('keeps what SQLite keeps when entries of one batch collide with each other and with stored ones', async () => {
    const sqliteArchive = await openArchive(path.join(tmpDir(), 'a.sqlite'));
    const pgArchive = await openPg(await freshPgUrl());
    const u = (n: number) => `https://news.example.org/shared/${n}`;
    const first = [feedItem(1, { url: u(1) })];
    // One feed with the same link under two guids, the same guid twice, an entry whose link a
    // stored entry has, and an entry that shares a link with that one.
    const second = [
      feedItem(9, { url: u(2), title: 'first of two with link 2' }),
      feedItem(5, { url: u(2), title: 'second of two with link 2' }),
      feedItem(7, { title: 'guid 7, first' }),
      feedItem(7, { url: 'https://news.example.org/other', title: 'guid 7, second' }),
      feedItem(4, { url: u(1), title: 'link 1 again' }),
      feedItem(6, { url: u(1), title: 'link 1 once more' }),
      feedItem(8, { guid: 'guid-1', url: u(3), title: 'guid 1 with a new link' }),
      feedItem(3, { url: u(3), title: 'link 3 after guid 1' }),
    ];
    for (const archive of [sqliteArchive, pgArchive]) {
      await archive.storeFetchResult(ok('src-a', first), stateOf('src-a'), 'r1', at);
    }
    const counts = [];
    for (const archive of [sqliteArchive, pgArchive]) {
      counts.push(await archive.storeFetchResults([{ result: ok('src-a', second), state: stateOf('src-a') }], 'r2', at));
    }
    expect(counts[1]).toEqual(counts[0]);
    const sqliteItems = await collect(sqliteArchive.allItems());
    await sqliteArchive.close();
    expect(await collect(pgArchive.allItems())).toEqual(sqliteItems);
    expect(sqliteItems.map((i) => i.title)).toContain('first of two with link 2');
    expect(sqliteItems.map((i) => i.title)).not.toContain('second of two with link 2');
  });

  it('stores each item exactly once when two collectors store the same sources at once', async () => {
    const url = await freshPgUrl();
    const [a, b] = await Promise.all([openPg(url), openPg(url)]);
    const sources = ['s1', 's2', 's3', 's4'];
    const batchFor = (order: string[]) =>
      order.map((s) => ({
        result: ok(s, Array.from({ length: 150 }, (_, n) => feedItem(n, { sourceId: s, url: `https://x.example/${s}/${n}` }))),
        state: stateOf(s),
      }));
    let stored = 0;
    for (let round = 0; round < 5; round++) {
      // The other collector has the sources in the opposite order.
      const more = Array.from({ length: 150 }, (_, n) => feedItem(n, { sourceId: 's1', guid: `r${round}-${n}`, url: `https://x.example/r${round}/${n}` }));
      const mine = batchFor(sources);
      const theirs = batchFor([...sources].reverse());
      mine[0]!.result.items.push(...more);
      theirs[3]!.result.items.push(...[...more].reverse());
      const [x, y] = await Promise.all([a.storeFetchResults(mine, `a${round}`, at), b.storeFetchResults(theirs, `b${round}`, at)]);
      stored += [...x, ...y].reduce((s, n) => s + n, 0);
    }
    expect(await a.countItems()).toBe(4 * 150 + 5 * 150);
    expect(stored).toBe(4 * 150 + 5 * 150);
  });

  it('runs a batch again when the server breaks a deadlock by aborting it', async () => {
    const url = await freshPgUrl();
    const a = await openPg(url);
    // Two entries of one feed, A locked before B (ids ascending); another writer holds B and then
    // wants A's link under another guid: each waits for the other until the server aborts one.
    let n = 0;
    let [ga, gb] = ['a0', 'b0'];
    while (itemId('src-a', ga) > itemId('src-a', gb)) gb = `b${++n}`;
    const A = feedItem(1, { guid: ga, url: 'https://d.example/a' });
    const B = feedItem(2, { guid: gb, url: 'https://d.example/b' });
    const other = new pg.Client({ connectionString: url, application_name: 'other-writer' });
    await other.connect();
    try {
      const insert = (it: FeedItem) =>
        other.query(
          `INSERT INTO items (id, source_id, guid, url, title, summary, published, first_seen, date, language, categories)
           VALUES ($1, $2, $3, $4, $5, '', NULL, $6, $6, 'es', '[]')`,
          [itemId(it.sourceId, it.guid), it.sourceId, it.guid, it.url, it.title, at.toISOString()],
        );
      await other.query('BEGIN');
      await insert(B);
      const storing = a.storeFetchResult(ok('src-a', [A, B]), stateOf('src-a'), 'r', at).catch((e: unknown) => e);
      // Wait until the archive's transaction has inserted A and waits for B.
      for (let tries = 0; ; tries++) {
        const [row] = await sql<{ n: string }>(url, "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'vric' AND wait_event_type = 'Lock'");
        if (row!.n === '1') break;
        if (tries > 200) throw new Error('the archive never waited for the other writer');
        await new Promise((r) => setTimeout(r, 20));
      }
      await insert({ ...A, guid: 'another-guid' });
      await other.query('COMMIT');
      // Aborted as the deadlock victim, then run again: both entries are the other writer's now.
      expect(await storing).toBe(0);
    } finally {
      await other.end();
    }
    expect(await a.countItems()).toBe(2);
    expect((await a.fetchLog()).map((l) => [l.runId, l.newItems])).toEqual([['r', 0]]);
  });

  it('leases: racing holders get disjoint sources; expired leases move; storing or releasing ends them', async () => {
    const url = await freshPgUrl();
    const [a, b] = await Promise.all([openPg(url), openPg(url)]);
    const ids = Array.from({ length: 100 }, (_, i) => `source-${String(i).padStart(3, '0')}`);
    const [gotA, gotB] = await Promise.all([a.claimSources(ids, 'A', 60_000), b.claimSources([...ids].reverse(), 'B', 60_000)]);
    expect(gotA.filter((id) => gotB.includes(id))).toEqual([]);
    expect([...gotA, ...gotB].sort()).toEqual(ids);
    // Granted ids come back in the order asked for.
    expect(gotA).toEqual(ids.filter((id) => gotA.includes(id)));

    // A holder may claim again what it holds (renewing the lease); the other may not.
    expect(await a.claimSources(gotA, 'A', 60_000)).toEqual(gotA);
    expect(await b.claimSources(gotA, 'B', 60_000)).toEqual([]);

    // A dead collector's lease runs out and another takes the source.
    expect(await a.claimSources(['short', 'short'], 'A', 50)).toEqual(['short']);
    expect(await b.claimSources(['short'], 'B', 60_000)).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(await b.claimSources(['short'], 'B', 60_000)).toEqual(['short']);

    // Storing a source ends its lease, whoever stores it.
    const [x, y] = ['fresh-x', 'fresh-y'];
    expect(await a.claimSources([x, y], 'A', 60_000)).toEqual([x, y]);
    await a.storeFetchResult(ok(x, []), stateOf(x), 'run-a', at);
    expect(await b.claimSources([x, y], 'B', 60_000)).toEqual([x]);
    // Releasing frees the rest of the holder's leases, and only the holder's.
    await a.releaseSources('A');
    expect((await b.claimSources([...ids, y], 'B', 60_000)).length).toBe(101);
    expect(await a.claimSources([], 'A', 1000)).toEqual([]);
  });

  it('selects and orders a period in byte order even where the database sorts by language', async () => {
    const url = await freshPgUrl({ icuLocale: 'en-US' });
    // The database's own order really is a language's: 'a' before 'B'.
    expect(await sql(url, "SELECT 'a' < 'B' AS lang, ':' < '.' AS punct")).toEqual([{ lang: true, punct: true }]);
    const a = await openPg(url);
    const base = archivedItem(1);
    const mk = (id: string, date: string, sourceId = 'src-a'): Item => ({ ...base, id, guid: id, url: `https://e.example/${id}`, sourceId, date, published: date });
    await a.importItems([
      mk('a1', '2026-10-02T00:00:00.000Z'),
      mk('B2', '2026-10-02T00:00:00.000Z'),
      mk('_x', '2026-10-02T00:00:00.000Z'),
      mk('Z9', '2026-10-02T00:00:00.000Z', 'Src-A'),
      mk('b0', '2026-10-01T00:00:00.000Z'),
      mk('c0', '2026-09-30T23:59:59.999Z'),
      mk('d0', '2026-11-01T00:00:00.000Z'),
      mk('e0', '2026-10-31T23:59:59.999Z'),
    ]);
    const between = async (q: Parameters<Archive['itemsBetween']>[0]) => (await a.itemsBetween(q)).map((i) => i.id);
    // From inclusive, to exclusive; same date by id in byte order (upper case, '_', lower case).
    expect(await between(MONTH)).toEqual(['b0', 'B2', 'Z9', '_x', 'a1', 'e0']);
    // A bound without milliseconds: '.' sorts before 'Z' in bytes, so midnight with .000 is before it.
    expect(await between({ fromIso: '2026-10-01T00:00:00Z', toIso: '2026-10-02T00:00:00Z' })).toEqual(['B2', 'Z9', '_x', 'a1']);
    // Source ids match exactly, case and all.
    expect(await between({ ...MONTH, sourceIds: ['Src-A'] })).toEqual(['Z9']);
    expect(await between({ ...MONTH, sourceIds: ['src-a', 'nope'] })).toEqual(['b0', 'B2', '_x', 'a1', 'e0']);
    expect(await between({ ...MONTH, sourceIds: [] })).toEqual([]);
    // The export order is byte order too.
    expect((await collect(a.allItems())).map((i) => i.id)).toEqual(['B2', 'Z9', '_x', 'a1', 'b0', 'c0', 'd0', 'e0']);
  });

  it('reads every item for export in pages, in id order', async () => {
    const a = await openPg(await freshPgUrl());
    const items = Array.from({ length: 4321 }, (_, n) => archivedItem(n, { guid: `g${n}`, url: `https://p.example/${n}`, id: itemId('src-a', `g${n}`) }));
    expect((await a.importItems(items)).added).toBe(4321);
    const ids = (await collect(a.allItems())).map((i) => i.id);
    expect(ids.length).toBe(4321);
    expect(new Set(ids).size).toBe(4321);
    expect(ids).toEqual(items.map((i) => i.id).sort());
  });

  it('imports items as they are, once, and prunes by date', async () => {
    const a = await openPg(await freshPgUrl());
    const items = Array.from({ length: 12_000 }, (_, n) =>
      archivedItem(n, { guid: `g${n}`, url: `https://p.example/${n}`, id: `id-${String(n).padStart(5, '0')}`, date: `2026-${n < 5000 ? '09' : '10'}-15T00:00:00.000Z` }),
    );
    expect((await a.importItems(items)).added).toBe(12_000);
    expect((await a.importItems(items.slice(0, 100))).added).toBe(0);
    expect((await a.importItems([])).added).toBe(0);
    expect(await a.pruneBefore('2026-10-01T00:00:00.000Z')).toBe(5000);
    expect(await a.pruneBefore('2026-10-01T00:00:00.000Z')).toBe(0);
    expect(await a.countItems()).toBe(7000);
  });

  it('gives back exactly the Item it stored: author, non-ASCII and emoji categories, no date', async () => {
    const a = await openPg(await freshPgUrl());
    const withAuthor = feedItem(1, { author: 'María José Ñúñez', categories: ['Política', 'Венесуэла', '中国', '🇻🇪 Economía', ''], title: 'Quote "x" \\ back\'slash {a,b}' });
    const undated = feedItem(2, { published: null, categories: [] });
    await a.storeFetchResult(ok('src-a', [withAuthor, undated]), stateOf('src-a'), 'r', at);
    const got = await a.itemsBetween(MONTH);
    expect(got).toEqual([
      { ...withAuthor, id: itemId('src-a', 'guid-1'), firstSeen: at.toISOString(), date: '2026-10-02T12:00:00.000Z' },
      { ...undated, id: itemId('src-a', 'guid-2'), firstSeen: at.toISOString(), date: at.toISOString() },
    ]);
    expect('author' in got[1]!).toBe(false);

    // And through export and import into another archive, field for field.
    const b = await openPg(await freshPgUrl());
    expect((await b.importItems(await collect(a.allItems()))).added).toBe(2);
    expect(await collect(b.allItems())).toEqual(await collect(a.allItems()));
  });
});
