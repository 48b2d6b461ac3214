// The embedded archive: one SQLite file through better-sqlite3.
// Write-ahead logging plus one transaction per source means a crash (even kill -9) at any moment
// leaves every committed source's items readable, and the next run simply carries on.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { FetchResult, SourceState } from '../../core/fetch-types.js';
import type { Item } from '../../core/item-types.js';
import type { Archive, FetchLogEntry, ItemQuery, SourceHealth } from '../archive.js';
import { LOG_ROWS_PER_SOURCE, PRUNED_BEFORE_KEY, storable, type ImportCount } from '../retention.js';
import { archivedItem, healthOf, itemToRow, logRow, recentSince, rowToItem, rowToLogEntry, rowToState, stateToRow, type ItemRow, type LogRow, type StateRow } from '../rows.js';
import { fetchLogQuery, type LogQuery } from '../log-query.js';
import { archiveFault, openSqliteFile } from './sqlite-open.js';
import { checkVersion, migrate } from './sqlite-migrate.js';
import { itemsOfRawRows } from './sqlite-rows.js';
import { sqliteDecisions } from './sqlite-decisions.js';

/** Items per page of an export. */
const EXPORT_PAGE = 2000;

/**
 * Read-write (created and migrated if need be), or read-only for the commands that only read: no
 * lock, no -wal written, and a read-only file or folder is enough.
 */
export function openSqliteArchive(file: string, opts: { readonly?: boolean } = {}): Archive {
  const readonly = opts.readonly ?? false;
  if (file !== ':memory:' && !readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = openSqliteFile(file, readonly);
  try {
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL with WAL survives a process crash without losing committed transactions;
      // only a power cut can drop the last few, and the file stays consistent either way.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (readonly) checkVersion(db, file);
    else migrate(db, file);
    return new SqliteArchive(db);
  } catch (e) {
    db.close();
    throw archiveFault(file, e);
  }
}

class SqliteArchive implements Archive {
  readonly kind = 'sqlite' as const;
  private readonly insertItem: Database.Statement;
  private readonly upsertState: Database.Statement;
  private readonly insertLog: Database.Statement;
  private readonly trimLog: Database.Statement;
  private readonly selectState: Database.Statement;
  private readonly selectPrunedBefore: Database.Statement;
  private readonly raisePruned: Database.Statement;
  // Run .immediate(): write lock first, so a second writer waits out busy_timeout (else SQLITE_BUSY).
  private readonly storeTx: Database.Transaction<(batch: { result: FetchResult; state: SourceState }[], runId: string, at: Date) => number[]>;
  private readonly importTx: Database.Transaction<(items: Item[]) => ImportCount>;
  private readonly pruneTx: Database.Transaction<(iso: string) => number>;
  /** Stores one source's outcome; called only inside a transaction, with the archive's pruned-before date. */
  private readonly storeOne: (result: FetchResult, state: SourceState, runId: string, at: Date, prunedBefore: string | undefined) => number;

  readonly decisionsOf: Archive['decisionsOf'];
  readonly allDecisions: Archive['allDecisions'];
  readonly recordDecisions: Archive['recordDecisions'];
  readonly approvedSnapshot: Archive['approvedSnapshot'];

  constructor(private readonly db: Database.Database) {
    ({ decisionsOf: this.decisionsOf, allDecisions: this.allDecisions, recordDecisions: this.recordDecisions, approvedSnapshot: this.approvedSnapshot } = sqliteDecisions(db));
    this.insertItem = db.prepare(`
      INSERT OR IGNORE INTO items (id, source_id, guid, url, title, summary, published, first_seen, date, language, categories, author, labels_by, labels)
      VALUES (@id, @source_id, @guid, @url, @title, @summary, @published, @first_seen, @date, @language, @categories, @author, @labels_by, @labels)`);
    this.upsertState = db.prepare(`
      INSERT INTO source_state (source_id, etag, last_modified, consecutive_failures, next_attempt_at, last_attempt_at, last_success_at, last_error, last_error_kind,
                                failing_since, last_reported_at, warning)
      VALUES (@source_id, @etag, @last_modified, @consecutive_failures, @next_attempt_at, @last_attempt_at, @last_success_at, @last_error, @last_error_kind,
              @failing_since, @last_reported_at, @warning)
      ON CONFLICT (source_id) DO UPDATE SET
        etag = excluded.etag, last_modified = excluded.last_modified,
        consecutive_failures = excluded.consecutive_failures, next_attempt_at = excluded.next_attempt_at,
        last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
        last_error = excluded.last_error, last_error_kind = excluded.last_error_kind,
        failing_since = excluded.failing_since, last_reported_at = excluded.last_reported_at, warning = excluded.warning`);
    this.insertLog = db.prepare(`
      INSERT INTO fetch_log (run_id, source_id, at, status, http_status, bytes, duration_ms, new_items, error, error_kind, warning)
      VALUES (@run_id, @source_id, @at, @status, @http_status, @bytes, @duration_ms, @new_items, @error, @error_kind, @warning)`);
    // The source's rows older than its LOG_ROWS_PER_SOURCE newest fetch times (the rule is in
    // retention.ts), found in the (source_id, at) index without reading the table or sorting, so
    // the cost per fetch does not grow with the log (bench/log-bound.mjs).
    this.trimLog = db.prepare(`
      DELETE FROM fetch_log WHERE source_id = @source_id
        AND at < (SELECT at FROM fetch_log WHERE source_id = @source_id ORDER BY at DESC LIMIT 1 OFFSET @skip)`);
    this.selectState = db.prepare('SELECT * FROM source_state WHERE source_id = ?');
    this.selectPrunedBefore = db.prepare('SELECT value FROM archive_meta WHERE key = ?').pluck();
    // max() of two texts: a later prune with an earlier date leaves the date where it was.
    this.raisePruned = db.prepare(`
      INSERT INTO archive_meta (key, value) VALUES (@key, @value)
      ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)`);

    this.storeTx = db.transaction((batch: { result: FetchResult; state: SourceState }[], runId: string, at: Date) => {
      const prunedBefore = this.readPrunedBefore();
      return batch.map(({ result, state }) => this.storeOne(result, state, runId, at, prunedBefore));
    });
    this.storeOne = (result: FetchResult, state: SourceState, runId: string, at: Date, prunedBefore: string | undefined) => {
      const seen = at.toISOString();
      let added = 0;
      for (const it of storable(result.items.map((fetched) => archivedItem(fetched, seen)), prunedBefore)) {
        added += this.insertItem.run(itemToRow(it)).changes;
      }
      this.writeState(state);
      this.insertLog.run(logRow(result, runId, seen, added));
      this.trimLog.run({ source_id: result.sourceId, skip: LOG_ROWS_PER_SOURCE - 1 });
      return added;
    };

    this.importTx = db.transaction((items: Item[]) => {
      const kept = storable(items, this.readPrunedBefore());
      let added = 0;
      for (const it of kept) added += this.insertItem.run(itemToRow(it)).changes;
      return { added, skipped: items.length - kept.length };
    });

    this.pruneTx = db.transaction((iso: string) => {
      const deleted = db.prepare('DELETE FROM items WHERE date < ?').run(iso).changes;
      this.raisePruned.run({ key: PRUNED_BEFORE_KEY, value: iso });
      return deleted;
    });
  }

  private readPrunedBefore(): string | undefined {
    return (this.selectPrunedBefore.get(PRUNED_BEFORE_KEY) as string | undefined) ?? undefined;
  }

  private writeState(s: SourceState): void {
    this.upsertState.run(stateToRow(s));
  }

  // The methods are async for the interface's sake (a server backend needs it); better-sqlite3 is
  // synchronous, and each call does its work at once.
  async storeFetchResult(result: FetchResult, state: SourceState, runId: string, at: Date): Promise<number> {
    return this.storeTx.immediate([{ result, state }], runId, at)[0]!;
  }

  async storeFetchResults(batch: { result: FetchResult; state: SourceState }[], runId: string, at: Date): Promise<number[]> {
    return this.storeTx.immediate(batch, runId, at);
  }

  /** One run at a time holds a SQLite archive (its lock file), so every source is this run's. */
  async claimSources(sourceIds: readonly string[]): Promise<string[]> {
    return [...sourceIds];
  }

  async releaseSources(): Promise<void> {}

  async markReported(sourceIds: readonly string[], atIso: string, notSinceIso: string): Promise<string[]> {
    if (sourceIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `UPDATE source_state SET last_reported_at = ?
         WHERE source_id IN (${sourceIds.map(() => '?').join(',')}) AND (last_reported_at IS NULL OR last_reported_at <= ?)
         RETURNING source_id`,
      )
      .all(atIso, ...sourceIds, notSinceIso) as { source_id: string }[];
    const marked = new Set(rows.map((r) => r.source_id));
    return sourceIds.filter((id) => marked.has(id));
  }

  async getSourceState(sourceId: string): Promise<SourceState | undefined> {
    const row = this.selectState.get(sourceId) as StateRow | undefined;
    return row ? rowToState(row) : undefined;
  }

  async getAllSourceStates(): Promise<SourceState[]> {
    return this.allStates();
  }

  private allStates(): SourceState[] {
    return (this.db.prepare('SELECT * FROM source_state ORDER BY source_id').all() as StateRow[]).map(rowToState);
  }

  async itemsBetween(q: ItemQuery): Promise<Item[]> {
    const params: unknown[] = [q.fromIso, q.toIso];
    let sql = 'SELECT * FROM items WHERE date >= ? AND date < ?';
    if (q.sourceIds) {
      sql += ` AND source_id IN (${q.sourceIds.map(() => '?').join(',') || "''"})`;
      params.push(...q.sourceIds);
    }
    sql += ' ORDER BY date, id';
    return itemsOfRawRows(this.db.prepare(sql), params);
  }

  async countItems(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  }

  async fetchLog(opts: LogQuery = {}): Promise<FetchLogEntry[]> {
    const { sql, params } = fetchLogQuery(opts, () => '?');
    return (this.db.prepare(sql).all(...params) as LogRow[]).map(rowToLogEntry);
  }

  async sourceHealth(now: Date): Promise<SourceHealth[]> {
    const rows = this.db
      .prepare('SELECT source_id, count(*) AS total, sum(first_seen >= ?) AS recent FROM items GROUP BY source_id')
      .all(recentSince(now)) as { source_id: string; total: number; recent: number }[];
    return healthOf(this.allStates(), new Map(rows.map((r) => [r.source_id, { recent: r.recent, total: r.total }])));
  }

  /**
   * Pages by id rather than one open cursor: the consumer awaits between items (a stream writing
   * an export), and better-sqlite3 allows no other statement on the connection while a cursor is open.
   */
  async *allItems(): AsyncIterable<Item> {
    const page = this.db.prepare('SELECT * FROM items WHERE id > ? ORDER BY id LIMIT ?');
    for (let after = ''; ; ) {
      const rows = page.all(after, EXPORT_PAGE) as ItemRow[];
      for (const row of rows) yield rowToItem(row);
      if (rows.length < EXPORT_PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  async importItems(items: Item[]): Promise<ImportCount> {
    return this.importTx.immediate(items);
  }

  async countBefore(iso: string): Promise<{ sourceId: string; items: number }[]> {
    // By the date index: left to itself SQLite walks the whole (source_id, first_seen) index to
    // save a sort, reading every item's row for its date, where a prune counts a slice of them.
    const rows = this.db
      .prepare('SELECT source_id, count(*) AS n FROM items INDEXED BY items_date_id WHERE date < ? GROUP BY source_id ORDER BY source_id')
      .all(iso) as { source_id: string; n: number }[];
    return rows.map((r) => ({ sourceId: r.source_id, items: r.n }));
  }

  async pruneBefore(iso: string): Promise<number> {
    return this.pruneTx.immediate(iso);
  }

  async prunedBefore(): Promise<string | undefined> {
    return this.readPrunedBefore();
  }

  async raisePrunedBefore(iso: string): Promise<void> {
    this.raisePruned.run({ key: PRUNED_BEFORE_KEY, value: iso });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
