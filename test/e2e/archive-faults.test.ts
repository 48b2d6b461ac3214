// The archive's own faults are the operator's to fix, said in one line: a file that is not a vric
// archive is exit 2 naming it; reading commands need no lock and work on a read-only archive; a
// reader that stops early (`vric export | head`) ends the export quietly.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { suiteTmpDir } from '../helpers/tmp.js';
import { mountTmpfs, tmpfsAvailable, TMPFS_SKIP, type Tmpfs } from '../helpers/tmpfs.js';
import { itemId } from '../../src/archive/ids.js';

const ENV = { VRIC_NOW: '2026-11-02T06:00:00Z' };
let dir: string;
let config: string;
let db: string;

beforeAll(async () => {
  dir = suiteTmpDir();
  const monitor = path.join(dir, 'monitor');
  fs.cpSync(path.join(ROOT, 'sample'), monitor, { recursive: true });
  fs.rmSync(path.join(monitor, 'overrides.yaml'));
  config = path.join(monitor, 'sources.yaml');
  db = path.join(dir, 'archive.sqlite');
  expect((await runCli(['fetch', '--config', config, '--db', db, '--quiet'], { env: ENV })).code).toBe(0);
});

describe('a file that is not a readable archive', () => {
  it.each([
    ['garbage', () => Buffer.from('this is not a database at all, just text '.repeat(200))],
    ['a truncated archive', () => fs.readFileSync(db).subarray(0, 4096 + 100)],
  ])('%s: every command says so in one line, exit 2', async (_what, bytes) => {
    const bad = path.join(suiteTmpDir(), 'archive.sqlite');
    fs.writeFileSync(bad, bytes());
    for (const args of [['build', '--period', '2026-10', '--out', path.join(dir, 'o')], ['export'], ['audit', '--period', '2026-10'], ['fetch']]) {
      const r = await runCli([...args, '--config', config, '--db', bad], { env: ENV });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(new RegExp(`^vric: the archive at ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a readable vric archive: .+\\n$`));
    }
  });
});

describe('vric export | head', () => {
  it('ends quietly with exit 0 when the reader closes the pipe', async () => {
    // More items than a pipe holds (64 KiB), so the export is still writing when head has gone.
    const big = path.join(dir, 'big.sqlite');
    const first = JSON.parse((await runCli(['export', '--config', config, '--db', db, '--quiet'])).stdout.split('\n')[0]!);
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ ...first, id: itemId(first.sourceId, `${first.guid}-${i}`), guid: `${first.guid}-${i}`, url: `${first.url}?copy=${i}` }));
    expect((await runCli(['import', '--config', config, '--db', big, '--quiet'], { input: lines.join('\n') + '\n' })).code).toBe(0);
    const shell = spawn('bash', ['-c', `"${process.execPath}" "${BIN}" export --config "${config}" --db "${big}" 2>"${dir}/export.err" | head -c 100 >/dev/null; echo \${PIPESTATUS[0]}`]);
    let out = '';
    shell.stdout.on('data', (d) => (out += d));
    await new Promise((resolve) => shell.on('close', resolve));
    expect(fs.readFileSync(path.join(dir, 'export.err'), 'utf8')).toBe('');
    expect(out.trim()).toBe('0');
  });
});

describe.skipIf(!tmpfsAvailable)('an archive on a read-only disk', () => {
  let disk: Tmpfs;
  beforeAll(() => {
    disk = mountTmpfs('16m');
    fs.copyFileSync(db, path.join(disk.dir, 'archive.sqlite'));
    disk.remount('ro');
  });
  afterAll(() => disk.unmount());

  it('is read by build, audit, export and sources status, with no lock taken', async () => {
    const ro = path.join(disk.dir, 'archive.sqlite');
    const common = ['--config', config, '--db', ro];
    const built = await runCli(['build', ...common, '--period', '2026-09..2026-10', '--out', path.join(dir, 'out-ro'), '--quiet'], { env: ENV });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out-ro', '2026-09_2026-10', 'digest.json'), 'utf8')).stats.total).toBeGreaterThan(0);
    const exported = await runCli(['export', ...common, '--quiet'], { env: ENV });
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n').length).toBeGreaterThan(10);
    const audit = await runCli(['audit', ...common, '--period', '2026-09..2026-10', '--json'], { env: ENV });
    expect(audit.code).toBe(0);
    const status = await runCli(['sources', 'status', ...common, '--json'], { env: ENV });
    expect([0, 3]).toContain(status.code);
    expect(JSON.parse(status.stdout).sources.length).toBeGreaterThan(0);
    expect(fs.readdirSync(disk.dir)).toEqual(['archive.sqlite']);
  });
});

describe.skipIf(tmpfsAvailable)('an archive on a read-only disk', () => {
  it.skip(`is tested on a read-only tmpfs (${TMPFS_SKIP})`, () => undefined);
});
