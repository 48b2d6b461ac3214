// Which classifier made a set of labels. Stored labels are reused only by a classifier with the
// same fingerprint, so it must change whenever a label could: with the classifier's code, its
// lexicon files or the analyst's additions in sources.yaml. It hashes all three rather than
// trusting a version number someone has to remember to bump, and the package's version too, for
// the shared code outside this folder (types, text helpers) that a release may change.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LEXICON_DIR, type LexiconOverrides } from './lexicon-data.js';

/** This folder: dist/classify when installed, src/classify under the test runner. */
const CODE_DIR = new URL('./', import.meta.url);
/** The code files of the folder: .js when compiled, .ts under the test runner (not .d.ts, .map). */
const CODE_EXT = /\.(js|ts)$/.exec(fileURLToPath(import.meta.url))?.[0] ?? '.js';

let files: string | undefined;
const byOverrides = new Map<string, string>();

/** package.json, two folders up from both src/classify and dist/classify. */
const PACKAGE = new URL('../../package.json', import.meta.url);

function filesDigest(): string {
  const hash = createHash('sha256');
  try {
    hash.update(String((JSON.parse(fs.readFileSync(PACKAGE, 'utf8')) as { version?: unknown }).version)).update('\0');
  } catch {
    // an unusual install without package.json: the code and lexicons still decide
  }
  for (const [dir, ext] of [
    [CODE_DIR, CODE_EXT],
    [LEXICON_DIR, '.yaml'],
  ] as const) {
    const path = fileURLToPath(dir);
    for (const name of fs.readdirSync(path).sort()) {
      if (!name.endsWith(ext) || name.endsWith(`.d${ext}`)) continue;
      hash.update(`${name}\0`).update(fs.readFileSync(`${path}${name}`)).update('\0');
    }
  }
  return hash.digest('hex');
}

/** A short fingerprint of the classifier that `createClassifier({ extraLexicon: overrides })` makes. */
export function classifierFingerprint(overrides?: LexiconOverrides): string {
  const key = overrides ? JSON.stringify(overrides) : '';
  let fp = byOverrides.get(key);
  if (fp === undefined) {
    files ??= filesDigest();
    fp = createHash('sha256').update(files).update('\0').update(key).digest('hex').slice(0, 16);
    byOverrides.set(key, fp);
  }
  return fp;
}
