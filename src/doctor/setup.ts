// `vric doctor`'s checks of the monitor itself: sources.yaml, the contact, the archive, the output
// folder and the lock. Each looks and changes nothing (the archive is not opened, so not migrated).
import fs from 'node:fs';
import path from 'node:path';
import { lookAtArchive } from '../archive/inspect.js';
import { lockState } from '../archive/lock.js';
import { isPostgresSpec } from '../archive/spec.js';
import { contactWarnings } from '../config/contact.js';
import { loadConfig } from '../config/load.js';
import { errorMessage, VricError } from '../core/errors.js';
import { cacheDir } from '../core/file-cache.js';
import type { Config } from '../core/config-types.js';
import { fail, ok, warn, type Check } from './check.js';

export function checkConfig(configPath: string): { check: Check; config?: Config } {
  try {
    const config = loadConfig(configPath);
    const enabled = config.sources.filter((s) => s.enabled).length;
    return { check: ok('config', `${configPath} is valid: ${config.sources.length} sources, ${enabled} enabled`), config };
  } catch (e) {
    const details = e instanceof VricError && e.details.length ? `: ${e.details.join('; ')}` : '';
    return { check: fail('config', `${errorMessage(e)}${details}`, 'correct sources.yaml at the lines named (vric sources check shows them one a line)') };
  }
}

export function checkContact(config: Config): Check {
  const problems = contactWarnings(config);
  if (!problems.length) return ok('contact', config.fetch.contact ? `publishers can reach you at ${config.fetch.contact}` : 'no source is fetched over HTTP');
  // The warning already says what to do.
  return warn('contact', problems.join('; '));
}

export async function checkArchive(db: string): Promise<Check> {
  const look = await lookAtArchive(db);
  if (!look.reachable) {
    if (look.kind === 'sqlite' && look.problem === 'no such file') {
      return warn('archive', `no archive yet at ${look.name}`, 'vric fetch creates it (or pass --db to name another)');
    }
    return look.kind === 'postgres'
      ? fail('archive', `cannot connect to the PostgreSQL archive ${look.name}: ${look.problem}`, 'start the server, or correct the URL in --db / $VRIC_DB (host, port, user, password, database)')
      : fail('archive', `cannot open the archive ${look.name}: ${look.problem}`, 'check the file is a vric archive and readable, or pass --db');
  }
  const at = look.schemaVersion ?? 0;
  const server = look.serverVersion ? ` (PostgreSQL ${look.serverVersion})` : '';
  if (at > look.latestVersion) {
    return fail('archive', `${look.name}${server} has schema step ${at}, newer than this vric knows (${look.latestVersion})`, 'upgrade vric to the version that wrote it');
  }
  if (at < look.latestVersion) {
    return warn('archive', `${look.name}${server} is at schema step ${at} of ${look.latestVersion}`, 'the next vric fetch (or any command that opens it) brings it up to date; back it up first with vric export');
  }
  return ok('archive', `${look.name}${server} is reachable, schema step ${at} (current)`);
}

/** The output folder can be written: it, or the nearest folder above it that exists (it is made when needed). */
export function checkOutput(outDir: string): Check {
  let dir = path.resolve(outDir);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  if (!fs.statSync(dir).isDirectory()) return fail('output', `${dir} is not a folder, so ${outDir} cannot be made`, 'remove or rename it, or pass --out DIR');
  // A real write, not access(2): it is what build will do, and root passes access() on a read-only mount.
  const probe = path.join(dir, `.vric-doctor-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (e) {
    return fail('output', `cannot write in ${dir}: ${(e as NodeJS.ErrnoException).code ?? errorMessage(e)}`, 'make it writable by this user, or pass --out DIR');
  }
  return ok('output', dir === path.resolve(outDir) ? `${outDir} is writable` : `${outDir} will be made in ${dir} (writable)`);
}

export function checkLock(db: string): Check {
  if (isPostgresSpec(db)) return ok('lock', 'none: a PostgreSQL archive is shared, collectors divide sources by leases');
  const lock = lockState(db);
  if (lock.state === 'free') return ok('lock', 'free');
  const who = lock.holder ? `process ${lock.holder.pid} on ${lock.holder.host} (${lock.holder.command}) since ${lock.holder.since}` : 'an unreadable holder';
  if (lock.state === 'held') return ok('lock', `held by ${who}: runs now wait for it or exit 75`);
  return warn('lock', `stale: ${lock.file} names ${who}, whose run has ended (nothing holds the lock)`, 'nothing to do: the next run takes it over (or delete the file)');
}

/** Where the per-user cache of parsed files is (informational: vric works without it). */
export function checkCache(): Check {
  const dir = cacheDir();
  return ok('cache', dir ? `parsed sources.yaml and lexicons are cached in ${dir} (safe to delete)` : 'off (VRIC_NO_DATA_CACHE is set, or there is no home folder)');
}
