// The SQL the PostgreSQL archive runs, as prepared statements' texts. Batches go in as one array per
// column (unnest … WITH ORDINALITY), in an order chosen in postgres-columns.ts.

/** Rows per page of allItems. */
export const PAGE = 2000;

// One statement per batch. No conflict target: the primary key, (source_id, guid) and the
// partial unique index on (source_id, url) all make a row "already there", as INSERT OR IGNORE
// does in SQLite. WITH ORDINALITY … ORDER BY keeps the order insertOrder chose.
export const INSERT_ITEMS = `
  INSERT INTO items (id, source_id, guid, url, title, summary, published, first_seen, date, language, categories, author, labels_by, labels)
  SELECT id, source_id, guid, url, title, summary, published, first_seen, date, language, categories, author, labels_by, labels
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
              $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
       WITH ORDINALITY AS u(id, source_id, guid, url, title, summary, published, first_seen, date, language, categories, author, labels_by, labels, n)
  ORDER BY n
  ON CONFLICT DO NOTHING
  RETURNING id`;

export const UPSERT_STATES = `
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
export const INSERT_LOG = `
  INSERT INTO fetch_log (run_id, source_id, at, status, http_status, bytes, duration_ms, new_items, error, error_kind, warning)
  SELECT $1, source_id, $2, status, http_status, bytes, duration_ms, new_items, error, error_kind, warning
  FROM unnest($3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::text[], $10::text[], $11::text[])
       WITH ORDINALITY AS u(source_id, status, http_status, bytes, duration_ms, new_items, error, error_kind, warning, n)
  ORDER BY n`;

// The log rows of the batch's sources older than each one's LOG_ROWS_PER_SOURCE newest fetch times
// (the rule is in retention.ts). The newest times come from the (source_id, at) index alone, an
// index-only scan of as many entries as are kept, so the cost per fetch does not grow with the log;
// ranking the rows by time and id instead read a table page per row (5x the time, bench/log-bound.mjs).
export const TRIM_LOG = `
  DELETE FROM fetch_log f USING (
    SELECT s.source_id, edge.at FROM unnest($1::text[]) AS s(source_id)
    CROSS JOIN LATERAL (SELECT at FROM fetch_log WHERE source_id = s.source_id ORDER BY at DESC OFFSET $2 LIMIT 1) edge
  ) oldest_kept
  WHERE f.source_id = oldest_kept.source_id AND f.at < oldest_kept.at`;

export const SELECT_PRUNED_BEFORE = 'SELECT value FROM archive_meta WHERE key = $1';
// GREATEST of two texts: a later prune with an earlier date leaves the date where it was.
export const RAISE_PRUNED_BEFORE = `
  INSERT INTO archive_meta (key, value) VALUES ($1, $2)
  ON CONFLICT (key) DO UPDATE SET value = GREATEST(archive_meta.value, excluded.value)`;

// The server's clock, not the collectors': machines whose clocks disagree still agree on expiry.
export const CLAIM = `
  INSERT INTO source_lease (source_id, holder, expires_at)
  SELECT source_id, $2, now() + $3::float8 * interval '1 millisecond'
  FROM unnest($1::text[]) WITH ORDINALITY AS u(source_id, n)
  ORDER BY n
  ON CONFLICT (source_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
    WHERE source_lease.expires_at < now() OR source_lease.holder = excluded.holder
  RETURNING source_id`;

export const ITEMS_BETWEEN = 'SELECT * FROM items WHERE date >= $1 AND date < $2 ORDER BY date, id';
export const ITEMS_BETWEEN_OF = 'SELECT * FROM items WHERE date >= $1 AND date < $2 AND source_id = ANY($3::text[]) ORDER BY date, id';
export const FIRST_PAGE = `SELECT * FROM items ORDER BY id LIMIT ${PAGE}`;
export const NEXT_PAGE = `SELECT * FROM items WHERE id > $1 ORDER BY id LIMIT ${PAGE}`;
