// Rows as both backends store them (the same columns in SQLite and PostgreSQL, see migrations.ts),
// and the Item and SourceState they stand for.
import type { Item, SourceState } from '../core/types.js';

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
  };
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
  return s;
}
