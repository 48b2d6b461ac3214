// The shared archive: PostgreSQL through node-postgres, for several collectors and editors using
// one archive. It stores and answers exactly as the SQLite archive does (same ids, ISO timestamps
// as text, byte-order text); what it adds is for many writers at once: leases that split the
// sources between collectors, row locks taken in one order, and a retry when the server still
// picks a deadlock victim (postgres-connect.ts).
import type pg from 'pg';
import { VricError, EXIT } from '../../core/errors.js';
import type { FetchResult, SourceState } from '../../core/fetch-types.js';
import type { Item } from '../../core/item-types.js';
import type { Archive, FetchLogEntry, ItemQuery, SourceHealth } from '../archive.js';
import { LOG_ROWS_PER_SOURCE, PRUNED_BEFORE_KEY, storable, type ImportCount } from '../retention.js';
import { archivedItem, healthOf, logRow, recentSince, rowToItem, rowToLogEntry, rowToState, type ItemRow, type LogRow, type StateRow } from '../rows.js';
import { fetchLogQuery, type LogQuery } from '../log-query.js';
import { redactUrl } from '../spec.js';
import { describeCause, passwordOf, PostgresConnections } from './postgres-connect.js';
import { migrate } from './postgres-migrate.js';
import { insertOrder, itemColumns, logColumns, sortedUnique, stateColumns } from './postgres-columns.js';
import * as SQL from './postgres-statements.js';
import { postgresDecisions } from './postgres-decisions.js';

/** Rows per insert statement on import, so a large import doesn't build one huge array literal. */
const IMPORT_CHUNK = 5000;

/** Connects and migrates; a failure on the way closes what was opened. */
export async function openPostgresArchive(url: string): Promise<Archive> {
  const { connections, first } = await PostgresConnections.open(url);
  try {
    await migrate(first, url);
  } catch (e) {
    first.release(true);
    await connections.end().catch(() => {});
    if (e instanceof VricError) throw e;
    throw new VricError(
      `cannot prepare the PostgreSQL archive ${redactUrl(url)}: ${describeCause(e, passwordOf(url))}`,
      EXIT.internal,
    );
  }
  first.release();
  return new PostgresArchive(connections);
}

class PostgresArchive implements Archive {
  readonly kind = 'postgres' as const;
  private closed = false;

  readonly decisionsOf: Archive['decisionsOf'];
  readonly allDecisions: Archive['allDecisions'];
  readonly recordDecisions: Archive['recordDecisions'];
  readonly approvedSnapshot: Archive['approvedSnapshot'];

  constructor(private readonly db: PostgresConnections) {
    ({ decisionsOf: this.decisionsOf, allDecisions: this.allDecisions, recordDecisions: this.recordDecisions, approvedSnapshot: this.approvedSnapshot } = postgresDecisions(db));
  }

  /** Inserts items in insertOrder, `chunk` rows per statement; returns each inserted id. */
  private async insertItems(c: pg.PoolClient, items: Item[], chunk: number): Promise<string[]> {
    const ordered = insertOrder(items);
    const inserted: string[] = [];
    for (let i = 0; i < ordered.length; i += chunk) {
      const res = await c.query<{ id: string }>({
        name: 'vric_insert_items',
        text: SQL.INSERT_ITEMS,
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

    return this.db.transaction(async (c) => {
      const added = batch.map(() => 0);
      const items = storable(fetched, await this.readPrunedBefore(c));
      for (const id of await this.insertItems(c, items, Number.POSITIVE_INFINITY)) added[entryOf.get(id)!]!++;

      await c.query({ name: 'vric_upsert_states', text: SQL.UPSERT_STATES, values: stateColumns(states) });

      const results = batch.map((b) => b.result);
      await c.query({
        name: 'vric_insert_log',
        text: SQL.INSERT_LOG,
        values: logColumns(runId, seen, results.map((r, k) => logRow(r, runId, seen, added[k]!))),
      });
      await c.query({ name: 'vric_trim_log', text: SQL.TRIM_LOG, values: [sortedUnique(results.map((r) => r.sourceId)), LOG_ROWS_PER_SOURCE - 1] });

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
    const granted = await this.db.transaction(async (c) => {
      const res = await c.query<{ source_id: string }>({ name: 'vric_claim', text: SQL.CLAIM, values: [ids, holder, ttlMs] });
      return new Set(res.rows.map((r) => r.source_id));
    });
    return [...new Set(sourceIds)].filter((id) => granted.has(id));
  }

  async releaseSources(holder: string): Promise<void> {
    await this.db.query({ name: 'vric_release', text: 'DELETE FROM source_lease WHERE holder = $1', values: [holder] });
  }

  async markReported(sourceIds: readonly string[], atIso: string, notSinceIso: string): Promise<string[]> {
    if (sourceIds.length === 0) return [];
    const res = await this.db.query<{ source_id: string }>({
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
    const res = await this.db.query<StateRow>({
      name: 'vric_select_state',
      text: 'SELECT * FROM source_state WHERE source_id = $1',
      values: [sourceId],
    });
    return res.rows[0] ? rowToState(res.rows[0]) : undefined;
  }

  async getAllSourceStates(): Promise<SourceState[]> {
    const res = await this.db.query<StateRow>({ text: 'SELECT * FROM source_state ORDER BY source_id' });
    return res.rows.map(rowToState);
  }

  async itemsBetween(q: ItemQuery): Promise<Item[]> {
    const res = q.sourceIds
      ? await this.db.query<ItemRow>({ name: 'vric_items_between_of', text: SQL.ITEMS_BETWEEN_OF, values: [q.fromIso, q.toIso, q.sourceIds] })
      : await this.db.query<ItemRow>({ name: 'vric_items_between', text: SQL.ITEMS_BETWEEN, values: [q.fromIso, q.toIso] });
    return res.rows.map(rowToItem);
  }

  async countItems(): Promise<number> {
    // count(*) is a bigint, which node-postgres hands over as a string.
    const res = await this.db.query<{ n: string }>({ text: 'SELECT count(*) AS n FROM items' });
    return Number(res.rows[0]!.n);
  }

  async fetchLog(opts: LogQuery = {}): Promise<FetchLogEntry[]> {
    const { sql, params } = fetchLogQuery(opts, (n) => `$${n}`);
    const res = await this.db.query<LogRow>({ text: sql, values: params });
    return res.rows.map(rowToLogEntry);
  }

  async sourceHealth(now: Date): Promise<SourceHealth[]> {
    const res = await this.db.query<{ source_id: string; total: string; recent: string }>({
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
          ? await this.db.query<ItemRow>({ name: 'vric_first_page', text: SQL.FIRST_PAGE })
          : await this.db.query<ItemRow>({ name: 'vric_next_page', text: SQL.NEXT_PAGE, values: [after] });
      for (const r of res.rows) yield rowToItem(r);
      if (res.rows.length < SQL.PAGE) return;
      after = res.rows[res.rows.length - 1]!.id;
    }
  }

  async importItems(items: Item[]): Promise<ImportCount> {
    if (items.length === 0) return { added: 0, skipped: 0 };
    return this.db.transaction(async (c) => {
      const kept = storable(items, await this.readPrunedBefore(c));
      return { added: (await this.insertItems(c, kept, IMPORT_CHUNK)).length, skipped: items.length - kept.length };
    });
  }

  async countBefore(iso: string): Promise<{ sourceId: string; items: number }[]> {
    const res = await this.db.query<{ source_id: string; n: string }>({
      name: 'vric_count_before',
      text: 'SELECT source_id, count(*) AS n FROM items WHERE date < $1 GROUP BY source_id ORDER BY source_id',
      values: [iso],
    });
    return res.rows.map((r) => ({ sourceId: r.source_id, items: Number(r.n) }));
  }

  async pruneBefore(iso: string): Promise<number> {
    return this.db.transaction(async (c) => {
      const res = await c.query({ name: 'vric_prune', text: 'DELETE FROM items WHERE date < $1', values: [iso] });
      await c.query({ name: 'vric_raise_pruned', text: SQL.RAISE_PRUNED_BEFORE, values: [PRUNED_BEFORE_KEY, iso] });
      return res.rowCount ?? 0;
    });
  }

  async prunedBefore(): Promise<string | undefined> {
    const c = await this.db.connect();
    try {
      return await this.readPrunedBefore(c);
    } finally {
      c.release();
    }
  }

  async raisePrunedBefore(iso: string): Promise<void> {
    await this.db.query({ name: 'vric_raise_pruned', text: SQL.RAISE_PRUNED_BEFORE, values: [PRUNED_BEFORE_KEY, iso] });
  }

  private async readPrunedBefore(c: pg.PoolClient): Promise<string | undefined> {
    const res = await c.query<{ value: string }>({ name: 'vric_pruned_before', text: SQL.SELECT_PRUNED_BEFORE, values: [PRUNED_BEFORE_KEY] });
    return res.rows[0]?.value;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.end();
  }
}
