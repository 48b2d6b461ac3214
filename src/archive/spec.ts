// Which archive a command uses: --db, else $VRIC_DB, else the default path.
// Kept apart from the backends so the CLI can name the archive without loading a database driver.
export const DEFAULT_DB = './data/archive.sqlite';

export function resolveDbSpec(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.VRIC_DB ?? DEFAULT_DB;
}
