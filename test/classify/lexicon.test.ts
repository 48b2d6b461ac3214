// Lexicon loading, overrides and validation.
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/classify.js';
import { LEXICON_DIR, loadLexicon, mergeLexicon } from '../../src/classify/lexicon-data.js';
import { ACTORS, LAC_COUNTRIES, THEMES } from '../../src/core/vocabulary.js';

describe('lexicon files', () => {
  it('are found next to the sources and cover every actor, state and theme', () => {
    expect(existsSync(fileURLToPath(new URL('actors.yaml', LEXICON_DIR)))).toBe(true);
    const lex = loadLexicon();
    expect(Object.keys(lex.actors).sort()).toEqual([...ACTORS].sort());
    expect(Object.keys(lex.countries).sort()).toEqual([...LAC_COUNTRIES].sort());
    expect(Object.keys(lex.themes).sort()).toEqual([...THEMES].sort());
  });

  it('are loaded once per process', () => {
    expect(loadLexicon()).toBe(loadLexicon());
  });
});

describe('extra lexicon entries', () => {
  it('add aliases an analyst needs without touching the files', () => {
    const title = 'Zhenhua Logistics wins a port contract in Belize';
    expect(createClassifier().classify({ id: 'x', title }).actors).toEqual([]);
    const extended = createClassifier({ extraLexicon: { actors: { CN: { state: ['Zhenhua Logistics'] } } } });
    const r = extended.classify({ id: 'x', title });
    expect(r.actors).toEqual(['CN']);
    expect(r.relevant).toBe(true);
  });

  it('add traps and theme words', () => {
    const extended = createClassifier({
      extraLexicon: { traps: { phrases: ['Peru Street'] }, themes: { culture: ['telenovela'] } },
    });
    expect(extended.classify({ id: 'x', title: 'Peru Street bakery wins award' }).countries).toEqual([]);
    const r = extended.classify({ id: 'y', title: 'Chinese studio co-produces a telenovela in Mexico' });
    expect(r.themes).toContain('culture');
  });

  it('do not leak into the built-in classifier', () => {
    createClassifier({ extraLexicon: { actors: { RU: { state: ['Volga Trading'] } } } });
    expect(createClassifier().classify({ id: 'x', title: 'Volga Trading ships wheat to Cuba' }).actors).toEqual([]);
  });

  it('add theme shifts and weighted theme words', () => {
    const title = 'Russia sends fertiliser to Cuba after a drought';
    expect(createClassifier().classify({ id: 'x', title }).themes).toEqual(['economic']);
    const extended = createClassifier({
      extraLexicon: { themeRules: { shifts: [{ name: 'relief inputs', to: 'diplomatic', when: ['drought'], words: ['fertiliser'] }] } },
    });
    expect(extended.classify({ id: 'x', title }).themes).toEqual(['diplomatic']);
    // "~" counts half: one supporting word in the title is not enough to name a theme.
    const weak = createClassifier({ extraLexicon: { themes: { economic: ['~warehouse'] } } });
    expect(weak.classify({ id: 'y', title: 'Chinese ambassador visits a warehouse in Panama' }).themes).toEqual(['diplomatic']);
  });

  it('reject unknown actors, states and themes with the file named', () => {
    const base = loadLexicon();
    expect(() => mergeLexicon(base, { themeRules: { shifts: [{ name: 'x', to: 'sport', when: [], words: [] }] } } as never)).toThrow(/theme-rules\.yaml.*sport/);
    expect(() => mergeLexicon(base, { countries: { PR: { names: ['Puerto Rico'] } } } as never)).toThrow(/countries\.yaml.*PR/);
    expect(() => mergeLexicon(base, { themes: { sport: ['football'] } } as never)).toThrow(/themes\.yaml.*sport/);
  });
});
