// The layout rules docs/architecture.md states, checked so they stay true after the next move:
// every source file is listed once under its folder, no two files share a base name unless one
// says why at its top, a file longer than the split threshold says why at its top, every constant
// the Limits table names is declared in a file it names, and every src/ path the docs give exists.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
/** Past this many lines a file is a candidate for splitting; one that stays longer says why. */
const SPLIT_LINES = 260;

function sourceFiles(dir = SRC): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(path.relative(SRC, p).split(path.sep).join('/'));
  }
  return out.sort();
}

/** The comment block a file opens with. */
function header(file: string): string {
  const lines = fs.readFileSync(path.join(SRC, file), 'utf8').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (!/^\s*(\/\/|\/\*|\*)/.test(line)) break;
    out.push(line);
  }
  return out.join('\n');
}

/** The files docs/architecture.md lists, as folder/file, from its per-folder tables. */
function listedFiles(): string[] {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
  const out: string[] = [];
  let folder: string | undefined;
  for (const line of doc.split('\n')) {
    const heading = /^### `src\/([^`]+)\/`/.exec(line);
    if (heading) folder = heading[1];
    else if (/^## /.test(line)) folder = undefined;
    const row = /^\| `([^`]+\.ts)` \|/.exec(line);
    if (row && folder) out.push(`${folder}/${row[1]}`);
  }
  return out.sort();
}

describe('the layout docs/architecture.md describes', () => {
  const files = sourceFiles();

  test('lists every source file once, under its folder, and no file that is gone', () => {
    expect(files.length).toBeGreaterThan(100);
    const listed = listedFiles();
    expect(listed.filter((f) => !files.includes(f)), 'listed but not in src/').toEqual([]);
    expect(files.filter((f) => !listed.includes(f)), 'in src/ but not listed').toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  test('no two source files share a base name unless one says why at its top', () => {
    const byBase = new Map<string, string[]>();
    for (const f of files) byBase.set(path.basename(f), [...(byBase.get(path.basename(f)) ?? []), f]);
    const unexplained = [...byBase.values()]
      .filter((group) => group.length > 1)
      .filter((group) => !group.some((f) => /named for/i.test(header(f))));
    expect(unexplained).toEqual([]);
  });

  test(`a file over ${SPLIT_LINES} lines says at its top why it is not split`, () => {
    const long = files.filter((f) => fs.readFileSync(path.join(SRC, f), 'utf8').split('\n').length > SPLIT_LINES);
    expect(long.filter((f) => !/not split/i.test(header(f)))).toEqual([]);
  });

  test('every constant the Limits table names is declared in one of the files it names', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    const limits = doc.slice(doc.indexOf('\n## Limits'));
    const missing: string[] = [];
    let rows = 0;
    for (const line of limits.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      if (cells.length < 6 || !cells[4]?.includes('src/')) continue;
      rows++;
      const names = [...cells[3]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!);
      const where = [...cells[4]!.matchAll(/`src\/([^`]+)`/g)].map((m) => fs.readFileSync(path.join(SRC, m[1]!), 'utf8'));
      for (const name of names)
        if (!where.some((text) => new RegExp(`\\b(const|let)\\s+${name}\\b`).test(text))) missing.push(`${name} (${cells[4]})`);
    }
    expect(rows).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  test('every src/ path docs/architecture.md and the README give exists', () => {
    const gone: string[] = [];
    for (const doc of ['docs/architecture.md', 'README.md']) {
      const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
      for (const m of text.matchAll(/`(src\/[A-Za-z0-9_./-]+)`/g))
        if (!fs.existsSync(path.join(ROOT, m[1]!.replace(/\/$/, '')))) gone.push(`${doc}: ${m[1]}`);
    }
    expect(gone).toEqual([]);
  });
});
