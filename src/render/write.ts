// Atomic writes: a reader (a web server, a CMS import, a cron job copying out/) sees either the old
// file or the new one, never half of one, and an edition's files all old or all new, even if vric is
// killed mid-write or the disk fills.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Write to a temp file in the same directory (same file system, so rename is atomic), fsync, rename. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeSynced(temp, data);
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

/** Persist the rename itself; not every platform lets a directory be fsynced, which is fine. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows and some network file systems refuse; the data itself is already synced.
  }
}

/** One file of an edition: where it goes under the out folder, and what it holds. */
export interface EditionFile {
  /** Relative to the out folder: `2021-08/digest.html`, `index.html`. */
  name: string;
  content: string;
}

const STAGING_PREFIX = '.vric-edition-';

/**
 * Writes every file of an edition, or none: all of them go first to a staging folder inside the
 * out folder (same file system, so each move is a rename), each synced; only when all are written
 * are they moved into place, the index last. A full disk, a quota or a read-only folder therefore
 * stops the build before anything published changes, and the staging folder is removed either way.
 * Files of the period this build does not write (an RSS from an earlier build) are left as they are.
 */
export async function writeEdition(outDir: string, files: readonly EditionFile[]): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  await removeLeftovers(outDir);
  const staging = path.join(outDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(staging);
    // Side by side: each write waits mostly on its fsync, and the disk can take them together.
    await Promise.all(files.map((f) => writeSynced(path.join(staging, f.name), f.content)));
    const dirs = [...new Set(files.map((f) => path.dirname(path.join(outDir, f.name))))];
    for (const dir of dirs) await mkdir(dir, { recursive: true });
    for (const f of files) await rename(path.join(staging, f.name), path.join(outDir, f.name));
    for (const dir of dirs) await syncDir(dir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return files.map((f) => path.join(outDir, f.name));
}

async function writeSynced(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'wx', 0o644);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Staging folders of builds that were killed (their process is gone): nothing else removes them. */
async function removeLeftovers(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch(() => [] as string[]);
  for (const name of entries) {
    const pid = Number(/^\.vric-edition-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !processAlive(pid)) await rm(path.join(outDir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
