// vric's own version, read from package.json: the one place it is written by hand.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The `version` of the package this file belongs to (dist/core/ and src/core/ both sit two below it). */
export function vricVersion(): string {
  if (cached === undefined) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
    cached = String((JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version ?? 'unknown');
  }
  return cached;
}
