// The archive interface: the only way into storage. Two backends implement it: SQLite, the
// embedded default (one file, no set-up), and PostgreSQL, for several collectors and editors
// sharing one archive. It is asynchronous because a database server is across a network.
import type { FetchResult, SourceState } from '../core/fetch-types.js';
import type { Decision, NewDecision } from '../core/decision-types.js';
import type { Item } from '../core/item-types.js';
import type { ImportCount } from './retention.js';

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
  /** The feed was read only after repair: why (see SourceState.warning). */
  warning: string | null;
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

/** A decision to store, with the id of the key's latest decision the editor saw (0: none). */
export interface DecisionChange {
  decision: NewDecision;
  base: number;
}

/** Stored, or refused because a key had changed since the editor looked (nothing of the batch is stored). */
export type RecordOutcome = { stored: Decision[] } | { stale: { change: DecisionChange; latest: Decision | undefined } };

export interface Archive {
  /** Which backend this is: the CLI names it in messages, and only SQLite needs the run-lock file. */
  readonly kind: 'sqlite' | 'postgres';

  /**
   * Stores one source's fetch outcome in a single transaction: new items (idempotent on
   * source + guid and on source + url), the source's conditional-GET and health state, and a
   * fetch-log row; any lease the run holds on the source ends with it. Items dated before the
   * pruned-before date are not stored, and the source's log keeps its newest LOG_ROWS_PER_SOURCE
   * rows (retention.ts). Returns how many items were new.
   */
  storeFetchResult(result: FetchResult, state: SourceState, runId: string, at: Date): Promise<number>;

  /**
   * Several sources' outcomes in one transaction (each source still whole or not at all):
   * commits are the archive's main cost in a large fetch. Returns the new-item count of each.
   */
  storeFetchResults(batch: { result: FetchResult; state: SourceState }[], runId: string, at: Date): Promise<number[]>;

  /**
   * Leases: collectors sharing one archive split the sources instead of fetching the same one at
   * once. Returns the ids this run (`holder`) now holds, for `ttlMs`: those nobody holds, whose
   * lease expired (a dead collector's), or that the holder already had. A SQLite archive has one
   * run at a time (its lock file), so it grants every id.
   */
  claimSources(sourceIds: readonly string[], holder: string, ttlMs: number): Promise<string[]>;
  /** Gives up whatever leases the holder still has (sources it did not fetch after all). */
  releaseSources(holder: string): Promise<void>;

  /**
   * Records that the failing streaks of these sources were told to the operator at `atIso`,
   * except those already told since `notSinceIso`; returns the ids it recorded, which are the ones
   * the caller must now tell. Deciding and recording in one statement means two collectors sharing
   * an archive never both tell the same streak.
   */
  markReported(sourceIds: readonly string[], atIso: string, notSinceIso: string): Promise<string[]>;

  getSourceState(sourceId: string): Promise<SourceState | undefined>;
  getAllSourceStates(): Promise<SourceState[]>;

  /** Items whose date (published, else first seen) falls in [fromIso, toIso), oldest first (then by id). */
  itemsBetween(query: ItemQuery): Promise<Item[]>;
  countItems(): Promise<number>;

  /** Newest first. */
  fetchLog(opts?: { sourceId?: string; sinceIso?: string; limit?: number }): Promise<FetchLogEntry[]>;
  sourceHealth(now: Date): Promise<SourceHealth[]>;

  /** Every item, for export, in id order, read in pages so a large archive is never in memory at once. */
  allItems(): AsyncIterable<Item>;
  /**
   * Inserts items as they are (for import), in one transaction, except those dated before the
   * pruned-before date; returns how many were new and how many were skipped so.
   */
  importItems(items: Item[]): Promise<ImportCount>;

  /** Items per source dated before the instant (what pruneBefore would delete), by source id; sources with none are left out. */
  countBefore(iso: string): Promise<{ sourceId: string; items: number }[]>;
  /**
   * Deletes items dated before the instant and raises the pruned-before date to it (never lowers
   * it), in one transaction; returns how many were deleted.
   */
  pruneBefore(iso: string): Promise<number>;
  /** The pruned-before date (an ISO instant), or undefined for an archive never pruned. */
  prunedBefore(): Promise<string | undefined>;
  /** Raises the pruned-before date without deleting anything (a migration carries it); never lowers it. */
  raisePrunedBefore(iso: string): Promise<void>;

  /** Every decision on the period, oldest first: the history, whose latest row per key is in force. */
  decisionsOf(period: string): Promise<Decision[]>;
  /** Every decision of every period, oldest first (by id): what a migration carries. */
  allDecisions(): Promise<Decision[]>;
  /**
   * Stores a batch of decisions in one transaction, each only if its key's latest decision is still
   * the one its change is based on; otherwise stores none and says which key moved. `snapshot` (an
   * approval's digest) is kept with the batch's last decision.
   */
  recordDecisions(changes: DecisionChange[], snapshot?: string): Promise<RecordOutcome>;
  /** The digest an approval froze. */
  approvedSnapshot(decisionId: number): Promise<string | undefined>;

  close(): Promise<void>;
}
