// The desk's decisions as select applies them: an include keeps an item without the pick badge, a
// move changes the section and heading without keeping it, summaries go to the entry by language,
// and the desk's word on an item beats overrides.yaml's.
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/core/decision-types.js';
import { buildDigest } from '../../src/select/digest.js';
import { editorialOf, mergeOverrides, periodKey } from '../../src/select/decisions.js';
import type { Candidate, Overrides } from '../../src/select/types.js';
import { candidate, independents, PERIOD_OCT_2026, policy } from './factory.js';

let id = 0;
function decision(action: Decision['action'], subject: string, value: Decision['value'], lang = ''): Decision {
  return { id: ++id, period: '2026-10', subject, action, lang, value, editor: 'ana', at: '2026-11-01T00:00:00.000Z', supersedes: 0 };
}

function digestWith(candidates: Candidate[], history: Decision[], file?: Overrides) {
  const overrides = mergeOverrides(file, editorialOf(history).overrides, candidates);
  return buildDigest(candidates, { period: PERIOD_OCT_2026, policy: policy(), now: new Date('2026-11-01T00:00:00Z'), overrides });
}

const entries = (d: ReturnType<typeof buildDigest>) => d.sections.flatMap((s) => s.items.map((e) => ({ section: s.id, ...e })));

describe('the desk decisions in a digest', () => {
  it('keys a period as its months', () => {
    expect(periodKey({ from: '2026-10', to: '2026-10' })).toBe('2026-10');
    expect(periodKey({ from: '2026-09', to: '2026-10' })).toBe('2026-09..2026-10');
  });

  it('an include keeps an irrelevant item without the pick badge; a move alone does not keep one', () => {
    const kept = candidate({ id: 'swap', labels: { relevant: false, section: 'china', actors: ['CN'] } });
    const moved = candidate({ id: 'moved', labels: { relevant: false, section: 'china', actors: ['CN'] } });
    const d = digestWith([kept, moved, ...independents(3)], [decision('include', 'swap', { include: true }), decision('section', 'moved', { section: 'iran' })]);
    expect(entries(d).find((e) => e.url === kept.item.url)).toMatchObject({ section: 'china' });
    expect(entries(d).find((e) => e.url === kept.item.url)?.pinned).toBeUndefined();
    expect(d.excluded.find((x) => x.url === moved.item.url)?.reason).toBe('irrelevant');
  });

  it('a move puts the entry under another section and country heading, unbadged', () => {
    const brigade = candidate({ id: 'brigade', labels: { section: 'venezuela', actors: ['VE'], countries: ['CU', 'NI'] } });
    const d = digestWith([brigade, ...independents(2)], [decision('section', 'brigade', { section: 'medical-diplomacy' }), decision('country', 'brigade', { country: 'NI' })]);
    const e = entries(d).find((x) => x.url === brigade.item.url);
    expect(e).toMatchObject({ section: 'medical-diplomacy', countries: ['NI', 'CU'] });
    expect(e?.pinned).toBeUndefined();
  });

  it('summaries go to the entry by language; the later one of a language wins', () => {
    const c = candidate({ id: 'c' });
    const d = digestWith([c], [decision('summary', 'c', { text: 'first' }, 'en'), decision('summary', 'c', { text: 'primero' }, 'es'), decision('summary', 'c', { text: 'Second.' }, 'en')]);
    expect(entries(d)[0]?.summaries).toEqual({ es: 'primero', en: 'Second.' });
  });

  it("the desk's include beats the file's exclusion of the same item by URL, and its exclusion the file's pin", () => {
    const a = candidate({ id: 'a' });
    const b = candidate({ id: 'b' });
    const file: Overrides = { pin: [{ url: b.item.url }], exclude: [{ url: a.item.url, reason: 'file says no' }], add: [] };
    const d = digestWith([a, b, ...independents(2)], [decision('include', 'a', { include: true }), decision('exclude', 'b', { reason: 'desk says no' })], file);
    expect(entries(d).some((e) => e.url === a.item.url)).toBe(true);
    expect(d.excluded.find((x) => x.url === b.item.url)).toMatchObject({ reason: 'excluded-by-editor', detail: 'desk says no' });
  });

  it('a cleared decision is no decision', () => {
    const c = candidate({ id: 'c' });
    const d = digestWith([c], [decision('exclude', 'c', { reason: 'no' }), decision('exclude', 'c', null)]);
    expect(entries(d)).toHaveLength(1);
  });
});
