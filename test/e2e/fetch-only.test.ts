// `vric fetch --only ids` through the real CLI: a mistyped or disabled id is a usage error (exit 2)
// that names it, never a run that fetches nothing and says it succeeded.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const FEEDS = path.join(ROOT, 'sample', 'feeds');

function monitor(): { cfg: string; db: string } {
  const d = tmpDir();
  const cfg = path.join(d, 'sources.yaml');
  fs.writeFileSync(cfg, `policy:
  stateMediaCap: 0.2
sources:
  - id: rt-es
    name: RT en Español
    file: ${path.join(FEEDS, 'rt-es.xml')}
    language: es
    ownership: state
    owner: RU
  - id: stabroek
    name: Stabroek News
    file: ${path.join(FEEDS, 'stabroek.xml')}
    language: en
    ownership: independent
  - id: hispantv
    name: HispanTV
    file: ${path.join(FEEDS, 'hispantv.xml')}
    language: es
    ownership: state
    owner: IR
    enabled: false
`);
  return { cfg, db: path.join(d, 'archive.sqlite') };
}

describe('vric fetch --only', () => {
  it('an unknown id is exit 2 naming it and the id meant, and nothing is fetched', async () => {
    const { cfg, db } = monitor();
    const r = await runCli(['fetch', '--config', cfg, '--db', db, '--only', 'rt-esp,nosuch', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'vric: --only: sources.yaml has no source "rt-esp" (did you mean rt-es?), "nosuch"; nothing was fetched (vric sources list shows the ids)',
    );
    expect(r.stdout).toBe('');
    // Refused before the archive is opened: the first run, refused, made no empty archive.
    expect(fs.existsSync(db)).toBe(false);
    // The next fetch of everything finds every item new: the failed one stored nothing.
    const all = await runCli(['fetch', '--config', cfg, '--db', db, '--json']);
    expect(all.code).toBe(0);
    const report = JSON.parse(all.stdout) as { sources: { id: string; newItems: number }[] };
    expect(report.sources.map((s) => s.id).sort()).toEqual(['rt-es', 'stabroek']);
    expect(report.sources.every((s) => s.newItems > 0)).toBe(true);
  });

  it('a disabled id is exit 2 saying it is disabled, with its line', async () => {
    const { cfg, db } = monitor();
    const r = await runCli(['fetch', '--config', cfg, '--db', db, '--only', 'stabroek,hispantv']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'vric: --only: source "hispantv" (line 15) is disabled in sources.yaml (enabled: false); set enabled: true to fetch it; nothing was fetched',
    );
  });

  it('known ids fetch only those sources', async () => {
    const { cfg, db } = monitor();
    const r = await runCli(['fetch', '--config', cfg, '--db', db, '--only', 'stabroek', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { sources: { id: string }[] }).sources.map((s) => s.id)).toEqual(['stabroek']);
  });
});
