import { describe, expect, it } from 'vitest';
import type { Digest, ExclusionReason } from '../../src/core/digest-types.js';
import { buildDigest } from '../../src/select/digest.js';
import type { BuildDigestOptions, Candidate } from '../../src/select/types.js';
import {
  PERIOD_OCT_2026,
  bbcMundo,
  candidate,
  dialogo,
  elPais,
  independents,
  infobae,
  policy,
  reuters,
  rt,
  stateItems,
  telesur,
  xinhua,
} from './factory.js';

const NOW = new Date('2026-11-02T08:00:00.000Z');

function build(cands: Candidate[], opts: Partial<BuildDigestOptions> = {}): Digest {
  return buildDigest(cands, { period: PERIOD_OCT_2026, policy: policy(), now: NOW, ...opts });
}

const entries = (d: Digest) => d.sections.flatMap((s) => s.items);
const reasonOf = (d: Digest, url: string): ExclusionReason | undefined => d.excluded.find((x) => x.url === url)?.reason;
const kept = (d: Digest, url: string) => entries(d).some((e) => e.url === url);

/** Every candidate is either in the digest or excluded, exactly once. */
function expectAccounted(d: Digest, cands: Candidate[]) {
  const inDigest = entries(d).filter((e) => !e.manual).length;
  expect(inDigest + d.excluded.length).toBe(cands.length);
}

describe('item rules (all outlets)', () => {
  it('excludes irrelevant, opinion and anti-Western items, independent or state', () => {
    const irrelevant = candidate({ labels: { relevant: false, section: null } });
    const opinion = candidate({ source: infobae, labels: { opinion: true } });
    const antiWestern = candidate({ source: reuters, labels: { antiWestern: true } });
    const stateOpinion = candidate({ source: rt, labels: { opinion: true } });
    const ok = candidate();
    const cands = [irrelevant, opinion, antiWestern, stateOpinion, ok];
    const d = build(cands);
    expect(reasonOf(d, irrelevant.item.url)).toBe('irrelevant');
    expect(reasonOf(d, opinion.item.url)).toBe('opinion');
    expect(reasonOf(d, antiWestern.item.url)).toBe('anti-western');
    expect(reasonOf(d, stateOpinion.item.url)).toBe('opinion');
    expect(entries(d).map((e) => e.url)).toEqual([ok.item.url]);
    expectAccounted(d, cands);
  });

  it('excludes items dated outside the period (UTC month bounds)', () => {
    const before = candidate({ date: '2026-09-30T23:59:59.000Z' });
    const first = candidate({ date: '2026-10-01T00:00:00.000Z' });
    const last = candidate({ date: '2026-10-31T23:59:59.999Z' });
    const after = candidate({ date: '2026-11-01T00:00:00.000Z' });
    const d = build([before, first, last, after]);
    expect(reasonOf(d, before.item.url)).toBe('out-of-period');
    expect(reasonOf(d, after.item.url)).toBe('out-of-period');
    expect(kept(d, first.item.url) && kept(d, last.item.url)).toBe(true);
  });

  it('places an item without a section by its first actor, and excludes one with neither', () => {
    const noSection = candidate({ labels: { section: null, actors: ['CN', 'RU'] } });
    const nothing = candidate({ labels: { section: null, actors: [] } });
    const d = build([noSection, nothing]);
    expect(d.sections.find((s) => s.id === 'china')?.items.map((e) => e.url)).toEqual([noSection.item.url]);
    expect(d.excluded).toEqual([
      {
        title: nothing.item.title,
        url: nothing.item.url,
        source: 'elpais',
        reason: 'irrelevant',
        detail: 'no section (no VRIC actor)',
        published: nothing.item.date,
        outlet: 'El País',
        section: null,
      },
    ]);
  });

  it('gives each excluded item exactly one reason: the first rule that applies', () => {
    const both = candidate({ labels: { opinion: true, antiWestern: true } });
    const d = build([both]);
    expect(d.excluded).toEqual([
      { title: both.item.title, url: both.item.url, source: 'elpais', reason: 'opinion', published: both.item.date, outlet: 'El País', section: 'russia' },
    ]);
  });
});

describe('duplicates', () => {
  it('keeps one item per canonical URL', () => {
    const a = candidate({ url: 'https://www.example.com/a/', source: elPais, date: '2026-10-05T10:00:00Z' });
    const b = candidate({ url: 'http://example.com/a', source: infobae, title: 'Different words', date: '2026-10-05T11:00:00Z' });
    const d = build([a, b]);
    expect(entries(d).map((e) => e.source.id)).toEqual(['elpais']);
    expect(d.excluded[0]).toMatchObject({ url: b.item.url, reason: 'duplicate' });
    expect(d.excluded[0]?.detail).toContain('El País');
  });

  it('lists a story once, represented by the earliest independent report, the rest as alsoReportedBy', () => {
    const es = candidate({ source: elPais, title: 'Rusia envía dos buques de guerra a La Habana', date: '2026-10-10T09:00:00Z', labels: { countries: ['CU'] } });
    const en = candidate({ source: reuters, title: 'Russia sends two warships to Havana - Reuters', date: '2026-10-10T07:00:00Z', language: 'en', labels: { countries: ['CU'] } });
    const bbc = candidate({ source: bbcMundo, title: 'Rusia envía dos buques de guerra a La Habana', date: '2026-10-10T12:00:00Z', labels: { countries: ['CU'] } });
    const d = build([es, en, bbc]);
    const list = entries(d);
    expect(list).toHaveLength(1);
    expect(list[0]?.source.name).toBe('Reuters');
    expect(list[0]?.alsoReportedBy).toEqual([
      { name: 'El País', url: es.item.url, stateMedia: false },
      { name: 'BBC News Mundo', url: bbc.item.url, stateMedia: false },
    ]);
    expect(d.excluded.map((x) => [x.source, x.reason])).toEqual([
      ['elpais', 'duplicate'],
      ['bbc-mundo', 'duplicate'],
    ]);
    expect(d.excluded[0]?.detail).toBe('same story as Reuters: "Russia sends two warships to Havana - Reuters"');
  });
});

describe('state media eligibility', () => {
  it('uses a state item only for an allowed theme', () => {
    const politics = candidate({ source: rt, labels: { themes: ['politics'] } });
    const military = candidate({ source: rt, labels: { themes: ['military', 'politics'] } });
    const d = build([...independents(4), politics, military]);
    expect(reasonOf(d, politics.item.url)).toBe('state-not-eligible');
    expect(d.excluded.find((x) => x.url === politics.item.url)?.detail).toMatch(/themes \[politics\]/);
    expect(kept(d, military.item.url)).toBe(true);
  });

  it('drops a state item when an independent outlet reported the story, even if the state outlet was first', () => {
    const state = candidate({ source: telesur, title: 'Irán inaugura en Caracas el supermercado Megasis | teleSUR', date: '2026-10-03T08:00:00Z', labels: { actors: ['IR'], countries: ['VE'], themes: ['economic'] } });
    const indep = candidate({ source: reuters, language: 'en', title: 'Iran opens Megasis supermarket in Caracas', date: '2026-10-04T08:00:00Z', labels: { actors: ['IR'], countries: ['VE'], themes: ['economic'] } });
    const d = build([state, indep, ...independents(10)]);
    expect(reasonOf(d, state.item.url)).toBe('state-reported-elsewhere');
    expect(d.excluded.find((x) => x.url === state.item.url)?.detail).toContain('Reuters');
    const entry = entries(d).find((e) => e.url === indep.item.url);
    expect(entry?.alsoReportedBy).toEqual([{ name: 'teleSUR', url: state.item.url, stateMedia: true }]);
  });

  it('lets a state item stand when the only independent version is an opinion piece', () => {
    const state = candidate({ source: rt, title: 'Rusia dona un hospital móvil a Nicaragua', labels: { themes: ['diplomatic'] } });
    const column = candidate({ source: elPais, title: 'Rusia dona un hospital móvil a Nicaragua', labels: { opinion: true } });
    const d = build([state, column, ...independents(4)]);
    expect(kept(d, state.item.url)).toBe(true);
    expect(reasonOf(d, column.item.url)).toBe('opinion');
  });

  it('keeps one state item for a story only state outlets carried', () => {
    const a = candidate({ source: rt, title: 'Rusia dona un hospital móvil a Nicaragua', date: '2026-10-03T08:00:00Z', labels: { score: 2 } });
    const b = candidate({ source: xinhua, title: 'Rusia dona un hospital móvil a Nicaragua', date: '2026-10-03T09:00:00Z', labels: { score: 5 } });
    const d = build([a, b, ...independents(8)]);
    expect(kept(d, b.item.url)).toBe(true); // the better-ranked state version
    expect(reasonOf(d, a.item.url)).toBe('duplicate');
  });
});

describe('the cap', () => {
  it.each([
    [0, 0],
    [1, 0],
    [3, 0],
    [4, 1],
    [5, 1],
    [100, 25],
  ])('at cap 0.2, %i independent items leave room for %i state items', (n, allowed) => {
    const cands = [...independents(n), ...stateItems(30)];
    const d = build(cands);
    expect(d.stats.stateMedia).toBe(allowed);
    expect(d.stats.total).toBe(n + allowed);
    expect(d.excluded.filter((x) => x.reason === 'state-cap')).toHaveLength(30 - allowed);
    if (d.stats.total) expect(d.stats.stateShare).toBeLessThanOrEqual(0.2);
    expectAccounted(d, cands);
  });

  it('applies other caps and the extremes', () => {
    expect(build([...independents(3), ...stateItems(5)], { policy: policy({ stateMediaCap: 0.25 }) }).stats.stateMedia).toBe(1);
    expect(build([...independents(3), ...stateItems(5)], { policy: policy({ stateMediaCap: 0.5 }) }).stats.stateMedia).toBe(3);
    expect(build([...independents(10), ...stateItems(5)], { policy: policy({ stateMediaCap: 0 }) }).stats.stateMedia).toBe(0);
    expect(build([...independents(1), ...stateItems(5)], { policy: policy({ stateMediaCap: 1 }) }).stats.stateMedia).toBe(5);
  });

  it('fills the cap with the best state items: score, then newest, then id', () => {
    const low = candidate({ id: 's-low', source: rt, labels: { score: 1 } });
    const highOld = candidate({ id: 's-high-old', source: rt, date: '2026-10-02T00:00:00Z', labels: { score: 9 } });
    const highNew = candidate({ id: 's-high-new', source: xinhua, date: '2026-10-20T00:00:00Z', labels: { score: 9 } });
    const tieB = candidate({ id: 's-tie-b', source: rt, date: '2026-10-15T00:00:00Z', labels: { score: 5 } });
    const tieA = candidate({ id: 's-tie-a', source: telesur, date: '2026-10-15T00:00:00Z', labels: { score: 5 } });
    const state = [low, highOld, highNew, tieB, tieA];
    const keptIds = (n: number) =>
      entries(build([...independents(n), ...state]))
        .filter((e) => e.source.stateMedia)
        .map((e) => state.find((c) => c.item.url === e.url)?.item.id)
        .sort();
    expect(keptIds(4)).toEqual(['s-high-new']);
    expect(keptIds(8)).toEqual(['s-high-new', 's-high-old']);
    expect(keptIds(12)).toEqual(['s-high-new', 's-high-old', 's-tie-a']);
    const d = build([...independents(4), ...state]);
    expect(d.excluded.find((x) => x.url === low.item.url)?.detail).toBe('cap 20%: 4 non-state item(s) allow 1 state item(s)');
  });

  it('counts the cap after every other filter', () => {
    // 5 independent items, but one is opinion and one a duplicate by URL: N = 3, so no state item.
    const ind = independents(3);
    const opinion = candidate({ labels: { opinion: true } });
    const dup = candidate({ source: infobae, url: ind[0]?.item.url });
    const d = build([...ind, opinion, dup, ...stateItems(2)]);
    const { capVerdict, ...stats } = d.stats;
    expect(stats).toEqual({ total: 3, stateMedia: 0, stateShare: 0, cap: 0.2 });
    expect(capVerdict).toMatchObject({ used: 0, allowed: 0, headroom: 0, over: false });
  });

  it('applies the formula within each section with capScope section', () => {
    const russia = independents(4, { labels: { section: 'russia', actors: ['RU'] } });
    const china = independents(1, { labels: { section: 'china', actors: ['CN'] } });
    const stateRu = stateItems(2, { labels: { section: 'russia', actors: ['RU'], score: 1 } });
    const stateCn = candidate({ source: xinhua, labels: { section: 'china', actors: ['CN'], score: 9 } });
    const cands = [...russia, ...china, ...stateRu, stateCn];
    const overall = build(cands);
    expect(overall.stats.stateMedia).toBe(1); // N = 5 → 1, the best-scored (Chinese) one
    expect(kept(overall, stateCn.item.url)).toBe(true);
    const bySection = build(cands, { policy: policy({ capScope: 'section' }) });
    expect(bySection.stats.stateMedia).toBe(1); // russia: 4 → 1; china: 1 → 0
    expect(bySection.sections.find((s) => s.id === 'russia')?.items.filter((e) => e.source.stateMedia)).toHaveLength(1);
    expect(reasonOf(bySection, stateCn.item.url)).toBe('state-cap');
    expect(bySection.excluded.find((x) => x.url === stateCn.item.url)?.detail).toContain('in section china');
    expect(bySection.policy.capScope).toBe('section');
    // The verdict: one scope per section, in the publication's order, judged as the cap was applied.
    expect(overall.stats.capVerdict.scopes).toEqual([{ scope: 'overall', items: 6, used: 1, allowed: 1, over: false }]);
    const v = bySection.stats.capVerdict;
    expect(v.scopes.map((s) => s.scope)).toEqual(['venezuela', 'russia', 'iran', 'china', 'medical-diplomacy']);
    expect(v.scopes.find((s) => s.scope === 'russia')).toEqual({ scope: 'russia', items: 5, used: 1, allowed: 1, over: false });
    expect(v.scopes.find((s) => s.scope === 'china')).toEqual({ scope: 'china', items: 1, used: 0, allowed: 0, over: false });
    expect(v).toMatchObject({ capScope: 'section', used: 1, allowed: 1, headroom: 0, over: false });
  });

  it('judges a section over the cap when pinned state items exceed it, though the whole digest is not', () => {
    // russia: 4 independent items allow 1 state item; three are pinned, so all stay and it is over.
    // china: 8 independent items. Over the whole digest 3 of 15 (20%) would be within the cap.
    const russia = independents(4, { labels: { section: 'russia', actors: ['RU'] } });
    const china = independents(8, { labels: { section: 'china', actors: ['CN'] } });
    const pinned = stateItems(3, { labels: { section: 'russia', actors: ['RU'] } });
    const overrides = { pin: pinned.map((c) => ({ id: c.item.id })), exclude: [], add: [] };
    const d = build([...russia, ...china, ...pinned], { policy: policy({ capScope: 'section' }), overrides });
    expect(d.stats.stateMedia).toBe(3);
    const v = d.stats.capVerdict;
    expect(v.scopes.find((s) => s.scope === 'russia')).toEqual({ scope: 'russia', items: 7, used: 3, allowed: 1, over: true });
    expect(v.scopes.find((s) => s.scope === 'china')).toEqual({ scope: 'china', items: 8, used: 0, allowed: 2, over: false });
    expect(v).toMatchObject({ over: true, used: 3, allowed: 3, headroom: 2 });
    expect(build([...russia, ...china, ...pinned], { overrides }).stats.capVerdict).toMatchObject({ capScope: 'overall', over: false, used: 3, allowed: 3 });
  });

  it('counts only the listed owners with capOwners; other state outlets are treated as non-state', () => {
    const dialogoItem = candidate({ source: dialogo, labels: { themes: ['security'] } });
    const cands = [...independents(3), dialogoItem, ...stateItems(3)];
    const blind = build(cands);
    expect(reasonOf(blind, dialogoItem.item.url)).toBe('state-not-eligible');
    expect(blind.stats.stateMedia).toBe(0);

    const vric = build(cands, { policy: policy({ capOwners: ['ve', 'RU', 'IR', 'CN'] }) });
    const entry = entries(vric).find((e) => e.url === dialogoItem.item.url);
    expect(entry?.source).toMatchObject({ ownership: 'state', owner: 'US', stateMedia: false });
    expect(vric.stats.stateMedia).toBe(1); // 3 independent + Diálogo = 4 non-state → 1 RT item
    expect(vric.policy.capOwners).toEqual(['ve', 'RU', 'IR', 'CN']);
  });

  it('replaces the cap for one build with an override, and records it', () => {
    const cands = [...independents(4), ...stateItems(5)];
    const d = build(cands, { capOverride: { cap: 0.5, reason: 'Special issue on the Russian naval visit' } });
    expect(d.stats.stateMedia).toBe(4);
    expect(d.stats.cap).toBe(0.5);
    expect(d.policy).toEqual({ cap: 0.5, capScope: 'overall', capOwners: null, override: { cap: 0.5, reason: 'Special issue on the Russian naval visit' } });
    expect(d.stats.capVerdict).toMatchObject({
      policyCap: 0.2,
      cap: 0.5,
      override: { cap: 0.5, reason: 'Special issue on the Russian naval visit' },
      used: 4,
      allowed: 4,
      over: false,
    });
    expect(build(cands).policy.override).toBeNull();
    expect(build(cands).stats.capVerdict).toMatchObject({ policyCap: 0.2, cap: 0.2, override: null, used: 1, allowed: 1 });
    expect(() => build(cands, { capOverride: { cap: -1, reason: 'x' } })).toThrow(/cap override must be a number from 0 to 1/);
    expect(() => build(cands, { capOverride: { cap: 0.3, reason: ' ' } })).toThrow('a cap override needs a reason');
  });
});

describe('all reasons in one build', () => {
  it('accounts for every candidate with exactly one of the nine reasons', () => {
    const cands = [
      ...independents(4),
      candidate({ id: 'irr', labels: { relevant: false, section: null } }),
      candidate({ id: 'old', date: '2026-08-01T00:00:00Z' }),
      candidate({ id: 'same-url', source: infobae, url: 'https://elpais.example/dup' }),
      candidate({ id: 'orig', url: 'https://elpais.example/dup' }),
      candidate({ id: 'op', labels: { opinion: true } }),
      candidate({ id: 'aw', labels: { antiWestern: true } }),
      candidate({ id: 'pol', source: rt, labels: { themes: ['politics'] } }),
      candidate({ id: 'story-ind', source: reuters, language: 'en', title: 'Russia sends two warships to Havana' }),
      candidate({ id: 'story-rt', source: rt, title: 'Rusia envía dos buques de guerra a La Habana' }),
      candidate({ id: 'story-dup', source: bbcMundo, title: 'Rusia envía dos buques de guerra a La Habana', date: '2026-10-11T00:00:00Z' }),
      ...stateItems(3),
      candidate({ id: 'ed', source: infobae }),
    ];
    const d = build(cands, { overrides: { pin: [], exclude: [{ id: 'ed', reason: 'Wrong country' }], add: [] } });
    const reasons = d.excluded.map((x) => x.reason).sort();
    expect(reasons).toEqual([
      'anti-western',
      'duplicate',
      'duplicate',
      'excluded-by-editor',
      'irrelevant',
      'opinion',
      'out-of-period',
      'state-cap',
      'state-cap',
      'state-not-eligible',
      'state-reported-elsewhere',
    ]);
    // 6 non-state entries (4 + orig + story-ind) → 1 state item.
    expect(d.stats).toMatchObject({ total: 7, stateMedia: 1 });
    expectAccounted(d, cands);
  });
});

describe('scale', () => {
  // Speed is measured by `npm run bench`, not here: this checks the result at that size.
  it('builds a digest from a 12,000-item period', () => {
    const cands = [...independents(9_000), ...stateItems(3_000)];
    // Spread over the month, as a real period is.
    cands.forEach((c, i) => {
      c.item.date = new Date(Date.UTC(2026, 9, 1 + (i % 30), i % 24)).toISOString();
    });
    const d = build(cands);
    expect(d.stats).toMatchObject({ total: 11_250, stateMedia: 2_250, stateShare: 0.2, cap: 0.2 });
    expect(d.stats.capVerdict).toMatchObject({ used: 2_250, allowed: 2_250, headroom: 0, over: false });
    expect(d.excluded).toHaveLength(750);
  });
});

describe('determinism', () => {
  it('builds the same digest whatever the input order', () => {
    const cands = [
      ...independents(6),
      ...stateItems(4),
      candidate({ source: elPais, title: 'Rusia envía dos buques de guerra a La Habana' }),
      candidate({ source: reuters, title: 'Russia sends two warships to Havana', language: 'en' }),
    ];
    const a = build(cands);
    const b = build([...cands].reverse());
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
