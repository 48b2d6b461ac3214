// One run at a time per archive: a lock file beside the database, created exclusively.
// It records who holds it; a lock whose process is gone (killed, machine rebooted) is stale
// and is taken over, so a crash never blocks cron forever.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT, VricError } from '../core/errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  since: string;
  command: string;
}

export interface ArchiveLock {
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** A lock is stale when its holder on this host is no longer running, or it cannot be read. */
function isStale(info: LockInfo | undefined): boolean {
  if (!info || typeof info.pid !== 'number') return true;
  if (info.host !== os.hostname()) return false; // another machine: we cannot tell, so respect it
  return !processAlive(info.pid);
}

/** Who holds an archive's lock, as `vric doctor` reports it: nobody, a live run, or a dead one. */
export type LockState = { state: 'free' } | { state: 'held' | 'stale'; file: string; holder?: LockInfo };

export function lockState(dbPath: string): LockState {
  const file = lockPathFor(dbPath);
  if (!fs.existsSync(file)) return { state: 'free' };
  const holder = readLock(file);
  return { state: isStale(holder) ? 'stale' : 'held', file, ...(holder ? { holder } : {}) };
}

export function lockPathFor(dbPath: string): string {
  return `${dbPath}.lock`;
}

export function acquireLock(dbPath: string, command: string, now: Date = new Date()): ArchiveLock {
  const file = lockPathFor(dbPath);
  // The lock is taken before the archive is opened, so its folder may not exist yet.
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const info: LockInfo = { pid: process.pid, host: os.hostname(), since: now.toISOString(), command };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(info));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readLock(file);
        if (current?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(file);
      if (isStale(holder)) {
        // Take it over: remove and retry the exclusive create (another taker may win; then we retry).
        fs.rmSync(file, { force: true });
        continue;
      }
      throw new VricError(
        `another vric run holds the archive lock ${file}: process ${holder!.pid} on ${holder!.host}` +
          ` (${holder!.command}) since ${holder!.since}`,
        EXIT.locked,
      );
    }
  }
  throw new VricError(`could not take the archive lock ${file} after taking over a stale one`, EXIT.locked);
}
