// A look at an archive that changes nothing: does it exist (or answer), how far is its schema, which
// server is it. `vric doctor` and `vric --version` use it; opening the archive (open.ts) would
// migrate it and take its lock, which a check must not do. Drivers load only when asked.
import fs from 'node:fs';
import { MIGRATIONS, POSTGRES_MIGRATIONS } from './migrations.js';
import { describeSpec, isPostgresSpec } from './spec.js';

export interface ArchiveLook {
  kind: 'sqlite' | 'postgres';
  /** The archive as messages name it (no password). */
  name: string;
  /** SQLite: the file exists and opens; PostgreSQL: the server answered. */
  reachable: boolean;
  /** Why not, in one line, when not reachable (or a SQLite file that exists does not open). */
  problem?: string;
  /** The schema step the archive is at (0: never prepared), when reachable. */
  schemaVersion?: number;
  /** The step this vric brings an archive to. */
  latestVersion: number;
  /** PostgreSQL: the server's version. */
  serverVersion?: string;
}

/** How long a look waits for a PostgreSQL server: a check must not hang on a dead one. */
export const LOOK_TIMEOUT_MS = 3_000;

export async function lookAtArchive(spec: string, timeoutMs = LOOK_TIMEOUT_MS): Promise<ArchiveLook> {
  return isPostgresSpec(spec) ? lookAtPostgres(spec, timeoutMs) : lookAtSqlite(spec);
}

async function lookAtSqlite(file: string): Promise<ArchiveLook> {
  const look: ArchiveLook = { kind: 'sqlite', name: file, reachable: false, latestVersion: MIGRATIONS.length };
  if (!fs.existsSync(file)) return { ...look, problem: 'no such file' };
  const { default: Database } = await import('better-sqlite3');
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return { ...look, reachable: true, schemaVersion: db.pragma('user_version', { simple: true }) as number };
    } finally {
      db.close();
    }
  } catch (e) {
    return { ...look, problem: (e as Error).message };
  }
}

async function lookAtPostgres(url: string, timeoutMs: number): Promise<ArchiveLook> {
  const look: ArchiveLook = { kind: 'postgres', name: describeSpec(url), reachable: false, latestVersion: POSTGRES_MIGRATIONS.length };
  const [{ default: pg }, { describeCause, passwordOf }, { schemaVersion }] = await Promise.all([
    import('pg'),
    import('./postgres/postgres-connect.js'),
    import('./postgres/postgres-migrate.js'),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, application_name: 'vric check', allowExitOnIdle: true });
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      const server = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
      const { version } = await schemaVersion(client);
      return { ...look, reachable: true, schemaVersion: version, ...(server ? { serverVersion: server } : {}) };
    } finally {
      client.release();
    }
  } catch (e) {
    return { ...look, problem: describeCause(e, passwordOf(url)) };
  } finally {
    await pool.end().catch(() => {});
  }
}

/** The SQLite library vric's archive uses (better-sqlite3 bundles its own). */
export async function sqliteLibraryVersion(): Promise<string> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}
