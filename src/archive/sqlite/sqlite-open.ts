// Opening a SQLite archive file, and what its own faults mean to the person running vric: a file
// that is not a database (truncated, corrupt, something else) is theirs to fix (exit 2, one line
// naming the file), never an internal error with a stack.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { EXIT, VricError, errorMessage } from '../../core/errors.js';

const UNREADABLE = /^SQLITE_(NOTADB|CORRUPT)/;
const CANNOT_OPEN = /^SQLITE_(CANTOPEN|READONLY|PERM|IOERR)/;

/** A SQLite failure while reading or opening `file`, as the error a person can act on. */
export function archiveFault(file: string, e: unknown): unknown {
  if (e instanceof VricError) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return e;
  if (UNREADABLE.test(code)) return new VricError(`the archive at ${file} is not a readable vric archive: ${errorMessage(e)}`, EXIT.usage);
  if (CANNOT_OPEN.test(code)) return new VricError(`cannot open the archive ${file}: ${errorMessage(e)}`, EXIT.usage);
  return e;
}

/** Opens `file` read-write (created if need be), or read-only for the commands that only read. */
export function openSqliteFile(file: string, readonly: boolean): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
    // Opening reads nothing: the first statement is what finds a file that is not a database.
    db.pragma('user_version', { simple: true });
    return db;
  } catch (e) {
    db?.close();
    if (readonly && (e as { code?: string }).code === 'SQLITE_CANTOPEN' && fs.existsSync(file)) return openCopy(file);
    throw archiveFault(file, e);
  }
}

/**
 * A write-ahead-log archive opened read-only still needs its `-shm` file, which SQLite must create
 * when the last writer removed it: on a read-only folder or medium it cannot. Then the archive is
 * read from a copy in memory (a backup on a read-only disk is the usual case, and months of items
 * are tens of megabytes), with the header saying "no log": the copy has no -wal beside it, and a
 * cleanly closed archive has nothing left in one. A -wal with content means a run did not finish:
 * that archive needs a writable folder to be read correctly, and the message says so.
 */
function openCopy(file: string): Database.Database {
  const wal = `${file}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
    throw new VricError(`cannot open the archive ${file} read-only: its folder is not writable and ${wal} holds changes a run did not finish writing; copy the archive with its -wal file to a writable folder`, EXIT.usage);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new VricError(`cannot open the archive ${file}: ${errorMessage(e)}`, EXIT.usage);
  }
  // Bytes 18 and 19 are the file format's write and read versions: 2 is WAL, 1 the rollback journal.
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  let db: Database.Database | undefined;
  try {
    db = new Database(bytes, { readonly: true });
    db.pragma('user_version', { simple: true });
    return db;
  } catch (e) {
    db?.close();
    throw archiveFault(file, e);
  }
}
