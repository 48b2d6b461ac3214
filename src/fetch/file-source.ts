// Reading a `file:` source within the bounds an HTTP source has: the size cap and the timeout.
// Only a regular file is read: a FIFO never ends (the run, and the archive's lock, would wait
// forever), a device such as /dev/zero never stops giving bytes, and a directory is no feed.
import { constants, promises as fs, type Stats } from 'node:fs';
import type { FetchErrorKind } from '../core/fetch-types.js';

export type FileRead = { ok: true; bytes: Buffer } | { ok: false; errorKind: FetchErrorKind; reason: string };

/** Bytes asked of the file at a time. */
const CHUNK = 256 * 1024;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The file's bytes, at most maxBytes of them, within timeoutMs. Opened without blocking (opening
 * a FIFO with no writer would wait), checked on the open handle (so a swap after the check cannot
 * slip a device in), and read only up to maxBytes + 1: a file that grows while it is read still
 * fails as too-large, and memory stays bounded by the cap.
 */
export async function readFileSource(file: string, maxBytes: number, timeoutMs: number): Promise<FileRead> {
  const deadline = performance.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  let handle: fs.FileHandle | undefined;
  let stuck = false;
  try {
    const opening = fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const opened = await Promise.race([opening, timedOut]);
    if (opened === 'timeout') {
      // A read stuck in the kernel (a dead network mount) cannot be cancelled: close it when it returns.
      void opening.then((h) => h.close()).catch(() => undefined);
      return timeout(file, timeoutMs);
    }
    handle = opened;
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, errorKind: 'file-error', reason: `file-error: ${file} is ${kindOf(st)}, not a regular file; only a regular file is read` };
    if (st.size > maxBytes) return tooLarge(file, maxBytes, st.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      if (performance.now() > deadline) return timeout(file, timeoutMs);
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const reading = handle.read(buf, 0, buf.length, null);
      const got = await Promise.race([reading, timedOut]);
      if (got === 'timeout') {
        stuck = true;
        return timeout(file, timeoutMs);
      }
      if (got.bytesRead === 0) break;
      chunks.push(buf.subarray(0, got.bytesRead));
      total += got.bytesRead;
      if (total > maxBytes) return tooLarge(file, maxBytes);
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { ok: false, errorKind: 'file-error', reason: `file-error: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    clearTimeout(timer);
    // close() waits for a pending read: after a timeout it is left to finish in the background.
    const closing = handle?.close().catch(() => undefined);
    if (!stuck) await closing;
  }
}

function tooLarge(file: string, maxBytes: number, size?: number): FileRead {
  const has = size === undefined ? 'grew past' : `has ${size} bytes, more than`;
  return { ok: false, errorKind: 'too-large', reason: `too-large: ${file} ${has} the ${maxBytes}-byte limit` };
}

function timeout(file: string, timeoutMs: number): FileRead {
  return { ok: false, errorKind: 'timeout', reason: `timeout: reading ${file} took longer than ${timeoutMs} ms` };
}
