// Compiles the lexicon data into one phrase matcher plus a few word sets, once per lexicon.
// Every phrase of every file goes into the same trie, tagged with what it means (a Sense), so
// one pass over an item finds actors, countries, themes, rhetoric and cues together.

import type { Actor, Theme } from '../core/vocabulary.js';
import { PhraseMatcher } from './matcher.js';
import { fold } from '../core/text.js';
import { phraseTokens } from './tokens.js';
import type { AmbiguousPlace, LexiconData } from './lexicon-data.js';

export type ActorRole = 'place' | 'demonym' | 'media' | 'state' | 'contextual';
export type CountryRole = 'name' | 'demonym' | 'place' | 'leader';

/** How the original text's case must look for an alias to count ("^China", "=RT"). */
export interface CaseRule {
  kind: 'any' | 'cap' | 'exact';
  /** The spelling required when kind is 'exact'. */
  text: string;
}

/** What a phrase means, before its case rule is attached. */
export type Meaning =
  | { kind: 'actor'; actor: Actor; role: ActorRole }
  | { kind: 'country'; country: string; role: CountryRole }
  | { kind: 'ambiguous'; place: AmbiguousPlace }
  | { kind: 'region' }
  | { kind: 'trap'; blocks: 'all' | 'actor' }
  /** weight: 2 for a phrase that names the theme alone ("+"), 0.5 for one that only supports it
   *  ("~"); shift: the index of the theme-rules shift it belongs to, or -1 for themes.yaml words. */
  | { kind: 'theme'; theme: Theme; weight: number; shift: number }
  | { kind: 'rhetoric'; weight: number }
  /** Loaded wording that halves the theme words inside it but is not anti-Western rhetoric. */
  | { kind: 'tone' }
  | { kind: 'distancing' }
  | { kind: 'counterpoint' }
  | { kind: 'cue'; key: string };

/** What one phrase of the lexicon means, with the case it must be written in: a hit carries one. */
export type Sense = Meaning & { caseRule: CaseRule };

export interface CompiledLexicon {
  matcher: PhraseMatcher<Sense>;
  locatives: Set<string>;
  arrivalVerbs: Set<string>;
  stateConduct: Set<string>;
  comparison: Set<string>;
  stateNouns: Set<string>;
  peopleNouns: Set<string>;
  makerWords: Set<string>;
  attribution: Set<string>;
  sport: Set<string>;
  background: Set<string>;
  routeNouns: Set<string>;
  routeLinks: Set<string>;
  productNouns: Set<string>;
  nounMarkers: Set<string>;
  ofWords: Set<string>;
  conjunctions: Set<string>;
  craftNouns: Set<string>;
  tradeCues: Set<string>;
  theatres: Set<string>;
  /** Theme shifts (theme-rules.yaml): where each moves its words, and the cue keys that activate them. */
  shifts: { name: string; to: Theme }[];
  shiftsByCue: Map<string, number[]>;
  givenNames: Set<string>;
  surnames: Set<string>;
  /** Folded term → cue keys that cancel it when present in the item. */
  whenNearby: Map<string, string[]>;
  /** Every cue key some context trap listens for: most items have none, and skip the trap pass. */
  trapCues: Set<string>;
  opinion: { titlePrefixes: string[][]; summaryPrefixes: string[][]; urlSegments: Set<string>; categories: Set<string> };
  rhetoricThreshold: number;
}

const keys = new Map<string, string>();
/** The key a phrase is known by after folding ("São Paulo" → "sao paulo"); memoised. */
export function keyOf(phrase: string): string {
  let key = keys.get(phrase);
  if (key === undefined) keys.set(phrase, (key = phraseTokens(phrase.replace(/^[=^]/, '')).join(' ')));
  return key;
}

/**
 * Every sense gets the same properties in the same order, whatever its kind. The rules read
 * `sense.kind` on every hit; one object shape keeps those reads monomorphic, which is most of the
 * difference between 20 and 40 µs an item.
 */
function uniformSense(meaning: Meaning, caseRule: CaseRule): Sense {
  const shaped = {
    kind: meaning.kind,
    caseRule,
    actor: undefined,
    role: undefined,
    country: undefined,
    place: undefined,
    blocks: undefined,
    theme: undefined,
    weight: 0,
    shift: -1,
    key: undefined,
  };
  return Object.assign(shaped, meaning) as unknown as Sense;
}

function parseAlias(alias: string): { phrase: string; caseRule: CaseRule } {
  if (alias.startsWith('=')) return { phrase: alias.slice(1), caseRule: { kind: 'exact', text: alias.slice(1) } };
  if (alias.startsWith('^')) return { phrase: alias.slice(1), caseRule: { kind: 'cap', text: '' } };
  return { phrase: alias, caseRule: { kind: 'any', text: '' } };
}

/** "+phrase" names its theme alone (weight 2), "~phrase" only supports it (0.5); then the case rule. */
function parseThemeWord(word: string): { alias: string; weight: number } {
  if (word.startsWith('+')) return { alias: word.slice(1), weight: 2 };
  if (word.startsWith('~')) return { alias: word.slice(1), weight: 0.5 };
  return { alias: word, weight: 1 };
}

const wordSet = (words: readonly string[] | undefined): Set<string> => new Set((words ?? []).map((w) => fold(w)));

export function compileLexicon(lex: LexiconData): CompiledLexicon {
  const m = new PhraseMatcher<Sense>();
  const add = (alias: string, meaning: Meaning, rule?: CaseRule): void => {
    const { phrase, caseRule } = parseAlias(alias);
    m.add(phrase, uniformSense(meaning, rule ?? caseRule));
  };

  for (const [actor, aliases] of Object.entries(lex.actors) as [Actor, Partial<Record<ActorRole, string[]>>][]) {
    for (const role of ['place', 'demonym', 'media', 'state', 'contextual'] as const) {
      for (const a of aliases[role] ?? []) add(a, { kind: 'actor', actor, role });
    }
  }
  const countryRoles = { names: 'name', demonyms: 'demonym', places: 'place', leaders: 'leader' } as const;
  for (const [country, terms] of Object.entries(lex.countries)) {
    for (const [field, role] of Object.entries(countryRoles) as [keyof typeof countryRoles, CountryRole][]) {
      for (const t of terms[field] ?? []) add(t, { kind: 'country', country, role });
    }
  }
  // A cue phrase is compiled once however many places or traps use it.
  const cueKeys = new Set<string>();
  const cue = (phrase: string): string => {
    const key = keyOf(phrase);
    if (!cueKeys.has(key)) add(phrase, { kind: 'cue', key });
    cueKeys.add(key);
    return key;
  };
  for (const place of lex.ambiguous) {
    add(place.name, { kind: 'ambiguous', place });
    for (const list of Object.values(place.cues ?? {})) list.forEach(cue);
  }
  for (const r of lex.regions) add(r, { kind: 'region' });
  for (const t of lex.traps.phrases ?? []) add(t, { kind: 'trap', blocks: 'all' });
  for (const t of lex.traps.actorOnly ?? []) add(t, { kind: 'trap', blocks: 'actor' });
  const whenNearby = new Map<string, string[]>();
  for (const w of lex.traps.whenNearby ?? []) whenNearby.set(keyOf(w.term), (w.cues ?? []).map(cue));
  for (const [theme, words] of Object.entries(lex.themes) as [Theme, string[]][]) {
    for (const w of words) {
      const { alias, weight } = parseThemeWord(w);
      add(alias, { kind: 'theme', theme, weight, shift: -1 });
    }
  }
  const rules = lex.themeRules;
  for (const t of rules.tone ?? []) add(t, { kind: 'tone' });
  const shifts: { name: string; to: Theme }[] = [];
  const shiftsByCue = new Map<string, number[]>();
  for (const [i, sh] of (rules.shifts ?? []).entries()) {
    shifts.push({ name: sh.name, to: sh.to });
    for (const w of sh.when ?? []) {
      const key = cue(w);
      const list = shiftsByCue.get(key) ?? [];
      if (!list.includes(i)) list.push(i);
      shiftsByCue.set(key, list);
    }
    for (const w of sh.words ?? []) {
      const { alias, weight } = parseThemeWord(w);
      add(alias, { kind: 'theme', theme: sh.to, weight, shift: i });
    }
  }
  for (const t of lex.rhetoric.strong ?? []) add(t, { kind: 'rhetoric', weight: 2 });
  for (const t of lex.rhetoric.moderate ?? []) add(t, { kind: 'rhetoric', weight: 1 });
  for (const t of lex.rhetoric.distancing ?? []) add(t, { kind: 'distancing' });
  for (const t of lex.rhetoric.counterpoint ?? []) add(t, { kind: 'counterpoint' });

  const ctx = lex.context;
  return {
    matcher: m,
    locatives: wordSet(ctx.locatives),
    arrivalVerbs: wordSet(ctx.arrivalVerbs),
    stateConduct: wordSet(ctx.stateConduct),
    comparison: wordSet(ctx.comparison),
    stateNouns: wordSet(ctx.stateNouns),
    peopleNouns: wordSet(ctx.peopleNouns),
    makerWords: wordSet(ctx.makerWords),
    attribution: wordSet(ctx.attribution),
    sport: wordSet(ctx.sport),
    background: wordSet(ctx.background),
    routeNouns: wordSet(ctx.routeNouns),
    routeLinks: wordSet(ctx.routeLinks),
    productNouns: wordSet(ctx.productNouns),
    nounMarkers: wordSet(ctx.nounMarkers),
    ofWords: wordSet(ctx.ofWords),
    conjunctions: wordSet(ctx.conjunctions),
    craftNouns: wordSet(ctx.craftNouns),
    tradeCues: wordSet(ctx.tradeCues),
    theatres: wordSet(ctx.theatres),
    shifts,
    shiftsByCue,
    givenNames: wordSet(lex.traps.givenNames),
    surnames: wordSet(lex.traps.surnames),
    whenNearby,
    trapCues: new Set([...whenNearby.values()].flat()),
    opinion: {
      titlePrefixes: lex.opinion.titlePrefixes.map(phraseTokens),
      summaryPrefixes: lex.opinion.summaryPrefixes.map(phraseTokens),
      urlSegments: wordSet(lex.opinion.urlSegments),
      categories: wordSet(lex.opinion.categories),
    },
    rhetoricThreshold: lex.rhetoric.threshold ?? 2,
  };
}
