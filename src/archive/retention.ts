// What the archive keeps, decided here once for both backends: the pruned-before date below which
// items are neither kept nor stored again, and the bounded history of the fetch log.
import type { Item } from '../core/item-types.js';

/**
 * Fetch-log rows kept per source: storing a source's outcome deletes its rows written before its
 * 100th newest row. Rows written at the same instant as that one stay with it (only a clock pinned
 * with VRIC_NOW writes many so): the edge is then found in the log's (source_id, at) index alone,
 * without reading the table. 100 rows are three months of a source fetched daily (four days of one
 * fetched hourly): enough to see when and how a source began to fail, and at most 500,000 rows on a
 * 5,000-source archive.
 */
export const LOG_ROWS_PER_SOURCE = 100;

/** The archive_meta key of the pruned-before date (an ISO instant). */
export const PRUNED_BEFORE_KEY = 'pruned_before';

/**
 * Items that may be stored: those dated on or after the archive's pruned-before date. A pruned item
 * that a feed still carries (or an old export holds) would otherwise be new again. Dates compare as
 * the stored ISO text, exactly as the prune's `date < ?` deleted them.
 */
export function storable<T extends Pick<Item, 'date'>>(items: T[], prunedBefore: string | undefined): T[] {
  return prunedBefore === undefined ? items : items.filter((it) => it.date >= prunedBefore);
}

/** What importing a batch did: items new in the archive, and items not stored because they were dated before its pruned-before date. */
export interface ImportCount {
  added: number;
  skipped: number;
}
