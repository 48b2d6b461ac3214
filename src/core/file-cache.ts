// A per-user cache of values computed from a file (a parsed lexicon, a validated sources.yaml),
// keyed by the file's path, size and modification time, so an edited file is simply read again,
// and by the vric that computed it, so an upgrade never serves what the old code made of a file.
// Parsing YAML is slow next to reading JSON, and every run reads the same files. Best effort:
// when the cache cannot be read or written, the value is computed as if there were none.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vricVersion } from './package.js';

/**
 * Bump when the shape of a cached value changes between commits of one release: the package
 * version (also in the key) moves only at a release, and a checkout between two would otherwise
 * read entries a different shape wrote. 2: Config gained contactLine. 3: the classify: block is
 * checked when sources.yaml is read, so a file an older commit accepted is read again.
 */
const CACHE_VERSION = 3;

/** Where the cache lives (undefined: turned off, or no home folder). */
export function cacheDir(): string | undefined {
  if (process.env.VRIC_NO_DATA_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base ? path.join(base, 'vric', 'data') : undefined;
}

interface CacheEntry {
  version: number;
  /** The vric (package.json version) that computed the value. */
  vric: string;
  kind: string;
  file: string;
  size: number;
  mtimeMs: number;
  value: unknown;
}

/**
 * `compute()`'s value for `file`, from the cache when the file has not changed since it was stored.
 * Only successful values are stored: a file with errors is computed (and reported) every time.
 */
export function cachedByFile<T>(file: string, kind: string, compute: () => T): T {
  const dir = cacheDir();
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return compute(); // let compute() report the missing file in its own words
  }
  const key = dir ? path.join(dir, createHash('sha256').update(`${kind}\0${file}`).digest('hex').slice(0, 32) + '.json') : undefined;
  if (key) {
    try {
      const e = JSON.parse(fs.readFileSync(key, 'utf8')) as CacheEntry;
      if (e.version === CACHE_VERSION && e.vric === vricVersion() && e.kind === kind && e.file === file && e.size === stat.size && e.mtimeMs === stat.mtimeMs) {
        return e.value as T;
      }
    } catch {
      // missing or unreadable: compute below
    }
  }
  const value = compute();
  if (key && dir) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${key}.${process.pid}.tmp`;
      const entry: CacheEntry = { version: CACHE_VERSION, vric: vricVersion(), kind, file, size: stat.size, mtimeMs: stat.mtimeMs, value };
      fs.writeFileSync(tmp, JSON.stringify(entry));
      fs.renameSync(tmp, key);
    } catch {
      // a read-only home is fine: we compute next time too
    }
  }
  return value;
}
