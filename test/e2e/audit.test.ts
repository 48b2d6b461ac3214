// vric audit through the real CLI, over the bundled sample archived into a temporary archive (SQLite, then PostgreSQL).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';
import { describeBackends } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const CONFIG = path.join(ROOT, 'sample', 'sources.yaml');
const PERIOD = ['--period', '2026-09..2026-10'];
let db: string;
let common: string[];

describeBackends('vric audit', (backend) => {
  beforeAll(async () => {
    db = await backend.newSpec();
    common = ['--config', CONFIG, '--db', db];
    const f = await runCli(['fetch', ...common, '--quiet']);
    expect(f.code).toBe(0);
  });

  it('prints the source mix as tables, with the state share against the cap', async () => {
    const r = await runCli(['audit', ...common, ...PERIOD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Source mix, September to October 2026');
    expect(r.stdout).toMatch(/State media: \d+ of \d+ items in the digest \(\d+\.\d%\); cap 20\.0%: within the cap/);
    for (const t of ['by ownership', 'state media by owner state', 'by outlet', 'by language', 'by section', 'by theme', 'left out, by reason']) {
      expect(r.stdout).toContain(`\n${t}\n`);
    }
    expect(r.stdout).toMatch(/\nstate +\d+ +\d+ +\d+\n/);
  });

  it('agrees with the digest a build writes', async () => {
    const out = path.join(tmpDir(), 'out');
    const b = await runCli(['build', ...common, ...PERIOD, '--out', out, '--format', 'json']);
    expect(b.code).toBe(0);
    const digest = JSON.parse(fs.readFileSync(path.join(out, '2026-09_2026-10', 'digest.json'), 'utf8'));
    const a = JSON.parse((await runCli(['audit', ...common, ...PERIOD, '--json'])).stdout);
    expect(a.state).toMatchObject({ items: digest.stats.stateMedia, total: digest.stats.total, cap: 0.2, overCap: false });
    expect(digest.audit.state).toEqual(a.state);
    const entries = digest.sections.flatMap((s: { items: unknown[] }) => s.items).length;
    expect(a.after.items).toBe(entries);
    expect(a.before.items).toBe(entries - (a.after.outlet['manual:confidencial'] ?? 0) + digest.excluded.length);
  });

  it('writes CSV for spreadsheets', async () => {
    const r = await runCli(['audit', ...common, ...PERIOD, '--csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('dimension,key,period,relevant,digest');
    expect(lines).toContainEqual(expect.stringMatching(/^ownership,state,\d+,\d+,\d+$/));
    expect(lines).toContainEqual(expect.stringMatching(/^state,cap,,,0\.2$/));
  });

  it('writes a self-contained HTML page with SVG bars and no script', async () => {
    const file = path.join(tmpDir(), 'mix.html');
    const r = await runCli(['audit', ...common, ...PERIOD, '--html', file, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('<title>Source mix | September to October 2026</title>');
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(7);
    expect(html).not.toMatch(/<script|src=|href="http/i);
  });

  it('exits 4 with --fail-over-cap when pinned state items break the cap', async () => {
    const d = tmpDir();
    const overrides = path.join(d, 'overrides.yaml');
    fs.writeFileSync(overrides, 'pin:\n  - url: https://www.telesurtv.net/news/cumbre-alba-tcp-habana-fondo-alimentos-20261018-0017.html\n');
    const r = await runCli(['audit', ...common, ...PERIOD, '--overrides', overrides, '--state-cap', '0', '--reason', 'test', '--fail-over-cap']);
    expect(r.stdout).toContain('OVER THE CAP');
    expect(r.code).toBe(4);
    // The same rule as a build: a changed cap needs its reason.
    const noReason = await runCli(['audit', ...common, ...PERIOD, '--state-cap', '0.3']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--state-cap needs --reason');
    const ok = await runCli(['audit', ...common, ...PERIOD, '--fail-over-cap', '--quiet']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
  });
});
