// How far a SQLite archive's schema has come (PRAGMA user_version), and bringing it up to date with
// migrations.ts's steps: a writer migrates; a reader only checks, since it must not write the file.
import type Database from 'better-sqlite3';
import { VricError, EXIT } from '../../core/errors.js';
import { MIGRATIONS, newerSchema } from '../migrations.js';

/** The archive's schema is older than this vric's: a writer (under the lock) must migrate it first. */
export class SchemaBehind extends VricError {
  constructor(file: string, version: number) {
    super(`the archive ${file} has schema version ${version}, older than this vric's (${MIGRATIONS.length}): a writing command upgrades it`, EXIT.usage);
  }
}

/** For a reader: the archive must be exactly at this vric's step. */
export function checkVersion(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0) throw new VricError(`the archive at ${file} is not a readable vric archive: it is a SQLite database without vric's tables`, EXIT.usage);
  if (version > MIGRATIONS.length) throw newerSchema(file, version, MIGRATIONS.length);
  if (version < MIGRATIONS.length) throw new SchemaBehind(file, version);
}

/** Each missing step in its own transaction, recorded as it commits. */
export function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw newerSchema(file, version, MIGRATIONS.length);
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
