// Loads the lexicon data files (src/classify/lexicons/*.yaml) once per process and merges an
// analyst's extra terms on top. The data stays plain: compiling it into a matcher is
// compile.ts's job.

import { readYamlData } from '../core/yaml-data.js';
import { fileURLToPath } from 'node:url';
import { ACTORS, LAC_COUNTRIES, THEMES, type Actor, type Theme } from '../core/vocabulary.js';

export interface ActorAliases {
  place: string[];
  demonym: string[];
  media: string[];
  state: string[];
  /** Names shared with other states' bodies (CNE, TSJ): count only beside another alias. */
  contextual?: string[];
}

export interface CountryTerms {
  names: string[];
  demonyms: string[];
  places: string[];
  leaders: string[];
}

export interface AmbiguousPlace {
  name: string;
  countries: string[];
  default?: string;
  cues?: Record<string, string[]>;
}

export interface Traps {
  phrases: string[];
  actorOnly: string[];
  whenNearby: { term: string; cues: string[] }[];
  givenNames: string[];
  surnames: string[];
}

export interface ContextWords {
  locatives: string[];
  arrivalVerbs: string[];
  stateConduct: string[];
  comparison: string[];
  stateNouns: string[];
  peopleNouns: string[];
  makerWords: string[];
  attribution: string[];
  sport: string[];
  background: string[];
  routeNouns: string[];
  routeLinks: string[];
  productNouns: string[];
  nounMarkers: string[];
  ofWords: string[];
  conjunctions: string[];
  craftNouns: string[];
  tradeCues: string[];
  theatres: string[];
}

export interface OpinionMarkers {
  titlePrefixes: string[];
  summaryPrefixes: string[];
  urlSegments: string[];
  categories: string[];
}

export interface Rhetoric {
  threshold: number;
  strong: string[];
  moderate: string[];
  distancing: string[];
  counterpoint: string[];
}

/**
 * Words whose theme depends on the rest of the item (theme-rules.yaml). A shift is active when
 * any of its `when` phrases appears in the title or summary; its `words` then count for `to`
 * instead of whatever theme themes.yaml gives them ("wheat" is trade, wheat sent after a flood is
 * relief). `tone` phrases are loaded wording whose theme words are rhetoric, not the topic.
 */
export interface ThemeShift {
  name: string;
  when: string[];
  words: string[];
  to: Theme;
}

export interface ThemeRules {
  tone: string[];
  shifts: ThemeShift[];
}

export interface LexiconData {
  actors: Record<Actor, ActorAliases>;
  countries: Record<string, CountryTerms>;
  ambiguous: AmbiguousPlace[];
  regions: string[];
  traps: Traps;
  context: ContextWords;
  themes: Record<Theme, string[]>;
  themeRules: ThemeRules;
  opinion: OpinionMarkers;
  rhetoric: Rhetoric;
}

type DeepPartial<T> = T extends readonly (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * Extra lexicon terms, e.g. from an analyst's sources.yaml. Same shape as the data files;
 * lists are appended to the built-in ones, numbers replace them.
 * Example: `{ actors: { CN: { state: ['Zhenhua Oil'] } }, themes: { energy: ['biodiesel'] } }`.
 */
export type LexiconOverrides = DeepPartial<LexiconData>;

/** Folder of the YAML files; resolves from both src/classify (vitest) and dist/classify (node). */
export const LEXICON_DIR = new URL('../../src/classify/lexicons/', import.meta.url);

const FILES = {
  actors: 'actors.yaml',
  countries: 'countries.yaml',
  ambiguous: 'ambiguous-places.yaml',
  regions: 'regions.yaml',
  traps: 'traps.yaml',
  context: 'context.yaml',
  themes: 'themes.yaml',
  themeRules: 'theme-rules.yaml',
  opinion: 'opinion.yaml',
  rhetoric: 'rhetoric.yaml',
} as const satisfies Record<keyof LexiconData, string>;

function readYaml(file: string): unknown {
  const path = fileURLToPath(new URL(file, LEXICON_DIR));
  try {
    return readYamlData(path);
  } catch (err) {
    throw new Error(`lexicon ${file}: ${(err as Error).message}`);
  }
}

function requireKeys(file: string, data: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) throw new Error(`lexicon ${file}: unknown key "${key}" (expected one of ${allowed.join(', ')})`);
  }
}

/** Check the shape an analyst is most likely to get wrong: keys naming actors, states, themes. */
export function validateLexicon(data: LexiconData): LexiconData {
  requireKeys(FILES.actors, data.actors, ACTORS);
  requireKeys(FILES.countries, data.countries, LAC_COUNTRIES);
  requireKeys(FILES.themes, data.themes, THEMES);
  for (const sh of data.themeRules.shifts ?? []) {
    if (!(THEMES as readonly string[]).includes(sh.to)) throw new Error(`lexicon ${FILES.themeRules}: shift "${sh.name}" names unknown theme ${sh.to}`);
  }
  for (const a of data.ambiguous) {
    for (const c of a.countries) {
      if (!(LAC_COUNTRIES as readonly string[]).includes(c)) throw new Error(`lexicon ${FILES.ambiguous}: "${a.name}" names unknown state ${c}`);
    }
  }
  return data;
}

let cached: LexiconData | undefined;

/** The built-in lexicon, read from disk on first use and kept for the life of the process. */
export function loadLexicon(): LexiconData {
  if (!cached) {
    const data = {} as Record<keyof LexiconData, unknown>;
    for (const [key, file] of Object.entries(FILES) as [keyof LexiconData, string][]) data[key] = readYaml(file);
    cached = validateLexicon(data as unknown as LexiconData);
  }
  return cached;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: unknown, extra: unknown): unknown {
  if (extra === undefined || extra === null) return base;
  if (Array.isArray(base) && Array.isArray(extra)) return [...base, ...extra];
  if (isPlainObject(base) && isPlainObject(extra)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(extra)) out[k] = k in base ? deepMerge(base[k], v) : v;
    return out;
  }
  return extra;
}

/** The lexicon with an analyst's extra terms appended (lists) or replaced (numbers). */
export function mergeLexicon(base: LexiconData, extra: LexiconOverrides | undefined): LexiconData {
  if (!extra) return base;
  return validateLexicon(deepMerge(base, extra) as LexiconData);
}
