// The shared acceptance check, run as it will be run: `vric fetch` over every real feed file.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SHARED } from '../helpers/cli.js';

describe('shared realfeeds-check', () => {
  it('fetches every real feed file with no well-formed failure and no crash', () => {
    const r = spawnSync(process.execPath, [path.join(SHARED, 'tools', 'realfeeds-check.mjs'), path.join(SHARED, 'reference', 'feeds')], {
      cwd: ROOT,
      env: { ...process.env, VRIC_BIN: 'bin/vric.js' },
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(r.stdout).toMatch(/^realfeeds: \d+ files, ok \d+ \(items \d+\), error \d+; wellformed failing: 0$/m);
    expect(r.stderr).toMatch(/kind wellformed: (\d+) files, ok \1 /);
    expect(r.status).toBe(0);
  });
});
