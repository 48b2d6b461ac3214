// Nothing empty or wrong is published quietly: a period with no item in the digest writes nothing
// and exits 5 (unless --allow-empty), a period wholly in the future is a usage error, and
// out/index.html never lists an empty digest.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';
import { suiteTmpDir } from '../helpers/tmp.js';

const SAMPLE = path.join(ROOT, 'sample');
const ENV = { VRIC_NOW: '2026-11-02T06:00:00Z' };
let dir: string;
let common: string[];

beforeAll(async () => {
  dir = suiteTmpDir();
  // The sample monitor with its overrides.yaml: its add: entry, dated 12 October 2026, is an entry of
  // that period only, so it does not make March 2025 publishable.
  const monitor = path.join(dir, 'monitor');
  fs.cpSync(SAMPLE, monitor, { recursive: true });
  common = ['--config', path.join(monitor, 'sources.yaml'), '--db', path.join(dir, 'archive.sqlite')];
  const f = await runCli(['fetch', ...common, '--quiet'], { env: ENV });
  expect(f.code).toBe(0);
});

describe('an empty digest', () => {
  it('is not written: exit 5 with the reason, and an earlier edition stays as it was', async () => {
    const out = path.join(dir, 'out-empty');
    const built = await runCli(['build', ...common, '--period', '2026-09..2026-10', '--out', out, '--quiet'], { env: ENV });
    expect(built.code).toBe(0);
    const before = fs.readFileSync(path.join(out, 'index.html'), 'utf8');

    // The sample has nothing dated in 2025.
    const r = await runCli(['build', ...common, '--period', '2025-03', '--out', out], { env: ENV });
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(
      'vric: nothing to publish: no archived item is dated in March 2025; nothing was written (--allow-empty writes the empty digest)\n',
    );
    expect(fs.existsSync(path.join(out, '2025-03'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe(before);
  });

  it('names the reasons when the period has items but none was selected', async () => {
    // The editors exclude every candidate of the period, selected or not (the manual entry is none).
    const overrides = path.join(dir, 'exclude-all.yaml');
    const digest = JSON.parse(fs.readFileSync(path.join(dir, 'out-empty', '2026-09_2026-10', 'digest.json'), 'utf8'));
    const urls: string[] = [
      ...digest.sections.flatMap((s: { items: { url: string; manual?: boolean }[] }) => s.items.filter((i) => !i.manual).map((i) => i.url)),
      ...digest.excluded.map((e: { url: string }) => e.url),
    ];
    fs.writeFileSync(overrides, `exclude:\n${urls.map((u) => `  - url: ${u}\n    reason: test`).join('\n')}\n`);
    const r = await runCli(['build', ...common, '--period', '2026-09..2026-10', '--out', path.join(dir, 'out-none'), '--overrides', overrides], { env: ENV });
    expect(r.code).toBe(5);
    const n = urls.length;
    expect(r.stderr).toBe(
      `vric: nothing to publish: ${n} archived items are dated in September to October 2026, and none was selected (excluded-by-editor ${n}); nothing was written (--allow-empty writes the empty digest)\n`,
    );
    expect(fs.existsSync(path.join(dir, 'out-none'))).toBe(false);
  });

  it('is written with --allow-empty, and index.html still does not list it', async () => {
    const out = path.join(dir, 'out-allow');
    expect((await runCli(['build', ...common, '--period', '2026-09..2026-10', '--out', out, '--quiet'], { env: ENV })).code).toBe(0);
    const r = await runCli(['build', ...common, '--period', '2025-03', '--out', out, '--allow-empty', '--quiet'], { env: ENV });
    expect(r.code).toBe(0);
    const empty = JSON.parse(fs.readFileSync(path.join(out, '2025-03', 'digest.json'), 'utf8'));
    expect(empty.stats.total).toBe(0);
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('2026-09_2026-10/digest.html');
    expect(index).not.toContain('2025-03');
  });

  it('stops vric run with exit 5 after the fetch', async () => {
    const r = await runCli(['run', ...common, '--period', '2025-03', '--out', path.join(dir, 'out-run'), '--quiet'], { env: ENV });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/nothing to publish: no archived item is dated in March 2025/);
    expect(fs.existsSync(path.join(dir, 'out-run', '2025-03'))).toBe(false);
  });
});

describe('a period wholly in the future', () => {
  it.each([['build'], ['audit'], ['run']])('is a usage error for %s, before anything is done', async (command) => {
    const out = command === 'audit' ? [] : ['--out', path.join(dir, 'out-future')];
    const r = await runCli([command, ...common, '--period', '2027-10', ...out], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vric: period "2027-10" (October 2027) lies wholly in the future: today is 2026-11-02\n');
    expect(fs.existsSync(path.join(dir, 'out-future'))).toBe(false);
  });
});
