// The archive is where the monitor is: the default archive and output folder sit beside
// sources.yaml whatever the working directory (cron runs from $HOME), and only the commands that put
// items in (fetch, run, import, migrate --to) may create an archive; every other one refuses a
// missing archive with exit 2 instead of making an empty one and reporting success.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const SAMPLE = path.join(ROOT, 'sample');
const PERIOD = ['--period', '2026-09..2026-10'];
const ENV = { VRIC_NOW: '2026-11-02T06:00:00Z', VRIC_DB: '' };

/** A copy of the sample monitor (sources.yaml, its file: feeds, notes) in a folder of its own. */
function monitorCopy(): string {
  const dir = path.join(tmpDir(), 'monitor');
  fs.cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

describe('the default archive and output folder', () => {
  it('are beside sources.yaml, not in the working directory', async () => {
    const monitor = monitorCopy();
    const elsewhere = tmpDir();
    const config = path.join(monitor, 'sources.yaml');
    const f = await runCli(['fetch', '--config', config, '--quiet'], { cwd: elsewhere, env: ENV });
    expect(f.stderr).toBe('');
    expect(f.code).toBe(0);
    expect(fs.existsSync(path.join(monitor, 'data', 'archive.sqlite'))).toBe(true);
    expect(fs.readdirSync(elsewhere)).toEqual([]);

    const b = await runCli(['build', '--config', config, ...PERIOD, '--quiet'], { cwd: elsewhere, env: ENV });
    expect(b.code).toBe(0);
    const digest = JSON.parse(fs.readFileSync(path.join(monitor, 'out', '2026-09_2026-10', 'digest.json'), 'utf8'));
    expect(digest.stats.total).toBeGreaterThan(20);
    expect(fs.existsSync(path.join(monitor, 'out', 'index.html'))).toBe(true);
    expect(fs.readdirSync(elsewhere)).toEqual([]);

    // VRIC_DB and --db still win, and a relative --db is the working directory's, as any path flag.
    const moved = await runCli(['export', '--config', config, '--db', path.relative(elsewhere, path.join(monitor, 'data', 'archive.sqlite'))], { cwd: elsewhere, env: ENV });
    expect(moved.code).toBe(0);
    expect(moved.stdout.trim().split('\n').length).toBeGreaterThan(60);
  });

  it('a build from another folder reads the monitor\'s archive instead of publishing an empty digest', async () => {
    const monitor = monitorCopy();
    const home = tmpDir();
    const config = path.join(monitor, 'sources.yaml');
    // Before any fetch there is no archive anywhere: the build says so and writes nothing.
    const b = await runCli(['build', '--config', config, ...PERIOD], { cwd: home, env: ENV });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(`no archive at ${path.join(monitor, 'data', 'archive.sqlite')} (run vric fetch first, or pass --db)`);
    expect(fs.existsSync(path.join(monitor, 'data'))).toBe(false);
    expect(fs.existsSync(path.join(monitor, 'out'))).toBe(false);
    expect(fs.readdirSync(home)).toEqual([]);
  });
});

describe('a missing archive', () => {
  const reading: [string, string[]][] = [
    ['build', ['build', ...PERIOD]],
    ['audit', ['audit', ...PERIOD]],
    ['export', ['export']],
    ['prune', ['prune', '--before', '2020-01-01']],
    ['sources list', ['sources', 'list']],
    ['sources status', ['sources', 'status']],
  ];

  it.each(reading)('%s exits 2 naming it, and creates nothing', async (_name, args) => {
    const d = tmpDir();
    const db = path.join(d, 'typo', 'archive.sqlite');
    const r = await runCli([...args, '--config', path.join(SAMPLE, 'sources.yaml'), '--db', db], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`vric: no archive at ${db} (run vric fetch first, or pass --db)\n`);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(d)).toEqual([]);
  });

  it('migrate --from a missing archive exits 2 and creates neither archive', async () => {
    const d = tmpDir();
    const r = await runCli(['migrate', '--from', path.join(d, 'nosuch.sqlite'), '--to', path.join(d, 'to.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no archive at ${path.join(d, 'nosuch.sqlite')}`);
    expect(fs.readdirSync(d)).toEqual([]);
  });

  it('fetch, import and migrate --to create one', async () => {
    const d = tmpDir();
    const config = path.join(SAMPLE, 'sources.yaml');
    const a = path.join(d, 'a', 'archive.sqlite');
    expect((await runCli(['fetch', '--config', config, '--db', a, '--quiet'], { env: ENV })).code).toBe(0);
    const exported = await runCli(['export', '--config', config, '--db', a], { env: ENV });
    const b = path.join(d, 'b.sqlite');
    const imported = await runCli(['import', '--config', config, '--db', b, '--quiet'], { env: ENV, input: exported.stdout });
    expect(imported.code).toBe(0);
    expect(fs.existsSync(b)).toBe(true);
    const c = path.join(d, 'c.sqlite');
    expect((await runCli(['migrate', '--from', b, '--to', c, '--quiet'])).code).toBe(0);
    expect(fs.existsSync(c)).toBe(true);
  });
});
