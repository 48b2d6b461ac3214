// `vric decisions export|import` on the bundled sample, through the real CLI, on both backends: the
// decisions in force written as YAML in overrides.yaml's words (items by link, by id where two items
// share one), imported into a fresh archive of the same items and exported again to the same bytes,
// the two archives building the same digest; an import records only what its file changes (and
// withdraws what it no longer holds), through the same checks as `vric decide` (the cap, an
// approved period), and a file with mistakes is refused at its lines with nothing recorded.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
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
const SWAP = 'https://www.infobae.com/economia/2026/10/02/el-banco-central-renovo-el-swap-con-china-por-usd-18000-millones/';
const TSJ = 'https://efectococuyo.com/politica/tsj-ratifica-condena-periodista-barquisimeto/';
const BRIGADE = 'https://www.dw.com/es/brigada-medica-del-alba-atiende-a-40000-pacientes-en-nicaragua/a-74388102';
/** One link, two items: El País América's report and Efecto Cocuyo's republication. */
const SHARED = 'https://elpais.com/america/2026-09-21/el-chavismo-inhabilita-a-dos-gobernadores-opositores-antes-de-las-regionales.html';

describeBackends('vric decisions export and import on the sample', (backend) => {
  let dir: string;
  let db: string;
  let sharedId: string;
  const cli = (target: string, args: string[]) => runCli([...args, '--config', 'sample/sources.yaml', '--db', target, '--period', SAMPLE_PERIOD], { env: SAMPLE_ENV });
  const decide = (target: string, args: string[]) => cli(target, ['decide', '--editor', 'ana', ...args]);
  const exportOf = async (target: string) => {
    const r = await cli(target, ['decisions', 'export']);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  const importInto = (target: string, file: string, ...more: string[]) => cli(target, ['decisions', 'import', file, '--editor', 'luis', ...more]);
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const digestOf = async (target: string, out: string) => {
    const r = await cli(target, ['build', '--out', path.join(dir, out), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    return fs.readFileSync(path.join(dir, out, '2026-09_2026-10', 'digest.json'), 'utf8');
  };

  beforeAll(async () => {
    dir = suiteTmpDir();
    db = await fetchSample(backend.kind === 'sqlite' ? path.join(dir, 'archive.sqlite') : await backend.newSpec());
    // The link is two items': vric decide names them, and the editors pick one by id.
    const ambiguous = await decide(db, ['--summary', SHARED, 'x']);
    expect(ambiguous.code).toBe(2);
    sharedId = /\(([\w-]+), ([\w-]+)\)/.exec(ambiguous.stderr)![1]!;
    for (const args of [
      ['--exclude', MEGASIS, '--reason', 'A shop opening, not the Iranian state'],
      ['--section', CONVIASA, 'iran'],
      ['--summary', PUNTA_HUETE, 'Nicaragua and China signed a deal to build an airport at Punta Huete.'],
      ['--summary', PUNTA_HUETE, 'Nicaragua y China firmaron un acuerdo para un aeropuerto en Punta Huete.', '--lang', 'es'],
      ['--include', SWAP],
      ['--include', TSJ],
      ['--country', BRIGADE, 'NI'],
      ['--include', RT_NICARAGUA, '--instead-of', RT_HELICOPTERS],
      ['--summary', sharedId, 'Two opposition governors barred before the regional elections.'],
    ]) {
      const r = await decide(db, args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
  }, 90_000);

  it('writes the decisions in force as YAML in overrides.yaml words: items by link, by id where the link is shared', async () => {
    const text = await exportOf(db);
    expect(text.split('\n').slice(0, 2)).toEqual([
      "# The editors' decisions on September to October 2026 (2026-09..2026-10), as in force in the archive.",
      '# Exported 2026-11-02 06:00 UTC; not approved.',
    ]);
    expect(text).toContain(`exclude:\n  # 2026-09-26 · Efecto Cocuyo · Megasis inaugura su cuarto local en Valencia entre críticas por los precios\n  - url: ${MEGASIS}\n    reason: A shop opening, not the Iranian state\n`);
    const y = parse(text);
    expect(Object.keys(y)).toEqual(['include', 'exclude', 'section', 'country', 'summary']);
    // In the period's order: by date.
    expect(y.include).toEqual([{ url: RT_NICARAGUA }, { url: SWAP }, { url: TSJ }]);
    expect(y.exclude.map((e: { url: string }) => e.url)).toEqual([MEGASIS, RT_HELICOPTERS]);
    expect(y.exclude[1].reason).toBe('replaced by "Rusia y Nicaragua firman un memorando para duplicar el comercio agrícola" (RT en Español)');
    expect(y.section).toEqual([{ url: CONVIASA, section: 'iran' }]);
    expect(y.country).toEqual([{ url: BRIGADE, country: 'NI' }]);
    expect(y.summary).toEqual([
      { url: PUNTA_HUETE, lang: 'en', text: 'Nicaragua and China signed a deal to build an airport at Punta Huete.' },
      { url: PUNTA_HUETE, lang: 'es', text: 'Nicaragua y China firmaron un acuerdo para un aeropuerto en Punta Huete.' },
      { id: sharedId, lang: 'en', text: 'Two opposition governors barred before the regional elections.' },
    ]);

    // FILE instead of stdout; the message on stderr.
    const r = await cli(db, ['decisions', 'export', path.join(dir, 'exported.yaml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`exported the decisions in force on September to October 2026 to ${path.join(dir, 'exported.yaml')}`);
    expect(fs.readFileSync(path.join(dir, 'exported.yaml'), 'utf8')).toBe(text);
  });

  it('round trip: imported into a fresh archive of the same items and exported again, the same file; both archives build the same digest', async () => {
    const text = await exportOf(db);
    const fresh = await fetchSample(backend.kind === 'sqlite' ? path.join(dir, 'fresh.sqlite') : await backend.newSpec());
    const r = await importInto(fresh, write('round.yaml', text));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^decided: exclude \S+ on September to October 2026 by luis \(decision \d+\)$/m);
    expect(r.stderr).toContain(`September to October 2026: 10 decisions recorded from ${path.join(dir, 'round.yaml')}; state media 6 of 31, cap allows 6`);
    expect(await exportOf(fresh)).toBe(text);
    expect(await digestOf(fresh, 'fresh')).toBe(await digestOf(db, 'original'));
    // Nothing differs now: nothing is recorded.
    const again = await importInto(fresh, path.join(dir, 'round.yaml'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('nothing to record:');
  }, 90_000);

  it('records only what the file changes, withdraws what it no longer holds, and takes a cap, notes and an added entry', async () => {
    const target = await fetchSample(backend.kind === 'sqlite' ? path.join(dir, 'edited.sqlite') : await backend.newSpec());
    expect((await importInto(target, write('start.yaml', await exportOf(db)))).code).toBe(0);
    const y = parse(await exportOf(target));
    y.exclude = y.exclude.filter((e: { url: string }) => e.url !== MEGASIS);
    y.section = [{ url: CONVIASA, section: 'venezuela' }];
    delete y.country;
    y.cap = { cap: 0.25, reason: 'Special edition on the Russian naval visit' };
    y.notes = { overview: 'Two months of **Russian** deals.\n\n- one\n- two', russia: 'Moscow and Managua.' };
    y.add = [{ title: 'Rosatom abre oficina en Managua', url: 'https://confidencial.digital/nacion/rosatom-oficina-managua/', outlet: 'Confidencial', date: '2026-10-20', section: 'russia', language: 'es' }];
    const { stringify } = await import('yaml');
    const r = await importInto(target, write('edited.yaml', stringify(y)));
    expect(r.code, r.stderr).toBe(0);
    const said = r.stderr.split('\n').filter((l) => l.startsWith('decided: ')).map((l) => l.replace(/ on September.*$/, '').replace(/ [\w-]{22}( |$)/, ' ITEM$1'));
    expect(said.sort()).toEqual(['decided: add add:1', 'decided: cap', 'decided: notes overview', 'decided: notes russia', 'decided: section ITEM', 'decided: withdrew country ITEM', 'decided: withdrew exclude ITEM']);
    expect(r.stderr).toContain('(special edition: 25%)');

    const after = await exportOf(target);
    expect(after).toContain('\ncap:\n  cap: 0.25\n  reason: Special edition on the Russian naval visit\n');
    expect(after).toContain('\nnotes:\n  overview: |-\n    Two months of **Russian** deals.\n\n    - one\n    - two\n  russia: Moscow and Managua.\n');
    expect(after).toContain('\nadd:\n  - title: Rosatom abre oficina en Managua\n    url: https://confidencial.digital/nacion/rosatom-oficina-managua/\n    outlet: Confidencial\n    date: 2026-10-20\n    section: russia\n    language: es\n');
    expect(after).not.toContain(MEGASIS);
    const d = JSON.parse(await digestOf(target, 'edited')) as Digest;
    const all = d.sections.flatMap((s) => s.items.map((e) => ({ section: s.id, ...e })));
    expect(all.find((e) => e.url === MEGASIS)).toBeDefined();
    expect(all.find((e) => e.url === CONVIASA)?.section).toBe('venezuela');
    expect(all.find((e) => e.title === 'Rosatom abre oficina en Managua')?.section).toBe('russia');
    expect(d.policy.override).toMatchObject({ cap: 0.25, reason: 'Special edition on the Russian naval visit' });
    expect((await importInto(target, path.join(dir, 'edited.yaml'))).stderr).toContain('nothing to record:');
  }, 90_000);

  it('refuses a file with mistakes at their lines, with the key meant, and records nothing', async () => {
    const target = await fetchSample(backend.kind === 'sqlite' ? path.join(dir, 'refusing.sqlite') : await backend.newSpec());
    const bad = write(
      'bad.yaml',
      ['include:', `  - url: ${SWAP}`, 'exclud:', `  - url: ${TSJ}`, '    reason: x', ''].join('\n'),
    );
    const r = await importInto(target, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:3: unknown key "exclud" (did you mean "exclude"?)`);
    const entries = write(
      'entries.yaml',
      [
        'pin:',
        `  - url: ${SWAP}`, // 2
        'include:',
        '  - url: https://example.org/not-in-the-period', // 4
        `  - url: ${SHARED}`, // 5
        `  - url: ${TSJ}`,
        'exclude:',
        `  - url: ${TSJ}`, // 8
        '    reason: twice',
        'summary:',
        `  - url: ${PUNTA_HUETE}`,
        '    lang: fr', // 12
        '    text: Non.',
        'cap:',
        '  cap: 2', // 15
        '  reason: x',
        '',
      ].join('\n'),
    );
    const e = await importInto(target, entries);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(`${entries}:12: summary: lang must be en, es or pt, not "fr"`);
    expect(e.stderr).toContain(`${entries}:15: cap: cap must be a share from 0 to 1`);
    const items = write('items.yaml', fs.readFileSync(entries, 'utf8').replace('    lang: fr', '    lang: es').replace('  cap: 2', '  cap: 0.2'));
    const i = await importInto(target, items);
    expect(i.code).toBe(2);
    expect(i.stderr).toContain(`${items}: 4 problems; nothing was recorded`);
    expect(i.stderr).toContain(`${items}:2: pin: is overrides.yaml's (it marks the entry as an editors' pick), not a decision the desk makes: use include: here, and keep pins in overrides.yaml`);
    expect(i.stderr).toContain(`${items}:4: include: no item of the period has the link https://example.org/not-in-the-period`);
    expect(i.stderr).toMatch(new RegExp(`${items.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5: include: ${SHARED.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is the link of 2 items of the period \\([\\w-]+, [\\w-]+\\): give the item's id`));
    expect(i.stderr).toContain(`${items}:8: exclude: ${TSJ} is decided on twice, here and at line 6 (including and excluding an item are one decision, its fate); keep one`);
    expect(await exportOf(target)).not.toMatch(/^include:/m);
    expect((await importInto(target, path.join(dir, 'nosuch.yaml'))).stderr).toContain(`no such file: ${path.join(dir, 'nosuch.yaml')}`);
  }, 90_000);

  it('goes through the checks vric decide makes: the cap (exit 4) and an approved period (exit 2), nothing recorded', async () => {
    const target = await fetchSample(backend.kind === 'sqlite' ? path.join(dir, 'checked.sqlite') : await backend.newSpec());
    const over = await importInto(target, write('over.yaml', `include:\n  - url: ${RT_NICARAGUA}\n`));
    expect(over.code).toBe(4);
    expect(over.stderr).toContain('refused: the cap is full (state media 6 of 31, cap allows 6); including this would push out "Cumbre del ALBA-TCP en La Habana aprueba un fondo común para la producción de alimentos"');
    expect(await exportOf(target)).not.toContain(RT_NICARAGUA);
    // In place of a kept state item, in the same file: accepted.
    const swap = await importInto(target, write('swap.yaml', `include:\n  - url: ${RT_NICARAGUA}\nexclude:\n  - url: ${RT_HELICOPTERS}\n    reason: The Nicaraguan memorandum is the bigger story\n`));
    expect(swap.code, swap.stderr).toBe(0);
    expect((await decide(target, ['--approve'])).code).toBe(0);
    const approved = await exportOf(target);
    expect(approved).toMatch(/^# Exported 2026-11-02 06:00 UTC; approved by ana on 2026-11-02 06:00 UTC \(decision \d+\)\.$/m);
    const late = await importInto(target, write('late.yaml', `include:\n  - url: ${MEGASIS}\n`));
    expect(late.code).toBe(2);
    expect(late.stderr).toMatch(/was approved by ana on .*: reopen it first/);
    // The approved file itself changes nothing, so it is accepted as it is.
    expect((await importInto(target, write('same.yaml', approved))).stderr).toContain('nothing to record:');
  }, 90_000);

  it("an exported file's item lists work as overrides.yaml; its cap there is refused with where it belongs", async () => {
    const target = await fetchSample(backend.kind === 'sqlite' ? path.join(dir, 'plain.sqlite') : await backend.newSpec());
    const lists = write('overrides.yaml', await exportOf(db));
    const d = JSON.parse(await digestOf(target, 'plain-before')) as Digest;
    expect(d.excluded.find((x) => x.url === SWAP)?.reason).toBe('irrelevant');
    const r = await cli(target, ['build', '--overrides', lists, '--out', path.join(dir, 'plain'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const withFile = JSON.parse(fs.readFileSync(path.join(dir, 'plain', '2026-09_2026-10', 'digest.json'), 'utf8')) as Digest;
    const all = withFile.sections.flatMap((s) => s.items.map((e) => ({ section: s.id, ...e })));
    expect(all.find((e) => e.url === SWAP)).toMatchObject({ section: 'china' });
    expect(all.find((e) => e.url === CONVIASA)).toMatchObject({ section: 'iran' });
    expect(all.filter((e) => e.pinned)).toEqual([]);
    expect(withFile.excluded.find((x) => x.url === MEGASIS)).toMatchObject({ reason: 'excluded-by-editor', detail: 'A shop opening, not the Iranian state' });
    const capped = write('capped.yaml', 'cap:\n  cap: 0.3\n  reason: x\n');
    const refused = await cli(target, ['build', '--overrides', capped, '--out', path.join(dir, 'plain'), '--format', 'json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${capped}:1: cap: is a decision on one period, not a line of overrides.yaml`);
  }, 90_000);
});
