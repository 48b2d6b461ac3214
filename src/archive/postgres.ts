// The shared archive: PostgreSQL through node-postgres, for several collectors and editors using
// one archive. It stores and answers exactly as sqlite.ts does (same ids, ISO timestamps as text,
// byte-order text); what it adds is for many writers at once: leases that split the sources
// between collectors, row locks taken in one order, and a retry when the server still picks a
// deadlock victim.
import pg from 'pg';
import { VricError, EXIT } from '../core/errors.js';
import type { FetchResult, SourceState } from '../core/fetch-types.js';
import type { Item } from '../core/item-types.js';
import type { Archive, FetchLogEntry, ItemQuery, SourceHealth } from './archive.js';
import { repairWarning } from '../fetch/backoff.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { LOG_ROWS_PER_SOURCE, PRUNED_BEFORE_KEY, storable, type ImportCount } from './retention.js';
import { archivedItem, healthOf, labelColumns, recentSince, rowToItem, rowToLogEntry, rowToState, type ItemRow, type LogRow, type StateRow } from './rows.js';
import { redactUrl } from './spec.js';
import { UnionFind } from '../core/union-find.js';

export { redactUrl };

/** Connections per archive: a collector writes one batch at a time, and a build reads one query at a time. */
const POOL_SIZE = 4;
/** Rows per page of allItems. */
const PAGE = 2000;
/** Rows per insert statement on import, so a large import doesn't build one huge array literal. */
const IMPORT_CHUNK = 5000;
/** Retries of a whole transaction the server aborted as a deadlock victim or serialization failure. */
const RETRIES = 2;
const RETRYABLE = new Set(['40P01', '40001']);
/** Advisory lock key ('vric' in ASCII) under which one opener at a time migrates. */
const MIGRATION_LOCK = 0x76726963;

/** A driver or network error as one line: its code (ECONNREFUSED, 28P01…) and what it says. */
export function describeCause(e: unknown, password: string): string {
  const err = e as { code?: unknown; message?: unknown; errors?: { message?: string }[] };
  // Node reports a refused connection to a name with several addresses as an AggregateError
  // whose own message is empty.
  let message = typeof err?.message === 'string' && err.message ? err.message : (err?.errors?.[0]?.message ?? String(e));
  const code = typeof err?.code === 'string' ? err.code : undefined;
  if (code && !message.includes(code)) message = `${message} (${code})`;
  return password ? message.split(password).join('***') : message;
}

export function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

/**
 * Not reaching the server (refused, unknown host, timeout, wrong password, no such database) is a
 * problem of the environment, not of how vric was called: exit 1, like any failure that the same
 * command may not meet a minute later, not 2 ("fix the command line"), which scripts treat as final.
 */
function connectionError(url: string, e: unknown): VricError {
  return new VricError(
    `cannot connect to the PostgreSQL archive ${redactUrl(url)}: ${describeCause(e, passwordOf(url))}`,
    EXIT.internal,
  );
}

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export async function openPostgresArchive(url: string): Promise<Archive> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    application_name: 'vric',
    // A server that drops packets would otherwise leave vric waiting forever.
    connectionTimeoutMillis: 15_000,
    // Idle connections must not keep a finished command's process alive.
    allowExitOnIdle: true,
  });
  // An idle connection the server closes (a restart, an administrator) is reported here; without a
  // listener Node would end the process. The pool drops that connection and the next query opens another.
  pool.on('error', () => {});
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    await pool.end().catch(() => {});
    throw connectionError(url, e);
  }
  try {
    await migrate(client, url);
  } catch (e) {
    client.release(true);
    await pool.end().catch(() => {});
    if (e instanceof VricError) throw e;
    throw new VricError(
      `cannot prepare the PostgreSQL archive ${redactUrl(url)}: ${describeCause(e, passwordOf(url))}`,
      EXIT.internal,
    );
  }
  client.release();
  return new PostgresArchive(pool, url);
}

/** How far the archive's schema has come: schema_version (one row) is SQLite's PRAGMA user_version. */
export async function schemaVersion(c: pg.PoolClient): Promise<{ exists: boolean; version: number }> {
  const exists = (await c.query<{ t: string | null }>("SELECT to_regclass('schema_version') AS t")).rows[0]?.t != null;
  if (!exists) return { exists, version: 0 };
  return { exists, version: (await c.query<{ version: number }>('SELECT version FROM schema_version')).rows[0]?.version ?? 0 };
}

/**
 * Brings the schema up to date in one transaction, under an advisory lock so that two collectors
 * starting at once don't both run a step: the second waits, then finds nothing left to do. An
 * archive already up to date is only read, so opening one takes no lock (and works on a replica).
 */
async function migrate(c: pg.PoolClient, url: string): Promise<void> {
  const refuseNewer = (version: number) => {
    if (version > POSTGRES_MIGRATIONS.length) {
      throw new VricError(
        `the archive ${redactUrl(url)} has schema version ${version}, newer than this vric knows (${POSTGRES_MIGRATIONS.length}); upgrade vric`,
        EXIT.usage,
      );
    }
  };
  const before = await schemaVersion(c);
  refuseNewer(before.version);
  if (before.version === POSTGRES_MIGRATIONS.length) return;

  // A session lock, taken before the transaction begins: a transaction that starts after the lock is
  // granted sees the tables the previous holder created. With pg_advisory_xact_lock, taken inside a
  // transaction, the server kept this session's "no schema_version" from the look above, and the
  // second of two openers tried to create it again.
  await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await c.query('BEGIN');
    try {
      const { exists, version } = await schemaVersion(c);
      refuseNewer(version);
      if (!exists) {
        await c.query(`
          CREATE TABLE schema_version (
            only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
            version  INTEGER NOT NULL
          );
          INSERT INTO schema_version (version) VALUES (0);`);
      }
      for (let v = version; v < POSTGRES_MIGRATIONS.length; v++) await c.query(POSTGRES_MIGRATIONS[v]!);
      await c.query('UPDATE schema_version SET version = $1', [POSTGRES_MIGRATIONS.length]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  } finally {
    // Should this fail, the caller closes the connection, and the lock goes with the session.
    await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

/**
 * PostgreSQL text cannot hold U+0000, which SQLite stores. Fetching already strips control
 * characters; this keeps one odd imported item from failing a whole batch.
 */
const pgText = (s: string): string => (s.includes('\0') ? s.replaceAll('\0', '') : s);
const pgTextOrNull = (s: string | null | undefined): string | null => (s == null ? null : pgText(s));

/**
 * Rows in the order one INSERT takes them. Transactions inserting the same items must lock them in
 * one order or they can deadlock, so rows go by id. But where rows of a batch collide with each
 * other (same id, same source and guid, or same source and non-empty url) the first in feed order
 * must win, as in SQLite's one-at-a-time inserts: each such group keeps its own order and is
 * placed at its smallest id. Groups never collide with each other, so the outcome is SQLite's.
 */
function insertOrder(items: Item[]): Item[] {
  const sets = new UnionFind(items.length);
  const firstWithKey = new Map<string, number>();
  items.forEach((it, i) => {
    const keys = [`i\0${it.id}`, `g\0${it.sourceId}\0${it.guid}`];
    if (it.url !== '') keys.push(`u\0${it.sourceId}\0${it.url}`);
    for (const key of keys) {
      const j = firstWithKey.get(key);
      if (j === undefined) firstWithKey.set(key, i);
      else sets.union(i, j);
    }
  });
  const groupId = new Map<number, string>();
  items.forEach((it, i) => {
    const g = sets.find(i);
    const least = groupId.get(g);
    if (least === undefined || it.id < least) groupId.set(g, it.id);
  });
  return items
    .map((item, i) => ({ item, i, key: groupId.get(sets.find(i))! }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i))
    .map((r) => r.item);
}

/** Items as one array per column, the parameters of INSERT_ITEMS. */
function itemColumns(items: Item[]): (string | null)[][] {
  const cols: (string | null)[][] = Array.from({ length: 14 }, () => []);
  for (const it of items) {
    const { labels_by, labels } = labelColumns(it);
    const row = [
      it.id,
      it.sourceId,
      it.guid,
      it.url,
      it.title,
      it.summary,
      it.published,
      it.firstSeen,
      it.date,
      it.language,
      JSON.stringify(it.categories ?? []),
      it.author ?? null,
      labels_by,
      labels,
    ];
    row.forEach((v, c) => cols[c]!.push(pgTextOrNull(v)));
  }
  return cols;
}

// One statement per batch. No conflict target: the primary key, (source_id, guid) and the
// partial unique index on (source_id, url) all make a row "already there", as INSERT OR IGNORE
// does in SQLite. WITH ORDINALITY … ORDER BY keeps the order insertOrder chose.
const INSERT_ITEMS = `
  INSERT INTO items (id, source_id, guid, url, title, summary, published, first_seen, date, language, categories, author, labels_by, labels)
  SELECT id, source_id, guid, url, title, summary, published, first_seen, date, language, categories, author, labels_by, labels
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
              $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
       WITH ORDINALITY AS u(id, source_id, guid, url, title, summary, published, first_seen, date, language, categories, author, labels_by, labels, n)
  ORDER BY n
  ON CONFLICT DO NOTHING
  RETURNING id`;

const UPSERT_STATES = `
  INSERT INTO source_state (source_id, etag, last_modified, consecutive_failures, next_attempt_at, last_attempt_at, last_success_at, last_error, last_error_kind,
                            failing_since, last_reported_at, warning)
  SELECT source_id, etag, last_modified, consecutive_failures, next_attempt_at, last_attempt_at, last_success_at, last_error, last_error_kind,
         failing_since, last_reported_at, warning
  FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
              $10::text[], $11::text[], $12::text[])
       WITH ORDINALITY AS u(source_id, etag, last_modified, consecutive_failures, next_attempt_at, last_attempt_at, last_success_at, last_error, last_error_kind,
                            failing_since, last_reported_at, warning, n)
  ORDER BY n
  ON CONFLICT (source_id) DO UPDATE SET
    etag = excluded.etag, last_modified = excluded.last_modified,
    consecutive_failures = excluded.consecutive_failures, next_attempt_at = excluded.next_attempt_at,
    last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
    last_error = excluded.last_error, last_error_kind = excluded.last_error_kind,
    failing_since = excluded.failing_since, last_reported_at = excluded.last_reported_at, warning = excluded.warning`;

// In batch order, so the log's ids (newest first in fetchLog) follow the batch as SQLite's rowids do.
const INSERT_LOG = `
  INSERT INTO fetch_log (run_id, source_id, at, status, http_status, bytes, duration_ms, new_items, error, error_kind, warning)
  SELECT $1, source_id, $2, status, http_status, bytes, duration_ms, new_items, error, error_kind, warning
  FROM unnest($3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::text[], $10::text[], $11::text[])
       WITH ORDINALITY AS u(source_id, status, http_status, bytes, duration_ms, new_items, error, error_kind, warning, n)
  ORDER BY n`;

// The log rows of the batch's sources older than each one's LOG_ROWS_PER_SOURCE newest fetch times
// (the rule is in retention.ts). The newest times come from the (source_id, at) index alone, an
// index-only scan of as many entries as are kept, so the cost per fetch does not grow with the log;
// ranking the rows by time and id instead read a table page per row (5x the time, bench/log-bound.mjs).
const TRIM_LOG = `
  DELETE FROM fetch_log f USING (
    SELECT s.source_id, edge.at FROM unnest($1::text[]) AS s(source_id)
    CROSS JOIN LATERAL (SELECT at FROM fetch_log WHERE source_id = s.source_id ORDER BY at DESC OFFSET $2 LIMIT 1) edge
  ) oldest_kept
  WHERE f.source_id = oldest_kept.source_id AND f.at < oldest_kept.at`;

const SELECT_PRUNED_BEFORE = 'SELECT value FROM archive_meta WHERE key = $1';
// GREATEST of two texts: a later prune with an earlier date leaves the date where it was.
const RAISE_PRUNED_BEFORE = `
  INSERT INTO archive_meta (key, value) VALUES ($1, $2)
  ON CONFLICT (key) DO UPDATE SET value = GREATEST(archive_meta.value, excluded.value)`;

// The server's clock, not the collectors': machines whose clocks disagree still agree on expiry.
const CLAIM = `
  INSERT INTO source_lease (source_id, holder, expires_at)
  SELECT source_id, $2, now() + $3::float8 * interval '1 millisecond'
  FROM unnest($1::text[]) WITH ORDINALITY AS u(source_id, n)
  ORDER BY n
  ON CONFLICT (source_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
    WHERE source_lease.expires_at < now() OR source_lease.holder = excluded.holder
  RETURNING source_id`;

const ITEMS_BETWEEN = 'SELECT * FROM items WHERE date >= $1 AND date < $2 ORDER BY date, id';
const ITEMS_BETWEEN_OF = 'SELECT * FROM items WHERE date >= $1 AND date < $2 AND source_id = ANY($3::text[]) ORDER BY date, id';
const FIRST_PAGE = `SELECT * FROM items ORDER BY id LIMIT ${PAGE}`;
const NEXT_PAGE = `SELECT * FROM items WHERE id > $1 ORDER BY id LIMIT ${PAGE}`;

/** Distinct, sorted: one row lock order for every transaction touching these keys. */
const sortedUnique = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

class PostgresArchive implements Archive {
  readonly kind = 'postgres' as const;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  /** A pooled connection; failing to get one is reported like failing to open the archive. */
  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw connectionError(this.url, e);
    }
  }

  private async query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>> {
    const c = await this.connect();
    try {
      return await c.query<R>(config);
    } finally {
      c.release();
    }
  }

  /**
   * Runs `work` in a transaction, again from the start when the server aborted it to break a
   * deadlock or a serialization conflict (rows are locked in one order, so that is rare: a url
   * shared between two sources' batches, say). `work` must have no effect outside the database.
   */
  private async transaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const c = await this.connect();
      let broken: Error | undefined;
      try {
        await c.query('BEGIN');
        const out = await work(c);
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        if (attempt >= RETRIES || !RETRYABLE.has(errorCode(e) ?? '')) throw e;
      } finally {
        c.release(broken);
      }
      // A short random pause, so the two transactions don't meet again at the same moment.
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (attempt + 1)));
    }
  }

  /** Inserts items in insertOrder, `chunk` rows per statement; returns each inserted id. */
  private async insertItems(c: pg.PoolClient, items: Item[], chunk: number): Promise<string[]> {
    const ordered = insertOrder(items);
    const inserted: string[] = [];
    for (let i = 0; i < ordered.length; i += chunk) {
      const res = await c.query<{ id: string }>({
        name: 'vric_insert_items',
        text: INSERT_ITEMS,
        values: itemColumns(ordered.slice(i, i + chunk)),
      });
      for (const r of res.rows) inserted.push(r.id);
    }
    return inserted;
  }

  storeFetchResult(result: FetchResult, state: SourceState, runId: string, at: Date): Promise<number> {
    return this.storeFetchResults([{ result, state }], runId, at).then((counts) => counts[0]!);
  }

  async storeFetchResults(batch: { result: FetchResult; state: SourceState }[], runId: string, at: Date): Promise<number[]> {
    if (batch.length === 0) return [];
    const seen = at.toISOString();
    const fetched: Item[] = [];
    /** Which batch entry each item id came from (its first), to count new items per source. */
    const entryOf = new Map<string, number>();
    batch.forEach(({ result }, k) => {
      for (const it of result.items) {
        const item = archivedItem(it, seen);
        fetched.push(item);
        if (!entryOf.has(item.id)) entryOf.set(item.id, k);
      }
    });
    // A source twice in one batch: its last state stands, as when SQLite writes it twice.
    const states = [...new Map(batch.map(({ state }) => [state.sourceId, state])).values()].sort((a, b) =>
      a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0,
    );

    return this.transaction(async (c) => {
      const added = batch.map(() => 0);
      const items = storable(fetched, await this.readPrunedBefore(c));
      for (const id of await this.insertItems(c, items, Number.POSITIVE_INFINITY)) added[entryOf.get(id)!]!++;

      await c.query({
        name: 'vric_upsert_states',
        text: UPSERT_STATES,
        values: [
          states.map((s) => s.sourceId),
          states.map((s) => s.etag ?? null),
          states.map((s) => s.lastModified ?? null),
          states.map((s) => s.consecutiveFailures),
          states.map((s) => s.nextAttemptAt ?? null),
          states.map((s) => s.lastAttemptAt ?? null),
          states.map((s) => s.lastSuccessAt ?? null),
          states.map((s) => pgTextOrNull(s.lastError)),
          states.map((s) => s.lastErrorKind ?? null),
          states.map((s) => s.failingSince ?? null),
          states.map((s) => s.lastReportedAt ?? null),
          states.map((s) => pgTextOrNull(s.warning)),
        ],
      });

      const results = batch.map((b) => b.result);
      await c.query({
        name: 'vric_insert_log',
        text: INSERT_LOG,
        values: [
          runId,
          seen,
          results.map((r) => r.sourceId),
          results.map((r) => r.status),
          results.map((r) => r.httpStatus ?? null),
          results.map((r) => r.bytes),
          results.map((r) => Math.round(r.durationMs)),
          added,
          results.map((r) => pgTextOrNull(r.error)),
          results.map((r) => r.errorKind ?? null),
          results.map((r) => (r.repaired ? pgText(repairWarning(r.repaired)) : null)),
        ],
      });
      await c.query({ name: 'vric_trim_log', text: TRIM_LOG, values: [sortedUnique(results.map((r) => r.sourceId)), LOG_ROWS_PER_SOURCE - 1] });

      // A stored source is done: whoever held it, its lease ends with the transaction.
      await c.query({
        name: 'vric_end_leases',
        text: 'DELETE FROM source_lease WHERE source_id = ANY($1::text[])',
        values: [sortedUnique(results.map((r) => r.sourceId))],
      });
      return added;
    });
  }

  async claimSources(sourceIds: readonly string[], holder: string, ttlMs: number): Promise<string[]> {
    if (sourceIds.length === 0) return [];
    const ids = sortedUnique(sourceIds);
    const granted = await this.transaction(async (c) => {
      const res = await c.query<{ source_id: string }>({ name: 'vric_claim', text: CLAIM, values: [ids, holder, ttlMs] });
      return new Set(res.rows.map((r) => r.source_id));
    });
    return [...new Set(sourceIds)].filter((id) => granted.has(id));
  }

  async releaseSources(holder: string): Promise<void> {
    await this.query({ name: 'vric_release', text: 'DELETE FROM source_lease WHERE holder = $1', values: [holder] });
  }

  async markReported(sourceIds: readonly string[], atIso: string, notSinceIso: string): Promise<string[]> {
    if (sourceIds.length === 0) return [];
    const res = await this.query<{ source_id: string }>({
      name: 'vric_mark_reported',
      text: `UPDATE source_state SET last_reported_at = $2
             WHERE source_id = ANY($1::text[]) AND (last_reported_at IS NULL OR last_reported_at <= $3)
             RETURNING source_id`,
      values: [sortedUnique(sourceIds), atIso, notSinceIso],
    });
    const marked = new Set(res.rows.map((r) => r.source_id));
    return sourceIds.filter((id) => marked.has(id));
  }

  async getSourceState(sourceId: string): Promise<SourceState | undefined> {
    const res = await this.query<StateRow>({
      name: 'vric_select_state',
      text: 'SELECT * FROM source_state WHERE source_id = $1',
      values: [sourceId],
    });
    return res.rows[0] ? rowToState(res.rows[0]) : undefined;
  }

  async getAllSourceStates(): Promise<SourceState[]> {
    const res = await this.query<StateRow>({ text: 'SELECT * FROM source_state ORDER BY source_id' });
    return res.rows.map(rowToState);
  }

  async itemsBetween(q: ItemQuery): Promise<Item[]> {
    const res = q.sourceIds
      ? await this.query<ItemRow>({ name: 'vric_items_between_of', text: ITEMS_BETWEEN_OF, values: [q.fromIso, q.toIso, q.sourceIds] })
      : await this.query<ItemRow>({ name: 'vric_items_between', text: ITEMS_BETWEEN, values: [q.fromIso, q.toIso] });
    return res.rows.map(rowToItem);
  }

  async countItems(): Promise<number> {
    // count(*) is a bigint, which node-postgres hands over as a string.
    const res = await this.query<{ n: string }>({ text: 'SELECT count(*) AS n FROM items' });
    return Number(res.rows[0]!.n);
  }

  async fetchLog(opts: { sourceId?: string; sinceIso?: string; limit?: number } = {}): Promise<FetchLogEntry[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (opts.sourceId) {
      values.push(opts.sourceId);
      where.push(`source_id = $${values.length}`);
    }
    if (opts.sinceIso) {
      values.push(opts.sinceIso);
      where.push(`at >= $${values.length}`);
    }
    values.push(opts.limit ?? 1000);
    const text = `SELECT * FROM fetch_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT $${values.length}`;
    const res = await this.query<LogRow>({ text, values });
    return res.rows.map(rowToLogEntry);
  }

  async sourceHealth(now: Date): Promise<SourceHealth[]> {
    const res = await this.query<{ source_id: string; total: string; recent: string }>({
      name: 'vric_source_counts',
      text: `SELECT source_id, count(*) AS total, count(*) FILTER (WHERE first_seen >= $1) AS recent
             FROM items GROUP BY source_id ORDER BY source_id`,
      values: [recentSince(now)],
    });
    // count(*) is a bigint, which pg hands over as a string.
    return healthOf(await this.getAllSourceStates(), new Map(res.rows.map((r) => [r.source_id, { recent: Number(r.recent), total: Number(r.total) }])));
  }

  /** Keyset pages: each page is a short query, so no connection is held while the caller writes. */
  async *allItems(): AsyncIterable<Item> {
    let after: string | undefined;
    for (;;) {
      const res =
        after === undefined
          ? await this.query<ItemRow>({ name: 'vric_first_page', text: FIRST_PAGE })
          : await this.query<ItemRow>({ name: 'vric_next_page', text: NEXT_PAGE, values: [after] });
      for (const r of res.rows) yield rowToItem(r);
      if (res.rows.length < PAGE) return;
      after = res.rows[res.rows.length - 1]!.id;
    }
  }

  async importItems(items: Item[]): Promise<ImportCount> {
    if (items.length === 0) return { added: 0, skipped: 0 };
    return this.transaction(async (c) => {
      const kept = storable(items, await this.readPrunedBefore(c));
      return { added: (await this.insertItems(c, kept, IMPORT_CHUNK)).length, skipped: items.length - kept.length };
    });
  }

  async countBefore(iso: string): Promise<{ sourceId: string; items: number }[]> {
    const res = await this.query<{ source_id: string; n: string }>({
      name: 'vric_count_before',
      text: 'SELECT source_id, count(*) AS n FROM items WHERE date < $1 GROUP BY source_id ORDER BY source_id',
      values: [iso],
    });
    return res.rows.map((r) => ({ sourceId: r.source_id, items: Number(r.n) }));
  }

  async pruneBefore(iso: string): Promise<number> {
    return this.transaction(async (c) => {
      const res = await c.query({ name: 'vric_prune', text: 'DELETE FROM items WHERE date < $1', values: [iso] });
      await c.query({ name: 'vric_raise_pruned', text: RAISE_PRUNED_BEFORE, values: [PRUNED_BEFORE_KEY, iso] });
      return res.rowCount ?? 0;
    });
  }

  async prunedBefore(): Promise<string | undefined> {
    const c = await this.connect();
    try {
      return await this.readPrunedBefore(c);
    } finally {
      c.release();
    }
  }

  async raisePrunedBefore(iso: string): Promise<void> {
    await this.query({ name: 'vric_raise_pruned', text: RAISE_PRUNED_BEFORE, values: [PRUNED_BEFORE_KEY, iso] });
  }

  private async readPrunedBefore(c: pg.PoolClient): Promise<string | undefined> {
    const res = await c.query<{ value: string }>({ name: 'vric_pruned_before', text: SELECT_PRUNED_BEFORE, values: [PRUNED_BEFORE_KEY] });
    return res.rows[0]?.value;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
