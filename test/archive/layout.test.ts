// The archive's files and collection's (pipeline/collect.ts and the files it uses) each do one job
// (docs/architecture.md lists them):
// none is over ~250 lines without a reason at its top, and none shares a base name with another
// source file, so a name found in a stack trace or a grep is one file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const MAX_LINES = 250;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** `file` and the files of its own folder it imports, and theirs in turn. */
function localImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/from '\.\/([\w-]+)\.js'/g)) localImports(path.join(path.dirname(file), `${m[1]}.ts`), seen);
  return [...seen];
}

describe('archive and collection layout', () => {
  const ours = [...tsFiles(path.join(SRC, 'archive')), ...localImports(path.join(SRC, 'pipeline', 'collect.ts'))];

  it('no file is over ~250 lines', () => {
    const long = ours
      .map((f) => ({ file: path.relative(SRC, f), lines: fs.readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('no file shares its base name with another source file', () => {
    const all = tsFiles(SRC);
    const clashes = ours
      .map((f) => ({ file: path.relative(SRC, f), others: all.filter((g) => g !== f && path.basename(g) === path.basename(f)).map((g) => path.relative(SRC, g)) }))
      .filter((c) => c.others.length > 0);
    expect(clashes).toEqual([]);
  });
});
