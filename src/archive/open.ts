// Chooses the archive backend from the archive spec: a postgres:// or postgresql:// URL is a
// PostgreSQL archive, anything else a SQLite file.
import type { Archive } from './archive.js';
import { isPostgresSpec } from './spec.js';
import { openSqliteArchive } from './sqlite/sqlite-archive.js';

export { DEFAULT_DB, isPostgresSpec, resolveDbSpec } from './spec.js';
export { SchemaBehind } from './sqlite/sqlite-migrate.js';
export { archiveFault } from './sqlite/sqlite-open.js';

export async function openArchive(spec: string, opts: { readonly?: boolean } = {}): Promise<Archive> {
  if (isPostgresSpec(spec)) {
    // Loaded only here, so a SQLite user never loads the PostgreSQL driver. readonly is SQLite's
    // (open without creating the file); what a PostgreSQL user may write is the server's to grant.
    const { openPostgresArchive } = await import('./postgres/postgres-archive.js');
    return openPostgresArchive(spec);
  }
  return openSqliteArchive(spec, opts);
}
