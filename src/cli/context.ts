// What every command shares: options common to all, the clock, the logger, the config and archive.
import fs from 'node:fs';
import type { Command } from 'commander';
// Stage modules are imported when a command runs, not at start-up, so `vric --help` stays fast.
import type { Archive } from '../archive/archive.js';
import { isPostgresSpec, resolveDbSpec } from '../archive/spec.js';
import { usageError } from '../core/errors.js';
import { runLogger } from './run-log.js';
import type { Logger } from '../core/log.js';
import type { Config } from '../core/config-types.js';

export interface CommonOptions {
  config: string;
  db?: string;
  quiet?: boolean;
  logFormat?: 'text' | 'json';
  logFile?: string;
  environmentFile?: string;
}

export function addCommonOptions(cmd: Command, opts: { db?: boolean } = { db: true }): Command {
  cmd.option('--config <path>', 'sources file', './sources.yaml');
  if (opts.db !== false) cmd.option('--db <archive>', 'archive: a SQLite file, or postgres://user@host/db (default $VRIC_DB, else data/archive.sqlite beside sources.yaml)');
  cmd.option('-q, --quiet', 'print nothing on success; warnings and errors still go to stderr');
  cmd.option('--environment-file <file>', 'read NAME=value settings (VRIC_DB with its password) from this file, kept out of crontab and ps');
  return addLogOptions(cmd);
}

/** --log-format and --log-file, which index.ts applies before the command runs (run-log.ts). */
export function addLogOptions(cmd: Command): Command {
  return cmd
    .option('--log-format <format>', 'text or json (one object a line, for log collectors)', 'text')
    .option('--log-file <file>', 'also append every message, with its time, to this file (its folder is created)');
}

/** The command's logger: format and log file were set for the whole run when it started. */
export function makeLogger(o: Pick<CommonOptions, 'quiet'>): Logger {
  return runLogger(o.quiet ?? false);
}

/** The clock: VRIC_NOW (ISO) pins it for reproducible runs and tests; otherwise the real time. */
export function clock(): () => Date {
  const pinned = process.env.VRIC_NOW;
  if (pinned) {
    const t = new Date(pinned);
    if (Number.isNaN(t.getTime())) throw usageError(`VRIC_NOW is not a date: ${pinned}`);
    return () => new Date(t);
  }
  return () => new Date();
}

export async function readConfig(o: CommonOptions): Promise<Config> {
  const { loadConfig } = await import('../config/load.js');
  return loadConfig(o.config);
}

/** The only commands that may create a SQLite archive: those that put items into it. */
const CREATES_ARCHIVE = new Set(['fetch', 'run', 'import']);

/**
 * The archive a command uses, checked: a command that only reads (build, audit, export, prune,
 * sources list|status, migrate --from) refuses a SQLite file that is not there rather than making
 * an empty one and reporting success on nothing.
 */
export function archiveSpec(flag: string | undefined, configPath: string, command: string): string {
  const db = resolveDbSpec(flag, configPath);
  if (!CREATES_ARCHIVE.has(command)) requireArchive(db);
  return db;
}

/** Exit 2 when a SQLite archive does not exist (a PostgreSQL one is the server's to report). */
export function requireArchive(db: string): void {
  if (!isPostgresSpec(db) && !fs.existsSync(db)) throw usageError(`no archive at ${db} (run vric fetch first, or pass --db)`);
}

/**
 * The commands that only read the archive. They take no lock and open a SQLite archive read-only,
 * so they work beside a running fetch and on a read-only file, folder or medium (a backup copy).
 * Only an archive whose schema is older than this vric falls back to the writer's way (lock, then
 * migrate), once.
 */
const READS_ONLY = new Set(['build', 'audit', 'export', 'sources']);

/**
 * The commands that write only the editors' decisions, in short transactions of their own. They
 * open a SQLite archive for writing but do not hold the run lock, so an editor can decide while the
 * daily fetch runs (WAL and the busy timeout keep the two writers apart); only an archive whose
 * schema is older than this vric takes the lock, to upgrade it, and lets it go at once.
 */
const EDITS = new Set(['decide', 'desk']);

/**
 * Opens the archive for a command. A SQLite archive is one writing run at a time, under its lock
 * (exit 75 when another run holds it); a PostgreSQL archive is shared by design: collectors divide
 * the sources through leases, and builds and audits read while others write. A fault of the SQLite
 * file itself (corrupt, truncated) is the operator's to fix: exit 2 naming the file.
 */
export async function withArchive<T>(o: CommonOptions, command: string, fn: (archive: Archive) => Promise<T>, now: Date): Promise<T> {
  const db = archiveSpec(o.db, o.config, command);
  const [{ acquireLock }, { openArchive, archiveFault, SchemaBehind }] = await Promise.all([import('../archive/lock.js'), import('../archive/open.js')]);
  const sqlite = !isPostgresSpec(db);
  let archive: Archive | undefined;
  let lock: { release(): void } | undefined;
  try {
    if (sqlite && READS_ONLY.has(command)) {
      archive = await openArchive(db, { readonly: true }).catch((e: unknown) => {
        if (e instanceof SchemaBehind) return undefined;
        throw e;
      });
    }
    if (sqlite && EDITS.has(command)) {
      const current = await openArchive(db, { readonly: true }).then(
        async (a) => (await a.close(), true),
        (e: unknown) => {
          if (e instanceof SchemaBehind) return false;
          throw e;
        },
      );
      if (current) archive = await openArchive(db);
      else {
        const upgrade = acquireLock(db, command, now);
        try {
          archive = await openArchive(db);
        } finally {
          upgrade.release();
        }
      }
    }
    if (!archive) {
      lock = sqlite ? acquireLock(db, command, now) : undefined;
      archive = await openArchive(db);
    }
    return await fn(archive);
  } catch (e) {
    throw sqlite ? archiveFault(db, e) : e;
  } finally {
    await archive?.close();
    lock?.release();
  }
}

export function parseList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}
