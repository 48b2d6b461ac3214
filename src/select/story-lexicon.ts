// The word lists story clustering needs (stop words, the es/pt/en map, feed boilerplate),
// read from YAML data files in src/select/data/ and compiled once into lookup tables.
//
// Where the files are: tsc does not copy data files into dist/, so we always read them from
// src/select/data/. `../../src/select/data/` relative to this module resolves to that folder
// both from src/select/story-lexicon.ts (vitest, tsx) and from dist/select/story-lexicon.js (after tsc),
// because src/ and dist/ sit side by side at the package root.
import { readYamlData } from '../core/yaml-data.js';
import { fileURLToPath } from 'node:url';
import { fold } from '../core/text.js';

export const DATA_DIR = new URL('../../src/select/data/', import.meta.url);

/** Raw shape of the three data files, as an editor writes them. */
export interface LexiconSource {
  stopWords: Record<string, string[]>;
  words: string[][];
  places: string[][];
  names: string[][];
  phrases: Record<string, string>;
  compounds: Record<string, string[]>;
  implies: Record<string, string>;
  titleSuffixMaxWords: number;
  titleSuffixSeparators: string[];
  titlePrefixes: string[];
  summaryPatterns: string[];
}

/** Lookup tables compiled from a LexiconSource. */
export interface StoryLexicon {
  stopWordsByLang: Map<string, Set<string>>;
  allStopWords: Set<string>;
  /** Single folded word → the keys it stands for. */
  words: Map<string, string[]>;
  /** Folded multi-word form ("la habana") → keys. */
  phrases: Map<string, string[]>;
  maxPhraseWords: number;
  /** First words of the phrases, to skip phrase matching for every other word. */
  phraseStarts: Set<string>;
  /** Keys that name a state, place, leader or organisation. */
  entities: Set<string>;
  /** The subset that names a state or capital: everywhere in this corpus, so weak evidence. */
  places: Set<string>;
  /** Keys of the ordinary-word groups (send, agreement, ship, …): common, so weak evidence. */
  wordKeys: Set<string>;
  titleSuffixMaxWords: number;
  titleSuffixSeparators: string[];
  titlePrefixes: RegExp[];
  summaryPatterns: RegExp[];
}

export function compileStoryLexicon(src: LexiconSource): StoryLexicon {
  const stopWordsByLang = new Map<string, Set<string>>();
  const allStopWords = new Set<string>();
  for (const [lang, list] of Object.entries(src.stopWords)) {
    const set = new Set(list.map((w) => fold(String(w))));
    stopWordsByLang.set(lang, set);
    for (const w of set) allStopWords.add(w);
  }

  // A capital or leader also carries the state it implies ("havana" → also "cuba").
  const withImplied = (keys: string[]): string[] => {
    const out = [...keys];
    for (const k of keys) {
      const implied = src.implies[k];
      if (implied && !out.includes(implied)) out.push(implied);
    }
    return out;
  };

  const words = new Map<string, string[]>();
  const phrases = new Map<string, string[]>();
  let maxPhraseWords = 1;
  const add = (form: string, keys: string[]) => {
    // Written the way the tokeniser will see it: "port-au-prince" is three words.
    const f = fold(String(form)).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (!f) return;
    const target = f.includes(' ') ? phrases : words;
    if (f.includes(' ')) maxPhraseWords = Math.max(maxPhraseWords, f.split(' ').length);
    // A form listed in two groups stands for both ("preso": arrest and prison).
    const merged = [...new Set([...(target.get(f) ?? []), ...withImplied(keys)])];
    target.set(f, merged);
  };

  const entities = new Set<string>();
  const places = new Set<string>();
  for (const [groups, isPlace] of [[src.places, true], [src.names, false]] as const) {
    for (const group of groups) {
      const key = String(group[0]);
      entities.add(key);
      if (isPlace) places.add(key);
      for (const form of group) add(String(form), [key]);
    }
  }
  const wordKeys = new Set<string>();
  for (const group of src.words) {
    const key = String(group[0]);
    wordKeys.add(key);
    for (const form of group) add(String(form), [key]);
  }
  for (const [form, key] of Object.entries(src.phrases)) add(form, [key]);
  for (const [form, keys] of Object.entries(src.compounds)) add(form, keys);
  // A phrase may name a compound ("buques guerra" → warship → ship + war): expand it.
  for (const [form, keys] of phrases) {
    phrases.set(form, [...new Set(keys.flatMap((k) => (words.get(k) ?? [k])))]);
  }

  const phraseStarts = new Set([...phrases.keys()].map((f) => f.split(' ')[0] as string));
  return {
    phraseStarts,
    stopWordsByLang,
    allStopWords,
    words,
    phrases,
    maxPhraseWords,
    entities,
    places,
    wordKeys,
    titleSuffixMaxWords: src.titleSuffixMaxWords,
    titleSuffixSeparators: src.titleSuffixSeparators,
    titlePrefixes: src.titlePrefixes.map((p) => new RegExp(p, 'iu')),
    summaryPatterns: src.summaryPatterns.map((p) => new RegExp(p, 'iu')),
  };
}

function readYaml(name: string): Record<string, unknown> {
  const path = fileURLToPath(new URL(name, DATA_DIR));
  const data: unknown = readYamlData(path);
  if (!data || typeof data !== 'object') throw new Error(`${path}: expected a mapping`);
  return data as Record<string, unknown>;
}

/** Reads the three data files (no validation beyond shape: they ship with the code). */
export function readLexiconSource(): LexiconSource {
  const stop = readYaml('stopwords.yaml') as Record<string, string[]>;
  const bi = readYaml('bilingual.yaml');
  const bp = readYaml('boilerplate.yaml');
  return {
    stopWords: stop,
    words: (bi.words ?? []) as string[][],
    places: (bi.places ?? []) as string[][],
    names: (bi.names ?? []) as string[][],
    phrases: (bi.phrases ?? {}) as Record<string, string>,
    compounds: (bi.compounds ?? {}) as Record<string, string[]>,
    implies: (bi.implies ?? {}) as Record<string, string>,
    titleSuffixMaxWords: Number(bp.titleSuffixMaxWords ?? 3),
    titleSuffixSeparators: (bp.titleSuffixSeparators ?? []) as string[],
    titlePrefixes: (bp.titlePrefixes ?? []) as string[],
    summaryPatterns: (bp.summaryPatterns ?? []) as string[],
  };
}

let cached: StoryLexicon | undefined;

/** The shipped lexicon, read on first use and kept. */
export function defaultLexicon(): StoryLexicon {
  cached ??= compileStoryLexicon(readLexiconSource());
  return cached;
}
