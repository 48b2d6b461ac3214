// `vric migrate` carries the editors' decisions, on both backends, through the real CLI: the
// sample decided on and approved in SQLite, migrated to the backend and back, keeps its whole
// history (each row superseding the row it superseded, under the target's own ids), and the
// approved digest renders byte for byte the same from every copy. Migrating again adds nothing; a
// target that holds another history for the period is left alone, said, and exit 3.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/open.js';
import type { Decision } from '../../src/core/decision-types.js';
import { runCli } from '../helpers/cli.js';
import { describeBackends } from '../helpers/pg.js';
import { suiteTmpDir } from '../helpers/tmp.js';
import { fetchSample, SAMPLE_ENV, SAMPLE_PERIOD } from '../desk/desk-process.js';

const MEGASIS = 'https://efectococuyo.com/economia/megasis-inaugura-cuarto-local-valencia/';
const CONVIASA = 'https://www.hispantv.com/noticias/venezuela/601876/conviasa-ruta-directa-caracas-teheran';
const PUNTA_HUETE = 'https://www.dw.com/es/nicaragua-y-china-firman-acuerdo-para-construir-un-aeropuerto-en-punta-huete/a-74210385';
const RT_NICARAGUA = 'https://actualidad.rt.com/actualidad/563518-rusia-nicaragua-memorando-comercio-agricola';
const RT_HELICOPTERS = 'https://actualidad.rt.com/actualidad/565291-rusia-venezuela-helicopteros-mi17-fanb';

async function historyOf(db: string): Promise<Decision[]> {
  const a = await openArchive(db);
  try {
    return await a.allDecisions();
  } finally {
    await a.close();
  }
}

/** The history without the archive's own numbering: each row names the row it replaced by position. */
function shape(rows: Decision[]) {
  const at = new Map(rows.map((d, i) => [d.id, i]));
  return rows.map(({ id: _id, supersedes, value, ...d }) => ({
    ...d,
    value: d.action === 'approve' && value ? { ...value, revision: at.get((value as { revision: number }).revision) } : value,
    supersedes: supersedes === 0 ? 'none' : at.get(supersedes),
  }));
}

describeBackends('vric migrate carries the decisions', (backend) => {
  let source: string;
  let dir: string;
  const cli = (db: string, args: string[]) => runCli([...args, '--config', 'sample/sources.yaml', '--db', db], { env: SAMPLE_ENV });
  const decide = (db: string, args: string[]) => cli(db, ['decide', '--period', SAMPLE_PERIOD, '--editor', 'ana', ...args]);
  const build = async (db: string, out: string) => {
    const r = await cli(db, ['build', '--period', SAMPLE_PERIOD, '--out', path.join(dir, out), '--format', 'json,md,html']);
    expect(r.code, r.stderr).toBe(0);
    return r;
  };
  const edition = (out: string) => ['digest.json', 'digest.md', 'digest.html'].map((f) => fs.readFileSync(path.join(dir, out, '2026-09_2026-10', f), 'utf8'));

  beforeAll(async () => {
    dir = suiteTmpDir();
    source = await fetchSample(path.join(dir, 'source.sqlite'));
    for (const args of [
      ['--exclude', MEGASIS, '--reason', 'A shop opening'],
      // Replaced by a later decision on the same key, then withdrawn: three rows, one chain.
      ['--exclude', MEGASIS, '--reason', 'A shop opening, not the Iranian state'],
      ['--section', CONVIASA, 'iran'],
      ['--summary', PUNTA_HUETE, 'Nicaragua and China signed a deal to build an airport at Punta Huete.'],
      ['--summary', PUNTA_HUETE, 'Nicaragua y China firmaron un acuerdo para un aeropuerto en Punta Huete.', '--lang', 'es'],
      ['--include', RT_NICARAGUA, '--instead-of', RT_HELICOPTERS],
      ['--section', CONVIASA, 'iran', '--clear'],
      ['--section', CONVIASA, 'iran'],
      ['--approve'],
    ]) {
      const r = await decide(source, args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
  }, 90_000);

  it('copies every decision with its place in the history and the approved digest, and the target builds the same edition', async () => {
    const target = await backend.newSpec();
    const m = await runCli(['migrate', '--from', source, '--to', target, '--json']);
    expect(m.code, m.stderr).toBe(0);
    const report = JSON.parse(m.stdout);
    expect(report).toMatchObject({ ok: true, decisions: { read: 10, added: 10, alreadyThere: 0, snapshots: 1, leftOut: [], problems: [] } });

    const [from, to] = [await historyOf(source), await historyOf(target)];
    expect(to).toHaveLength(10);
    expect(shape(to)).toEqual(shape(from));
    // The chains are real: the withdrawn section, its withdrawal and its return are one key's rows.
    const conviasa = shape(to).filter((d) => d.action === 'section');
    expect(conviasa.map((d) => d.supersedes)).toEqual(['none', 2, 7]);

    await build(source, 'from-source');
    const rebuilt = await build(target, 'from-target');
    expect(rebuilt.stderr).toContain('; approved by ana on 2026-11-02 06:00 UTC');
    expect(edition('from-target')).toEqual(edition('from-source'));

    // And back again into a new SQLite file: the same history, the same edition.
    const back = path.join(dir, `back-${backend.kind}.sqlite`);
    const home = await runCli(['migrate', '--from', target, '--to', back]);
    expect(home.code, home.stderr).toBe(0);
    expect(home.stderr).toContain("copied 10 editors' decisions: 10 new, 0 already there, 1 approval with the digest it froze");
    expect(home.stderr).toContain('counts checked: every item and every decision of the source is in the target');
    expect(shape(await historyOf(back))).toEqual(shape(from));
    await build(back, 'from-back');
    expect(edition('from-back')).toEqual(edition('from-source'));

    // The copy is a working archive: reopened there, the period takes decisions again.
    expect((await decide(target, ['--reopen'])).code).toBe(0);
    const more = await decide(target, ['--include', MEGASIS]);
    expect(more.code, more.stderr).toBe(0);

    // Migrating again adds nothing to the back copy, which has not moved on.
    const again = await runCli(['migrate', '--from', source, '--to', back, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).decisions).toMatchObject({ read: 10, added: 0, alreadyThere: 10 });
    expect(await historyOf(back)).toHaveLength(10);
  }, 120_000);

  it('leaves alone a period the target holds another history for, says so and exits 3', async () => {
    const target = await fetchSample(await backend.newSpec());
    expect((await decide(target, ['--include', MEGASIS, '--editor', 'luis'])).code).toBe(0);
    const m = await runCli(['migrate', '--from', source, '--to', target]);
    expect(m.code, m.stderr).toBe(3);
    expect(m.stderr).toContain(`the decisions on ${SAMPLE_PERIOD} were not copied: the target already holds other decisions on ${SAMPLE_PERIOD}`);
    expect(m.stderr).toContain('every item and every other decision is in the target');
    const kept = await historyOf(target);
    expect(kept.map((d) => [d.action, d.editor])).toEqual([['include', 'luis']]);
  }, 90_000);
});
