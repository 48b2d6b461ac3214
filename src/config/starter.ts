// `vric init`: a starter monitor in a folder: sources.yaml with the outlets vric ships (its own
// sources.yaml), an example of editors' notes, an overrides.yaml that changes nothing, and a README
// of where everything lives. Files already there are never overwritten without --force.
import fs from 'node:fs';
import path from 'node:path';
import { usageError } from '../core/errors.js';
import { packageRoot } from '../core/package.js';

/** The header the starter sources.yaml gets in place of the shipped file's first paragraph. */
const HEADER = `# The outlets this monitor follows, written by \`vric init\` from the list vric ships.
#
# FIRST set fetch.contact (below) to an address you read: it is sent with every request so that
# publishers can reach you, and vric warns on every fetch until it is set.
#
# Nothing here was fetched by vric init. Run \`vric sources check\` before relying on a row; where a
# feed is unknown, try \`vric sources discover <homepage>\` and paste the address it finds.`;

/** The starter's files: path inside the monitor folder → content. */
export function starterFiles(): Map<string, string> {
  const root = packageRoot();
  const read = (...p: string[]) => fs.readFileSync(path.join(root, ...p), 'utf8');
  return new Map([
    ['sources.yaml', starterSources(read('sources.yaml'))],
    ['overrides.yaml', read('starter', 'overrides.yaml')],
    [path.join('notes', 'example.md'), read('starter', 'notes', 'example.md')],
    ['README.md', read('starter', 'README.md')],
  ]);
}

/**
 * The shipped sources.yaml with HEADER in place of its opening paragraphs (how the list was
 * compiled, for vric's maintainers), which end where the key reference "# Each source:" begins.
 */
export function starterSources(shipped: string): string {
  const lines = shipped.split('\n');
  const reference = lines.findIndex((l) => l.startsWith('# Each source:'));
  const rest = reference > 0 && lines.slice(0, reference).every((l) => l.startsWith('#')) ? lines.slice(reference) : lines;
  return [HEADER, '#', ...rest].join('\n');
}

/**
 * Writes the starter into `dir` (made if missing). Exit 2, writing nothing, when any of its files
 * is already there, unless `force`. Returns the paths written.
 */
export function writeStarter(dir: string, force: boolean): string[] {
  const files = starterFiles();
  const targets = [...files.keys()].map((rel) => path.join(dir, rel));
  const present = targets.filter((t) => fs.existsSync(t));
  if (present.length && !force) {
    throw usageError(`${dir} already has ${present.map((p) => path.relative(dir, p)).join(', ')}; nothing was written (--force overwrites them)`);
  }
  for (const [rel, text] of files) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  return targets;
}
