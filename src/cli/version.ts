// `vric --version`: vric's version and what it runs on (Node, the bundled SQLite and, when the
// archive is PostgreSQL, the server), the lines a bug report needs. Loaded only for --version.
import { isPostgresSpec } from '../archive/spec.js';
import { vricVersion } from '../core/package.js';

/** The value of `--db X` or `--db=X` among the arguments, if given. */
function dbFlag(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--db') return args[i + 1];
    if (args[i]!.startsWith('--db=')) return args[i]!.slice('--db='.length);
  }
  return undefined;
}

export async function printVersion(args: string[]): Promise<void> {
  const { sqliteLibraryVersion, lookAtArchive } = await import('../archive/inspect.js');
  const lines = [`vric ${vricVersion()}`, `node ${process.versions.node}`, `sqlite ${await sqliteLibraryVersion()} (better-sqlite3)`];
  // Only an archive named as PostgreSQL is asked: the default SQLite file is the library above.
  const db = dbFlag(args) ?? (process.env.VRIC_DB || undefined);
  if (db && isPostgresSpec(db)) {
    const look = await lookAtArchive(db);
    lines.push(look.reachable ? `postgresql ${look.serverVersion ?? 'unknown'} (${look.name})` : `postgresql unreachable: ${look.problem} (${look.name})`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
