import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedByFile } from '../../src/core/file-cache.js';
import { tmpDir } from '../helpers/tmp.js';

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = tmpDir('vric-cache-');
});
afterEach(() => {
  if (saved === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = saved;
});

describe('per-file cache', () => {
  it('computes once while the file is unchanged, and again after an edit', () => {
    const file = path.join(tmpDir(), 'lexicon.yaml');
    fs.writeFileSync(file, 'a: 1\n');
    let calls = 0;
    const read = () => cachedByFile(file, 'test', () => ({ calls: ++calls, text: fs.readFileSync(file, 'utf8') }));
    expect(read()).toEqual({ calls: 1, text: 'a: 1\n' });
    expect(read()).toEqual({ calls: 1, text: 'a: 1\n' });
    fs.writeFileSync(file, 'a: 22\n');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(read()).toEqual({ calls: 2, text: 'a: 22\n' });
  });

  it('never stores a failure: a broken file is reported every time', () => {
    const file = path.join(tmpDir(), 'broken.yaml');
    fs.writeFileSync(file, 'x');
    let calls = 0;
    const read = () => cachedByFile(file, 'test', () => {
      calls++;
      throw new Error('broken');
    });
    expect(read).toThrow('broken');
    expect(read).toThrow('broken');
    expect(calls).toBe(2);
  });

  it('keeps kinds apart for the same file', () => {
    const file = path.join(tmpDir(), 'sources.yaml');
    fs.writeFileSync(file, 'x');
    expect(cachedByFile(file, 'one', () => 1)).toBe(1);
    expect(cachedByFile(file, 'two', () => 2)).toBe(2);
    expect(cachedByFile(file, 'one', () => 3)).toBe(1);
  });
});
