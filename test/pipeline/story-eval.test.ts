// The story matcher's scorer counts what it says: a state repeat told in the same words is caught,
// a story told twice in the same words is one entry, and an unrelated item is no match.
import { describe, expect, it } from 'vitest';
import { scoreStories } from '../../src/pipeline/story-eval.js';

const line = (id: string, group: string, kind: string, outlet: string, ownership: string, owner: string | null, title: string, extra: object = {}) => ({
  id, group, kind, outlet, ownership, owner, lang: 'es', date: '2026-10-05', title, summary: '', ...extra,
});

describe('the story scorer', () => {
  it('counts a caught repeat, a merged story and an unmatched near miss', () => {
    const s = scoreStories([
      line('a1', 'g1', 'state-repeat', 'El País', 'independent', null, 'Rusia entrega dos helicópteros Mi-17 a Nicaragua en Managua'),
      line('a2', 'g1', 'state-repeat', 'RT en Español', 'state', 'RU', 'Rusia entrega dos helicópteros Mi-17 a Nicaragua en Managua'),
      line('b1', 'g2', 'multi-language', 'Infobae', 'independent', null, 'China financia el puerto de Chancay con un préstamo de 3.000 millones'),
      line('b2', 'g2', 'multi-language', 'DW Español', 'public', null, 'China financia el puerto de Chancay con un préstamo de 3.000 millones'),
      line('c1', 'g3', 'near-miss', 'Efecto Cocuyo', 'independent', null, 'Irán abre una fábrica de tractores en Ciudad Bolívar', { near: 'g1' }),
    ] as never);
    expect(s.stateRepeats).toMatchObject({ caught: 1, of: 1 });
    expect(s.multiLanguage).toMatchObject({ merged: 1, of: 1 });
    expect(s.nearMisses).toMatchObject({ wronglyMatched: 0, of: 1 });
  });

  it('counts a missed repeat and a near miss taken for its story', () => {
    const s = scoreStories([
      line('a1', 'g1', 'state-repeat', 'El País', 'independent', null, 'Rusia entrega dos helicópteros Mi-17 a Nicaragua en Managua'),
      line('a2', 'g1', 'state-repeat', 'RT en Español', 'state', 'RU', 'Irán inaugura una planta de cemento en Cojedes con apoyo venezolano'),
      line('c1', 'g3', 'near-miss', 'Efecto Cocuyo', 'independent', null, 'Rusia entrega dos helicópteros Mi-17 a Nicaragua en Managua', { near: 'g1' }),
    ] as never);
    expect(s.stateRepeats).toMatchObject({ caught: 0, of: 1, missed: ['g1'] });
    expect(s.nearMisses).toMatchObject({ wronglyMatched: 1, of: 1 });
  });
});
