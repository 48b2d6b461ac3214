// overrides.yaml in the desk's vocabulary: include, section, country and summary entries are read
// with their lines, applied as the desk's decisions are (no badge for an include or a move), and
// checked as the other lists are; a period's cap and notes are refused with where they belong; on
// the same item the desk's decision wins over the file's.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/core/decision-types.js';
import { VricError } from '../../src/core/errors.js';
import { buildDigest } from '../../src/select/digest.js';
import { editorialOf, mergeOverrides } from '../../src/select/decisions.js';
import { parseOverrides } from '../../src/select/overrides.js';
import type { Candidate, Overrides } from '../../src/select/types.js';
import { candidate, independents, PERIOD_OCT_2026, policy } from './factory.js';

function errorOf(fn: () => unknown): VricError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VricError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

const digest = (cands: Candidate[], overrides: Overrides) =>
  buildDigest(cands, { period: PERIOD_OCT_2026, policy: policy(), now: new Date('2026-11-02T08:00:00Z'), overrides });
const entries = (d: ReturnType<typeof buildDigest>) => d.sections.flatMap((s) => s.items.map((e) => ({ section: s.id, ...e })));

describe('overrides.yaml with the desk lists', () => {
  it('reads include, section, country and summary with their lines; a section and a country of one item are one move', () => {
    const o = parseOverrides(
      [
        'include:',
        '  - url: https://example.org/swap',
        'section:',
        '  - url: https://example.org/brigade',
        '    section: medical-diplomacy',
        'country:',
        '  - url: https://www.example.org/brigade/',
        '    country: ni',
        'summary:',
        '  - id: item-7',
        '    text: One line.',
        '  - id: item-7',
        '    lang: es',
        '    text: Una línea.',
        '',
      ].join('\n'),
      'overrides.yaml',
    );
    expect(o.include).toEqual([{ url: 'https://example.org/swap', line: 2 }]);
    expect(o.move).toEqual([{ url: 'https://example.org/brigade', section: 'medical-diplomacy', country: 'NI', line: 4 }]);
    expect(o.summary).toEqual([
      { id: 'item-7', lang: 'en', text: 'One line.', line: 10 },
      { id: 'item-7', lang: 'es', text: 'Una línea.', line: 12 },
    ]);
  });

  it('applies them as the desk does: kept without the badge, moved, its line written', () => {
    const swap = candidate({ id: 'swap', labels: { relevant: false, section: 'china', actors: ['CN'] } });
    const brigade = candidate({ id: 'brigade', labels: { section: 'venezuela', actors: ['VE'], countries: ['CU', 'NI'] } });
    const o = parseOverrides(
      [
        'include:',
        `  - url: ${swap.item.url}`,
        'section:',
        `  - id: brigade`,
        '    section: medical-diplomacy',
        'country:',
        `  - id: brigade`,
        '    country: NI',
        'summary:',
        `  - id: brigade`,
        '    lang: es',
        '    text: La brigada atendió a 40.000 pacientes.',
      ].join('\n'),
    );
    const all = entries(digest([swap, brigade, ...independents(3)], o));
    expect(all.find((e) => e.url === swap.item.url)).toMatchObject({ section: 'china' });
    expect(all.find((e) => e.url === swap.item.url)?.pinned).toBeUndefined();
    const b = all.find((e) => e.url === brigade.item.url);
    expect(b).toMatchObject({ section: 'medical-diplomacy', countries: ['NI', 'CU'], summaries: { es: 'La brigada atendió a 40.000 pacientes.' } });
    expect(b?.pinned).toBeUndefined();
  });

  it('names the file and line of each problem, the key meant, and where a cap or notes belong', () => {
    const e = errorOf(() =>
      parseOverrides(
        [
          'include:',
          '  - title: no ref', // 2
          'section:',
          '  - url: https://example.org/a', // 4: no section
          'country:',
          '  - url: https://example.org/a',
          '    country: Nicaragua', // 7
          'summary:',
          '  - url: https://example.org/a',
          '    lang: fr', // 10
          '    text: x',
          'sumary: []', // 12
        ].join('\n'),
        'overrides.yaml',
      ),
    );
    expect(e.details).toEqual(
      expect.arrayContaining([
        'overrides.yaml:2: include: unknown field "title" (allowed: url, id)',
        'overrides.yaml:4: section: needs section (one of venezuela, russia, iran, china, medical-diplomacy)',
        'overrides.yaml:7: country: "NICARAGUA" is not an ISO country code such as NI',
        'overrides.yaml:10: summary: lang must be en, es or pt, not "fr"',
        'overrides.yaml:12: unknown key "sumary" (did you mean "summary"?)',
      ]),
    );
    expect(errorOf(() => parseOverrides('include: []\ncap:\n  cap: 0.3\n  reason: x\n', 'overrides.yaml')).message).toBe(
      'overrides.yaml:2: cap: is a decision on one period, not a line of overrides.yaml (which every build reads): record it with vric decisions import --period SPEC FILE, or give vric build --state-cap',
    );
    expect(errorOf(() => parseOverrides('notes:\n  overview: Text.\n', 'overrides.yaml')).message).toBe(
      'overrides.yaml:1: notes: is a decision on one period, not a line of overrides.yaml (which every build reads): record it with vric decisions import --period SPEC FILE',
    );
  });

  it('refuses an item both included and excluded, moved twice, or given two lines in one language', () => {
    const e = errorOf(() =>
      parseOverrides(
        [
          'include:',
          '  - url: https://example.org/a',
          'exclude:',
          '  - url: https://example.org/a#top', // 4: the same link
          '    reason: no',
          'section:',
          '  - id: b',
          '    section: iran',
          '  - id: b', // 9
          '    section: china',
          'summary:',
          '  - id: b',
          '    text: one',
          '  - id: b', // 14
          '    lang: en',
          '    text: two',
        ].join('\n'),
        'overrides.yaml',
      ),
    );
    expect(e.details).toEqual([
      'overrides.yaml:4: exclude: https://example.org/a#top is also included; keep one of the two',
      'overrides.yaml:9: section: b is already given a section above; keep one',
      'overrides.yaml:14: summary: b already has a en line above; keep one',
    ]);
  });

  it("the desk's decision on an item wins over the file's: its exclusion over the file's include, its move and its line over the file's", () => {
    const a = candidate({ id: 'a', labels: { relevant: false, section: 'china', actors: ['CN'] } });
    const b = candidate({ id: 'b', labels: { section: 'venezuela', actors: ['VE'] } });
    const file = parseOverrides(
      [
        'include:',
        `  - url: ${a.item.url}`,
        'section:',
        `  - url: ${b.item.url}`,
        '    section: china',
        'summary:',
        `  - url: ${b.item.url}`,
        '    text: From the file.',
      ].join('\n'),
    );
    let id = 0;
    const decision = (action: Decision['action'], subject: string, value: Decision['value'], lang = ''): Decision => ({
      id: ++id, period: '2026-10', subject, action, lang, value, editor: 'ana', at: '2026-11-01T00:00:00.000Z', supersedes: 0,
    });
    const desk = editorialOf([decision('exclude', 'a', { reason: 'not China' }), decision('section', 'b', { section: 'iran' }), decision('summary', 'b', { text: 'From the desk.' }, 'en')]);
    const cands = [a, b, ...independents(3)];
    const d = digest(cands, mergeOverrides(file, desk.overrides, cands));
    expect(d.excluded.find((x) => x.url === a.item.url)).toMatchObject({ reason: 'excluded-by-editor', detail: 'not China' });
    expect(entries(d).find((e) => e.url === b.item.url)).toMatchObject({ section: 'iran', summaries: { en: 'From the desk.' } });
    // Without the desk, the file's own decisions stand.
    const alone = digest(cands, file);
    expect(entries(alone).find((e) => e.url === a.item.url)).toBeDefined();
    expect(entries(alone).find((e) => e.url === b.item.url)).toMatchObject({ section: 'china', summaries: { en: 'From the file.' } });
  });

  it("the starter's examples, uncommented, are a valid file with every list", () => {
    const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../starter/overrides.yaml'), 'utf8').split('\n');
    const examples = text.slice(text.indexOf('# pin:')).map((l) => l.replace(/^# ?/, '')).join('\n');
    const o = parseOverrides(examples, 'starter/overrides.yaml');
    expect([o.pin.length, o.exclude.length, o.add.length, o.include?.length, o.move?.length, o.summary?.length]).toEqual([1, 1, 1, 1, 2, 1]);
  });
});
