// Shared set-up for the render tests: a fresh out directory per test, and the rendered files.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Digest } from '../../src/core/digest-types.js';
import { renderDigest, type RenderOptions } from '../../src/render/render.js';

export async function tempDir(prefix = 'vric-render-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export interface Rendered {
  dir: string;
  outDir: string;
  files: string[];
  html: string;
  md: string;
  rss: string;
  json: string;
}

/** Render every format into a new temp dir and read the results back. */
export async function renderAll(digest: Digest, opts: Partial<RenderOptions> = {}): Promise<Rendered> {
  const outDir = opts.outDir ?? (await tempDir());
  const { files, dir } = await renderDigest(digest, { formats: ['html', 'md', 'json', 'rss'], ...opts, outDir });
  const read = (name: string) => readFile(path.join(dir, name), 'utf8');
  return {
    dir,
    outDir,
    files,
    html: await read('digest.html'),
    md: await read('digest.md'),
    rss: await read('digest.rss.xml'),
    json: await read('digest.json'),
  };
}
