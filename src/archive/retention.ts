// What the archive keeps, decided here once for both backends: the pruned-before date below which
// items are neither kept nor stored again.
import type { Item } from '../core/types.js';

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
