// The per-user cache of a validated sources.yaml is keyed by vric's version: after an upgrade,
// an unchanged file is validated again by the new code, not served as the old code read it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

describe('the cached sources.yaml after an upgrade', () => {
  it('an entry another vric version wrote is not used', async () => {
    const cache = tmpDir('vric-cache-');
    const d = tmpDir();
    const cfg = path.join(d, 'sources.yaml');
    fs.writeFileSync(cfg, `policy:\n  stateMediaCap: 0.2\nsources:\n  - id: stabroek\n    name: Stabroek News\n    file: ${path.join(ROOT, 'sample', 'feeds', 'stabroek.xml')}\n    language: en\n    ownership: independent\n`);
    const env = { XDG_CACHE_HOME: cache, VRIC_NO_DATA_CACHE: '' };
    const check = () => runCli(['sources', 'check', '--config', cfg, '--json'], { env });
    const ids = (stdout: string) => (JSON.parse(stdout) as { sources: { id: string }[] }).sources.map((s) => s.id);

    expect(ids((await check()).stdout)).toEqual(['stabroek']);
    // Make the stored entry what an older vric would have left: its own reading of the same file.
    const dir = path.join(cache, 'vric', 'data');
    const entryFile = fs.readdirSync(dir).map((f) => path.join(dir, f)).find((f) => JSON.parse(fs.readFileSync(f, 'utf8')).kind === 'config')!;
    const entry = JSON.parse(fs.readFileSync(entryFile, 'utf8'));
    entry.vric = '0.0.1';
    entry.value.sources[0].id = 'read-by-old-vric';
    fs.writeFileSync(entryFile, JSON.stringify(entry));

    const after = await check();
    expect(after.code).toBe(0);
    expect(ids(after.stdout)).toEqual(['stabroek']);
    // ...and the entry is this version's again.
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(JSON.parse(fs.readFileSync(entryFile, 'utf8'))).toMatchObject({ vric: pkg.version, kind: 'config' });
  });
});
