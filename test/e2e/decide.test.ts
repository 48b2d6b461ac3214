// `vric decide` on the bundled sample, through the real CLI and a real archive on both backends:
// an exclusion with its reason, a move to another section (no badge), summaries in English and
// Spanish, a state item included beyond the cap (refused, exit 4) and then in place of another
// (stored), the approval; then `vric build` renders exactly what was approved, the unreviewed
// build says so, and an approved period refuses further decisions until it is reopened.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Digest } from '../../src/core/digest-types.js';
import { runCli } from '../helpers/cli.js';
import { describeBackends } from '../helpers/pg.js';
import { suiteTmpDir } from '../helpers/tmp.js';
import { fetchSample, SAMPLE_ENV, SAMPLE_PERIOD } from '../desk/desk-process.js';

const MEGASIS = 'https://efectococuyo.com/economia/megasis-inaugura-cuarto-local-valencia/';
const CONVIASA = 'https://www.hispantv.com/noticias/venezuela/601876/conviasa-ruta-directa-caracas-teheran';
const PUNTA_HUETE = 'https://www.dw.com/es/nicaragua-y-china-firman-acuerdo-para-construir-un-aeropuerto-en-punta-huete/a-74210385';
const RT_NICARAGUA = 'https://actualidad.rt.com/actualidad/563518-rusia-nicaragua-memorando-comercio-agricola';
const RT_HELICOPTERS = 'https://actualidad.rt.com/actualidad/565291-rusia-venezuela-helicopteros-mi17-fanb';

function entries(d: Digest) {
  return d.sections.flatMap((s) => s.items.map((e) => ({ section: s.id, ...e })));
}

describeBackends('vric decide on the sample', (backend) => {
  let db: string;
  let dir: string;
  const decide = (args: string[]) =>
    runCli(['decide', '--config', 'sample/sources.yaml', '--db', db, '--period', SAMPLE_PERIOD, '--editor', 'ana', ...args], { env: SAMPLE_ENV });
  const build = (out: string) =>
    runCli(['build', '--config', 'sample/sources.yaml', '--db', db, '--period', SAMPLE_PERIOD, '--out', path.join(dir, out), '--format', 'json,md,html'], { env: SAMPLE_ENV });
  const digestOf = (out: string) => JSON.parse(fs.readFileSync(path.join(dir, out, '2026-09_2026-10', 'digest.json'), 'utf8')) as Digest;

  beforeAll(async () => {
    dir = suiteTmpDir();
    db = await fetchSample(backend.kind === 'sqlite' ? path.join(dir, 'archive.sqlite') : await backend.newSpec());
  }, 60_000);

  it('makes, refuses and approves the decisions, and a build renders exactly the approved digest', async () => {
    const unreviewed = await build('before');
    expect(unreviewed.code, unreviewed.stderr).toBe(0);
    expect(unreviewed.stderr).toMatch(/31 items, 6 from state media .*; not reviewed\n/);

    const ex = await decide(['--exclude', MEGASIS, '--reason', 'A shop opening, not the Iranian state']);
    expect(ex.code, ex.stderr).toBe(0);
    expect(ex.stderr).toMatch(/^decided: exclude \S+ on September to October 2026 by ana \(decision \d+\)$/m);
    expect(ex.stderr).toContain('state media 6 of 30, cap allows 6');
    expect((await decide(['--section', CONVIASA, 'iran'])).code).toBe(0);
    expect((await decide(['--summary', PUNTA_HUETE, 'Nicaragua and China signed a deal to build an airport at Punta Huete.'])).code).toBe(0);
    expect((await decide(['--summary', PUNTA_HUETE, 'Nicaragua y China firmaron un acuerdo para un aeropuerto en Punta Huete.', '--lang', 'es'])).code).toBe(0);

    const beyond = await decide(['--include', RT_NICARAGUA]);
    expect(beyond.code).toBe(4);
    expect(beyond.stderr).toContain('refused: the cap is full (state media 6 of 30, cap allows 6)');
    expect(beyond.stderr).toContain('exclude one of the kept state items in its place, or set a special-edition cap with a reason');
    const instead = await decide(['--include', RT_NICARAGUA, '--instead-of', RT_HELICOPTERS]);
    expect(instead.code, instead.stderr).toBe(0);

    const reviewed = await build('reviewed');
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(reviewed.stderr).toContain("not reviewed (6 editors' decisions applied, not approved)");
    const d = digestOf('reviewed');
    const all = entries(d);
    expect(all.find((e) => e.url === MEGASIS)).toBeUndefined();
    expect(d.excluded.find((x) => x.url === MEGASIS)).toMatchObject({ reason: 'excluded-by-editor', detail: 'A shop opening, not the Iranian state' });
    // Moved, and no badge for a move or an include.
    expect(all.find((e) => e.url === CONVIASA)).toMatchObject({ section: 'iran' });
    expect(all.find((e) => e.url === CONVIASA)?.pinned).toBeUndefined();
    expect(all.find((e) => e.url === RT_NICARAGUA)?.pinned).toBeUndefined();
    expect(all.find((e) => e.url === RT_HELICOPTERS)).toBeUndefined();
    expect(d.stats).toMatchObject({ total: 30, stateMedia: 6 });
    expect(all.find((e) => e.url === PUNTA_HUETE)?.summaries).toEqual({
      en: 'Nicaragua and China signed a deal to build an airport at Punta Huete.',
      es: 'Nicaragua y China firmaron un acuerdo para un aeropuerto en Punta Huete.',
    });
    const html = fs.readFileSync(path.join(dir, 'reviewed', '2026-09_2026-10', 'digest.html'), 'utf8');
    expect(html).toContain('Nicaragua and China signed a deal to build an airport at Punta Huete.');
    // No editors' pick: the sample's overrides.yaml includes (no pin), and decisions add none.
    expect(all.filter((e) => e.pinned)).toEqual([]);

    const approve = await decide(['--approve']);
    expect(approve.code, approve.stderr).toBe(0);
    const frozen = await decide(['--exclude', PUNTA_HUETE, '--reason', 'late change']);
    expect(frozen.code).toBe(2);
    expect(frozen.stderr).toMatch(/was approved by ana on .*: reopen it first \(vric decide --reopen\)/);

    const approved = await build('approved');
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stderr).toContain('; approved by ana on 2026-11-02 06:00 UTC');
    for (const f of ['digest.json', 'digest.md', 'digest.html']) {
      expect(fs.readFileSync(path.join(dir, 'approved', '2026-09_2026-10', f), 'utf8'), f).toBe(fs.readFileSync(path.join(dir, 'reviewed', '2026-09_2026-10', f), 'utf8'));
    }

    const reopen = await decide(['--reopen']);
    expect(reopen.code, reopen.stderr).toBe(0);
    expect((await decide(['--include', MEGASIS])).code).toBe(0);
    expect(entries(digestOf('approved')).some((e) => e.url === MEGASIS)).toBe(false);
    const after = await build('reopened');
    expect(after.stderr).toContain('not reviewed (');
    expect(entries(digestOf('reopened')).some((e) => e.url === MEGASIS)).toBe(true);
  }, 120_000);

  it('says what is wrong with a decision it cannot make: exit 2, nothing stored', async () => {
    const none = await decide([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give one of --include, --exclude');
    const unknown = await decide(['--include', 'https://example.org/not-in-the-period']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no item of the period has the id or link https://example.org/not-in-the-period');
    const noReason = await decide(['--exclude', MEGASIS]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--exclude needs --reason');
    const badSection = await decide(['--section', MEGASIS, 'cuba']);
    expect(badSection.code).toBe(2);
    expect(badSection.stderr).toContain('unknown section "cuba"');
  }, 60_000);
});
