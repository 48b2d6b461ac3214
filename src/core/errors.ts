// Errors are values with an exit code and a message a person can act on.
// The CLI prints `message` (never a stack) for a VricError and exits with its code.

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  partial: 3,
  overCap: 4,
  /** A build whose period has nothing in the digest: nothing was written (--allow-empty writes it). */
  nothingToPublish: 5,
  /** Every due source failed: nothing new was stored (the network, DNS or a proxy is the usual cause). */
  allFailed: 6,
  /**
   * An editor's decision was based on a view of the period that has changed since (another editor
   * decided on the same item, or on the period): nothing was stored; look again and decide again.
   */
  stale: 7,
  /**
   * The machine refused to store what vric wrote: the disk is full, a quota is used up, the folder is
   * read-only or not this user's. Nothing published was replaced (sysexits' EX_IOERR).
   */
  cannotWrite: 74,
  locked: 75,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class VricError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.internal,
    /** Further lines, e.g. one per configuration problem. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'VricError';
  }
}

/** A problem with how vric was called or configured: exit 2, nothing done. */
export function usageError(message: string, details: string[] = []): VricError {
  return new VricError(message, EXIT.usage, details);
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The errno codes that mean "the machine refused to store this", each as a person says it. */
const STORAGE_FAULTS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is larger than this file system allows',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

/**
 * A write that failed because of the disk or its permissions, as one line with exit 74 (`what`
 * says what could not be written and what was kept); any other error is returned as it is.
 */
export function storageError(what: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const why = code ? STORAGE_FAULTS[code] : undefined;
  return why ? new VricError(`${what}: ${why} (${code})`, EXIT.cannotWrite) : e;
}
