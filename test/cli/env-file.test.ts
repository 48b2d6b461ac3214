// --environment-file: the settings kept off crontab lines (VRIC_DB with its password), read by vric itself.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../src/cli/env-file.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const SAMPLE = path.join(ROOT, 'sample', 'sources.yaml');

describe('parseEnvFile', () => {
  it('reads NAME=value lines in the subset systemd and sh share', () => {
    const vars = parseEnvFile(
      [
        '# the archive',
        '',
        'VRIC_DB=postgres://vric:p#w d@db.example/vric',
        'export PGSSLMODE=require',
        `QUOTED="a \\"b\\" \\\\ c"`,
        "SINGLE='$not \\expanded'",
        '  SPACED=  padded  ',
      ].join('\n'),
      'vric.env',
    );
    expect(Object.fromEntries(vars)).toEqual({
      VRIC_DB: 'postgres://vric:p#w d@db.example/vric',
      PGSSLMODE: 'require',
      QUOTED: 'a "b" \\ c',
      SINGLE: '$not \\expanded',
      SPACED: 'padded',
    });
  });

  it('names the file and line of a bad one, never its value', () => {
    expect(() => parseEnvFile('VRIC_DB=ok\npostgres://vric:s3cret@db/vric\n', '/etc/vric.env')).toThrow(/^\/etc\/vric\.env:2: expected NAME=value$/);
    expect(() => parseEnvFile('VRIC_DB="s3cret\n', 'vric.env')).toThrow(/^vric\.env:1: the value's closing " is missing$/);
  });
});

describe('--environment-file through the CLI', () => {
  it('takes VRIC_DB from the file, the --db flag still winning', async () => {
    const d = tmpDir();
    const env = path.join(d, 'vric.env');
    fs.writeFileSync(env, `VRIC_DB=${path.join(d, 'from-file.sqlite')}\n`, { mode: 0o600 });
    const r = await runCli(['fetch', '--config', SAMPLE, '--environment-file', env, '--quiet'], { env: { VRIC_DB: path.join(d, 'inherited.sqlite') } });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(fs.existsSync(path.join(d, 'from-file.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(d, 'inherited.sqlite'))).toBe(false);
    const flag = await runCli(['fetch', '--config', SAMPLE, '--environment-file', env, '--db', path.join(d, 'flag.sqlite'), '--quiet']);
    expect(flag.code).toBe(0);
    expect(fs.existsSync(path.join(d, 'flag.sqlite'))).toBe(true);
  });

  it('refuses a missing or bad file (exit 2, nothing done) and warns when others can read it', async () => {
    const d = tmpDir();
    const missing = await runCli(['fetch', '--config', SAMPLE, '--environment-file', path.join(d, 'none.env'), '--db', path.join(d, 'a.sqlite')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^vric: cannot read the environment file .*none\.env: ENOENT/);
    expect(fs.existsSync(path.join(d, 'a.sqlite'))).toBe(false);
    const bad = path.join(d, 'bad.env');
    fs.writeFileSync(bad, 'postgres://vric:s3cret@db/vric\n', { mode: 0o600 });
    const r = await runCli(['fetch', '--config', SAMPLE, '--environment-file', bad, '--db', path.join(d, 'a.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`vric: ${bad}:1: expected NAME=value\n`);
    const open = path.join(d, 'open.env');
    fs.writeFileSync(open, `VRIC_DB=${path.join(d, 'b.sqlite')}\n`);
    fs.chmodSync(open, 0o644);
    const w = await runCli(['fetch', '--config', SAMPLE, '--environment-file', open, '--quiet']);
    expect(w.code).toBe(0);
    expect(w.stderr).toBe(`warn: the environment file ${open} can be read by other users; chmod 600 it\n`);
  });
});
