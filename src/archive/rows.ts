// Rows as both backends store them (the same columns in SQLite and PostgreSQL, see migrations.ts),
// and the Item and SourceState they stand for.
import type { FetchResult, SourceState } from '../core/fetch-types.js';
import type { FeedItem, Item, StoredLabels } from '../core/item-types.js';
import { repairWarning } from '../fetch/backoff.js';
import { itemId } from './ids.js';
import type { FetchLogEntry, SourceHealth } from './archive.js';

export interface ItemRow {
  id: string;
  source_id: string;
  guid: string;
  url: string;
  title: string;
  summary: string;
  published: string | null;
  first_seen: string;
  date: string;
  language: string;
  categories: string;
  author: string | null;
  /** Fingerprint of the classifier that made `labels` (JSON), or null: see StoredLabels. */
  labels_by: string | null;
  labels: string | null;
}

export interface StateRow {
  source_id: string;
  etag: string | null;
  last_modified: string | null;
  consecutive_failures: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_kind: string | null;
  failing_since: string | null;
  last_reported_at: string | null;
  warning: string | null;
}

/**
 * A fetched item as the archive keeps it: its stable id, the run that first saw it, and the date
 * periods select on (published, else first seen). Both backends store it so.
 */
export function archivedItem(it: FeedItem, seenIso: string): Item {
  return { ...it, id: itemId(it.sourceId, it.guid), firstSeen: seenIso, date: it.published ?? seenIso };
}

export function rowToItem(r: ItemRow): Item {
  return {
    id: r.id,
    sourceId: r.source_id,
    guid: r.guid,
    url: r.url,
    title: r.title,
    summary: r.summary,
    published: r.published,
    firstSeen: r.first_seen,
    date: r.date,
    language: r.language,
    categories: JSON.parse(r.categories) as string[],
    ...(r.author ? { author: r.author } : {}),
    ...labelsOf(r.labels_by, r.labels),
  };
}

/** An item as the row that stores it: the inverse of rowToItem. */
export function itemToRow(it: Item): ItemRow {
  return {
    id: it.id,
    source_id: it.sourceId,
    guid: it.guid,
    url: it.url,
    title: it.title,
    summary: it.summary,
    published: it.published,
    first_seen: it.firstSeen,
    date: it.date,
    language: it.language,
    categories: JSON.stringify(it.categories ?? []),
    author: it.author ?? null,
    ...labelColumns(it),
  };
}

/** The stored labels of a row, as the optional `labels` of its Item. */
export function labelsOf(by: string | null, labels: string | null): Pick<Item, 'labels'> {
  return by && labels ? { labels: { by, value: JSON.parse(labels) as StoredLabels['value'] } } : {};
}

/** An item's labels as the two columns that store them. */
function labelColumns(it: Item): { labels_by: string | null; labels: string | null } {
  return it.labels ? { labels_by: it.labels.by, labels: JSON.stringify(it.labels.value) } : { labels_by: null, labels: null };
}

export function rowToState(r: StateRow): SourceState {
  const s: SourceState = { sourceId: r.source_id, consecutiveFailures: r.consecutive_failures };
  if (r.etag) s.etag = r.etag;
  if (r.last_modified) s.lastModified = r.last_modified;
  if (r.next_attempt_at) s.nextAttemptAt = r.next_attempt_at;
  if (r.last_attempt_at) s.lastAttemptAt = r.last_attempt_at;
  if (r.last_success_at) s.lastSuccessAt = r.last_success_at;
  if (r.last_error) s.lastError = r.last_error;
  if (r.last_error_kind) s.lastErrorKind = r.last_error_kind as SourceState['lastErrorKind'];
  if (r.failing_since) s.failingSince = r.failing_since;
  if (r.last_reported_at) s.lastReportedAt = r.last_reported_at;
  if (r.warning) s.warning = r.warning;
  return s;
}

/** A source's state as the row that stores it: the inverse of rowToState. */
export function stateToRow(s: SourceState): StateRow {
  return {
    source_id: s.sourceId,
    etag: s.etag ?? null,
    last_modified: s.lastModified ?? null,
    consecutive_failures: s.consecutiveFailures,
    next_attempt_at: s.nextAttemptAt ?? null,
    last_attempt_at: s.lastAttemptAt ?? null,
    last_success_at: s.lastSuccessAt ?? null,
    last_error: s.lastError ?? null,
    last_error_kind: s.lastErrorKind ?? null,
    failing_since: s.failingSince ?? null,
    last_reported_at: s.lastReportedAt ?? null,
    warning: s.warning ?? null,
  };
}

export interface LogRow {
  run_id: string;
  source_id: string;
  at: string;
  status: FetchLogEntry['status'];
  http_status: number | null;
  bytes: number;
  duration_ms: number;
  new_items: number;
  error: string | null;
  error_kind: string | null;
  warning: string | null;
}

export function rowToLogEntry(r: LogRow): FetchLogEntry {
  return {
    runId: r.run_id,
    sourceId: r.source_id,
    at: r.at,
    status: r.status,
    httpStatus: r.http_status ?? null,
    bytes: r.bytes,
    durationMs: r.duration_ms,
    newItems: r.new_items,
    error: r.error ?? null,
    errorKind: r.error_kind ?? null,
    warning: r.warning ?? null,
  };
}

/** A fetch's log row: `added` is how many of its items the archive did not have. */
export function logRow(result: FetchResult, runId: string, atIso: string, added: number): LogRow {
  return {
    run_id: runId,
    source_id: result.sourceId,
    at: atIso,
    status: result.status,
    http_status: result.httpStatus ?? null,
    bytes: result.bytes,
    duration_ms: Math.round(result.durationMs),
    new_items: added,
    error: result.error ?? null,
    error_kind: result.errorKind ?? null,
    warning: result.repaired ? repairWarning(result.repaired) : null,
  };
}

/** "Items in the last 30 days" of source health counts what was first seen since this instant. */
export function recentSince(now: Date): string {
  return new Date(now.getTime() - 30 * 86_400_000).toISOString();
}

/**
 * Source health: every stored state with its item counts, plus a bare entry for a source that has
 * items but no state (imported items, say).
 */
export function healthOf(states: SourceState[], counts: Map<string, { recent: number; total: number }>): SourceHealth[] {
  const known = new Set(states.map((s) => s.sourceId));
  const all = [...states];
  for (const id of counts.keys()) if (!known.has(id)) all.push({ sourceId: id, consecutiveFailures: 0 });
  return all.map((s) => ({
    ...s,
    itemsLast30Days: counts.get(s.sourceId)?.recent ?? 0,
    totalItems: counts.get(s.sourceId)?.total ?? 0,
  }));
}
