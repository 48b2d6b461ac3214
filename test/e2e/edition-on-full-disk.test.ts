// An edition is all or nothing: a build that runs out of disk leaves the previous edition exactly
// as it was, exits 74 with the reason on one line, and leaves no staging folder behind.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';
import { suiteTmpDir } from '../helpers/tmp.js';
import { mountTmpfs, tmpfsAvailable, TMPFS_SKIP, type Tmpfs } from '../helpers/tmpfs.js';

const ENV = { VRIC_NOW: '2026-11-02T06:00:00Z' };
/** A day later: the digest.json of a later build differs too (its generatedAt). */
const LATER = { VRIC_NOW: '2026-11-03T06:00:00Z' };
const PERIOD = '2026-09..2026-10';
let common: string[];
let disk: Tmpfs | undefined;

/** Every file under `dir`, with its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) out[name] = fs.readFileSync(file, 'utf8');
  }
  return out;
}

describe.skipIf(!tmpfsAvailable)('a build on a full disk', () => {
  beforeAll(async () => {
    const dir = suiteTmpDir();
    const monitor = path.join(dir, 'monitor');
    fs.cpSync(path.join(ROOT, 'sample'), monitor, { recursive: true });
    fs.rmSync(path.join(monitor, 'overrides.yaml'));
    common = ['--config', path.join(monitor, 'sources.yaml'), '--db', path.join(dir, 'archive.sqlite')];
    expect((await runCli(['fetch', ...common, '--quiet'], { env: ENV })).code).toBe(0);
    disk = mountTmpfs('2m');
  });
  afterAll(() => disk?.unmount());

  it('keeps the previous edition whole, exits 74 with the reason, and leaves no staging folder', async () => {
    const out = path.join(disk!.dir, 'out');
    const first = await runCli(['build', ...common, '--period', PERIOD, '--out', out, '--format', 'html,md,json,rss', '--quiet'], { env: ENV });
    expect(first.code).toBe(0);
    const before = snapshot(out);
    expect(Object.keys(before).sort()).toEqual(['2026-09_2026-10/digest.html', '2026-09_2026-10/digest.json', '2026-09_2026-10/digest.md', '2026-09_2026-10/digest.rss.xml', 'index.html'].sort());

    const filler = disk!.fill();
    // Spanish labels: every file of this build differs from the first one.
    const second = await runCli(['build', ...common, '--period', PERIOD, '--out', out, '--format', 'html,md,json,rss', '--lang', 'es'], { env: LATER });
    expect(second.code).toBe(74);
    expect(second.stderr).toMatch(/^vric: cannot write the .+ edition to .+; the files already there are unchanged: no space left on the device \(ENOSPC\)\n$/);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);

    // With room again, the same build goes through and replaces every file.
    fs.rmSync(filler);
    const third = await runCli(['build', ...common, '--period', PERIOD, '--out', out, '--format', 'html,md,json,rss', '--lang', 'es', '--quiet'], { env: LATER });
    expect(third.code).toBe(0);
    const after = snapshot(out);
    for (const name of Object.keys(before)) expect(after[name], name).not.toBe(before[name]);
  });
});

describe.skipIf(tmpfsAvailable)('a build on a full disk', () => {
  it.skip(`is tested on a small tmpfs (${TMPFS_SKIP})`, () => undefined);
});
