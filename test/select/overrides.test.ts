import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VricError } from '../../src/core/errors.js';
import type { Digest, Period } from '../../src/core/digest-types.js';
import { parsePeriod } from '../../src/core/period.js';
import { buildDigest } from '../../src/select/digest.js';
import { manualCandidate, unmatchedOverrides } from '../../src/select/editorial.js';
import { loadOverrides, parseOverrides } from '../../src/select/overrides.js';
import type { Candidate, Overrides } from '../../src/select/types.js';
import { tmpDir } from '../helpers/tmp.js';
import { PERIOD_OCT_2026, candidate, elPais, independents, policy, reuters, rt, stateItems } from './factory.js';

const NOW = new Date('2026-11-02T08:00:00.000Z');
const build = (cands: Candidate[], overrides: Overrides): Digest =>
  buildDigest(cands, { period: PERIOD_OCT_2026, policy: policy(), now: NOW, overrides });
const entries = (d: Digest) => d.sections.flatMap((s) => s.items);

/** The VricError a function throws (fails the test if it throws none). */
function errorOf(fn: () => unknown): VricError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VricError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('parseOverrides', () => {
  it('reads pin, exclude and add', () => {
    const o = parseOverrides(
      [
        'pin:',
        '  - url: https://example.org/a',
        '  - id: item-7',
        '    section: china',
        'exclude:',
        '  - url: https://example.org/b',
        '    reason: Misquotes the minister',
        'add:',
        '  - title: Rusia entrega helicópteros a Nicaragua',
        '    url: https://example.org/print',
        '    outlet: La Prensa (print)',
        '    date: 2026-10-03',
        '    section: russia',
        '    countries: [ni]',
        '    themes: [military]',
        '',
      ].join('\n'),
      'overrides.yaml',
    );
    expect(o.pin).toEqual([
      { url: 'https://example.org/a', line: 2 },
      { id: 'item-7', section: 'china', line: 3 },
    ]);
    expect(o.exclude).toEqual([{ url: 'https://example.org/b', reason: 'Misquotes the minister', line: 6 }]);
    expect(o.add).toEqual([
      {
        title: 'Rusia entrega helicópteros a Nicaragua',
        url: 'https://example.org/print',
        outlet: 'La Prensa (print)',
        date: '2026-10-03',
        section: 'russia',
        countries: ['NI'],
        themes: ['military'],
        line: 9,
      },
    ]);
  });

  it('accepts an empty file', () => {
    expect(parseOverrides('', 'o.yaml')).toEqual({ file: 'o.yaml', pin: [], exclude: [], add: [] });
  });

  it('names the file and line of a YAML syntax error', () => {
    const e = errorOf(() => parseOverrides('pin:\n  - url: https://x.example/a\n  - url: a: b\n', 'editors/overrides.yaml'));
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe('editors/overrides.yaml:3: Nested mappings are not allowed in compact mappings');
  });

  it('names the file and line of every problem in the entries', () => {
    const text = [
      'exclude:',
      '  - url: https://example.org/b', // line 2: no reason
      'add:',
      '  - title: Something', // line 4: no url, outlet, date
      '    section: mars', // line 5: bad section
      'pin:',
      '  - url: https://example.org/c',
      '    colour: red', // line 8: unknown field
      'extra: 1', // line 9: unknown key
    ].join('\n');
    const e = errorOf(() => parseOverrides(text, 'overrides.yaml'));
    expect(e.details).toEqual(
      expect.arrayContaining([
        'overrides.yaml:2: exclude: needs a reason (it is printed in the list of exclusions)',
        'overrides.yaml:4: add: needs url',
        'overrides.yaml:5: add: unknown section "mars" (one of venezuela, russia, iran, china, medical-diplomacy)',
        'overrides.yaml:8: pin: unknown field "colour" (allowed: url, id, section)',
        'overrides.yaml:9: unknown key "extra" (expected pin, exclude, add, include, section, country or summary)',
      ]),
    );
    expect(e.message).toMatch(/^overrides\.yaml: \d+ problems$/);
  });

  it('refuses an item both pinned and excluded', () => {
    const e = errorOf(() =>
      parseOverrides('pin:\n  - id: x1\nexclude:\n  - id: x1\n    reason: no\n', 'overrides.yaml'),
    );
    expect(e.message).toBe('overrides.yaml:4: exclude: x1 is also pinned; keep one of the two');
  });
});

describe('the date of an add: entry', () => {
  const file = (date: string) =>
    ['add:', '  - title: Rusia entrega helicópteros a Nicaragua', '    url: https://example.org/print', '    outlet: La Prensa (print)', `    date: ${date}`, '    section: russia', ''].join('\n');
  const publishedOf = (date: string) => manualCandidate(parseOverrides(file(date), 'overrides.yaml').add[0]!, 0).item.published;

  it.each([
    ['2026-10-12', '2026-10-12T00:00:00.000Z'],
    ['2028-02-29', '2028-02-29T00:00:00.000Z'],
    ['2026-10-12T14:30', '2026-10-12T14:30:00.000Z'],
    ['2026-10-12 14:30:05', '2026-10-12T14:30:05.000Z'],
    ['2026-10-12T14:30:05Z', '2026-10-12T14:30:05.000Z'],
    ['2026-10-12T14:30:05.250-04:00', '2026-10-12T18:30:05.250Z'],
    ['2026-10-12T14:30+0300', '2026-10-12T11:30:00.000Z'],
  ])('reads %s as %s', (date, published) => {
    expect(publishedOf(date)).toBe(published);
  });

  it.each([
    ['2026-02-30', 'does not exist: February 2026 has days 01 to 28'],
    ['2027-02-29', 'does not exist: February 2027 has days 01 to 28'],
    ['2026-04-31', 'does not exist: April 2026 has days 01 to 30'],
    ['2026-13-01', 'does not exist: there is no month 13'],
    ['2026-10-00', 'does not exist: October 2026 has days 01 to 31'],
    ['2026-10-12T25:00', 'does not exist: hours run from 00 to 23'],
    ['2026-10-12T24:00', 'does not exist: hours run from 00 to 23'],
    ['2026-10-12T10:60', 'does not exist: minutes run from 00 to 59'],
    ['2026-10-12T10:00:60Z', 'does not exist: seconds run from 00 to 59'],
    ['2026-10-12T10:00+25:00', 'does not exist: the zone offset +25:00 is not one (at most ±23:59)'],
    // Forms Date.parse also read: 12/10/2026 as 10 December, 2026 as 1 January, Oct 12 in the machine's zone.
    ['12/10/2026', 'is not a date (use YYYY-MM-DD, or YYYY-MM-DDTHH:MM with an optional zone)'],
    ['2026', 'is not a date (use YYYY-MM-DD, or YYYY-MM-DDTHH:MM with an optional zone)'],
    ['Oct 12 2026', 'is not a date (use YYYY-MM-DD, or YYYY-MM-DDTHH:MM with an optional zone)'],
  ])('refuses %s at its file and line', (date, why) => {
    const e = errorOf(() => parseOverrides(file(date), 'editors/overrides.yaml'));
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(`editors/overrides.yaml:5: add: date "${date}" ${why}`);
  });
});

describe('loadOverrides', () => {
  it('reads a file and says nothing when it is absent (it is optional)', () => {
    const dir = tmpDir();
    const path = join(dir, 'overrides.yaml');
    expect(loadOverrides(path)).toBeUndefined();
    writeFileSync(path, 'exclude:\n  - id: a\n    reason: Wrong date\n');
    expect(loadOverrides(path)?.exclude).toEqual([{ id: 'a', reason: 'Wrong date', line: 2 }]);
  });

  it('puts the path in the message of a bad file', () => {
    const dir = tmpDir();
    const path = join(dir, 'overrides.yaml');
    writeFileSync(path, 'add:\n  - title: x\n    url: ftp://x\n    outlet: y\n    date: someday\n    section: iran\n');
    const e = errorOf(() => loadOverrides(path));
    expect(e.details).toContain(`${path}:3: add: url must start with http:// or https://`);
    expect(e.details).toContain(`${path}:5: add: date "someday" is not a date (use YYYY-MM-DD, or YYYY-MM-DDTHH:MM with an optional zone)`);
  });
});

describe('applying overrides', () => {
  it('pins an item that a rule would exclude, and marks it', () => {
    const opinion = candidate({ labels: { opinion: true } });
    const d = build([opinion], { pin: [{ url: opinion.item.url }], exclude: [], add: [] });
    expect(entries(d)).toHaveLength(1);
    expect(entries(d)[0]).toMatchObject({ url: opinion.item.url, pinned: true });
    expect(d.excluded).toEqual([]);
  });

  it('keeps a pinned item dated outside the period (the editors chose it)', () => {
    const late = candidate({ id: 'late', date: '2026-11-01T09:00:00Z' });
    const d = build([late], { pin: [{ id: 'late' }], exclude: [], add: [] });
    expect(entries(d).map((e) => e.url)).toEqual([late.item.url]);
  });

  it('places a pinned item without section where the pin says', () => {
    const noSection = candidate({ id: 'n1', labels: { relevant: false, section: null, actors: [] } });
    const d = build([noSection], { pin: [{ id: 'n1', section: 'china' }], exclude: [], add: [] });
    expect(d.sections.find((s) => s.id === 'china')?.items.map((e) => e.url)).toEqual([noSection.item.url]);
    const without = build([noSection], { pin: [{ id: 'n1' }], exclude: [], add: [] });
    expect(without.excluded[0]).toMatchObject({ reason: 'irrelevant', detail: 'pinned, but it has no section: give the pin a section' });
  });

  it('keeps a pinned state item beyond the cap, counts it, and lets it use the cap first', () => {
    const state = stateItems(3, { labels: { score: 5 } });
    const pinned = candidate({ id: 'pinned-state', source: rt, labels: { score: 0 } });
    const d = build([...independents(4), ...state, pinned], { pin: [{ id: 'pinned-state' }], exclude: [], add: [] });
    expect(d.stats).toMatchObject({ total: 5, stateMedia: 1 });
    expect(entries(d).find((e) => e.source.stateMedia)?.pinned).toBe(true);
    expect(d.excluded.filter((x) => x.reason === 'state-cap')).toHaveLength(3);
  });

  it('makes a pinned item the representative of its story', () => {
    const early = candidate({ source: reuters, title: 'Russia sends two warships to Havana', language: 'en', date: '2026-10-10T07:00:00Z' });
    const late = candidate({ id: 'es', source: elPais, title: 'Rusia envía dos buques de guerra a La Habana', date: '2026-10-10T09:00:00Z' });
    const d = build([early, late], { pin: [{ id: 'es' }], exclude: [], add: [] });
    expect(entries(d).map((e) => e.source.name)).toEqual(['El País']);
    expect(entries(d)[0]?.alsoReportedBy.map((a) => a.name)).toEqual(['Reuters']);
  });

  it('excludes on the editor’s word, with the editor’s reason, even over a pin', () => {
    const a = candidate();
    const d = build([a], { pin: [{ id: a.item.id }], exclude: [{ url: a.item.url, reason: 'Story was retracted' }], add: [] });
    expect(d.excluded).toEqual([
      {
        title: a.item.title,
        url: a.item.url,
        source: 'elpais',
        reason: 'excluded-by-editor',
        detail: 'Story was retracted',
        published: a.item.date,
        outlet: 'El País',
        section: 'russia',
      },
    ]);
  });

  it('adds manual entries that count as items (and can make room for a state item)', () => {
    const manual = {
      title: 'Rusia entrega helicópteros a Nicaragua',
      url: 'https://print.example/helicopteros',
      outlet: 'La Prensa (print)',
      date: '2026-10-03',
      section: 'russia' as const,
      countries: ['NI'],
      themes: ['military' as const],
    };
    const cands = [...independents(3), ...stateItems(2)];
    const without = build(cands, { pin: [], exclude: [], add: [] });
    expect(without.stats.stateMedia).toBe(0);
    const d = build(cands, { pin: [], exclude: [], add: [manual] });
    expect(d.stats).toMatchObject({ total: 5, stateMedia: 1 });
    const entry = entries(d).find((e) => e.manual);
    expect(entry).toMatchObject({
      title: manual.title,
      url: manual.url,
      published: '2026-10-03T00:00:00.000Z',
      source: { name: 'La Prensa (print)', ownership: 'independent', stateMedia: false },
      actors: ['RU'],
      countries: ['NI'],
      themes: ['military'],
      alsoReportedBy: [],
    });
    expect(entry?.pinned).toBeUndefined();
    // Manual entries were never candidates, so they are not in the exclusions either.
    expect(d.excluded).toHaveLength(1);
  });

  it('leaves out a manual entry dated in another period: not kept, not counted toward the cap, not excluded', () => {
    const november = {
      title: 'Lavrov recibe al canciller nicaragüense',
      url: 'https://print.example/lavrov',
      outlet: 'La Prensa (print)',
      date: '2026-11-12',
      section: 'russia' as const,
    };
    const cands = [...independents(3), ...stateItems(2)];
    const d = build(cands, { pin: [], exclude: [], add: [november] });
    expect(entries(d).some((e) => e.manual || e.url === november.url)).toBe(false);
    expect(d.excluded.some((x) => x.url === november.url)).toBe(false);
    // As without the entry: 3 non-state items allow no state item, so both go to the cap.
    expect(d.stats).toMatchObject({ total: 3, stateMedia: 0, capVerdict: { used: 0, allowed: 0 } });
    expect(d.excluded.map((x) => x.reason)).toEqual(['state-cap', 'state-cap']);
    expect(d).toEqual(build(cands, { pin: [], exclude: [], add: [] }));
  });

  it('places a manual entry by its instant in UTC, as feed items are', () => {
    const entry = (date: string) => ({ title: `Entry ${date}`, url: `https://print.example/${date}`, outlet: 'La Prensa (print)', date, section: 'russia' as const });
    const add = [
      entry('2026-09-30T23:59:59Z'),
      entry('2026-10-01'),
      entry('2026-10-31T23:30:00-05:00'), // 1 November, 04:30 UTC
      entry('2026-11-01T00:30:00+01:00'), // 31 October, 23:30 UTC
      entry('2026-11-01'),
    ];
    const shown = (period: Period) =>
      entries(buildDigest([candidate()], { period, policy: policy(), now: NOW, overrides: { pin: [], exclude: [], add } }))
        .filter((e) => e.manual)
        .map((e) => e.published);
    expect(shown(PERIOD_OCT_2026).sort()).toEqual(['2026-10-01T00:00:00.000Z', '2026-10-31T23:30:00.000Z']);
    expect(shown(parsePeriod('2026-11', NOW)).sort()).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-01T04:30:00.000Z']);
    expect(shown(parsePeriod('2026-09..2026-11', NOW))).toHaveLength(5);
  });

  it('reports pins and exclusions that match nothing', () => {
    const a = candidate();
    const o: Overrides = { pin: [{ id: 'nope', line: 2 }], exclude: [{ url: a.item.url, reason: 'x', line: 4 }], add: [] };
    expect(unmatchedOverrides([a], o)).toEqual([{ id: 'nope', line: 2 }]);
  });
});

describe('a state item and an editor exclusion', () => {
  it('lets the state item stand when the editor excludes the only independent report of the story', () => {
    const indep = candidate({ id: 'ind', source: elPais, title: 'Rusia dona un hospital móvil a Nicaragua' });
    const state = candidate({ source: rt, title: 'Rusia dona un hospital móvil a Nicaragua', labels: { themes: ['diplomatic'] } });
    const d = build([indep, state, ...independents(4)], { pin: [], exclude: [{ id: 'ind', reason: 'Paywalled' }], add: [] });
    expect(entries(d).some((e) => e.url === state.item.url)).toBe(true);
  });
});
