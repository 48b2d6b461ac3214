// Files a command reads by convention (notes/<period>.md, overrides.yaml beside sources.yaml) or by flag.
import fs from 'node:fs';
import { usageError } from '../core/errors.js';

/** A file named by a flag must exist; without the flag, the conventional file is used when present. */
export function conventionalFile(explicit: string | undefined, fallback: string): string | undefined {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw usageError(`no such file: ${explicit}`);
    return explicit;
  }
  return fs.existsSync(fallback) ? fallback : undefined;
}
