// Chooses the archive backend from the archive spec. Today every value is a SQLite path.
import type { Archive } from './archive.js';
import { openSqliteArchive } from './sqlite.js';

export { DEFAULT_DB, resolveDbSpec } from './spec.js';

export function openArchive(spec: string, opts: { readonly?: boolean } = {}): Archive {
  return openSqliteArchive(spec, opts);
}
