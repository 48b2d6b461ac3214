import { describe, expect, it } from 'vitest';
import { sourceMix } from '../../src/audit/mix.js';
import { buildDigest } from '../../src/select/digest.js';
import {
  PERIOD_OCT_2026,
  bbcMundo,
  candidate,
  elPais,
  independents,
  outlet,
  policy,
  reuters,
  rt,
  xinhua,
} from '../select/factory.js';

const NOW = new Date('2026-11-02T08:00:00.000Z');

describe('sourceMix', () => {
  const quiet = outlet('quiet', { name: 'Quiet Gazette' });
  const offTopic = outlet('offtopic', { name: 'Sports Daily' });
  const cands = [
    ...independents(3, { source: elPais }),
    candidate({ source: bbcMundo, labels: { section: 'china', actors: ['CN'], themes: ['economic', 'technology'] } }),
    candidate({ source: reuters, language: 'en', labels: { opinion: true } }),
    candidate({ source: rt, labels: { themes: ['military'], score: 3 } }),
    candidate({ source: rt, labels: { themes: ['military'], score: 2 } }),
    candidate({ source: xinhua, labels: { themes: ['politics'], section: 'china', actors: ['CN'] } }),
    candidate({ source: offTopic, labels: { relevant: false, section: null, actors: [], themes: [] } }),
  ];
  const digest = buildDigest(cands, { period: PERIOD_OCT_2026, policy: policy(), now: NOW });
  const mix = sourceMix(cands, digest, [elPais, bbcMundo, reuters, rt, xinhua, offTopic, quiet]);

  it('counts the candidates before selection', () => {
    expect(mix.before).toEqual({
      items: 9,
      ownership: { independent: 5, public: 1, state: 3 },
      owner: { CN: 1, RU: 2 },
      outlet: { 'bbc-mundo': 1, elpais: 3, offtopic: 1, reuters: 1, 'rt-es': 2, 'xinhua-es': 1 },
      language: { en: 1, es: 8 },
      section: { china: 2, none: 1, russia: 6 },
      theme: { diplomatic: 4, economic: 1, military: 2, politics: 1, technology: 1 },
    });
    expect(mix.relevant.items).toBe(8);
  });

  it('counts the digest after selection', () => {
    // 4 non-state entries (3 El País + BBC) allow one state item: the better RT one.
    expect(mix.after).toEqual({
      items: 5,
      ownership: { independent: 3, public: 1, state: 1 },
      owner: { RU: 1 },
      outlet: { 'bbc-mundo': 1, elpais: 3, 'rt-es': 1 },
      language: { es: 5 },
      section: { china: 1, russia: 4 },
      theme: { diplomatic: 3, economic: 1, military: 1, technology: 1 },
    });
    expect(mix.excludedByReason).toEqual({ opinion: 1, 'state-cap': 1, 'state-not-eligible': 1, irrelevant: 1 });
  });

  it('compares the state share with the cap', () => {
    expect(mix.state).toEqual({ items: 1, total: 5, share: 0.2, cap: 0.2, overCap: false, headroom: 0 });
  });

  it('names outlets with nothing relevant and outlets with no items', () => {
    expect(mix.outletsWithNothingRelevant).toEqual(['offtopic']);
    expect(mix.outletsWithNoItems).toEqual(['quiet']);
  });

  it('flags a digest over the cap (pinned state items) and reports no limit at cap 1', () => {
    const state = candidate({ id: 'pin-me', source: rt });
    const over = buildDigest([candidate(), state], {
      period: PERIOD_OCT_2026,
      policy: policy(),
      now: NOW,
      overrides: { pin: [{ id: 'pin-me' }], exclude: [], add: [] },
    });
    expect(sourceMix([candidate(), state], over).state).toMatchObject({ items: 1, total: 2, share: 0.5, overCap: true, headroom: 0 });
    const open = buildDigest([candidate()], { period: PERIOD_OCT_2026, policy: policy({ stateMediaCap: 1 }), now: NOW });
    expect(sourceMix([], open).state.headroom).toBeNull();
  });

  it('checks the cap section by section when the build did', () => {
    // russia: 8 non-state items; china: 1 non-state item and a pinned state item.
    const cn = { section: 'china' as const, actors: ['CN' as const] };
    const pinned = candidate({ id: 'cn-state', source: xinhua, labels: { ...cn, themes: ['economic'] } });
    const cands = [...independents(8), candidate({ labels: cn }), pinned];
    const opts = { period: PERIOD_OCT_2026, now: NOW, overrides: { pin: [{ id: 'cn-state' }], exclude: [], add: [] } };
    const bySection = buildDigest(cands, { ...opts, policy: policy({ capScope: 'section' }) });
    // china allows 0 state items beside 1 non-state item: over, with no room anywhere but russia (2).
    expect(sourceMix(cands, bySection).state).toMatchObject({ items: 1, total: 10, overCap: true, headroom: 2 });
    // The same items under an overall cap: 9 non-state allow 2, so 1 is within it.
    const overall = buildDigest(cands, { ...opts, policy: policy() });
    expect(sourceMix(cands, overall).state).toMatchObject({ items: 1, total: 10, overCap: false, headroom: 1 });
  });
});
