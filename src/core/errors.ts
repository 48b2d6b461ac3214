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
