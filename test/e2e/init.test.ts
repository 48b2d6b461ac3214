// `vric init [DIR]` through the real CLI: a starter monitor that loads, changes nothing by its
// examples, and never overwrites an operator's files without --force.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parseOverrides } from '../../src/select/overrides.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const FILES = ['README.md', 'notes/example.md', 'overrides.yaml', 'sources.yaml'];
const env = { VRIC_NO_DATA_CACHE: '1' };

function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

describe('vric init', () => {
  it('writes a starter whose sources.yaml validates with the shipped outlets, and whose examples change nothing', async () => {
    const dir = path.join(tmpDir(), 'monitor');
    const r = await runCli(['init', dir], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote a starter monitor in ${dir}:`);
    expect(listFiles(dir)).toEqual(FILES);

    const starter = loadConfig(path.join(dir, 'sources.yaml'));
    const shipped = loadConfig(path.join(ROOT, 'sources.yaml'));
    expect(starter.sources.map((s) => [s.id, s.url, s.ownership, s.enabled])).toEqual(shipped.sources.map((s) => [s.id, s.url, s.ownership, s.enabled]));
    expect(starter.sources.length).toBeGreaterThan(30);
    const text = fs.readFileSync(path.join(dir, 'sources.yaml'), 'utf8');
    expect(text).toMatch(/^# The outlets this monitor follows/);
    expect(text).toContain('FIRST set fetch.contact');
    expect(text).not.toContain('/work/'); // the shipped file's notes on how it was compiled stay behind

    // The config-reading CLI agrees: doctor finds the file valid (and the contact still a placeholder).
    const doctor = await runCli(['doctor', '--config', path.join(dir, 'sources.yaml'), '--json'], { env });
    const checks = (JSON.parse(doctor.stdout) as { checks: { name: string; status: string; message: string }[] }).checks;
    expect(checks.find((c) => c.name === 'config')).toMatchObject({ status: 'ok' });
    expect(checks.find((c) => c.name === 'contact')).toMatchObject({ status: 'warn' });

    const overrides = parseOverrides(fs.readFileSync(path.join(dir, 'overrides.yaml'), 'utf8'), 'overrides.yaml');
    expect([overrides.pin, overrides.exclude, overrides.add]).toEqual([[], [], []]);
    // The example notes are not named for a period, so no build picks them up.
    expect(fs.readFileSync(path.join(dir, 'notes', 'example.md'), 'utf8')).toContain('notes/2026-09.md');
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    for (const where of ['data/archive.sqlite', 'out/<period>/', '~/.cache/vric/data', '$XDG_CACHE_HOME', 'vric schedule', 'vric fetch']) expect(readme).toContain(where);
  });

  it('refuses to overwrite (exit 2, naming the files, nothing written) unless --force; DIR defaults to the current folder', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'sources.yaml'), 'mine\n');
    const r = await runCli(['init'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`vric: ${fs.realpathSync(dir)} already has sources.yaml; nothing was written (--force overwrites them)`);
    expect(listFiles(dir)).toEqual(['sources.yaml']);
    expect(fs.readFileSync(path.join(dir, 'sources.yaml'), 'utf8')).toBe('mine\n');

    const forced = await runCli(['init', '--force'], { cwd: dir, env });
    expect(forced.code).toBe(0);
    expect(listFiles(dir)).toEqual(FILES);
    expect(fs.readFileSync(path.join(dir, 'sources.yaml'), 'utf8')).toContain('sources:');
  });
});
