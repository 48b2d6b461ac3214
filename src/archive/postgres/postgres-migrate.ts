// Bringing a PostgreSQL archive's schema up to date (the steps are migrations.ts's), safely when
// several collectors open the archive at the same moment.
import type pg from 'pg';
import { newerSchema, POSTGRES_MIGRATIONS } from '../migrations.js';
import { redactUrl } from '../spec.js';

/** Advisory lock key ('vric' in ASCII) under which one opener at a time migrates. */
const MIGRATION_LOCK = 0x76726963;

/** How far the archive's schema has come: schema_version (one row) is SQLite's PRAGMA user_version. */
export async function schemaVersion(c: pg.PoolClient): Promise<{ exists: boolean; version: number }> {
  const exists = (await c.query<{ t: string | null }>("SELECT to_regclass('schema_version') AS t")).rows[0]?.t != null;
  if (!exists) return { exists, version: 0 };
  return { exists, version: (await c.query<{ version: number }>('SELECT version FROM schema_version')).rows[0]?.version ?? 0 };
}

/**
 * Brings the schema up to date in one transaction, under an advisory lock so that two collectors
 * starting at once don't both run a step: the second waits, then finds nothing left to do. An
 * archive already up to date is only read, so opening one takes no lock (and works on a replica).
 */
export async function migrate(c: pg.PoolClient, url: string): Promise<void> {
  const refuseNewer = (version: number) => {
    if (version > POSTGRES_MIGRATIONS.length) throw newerSchema(redactUrl(url), version, POSTGRES_MIGRATIONS.length);
  };
  const before = await schemaVersion(c);
  refuseNewer(before.version);
  if (before.version === POSTGRES_MIGRATIONS.length) return;

  // A session lock, taken before the transaction begins: a transaction that starts after the lock is
  // granted sees the tables the previous holder created. With pg_advisory_xact_lock, taken inside a
  // transaction, the server kept this session's "no schema_version" from the look above, and the
  // second of two openers tried to create it again.
  await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await c.query('BEGIN');
    try {
      const { exists, version } = await schemaVersion(c);
      refuseNewer(version);
      if (!exists) {
        await c.query(`
          CREATE TABLE schema_version (
            only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
            version  INTEGER NOT NULL
          );
          INSERT INTO schema_version (version) VALUES (0);`);
      }
      for (let v = version; v < POSTGRES_MIGRATIONS.length; v++) await c.query(POSTGRES_MIGRATIONS[v]!);
      await c.query('UPDATE schema_version SET version = $1', [POSTGRES_MIGRATIONS.length]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  } finally {
    // Should this fail, the caller closes the connection, and the lock goes with the session.
    await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
