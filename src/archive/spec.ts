// Which archive a command uses: --db, else $VRIC_DB, else data/archive.sqlite beside sources.yaml.
// The default follows the configuration file, not the working directory: cron runs from $HOME, and a
// build run from another folder must read the monitor's archive, not make an empty one where it stands.
// Kept apart from the backends so the CLI can name the archive without loading a database driver.
import path from 'node:path';

/** The default archive, relative to the folder of sources.yaml. */
export const DEFAULT_DB = path.join('data', 'archive.sqlite');
/** The default output folder, relative to the folder of sources.yaml. */
export const DEFAULT_OUT = 'out';

/** The folder the monitor lives in: the one holding its sources.yaml. */
export function monitorDir(configPath: string): string {
  return path.dirname(path.resolve(configPath));
}

export function resolveDbSpec(flag: string | undefined, configPath: string, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? (env.VRIC_DB || undefined) ?? path.join(monitorDir(configPath), DEFAULT_DB);
}

/** --out as given (relative to the working directory), else out/ beside sources.yaml. */
export function resolveOutDir(flag: string | undefined, configPath: string): string {
  return flag ?? path.join(monitorDir(configPath), DEFAULT_OUT);
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
