// The whole sample as a golden pair: `npm start`'s build (clock pinned) must write exactly
// test/golden/sample/digest.json and digest.md, so any change in what the monitor selects, labels
// or renders shows up as a readable diff. After an intended change:
//   UPDATE_GOLDEN=1 npx vitest run test/golden/sample.test.ts
// and review the diff before committing. sample/labels.md holds the analyst's labels for every
// item; where the build disagrees with them (its last section), the labels are the target.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const GOLDEN = path.join(ROOT, 'test', 'golden', 'sample');
const PERIOD = '2026-09_2026-10';

describe('the bundled sample', () => {
  it('builds exactly the golden digest.json and digest.md', async () => {
    const d = tmpDir();
    // npm start's command line, with the clock pinned to the day after the period's digest was due.
    const r = await runCli(
      ['run', '--config', 'sample/sources.yaml', '--db', path.join(d, 'archive.sqlite'), '--period', '2026-09..2026-10', '--out', path.join(d, 'out'), '--format', 'html,md,json,rss', '--quiet'],
      { env: { VRIC_NOW: '2026-11-02T06:00:00Z', VRIC_DB: '' } },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const file of ['digest.json', 'digest.md']) {
      const actual = fs.readFileSync(path.join(d, 'out', PERIOD, file), 'utf8');
      const expected = path.join(GOLDEN, file);
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(expected, actual);
      expect(actual, file).toBe(fs.readFileSync(expected, 'utf8'));
    }
  });
});
