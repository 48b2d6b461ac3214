// One run at a time per archive. The lock itself is one the kernel holds for us: an exclusive
// SQLite transaction on a small file beside the archive (`<archive>.lock.db`). SQLite takes it with
// POSIX record locks, which the kernel drops the moment the holder dies (kill -9, a crash, a
// reboot), in any container that shares the file. So a lock is never stale by construction: no
// pid or hostname to trust (pids are reused after a reboot, and another container's pid means
// nothing here), and two takers can never both win (the kernel grants the lock to one).
// `<archive>.lock` is only the holder's record (pid, host, start time, command), for messages and
// `vric doctor`; a record without the kernel lock behind it is a leftover, and is replaced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EXIT, VricError, errorMessage } from '../core/errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  since: string;
  command: string;
  /** When the holding process started (a reused pid has another start time). */
  started?: string;
}

export interface ArchiveLock {
  release(): void;
}

/** The holder's record. */
export function lockPathFor(dbPath: string): string {
  return `${dbPath}.lock`;
}

/**
 * The file the kernel lock is taken on. It is never deleted: a taker that opened it just before a
 * delete would lock a file nobody else can see, and two runs would then both hold "the" lock.
 */
export function kernelLockPathFor(dbPath: string): string {
  return `${dbPath}.lock.db`;
}

/** How long a taker waits for a holder that is just letting go (doctor's look, a run ending). */
const TAKE_WAIT_MS = 250;

function readLock(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    return info && typeof info.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

function openKernelLock(dbPath: string): Database.Database {
  const file = kernelLockPathFor(dbPath);
  try {
    return new Database(file, { timeout: TAKE_WAIT_MS });
  } catch (e) {
    throw new VricError(`cannot open the archive lock ${file}: ${errorMessage(e)}`, EXIT.usage);
  }
}

const isBusy = (e: unknown) => /^SQLITE_BUSY/.test((e as { code?: string }).code ?? '');

/** Who holds an archive's lock, as `vric doctor` reports it: nobody, a live run, or a leftover record. */
export type LockState = { state: 'free' } | { state: 'held' | 'stale'; file: string; holder?: LockInfo };

export function lockState(dbPath: string): LockState {
  const file = lockPathFor(dbPath);
  const holder = readLock(file);
  const recorded = fs.existsSync(file);
  if (!fs.existsSync(kernelLockPathFor(dbPath))) return recorded ? { state: 'stale', file, ...(holder ? { holder } : {}) } : { state: 'free' };
  // A shared lock is enough to see whether a run holds the exclusive one, and is let go at once.
  const db = new Database(kernelLockPathFor(dbPath), { timeout: 0 });
  let held = false;
  try {
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.exec('ROLLBACK');
  } catch (e) {
    if (!isBusy(e)) throw e;
    held = true;
  } finally {
    db.close();
  }
  if (held) return { state: 'held', file, ...(holder ? { holder } : {}) };
  return recorded ? { state: 'stale', file, ...(holder ? { holder } : {}) } : { state: 'free' };
}

/** This process's start time: with the pid, what tells a live holder from a reused pid. */
function processStarted(): string {
  return new Date(Date.now() - process.uptime() * 1000).toISOString();
}

/** The holder's record, written whole (temp file and rename) so that a reader never sees half of it. */
function writeHolderRecord(file: string, info: LockInfo): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(info));
  fs.renameSync(temp, file);
}

export function describeHolder(h: LockInfo): string {
  return `process ${h.pid} on ${h.host} (${h.command}) since ${h.since}${h.started ? `, started ${h.started}` : ''}`;
}

export function acquireLock(dbPath: string, command: string, now: Date = new Date()): ArchiveLock {
  const file = lockPathFor(dbPath);
  // The lock is taken before the archive is opened, so its folder may not exist yet.
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = openKernelLock(dbPath);
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if (!isBusy(e)) throw new VricError(`cannot take the archive lock ${kernelLockPathFor(dbPath)}: ${errorMessage(e)}`, EXIT.usage);
    const holder = readLock(file);
    throw new VricError(`another vric run holds the archive lock ${file}: ${holder ? describeHolder(holder) : 'its holder has not written its record yet'}`, EXIT.locked);
  }
  // Ours now: whatever record is there was left by a run that is gone.
  writeHolderRecord(file, { pid: process.pid, host: os.hostname(), since: now.toISOString(), command, started: processStarted() });
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // The record goes first: a taker that gets the kernel lock next writes its own.
    if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    try {
      db.exec('ROLLBACK');
    } finally {
      db.close();
    }
  };
  process.once('exit', release);
  return { release };
}
