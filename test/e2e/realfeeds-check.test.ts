// The shared acceptance check, run as it will be run: `vric fetch` over every real feed file.
// Needs the reference corpus (see test/helpers/reference.ts); the golden feed pairs cover parsing without it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { hasReference, REFERENCE_FEEDS, SHARED_TOOLS } from '../helpers/reference.js';

describe.skipIf(!hasReference)('shared realfeeds-check', () => {
  it('fetches every real feed file with no well-formed failure and no crash', () => {
    const r = spawnSync(process.execPath, [path.join(SHARED_TOOLS, 'realfeeds-check.mjs'), REFERENCE_FEEDS], {
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
