// The archive interface: the only way into storage. The SQLite backend implements it today;
// a PostgreSQL backend can implement it later without touching any other stage.
import type { FetchResult, Item, SourceState } from '../core/types.js';

/** One row of the fetch log: what happened to one source in one run. */
export interface FetchLogEntry {
  runId: string;
  sourceId: string;
  at: string;
  status: FetchResult['status'];
  httpStatus: number | null;
  bytes: number;
  durationMs: number;
  newItems: number;
  error: string | null;
  errorKind: string | null;
}

export interface SourceHealth extends SourceState {
  itemsLast30Days: number;
  totalItems: number;
}

export interface ItemQuery {
  /** Inclusive ISO instant. */
  fromIso: string;
  /** Exclusive ISO instant. */
  toIso: string;
  /** Restrict to these sources (default all). */
  sourceIds?: string[];
}

export interface Archive {
  /**
   * Stores one source's fetch outcome in a single transaction: new items (idempotent on
   * source + guid and on source + url), the source's conditional-GET and health state, and a
   * fetch-log row. Returns how many items were new.
   */
  storeFetchResult(result: FetchResult, state: SourceState, runId: string, at: Date): number;

  /**
   * Several sources' outcomes in one transaction (each source still whole or not at all):
   * commits are the archive's main cost in a large fetch. Returns the new-item count of each.
   */
  storeFetchResults(batch: { result: FetchResult; state: SourceState }[], runId: string, at: Date): number[];

  getSourceState(sourceId: string): SourceState | undefined;
  getAllSourceStates(): SourceState[];

  /** Items whose date (published, else first seen) falls in [fromIso, toIso), oldest first. */
  itemsBetween(query: ItemQuery): Item[];
  countItems(): number;

  fetchLog(opts?: { sourceId?: string; sinceIso?: string; limit?: number }): FetchLogEntry[];
  sourceHealth(now: Date): SourceHealth[];

  /** Every item, for export; streamed in id order. */
  allItems(): Iterable<Item>;
  /** Inserts items as they are (for import); returns how many were new. */
  importItems(items: Item[]): number;
  /** Deletes items dated before the instant; returns how many. */
  pruneBefore(iso: string): number;

  close(): void;
}
