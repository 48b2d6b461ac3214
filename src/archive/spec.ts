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
  return isPostgresSpec(spec) ? redactUrl(spec) : spec;
}

/** A connection URL without its password (the postgres backend names its archive with this too). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    // libpq also takes a password from the query string.
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    // Not a URL to the WHATWG parser (the driver may still take it): hide all between user: and the last @.
    return url.replace(/(\/\/[^:@/]*):[^/]*@/, '$1:***@').replace(/([?&]password=)[^&]*/gi, '$1***');
  }
}
