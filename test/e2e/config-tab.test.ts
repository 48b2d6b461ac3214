// One tab in sources.yaml is one mistake: the operator is told once, at its line, with the fix,
// not once for every line the YAML parser can no longer place after it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

describe('a tab in the bundled sources.yaml', () => {
  it('is one error line naming its line, exit 2, nothing done', async () => {
    const lines = fs.readFileSync(path.join(ROOT, 'sources.yaml'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l === '  - id: bbc-mundo');
    expect(at).toBeGreaterThan(0);
    lines[at] = '\t- id: bbc-mundo';
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'sources.yaml'), lines.join('\n'));
    const r = await runCli(['fetch', '--config', 'sources.yaml', '--db', 'a.sqlite'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`vric: sources.yaml is not valid YAML\n  sources.yaml:${at + 1}: Tabs are not allowed as indentation (indent with spaces)\n`);
    expect(fs.existsSync(path.join(dir, 'a.sqlite'))).toBe(false);
  });
});
