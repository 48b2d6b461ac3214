// Chooses the archive backend from --db (or VRIC_DB). Today every value is a SQLite path.
import type { Archive } from './archive.js';
import { openSqliteArchive } from './sqlite.js';

export const DEFAULT_DB = './data/archive.sqlite';

export function resolveDbSpec(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.VRIC_DB ?? DEFAULT_DB;
}

export function openArchive(spec: string, opts: { readonly?: boolean } = {}): Archive {
  return openSqliteArchive(spec, opts);
}
