// The token trie and the normaliser under it.
import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../src/classify/matcher.js';
import { fold } from '../../src/core/text.js';
import { tokenise, urlSegments } from '../../src/classify/tokens.js';

describe("tokens", () => {
  it('folds case and accents', () => {
    expect(fold('Bogotá São Paulo MÉXICO Ñuñoa')).toBe('bogota sao paulo mexico nunoa');
  });

  it('splits on punctuation and keeps original offsets, case and quotation', () => {
    const ft = tokenise('title', "Maduro calls it an 'imperialist threat' in Venezuela's east");
    expect(ft.tokens.map((t) => t.text)).toEqual(['maduro', 'calls', 'it', 'an', 'imperialist', 'threat', 'in', 'venezuela', 's', 'east']);
    expect(ft.tokens.filter((t) => t.quoted).map((t) => t.text)).toEqual(['imperialist', 'threat']);
    expect(ft.tokens[0]?.cap).toBe(true);
    const v = ft.tokens[7];
    expect(v && ft.raw.slice(v.start, v.end)).toBe('Venezuela');
  });

  it('treats curly quotes and guillemets as quotation marks', () => {
    const ft = tokenise('summary', 'Lo llamó «bloqueo criminal» y “agresión” en la ONU');
    expect(ft.tokens.filter((t) => t.quoted).map((t) => t.text)).toEqual(['bloqueo', 'criminal', 'agresion']);
  });

  it('reads URL path segments', () => {
    expect(urlSegments('https://x.example/opinião/2026/a-b?x=1#top')).toEqual(['opiniao', '2026', 'a-b']);
    expect(urlSegments('/columnas/nota')).toEqual(['columnas', 'nota']);
  });
});

describe('PhraseMatcher', () => {
  const m = new PhraseMatcher<string>();
  m.add('China', 'country');
  m.add('China Grove', 'trap');
  m.add('venezolan*', 'demonym');
  m.add('Banco Popular de China', 'bank');

  const find = (text: string): string[] =>
    m.findAll(tokenise('title', text).tokens).flatMap((x) => x.payloads.map((p) => `${p}@${x.start}-${x.end}`));

  it('matches whole words only', () => {
    expect(find('Indochina and Chinatown')).toEqual([]);
    expect(find('China trades')).toEqual(['country@0-1']);
  });

  it('finds overlapping multi-word phrases', () => {
    expect(find('China Grove council')).toEqual(['country@0-1', 'trap@0-2']);
    expect(find('el Banco Popular de China')).toEqual(['bank@1-5', 'country@4-5']);
  });

  it('matches a trailing * as a prefix of the last word', () => {
    expect(find('migrantes venezolanos y venezolanas')).toEqual(['demonym@1-2', 'demonym@3-4']);
  });
});
