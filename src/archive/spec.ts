// Which archive a command uses: --db, else $VRIC_DB, else the default path.
// Kept apart from the backends so the CLI can name the archive without loading a database driver.
export const DEFAULT_DB = './data/archive.sqlite';

export function resolveDbSpec(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.VRIC_DB ?? DEFAULT_DB;
}

/** A PostgreSQL connection string (postgres:// or postgresql://) rather than a SQLite file path. */
export function isPostgresSpec(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** The archive as messages name it: a connection string loses its password. */
export function describeSpec(spec: string): string {
  if (!isPostgresSpec(spec)) return spec;
  try {
    const u = new URL(spec);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return spec.replace(/:[^:@/]*@/, ':***@');
  }
}
