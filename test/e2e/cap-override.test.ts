// A special edition through the real CLI on the bundled sample: the page names the policy's cap and
// the raised one, and the page, digest.json and `vric audit` all carry the select stage's one verdict.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { suiteTmpDir } from '../helpers/tmp.js';

const PERIOD = ['--period', '2026-09..2026-10'];
const ENV = { env: { VRIC_NOW: '2026-11-02T06:00:00Z', VRIC_DB: '' } };
const OVERRIDE = ['--state-cap', '0.35', '--reason', 'test'];

let common: string[];
let out: string;

beforeAll(async () => {
  const d = suiteTmpDir();
  common = ['--config', 'sample/sources.yaml', '--db', path.join(d, 'archive.sqlite')];
  out = path.join(d, 'out');
  const fetched = await runCli(['fetch', ...common, '--quiet'], ENV);
  expect(fetched.stderr).toBe('');
  const built = await runCli(['build', ...common, ...PERIOD, '--out', out, '--format', 'html,md,json', ...OVERRIDE, '--quiet'], ENV);
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
});

const read = (file: string) => fs.readFileSync(path.join(out, '2026-09_2026-10', file), 'utf8');

describe('a build with the cap raised for one edition', () => {
  it('says the editors raised the cap from the policy\'s 20% to 35%, in HTML and Markdown', () => {
    const notice = 'For this digest the editors raised the cap from 20% to 35%. Reason: test';
    expect(read('digest.html').replace(/\s+/g, ' ')).toContain(notice);
    expect(read('digest.md')).toContain(`**${notice}**`);
    expect(read('digest.md')).not.toContain('from 35% to 35%');
  });

  it('records the verdict in digest.json, and the audit reads the same one', async () => {
    const digest = JSON.parse(read('digest.json')) as {
      stats: { stateMedia: number; capVerdict: { policyCap: number; cap: number; override: unknown; used: number; over: boolean; headroom: number | null } };
      audit: { state: { overCap: boolean; headroom: number | null; cap: number } };
    };
    const v = digest.stats.capVerdict;
    expect(v).toMatchObject({ policyCap: 0.2, cap: 0.35, override: { cap: 0.35, reason: 'test' }, used: digest.stats.stateMedia, over: false });
    expect(digest.audit.state).toMatchObject({ cap: 0.35, overCap: v.over, headroom: v.headroom });

    const audit = await runCli(['audit', ...common, ...PERIOD, ...OVERRIDE, '--json'], ENV);
    expect(audit.code).toBe(0);
    const state = (JSON.parse(audit.stdout) as { state: { overCap: boolean; headroom: number | null; cap: number } }).state;
    expect(state).toEqual(digest.audit.state);
  });
});
