// vric's own package: where it is installed (for the files it ships, such as the starter monitor)
// and its version, read from package.json, the one place the version is written by hand.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json: dist/core/ and src/core/ both sit two below it. */
export function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

let version: string | undefined;

/** package.json's `version`. */
export function vricVersion(): string {
  version ??= String((JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown }).version ?? 'unknown');
  return version;
}
