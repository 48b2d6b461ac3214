// A batch as the parameters of PostgreSQL's batch statements: the rows (rows.ts, the same as
// SQLite's) in the order one INSERT takes them, as one array per column, with text PostgreSQL can hold.
import type { SourceState } from '../../core/fetch-types.js';
import type { Item } from '../../core/item-types.js';
import { UnionFind } from '../../core/union-find.js';
import { itemToRow, stateToRow, type ItemRow, type LogRow, type StateRow } from '../rows.js';

/**
 * PostgreSQL text cannot hold U+0000, which SQLite stores. Fetching already strips control
 * characters; this keeps one odd imported item from failing a whole batch.
 */
const pgText = (s: string): string => (s.includes('\0') ? s.replaceAll('\0', '') : s);
const pgTextOrNull = (s: string | null | undefined): string | null => (s == null ? null : pgText(s));

/** Distinct, sorted: one row lock order for every transaction touching these keys. */
export const sortedUnique = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/**
 * Rows in the order one INSERT takes them. Transactions inserting the same items must lock them in
 * one order or they can deadlock, so rows go by id. But where rows of a batch collide with each
 * other (same id, same source and guid, or same source and non-empty url) the first in feed order
 * must win, as in SQLite's one-at-a-time inserts: each such group keeps its own order and is
 * placed at its smallest id. Groups never collide with each other, so the outcome is SQLite's.
 */
export function insertOrder(items: Item[]): Item[] {
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

/**
 * Rows as one array per column, `names` in the statement's order; the `text` columns may hold
 * what PostgreSQL cannot (they come from feeds and imports), and are made storable.
 */
function columnsOf<R extends object>(rows: readonly R[], names: readonly (keyof R)[], text: readonly (keyof R)[]): unknown[][] {
  return names.map((name) => (text.includes(name) ? rows.map((r) => pgTextOrNull(r[name] as string | null)) : rows.map((r) => r[name])));
}

/** INSERT_ITEMS's columns, in its order: every one is text. */
const ITEM_COLUMNS: readonly (keyof ItemRow)[] = [
  'id', 'source_id', 'guid', 'url', 'title', 'summary', 'published', 'first_seen', 'date', 'language', 'categories', 'author', 'labels_by', 'labels',
];
const STATE_COLUMNS: readonly (keyof StateRow)[] = [
  'source_id', 'etag', 'last_modified', 'consecutive_failures', 'next_attempt_at', 'last_attempt_at', 'last_success_at', 'last_error', 'last_error_kind',
  'failing_since', 'last_reported_at', 'warning',
];
/** INSERT_LOG's columns after its two scalars (run id, time). */
const LOG_COLUMNS: readonly (keyof LogRow)[] = [
  'source_id', 'status', 'http_status', 'bytes', 'duration_ms', 'new_items', 'error', 'error_kind', 'warning',
];

/** Items as the parameters of INSERT_ITEMS. */
export function itemColumns(items: Item[]): unknown[][] {
  return columnsOf(items.map(itemToRow), ITEM_COLUMNS, ITEM_COLUMNS);
}

/** States as the parameters of UPSERT_STATES. */
export function stateColumns(states: SourceState[]): unknown[][] {
  return columnsOf(states.map(stateToRow), STATE_COLUMNS, ['last_error', 'warning']);
}

/** Log rows of one run at one time as the parameters of INSERT_LOG. */
export function logColumns(runId: string, atIso: string, rows: LogRow[]): unknown[] {
  return [runId, atIso, ...columnsOf(rows, LOG_COLUMNS, ['error', 'warning'])];
}
