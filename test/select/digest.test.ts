import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/select/digest.js';
import type { Candidate } from '../../src/select/types.js';
import { PERIOD_OCT_2026, bbcMundo, candidate, elPais, policy, reuters, rt } from './factory.js';

const NOW = new Date('2026-11-02T08:00:00.000Z');

describe('buildDigest', () => {
  const cands: Candidate[] = [
    candidate({ id: 'cn-1', title: 'China financia un puerto en Perú', date: '2026-10-20T10:00:00Z', labels: { section: 'china', actors: ['CN'], countries: ['PE'], themes: ['economic'] } }),
    candidate({ id: 've-2', title: 'Venezuela y Cuba firman convenio eléctrico', date: '2026-10-12T10:00:00Z', labels: { section: 'venezuela', actors: ['VE'], countries: ['CU'], themes: ['energy'] } }),
    candidate({ id: 've-1', title: 'Maduro recibe a una delegación boliviana', date: '2026-10-15T10:00:00Z', labels: { section: 'venezuela', actors: ['VE'], countries: ['BO', 'VE'], themes: ['diplomatic'] } }),
    candidate({ id: 've-3', title: 'PDVSA exporta crudo a Cuba', date: '2026-10-02T10:00:00Z', labels: { section: 'venezuela', actors: ['VE'], countries: ['CU'], themes: ['energy'] } }),
    candidate({ id: 've-4', title: 'Venezuela estrena una serie con Irán', date: '2026-10-01T10:00:00Z', labels: { section: 'venezuela', actors: ['VE'], countries: [], themes: ['culture'] } }),
    candidate({ id: 'md-1', source: bbcMundo, title: 'Cuba envía médicos a Honduras', date: '2026-10-05T10:00:00Z', labels: { section: 'medical-diplomacy', actors: ['VE'], countries: ['HN'], themes: ['health'] } }),
    candidate({
      id: 'ru-1',
      source: rt,
      title: 'Rusia y Nicaragua celebran un festival de cine',
      summary: 'Semana de cine ruso en Managua.',
      date: '2026-10-08T10:00:00Z',
      labels: {
        section: 'russia',
        actors: ['RU'],
        countries: ['NI'],
        themes: ['culture'],
        explain: { 'actor:RU': [{ term: 'Rusia', where: 'title' }, { term: 'Rusia', where: 'summary' }], 'theme:culture': [{ term: 'cine', where: 'title' }] },
      },
    }),
  ];

  const d = buildDigest(cands, {
    period: PERIOD_OCT_2026,
    policy: policy(),
    now: NOW,
    sectionTitles: { 'medical-diplomacy': 'Diplomacia médica' },
  });

  it('has the title, period, clock and all five sections in the fixed order', () => {
    expect(d.title).toBe('VRIC Monitor | October 2026');
    expect(d.period).toEqual(PERIOD_OCT_2026);
    expect(d.generatedAt).toBe('2026-11-02T08:00:00.000Z');
    expect(d.sections.map((s) => [s.id, s.title])).toEqual([
      ['venezuela', 'Venezuela'],
      ['russia', 'Russia'],
      ['iran', 'Iran'],
      ['china', 'China'],
      ['medical-diplomacy', 'Diplomacia médica'],
    ]);
    expect(d.sections.find((s) => s.id === 'iran')?.items).toEqual([]);
  });

  it('sorts a section by primary country, then date; items without a country last', () => {
    const ve = d.sections.find((s) => s.id === 'venezuela')?.items.map((e) => e.title);
    expect(ve).toEqual([
      'Maduro recibe a una delegación boliviana', // BO
      'PDVSA exporta crudo a Cuba', // CU, 2 Oct
      'Venezuela y Cuba firman convenio eléctrico', // CU, 12 Oct
      'Venezuela estrena una serie con Irán', // no country
    ]);
  });

  it('fills entries from the item, the outlet and the labels', () => {
    const ru = d.sections.find((s) => s.id === 'russia')?.items[0];
    expect(ru).toEqual({
      title: 'Rusia y Nicaragua celebran un festival de cine',
      url: cands[6]?.item.url,
      published: '2026-10-08T10:00:00Z',
      language: 'es',
      summary: 'Semana de cine ruso en Managua.',
      source: { id: 'rt-es', name: 'RT en Español', ownership: 'state', owner: 'RU', language: 'es', stateMedia: true },
      actors: ['RU'],
      countries: ['NI'],
      themes: ['culture'],
      alsoReportedBy: [],
      why: { 'actor:RU': ['Rusia'], 'theme:culture': ['cine'] },
    });
  });

  it('reports stats and the policy applied', () => {
    expect(d.stats).toEqual({
      total: 7,
      stateMedia: 1,
      stateShare: 1 / 7,
      cap: 0.2,
      capVerdict: {
        policyCap: 0.2,
        cap: 0.2,
        override: null,
        capScope: 'overall',
        used: 1,
        allowed: 1,
        headroom: 0,
        over: false,
        scopes: [{ scope: 'overall', items: 7, used: 1, allowed: 1, over: false }],
      },
    });
    expect(d.policy).toEqual({ cap: 0.2, capScope: 'overall', capOwners: null, override: null });
    expect(d.excluded).toEqual([]);
  });

  it('lists exclusions with source id, reason, detail, date, outlet and section, oldest first', () => {
    const a = candidate({ source: reuters, title: 'Russia sends two warships to Havana', language: 'en', date: '2026-10-10T07:00:00Z' });
    const b = candidate({ source: elPais, title: 'Rusia envía dos buques de guerra a La Habana', date: '2026-10-10T09:00:00Z' });
    const old = candidate({ date: '2026-09-02T00:00:00Z' });
    const x = buildDigest([b, a, old], { period: PERIOD_OCT_2026, policy: policy(), now: NOW });
    expect(x.excluded).toEqual([
      {
        title: old.item.title,
        url: old.item.url,
        source: 'elpais',
        reason: 'out-of-period',
        detail: 'dated 2026-09-02T00:00:00Z',
        published: '2026-09-02T00:00:00Z',
        outlet: 'El País',
        section: 'russia',
      },
      {
        title: b.item.title,
        url: b.item.url,
        source: 'elpais',
        reason: 'duplicate',
        detail: 'same story as Reuters: "Russia sends two warships to Havana"',
        published: '2026-10-10T09:00:00Z',
        outlet: 'El País',
        section: 'russia',
      },
    ]);
  });

  it('keeps the fields an exclusion always had first, in their order; the new ones follow', () => {
    const opinion = candidate({ labels: { opinion: true } });
    const old = candidate({ date: '2026-09-02T00:00:00Z' });
    const x = buildDigest([opinion, old], { period: PERIOD_OCT_2026, policy: policy(), now: NOW });
    // Without a detail, and with one: JSON.stringify writes the keys in this order.
    expect(x.excluded.map((e) => Object.keys(e))).toEqual([
      ['title', 'url', 'source', 'reason', 'detail', 'published', 'outlet', 'section'],
      ['title', 'url', 'source', 'reason', 'published', 'outlet', 'section'],
    ]);
  });

  it('gives a left-out item the section the policy gave it, from whichever step left it out', () => {
    const byActor = candidate({ id: 'by-actor', labels: { relevant: false, section: null, actors: ['IR', 'CN'] } });
    const none = candidate({ id: 'none', labels: { relevant: false, section: null, actors: [] } });
    const capped = candidate({ id: 'capped', source: rt, labels: { section: 'china', actors: ['CN'], themes: ['economic'] } });
    const x = buildDigest([byActor, none, capped, candidate({ labels: { section: 'china' } })], { period: PERIOD_OCT_2026, policy: policy(), now: NOW });
    const sectionOf = (c: Candidate) => x.excluded.find((e) => e.url === c.item.url)?.section;
    expect([sectionOf(byActor), sectionOf(none), sectionOf(capped)]).toEqual(['iran', null, 'china']);
    expect(x.excluded.find((e) => e.url === capped.item.url)?.reason).toBe('state-cap');
  });

  it("gives an item pinned into a section and then excluded by the editors the pin's section", () => {
    // Pinned by link, excluded by id: two rules for one item; the exclusion wins, the pin's section stays.
    const orphan = candidate({ id: 'orphan', labels: { section: null, actors: [] } });
    const x = buildDigest([orphan], {
      period: PERIOD_OCT_2026,
      policy: policy(),
      now: NOW,
      overrides: { pin: [{ url: orphan.item.url, section: 'iran' }], exclude: [{ id: 'orphan', reason: 'Retracted' }], add: [] },
    });
    expect(x.excluded).toMatchObject([{ reason: 'excluded-by-editor', section: 'iran', outlet: 'El País', published: orphan.item.date }]);
  });

  it('names the section of a state item left out by a per-section cap as its detail does', () => {
    const x = buildDigest([candidate({ labels: { section: 'iran', actors: ['IR'] } }), candidate({ source: rt, labels: { section: 'iran', actors: ['IR'] } })], {
      period: PERIOD_OCT_2026,
      policy: policy({ capScope: 'section' }),
      now: NOW,
    });
    expect(x.excluded).toMatchObject([{ reason: 'state-cap', section: 'iran', detail: expect.stringContaining('in section iran') }]);
  });
});
