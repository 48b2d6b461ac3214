// Versioned schema, written once for both backends. Each step runs once, in order, inside a
// transaction; the archive records how far it has come (SQLite: PRAGMA user_version; PostgreSQL:
// the schema_version table). Never edit a released step: add a new one. A step is a function of
// the dialect only where the two databases' SQL must differ; the SQLite text of steps 1-3 is
// exactly what archives at user_version 3 were made with.
import { EXIT, VricError } from '../core/errors.js';

interface Dialect {
  readonly postgres: boolean;
  /**
   * A text column. PostgreSQL compares and sorts text by the database's collation, which may be
   * a language's (en_US puts 'a' before 'B' and ignores punctuation on a first pass); "C" is byte
   * order, as SQLite's, so ids page, periods select and rows sort the same on both backends
   * whatever the server's default is.
   */
  readonly text: string;
  /** fetch_log's key: SQLite's INTEGER PRIMARY KEY is the rowid, numbered for us; PostgreSQL needs an identity. */
  readonly rowId: string;
}

const SQLITE: Dialect = { postgres: false, text: 'TEXT', rowId: 'INTEGER PRIMARY KEY' };
const POSTGRES: Dialect = {
  postgres: true,
  text: 'TEXT COLLATE "C"',
  rowId: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
};

const STEPS: ((d: Dialect) => string)[] = [
  // 1: items, per-source state, fetch log.
  ({ text, rowId }) => `
  CREATE TABLE items (
    id          ${text} PRIMARY KEY,          -- stable: hash of source id and guid
    source_id   ${text} NOT NULL,
    guid        ${text} NOT NULL,
    url         ${text} NOT NULL,
    title       ${text} NOT NULL,
    summary     ${text} NOT NULL,
    published   ${text},                      -- ISO 8601 UTC as the feed gave it, or NULL
    first_seen  ${text} NOT NULL,             -- ISO 8601 UTC of the run that stored it
    date        ${text} NOT NULL,             -- published, else first_seen: what periods select on
    language    ${text} NOT NULL,
    categories  ${text} NOT NULL DEFAULT '[]',-- JSON array of strings
    author      ${text},
    UNIQUE (source_id, guid)
  );
  -- A feed that changes an entry's guid but keeps its link must not store it twice.
  CREATE UNIQUE INDEX items_source_url ON items (source_id, url) WHERE url <> '';
  -- Period selection reads a date range: this index makes a month of a large archive cheap.
  CREATE INDEX items_date ON items (date);

  CREATE TABLE source_state (
    source_id            ${text} PRIMARY KEY,
    etag                 ${text},
    last_modified        ${text},
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      ${text},
    last_attempt_at      ${text},
    last_success_at      ${text},
    last_error           ${text},
    last_error_kind      ${text}
  );

  CREATE TABLE fetch_log (
    id          ${rowId},
    run_id      ${text} NOT NULL,
    source_id   ${text} NOT NULL,
    at          ${text} NOT NULL,
    status      ${text} NOT NULL,
    http_status INTEGER,
    bytes       INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    new_items   INTEGER NOT NULL DEFAULT 0,
    error       ${text},
    error_kind  ${text}
  );
  CREATE INDEX fetch_log_source_at ON fetch_log (source_id, at);
  `,
  // 2: per-source item counts (sourceHealth: every audit and build, \`sources status\`) read this
  // covering index instead of the whole items table: 1.9 s to 0.16 s on a 1,000,000-item archive.
  // Building it on such an archive takes about a second, once.
  () => `
  CREATE INDEX items_source_seen ON items (source_id, first_seen);
  `,
  // 3: a period is read in (date, id) order; with the date alone in the index SQLite sorted each
  // month's rows again in a temporary B-tree (~15 ms for 12,000 items, ~30 ms for 20,000). The
  // new index serves both the range and the order, and replaces items_date (pruning by date
  // uses it as well).
  () => `
  CREATE INDEX items_date_id ON items (date, id);
  DROP INDEX items_date;
  `,
  // 4: source leases, so collectors sharing a PostgreSQL archive split the sources instead of
  // fetching the same one at once; a lease that outlives its holder (a killed collector) expires.
  // Times are the server's (timestamptz, compared with now()), so the collectors' clocks needn't
  // agree. SQLite has one run at a time (its lock file) and grants every claim without a table,
  // so there the step only moves user_version on.
  ({ postgres, text }) =>
    postgres
      ? `
  CREATE TABLE source_lease (
    source_id  ${text} PRIMARY KEY,
    holder     ${text} NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
  );
  `
      : `
  -- 4: source leases are PostgreSQL-only: a SQLite archive has one run at a time (its lock file).
  `,
  // 5: labels made when an item is collected (src/pipeline/labels.ts), and the fingerprint of the
  // classifier that made them: a build reuses them while its classifier has the same fingerprint
  // and classifies the item itself otherwise. Older rows have none. Adding nullable columns
  // rewrites nothing, on either database.
  ({ text }) => `
  ALTER TABLE items ADD COLUMN labels_by ${text};
  ALTER TABLE items ADD COLUMN labels ${text};
  `,
  // 6: what an operator needs to be told. A source's failing streak has a start (failing_since),
  // so "failing for 3 days" can be said, and a time it was last reported (last_reported_at), so a
  // quiet cron run repeats a dead source once a day rather than every run or never. A feed read
  // only after repair keeps the reason (warning) in its state and in the log row. archive_meta
  // holds archive-wide facts, such as the date below which items were pruned (so a feed that
  // still carries them does not store them again).
  ({ text }) => `
  ALTER TABLE source_state ADD COLUMN failing_since ${text};
  ALTER TABLE source_state ADD COLUMN last_reported_at ${text};
  ALTER TABLE source_state ADD COLUMN warning ${text};
  ALTER TABLE fetch_log ADD COLUMN warning ${text};
  CREATE TABLE archive_meta (
    key   ${text} PRIMARY KEY,
    value ${text} NOT NULL
  );
  `,
  // 7: the editors' decisions on a period (src/core/decision-types.ts): rows are only added, so the
  // history stays; the latest row of a key (subject, slot, lang) is in force. The slot is what the
  // decision sets: an item's fate (include and exclude replace each other), else the action itself.
  // `supersedes` names
  // the row a decision replaced (0 for the first), and the unique key on it is what refuses a
  // decision made on a stale view: two editors replacing the same row cannot both succeed, on
  // either database, whatever the timing. An approval keeps the digest it approved (snapshot), so
  // a later build renders exactly that.
  ({ text, rowId, postgres }) => `
  CREATE TABLE decisions (
    id         ${rowId},
    period     ${text} NOT NULL,
    subject    ${text} NOT NULL,
    action     ${text} NOT NULL,
    slot       ${text} NOT NULL,
    lang       ${text} NOT NULL DEFAULT '',
    value      ${text},                      -- JSON; NULL clears the key
    editor     ${text} NOT NULL,
    at         ${text} NOT NULL,
    supersedes ${postgres ? 'BIGINT' : 'INTEGER'} NOT NULL DEFAULT 0,
    UNIQUE (period, subject, slot, lang, supersedes)
  );
  CREATE TABLE approved_digests (
    decision_id ${postgres ? 'BIGINT' : 'INTEGER'} PRIMARY KEY,
    snapshot    ${text} NOT NULL
  );
  `,
];

/** SQLite's steps (sqlite/sqlite-migrate.ts applies them by PRAGMA user_version). */
export const MIGRATIONS: string[] = STEPS.map((step) => step(SQLITE));

/** PostgreSQL's steps, the same schema with the server's types and byte-order text. */
export const POSTGRES_MIGRATIONS: string[] = STEPS.map((step) => step(POSTGRES));

/**
 * An archive a newer vric has prepared: this one knows neither its tables nor what its later steps
 * mean, so it neither reads nor writes it (exit 2). `steps` is how many this vric knows.
 */
export function newerSchema(archive: string, version: number, steps: number): VricError {
  return new VricError(`the archive ${archive} has schema version ${version}, newer than this vric knows (${steps}); upgrade vric`, EXIT.usage);
}
