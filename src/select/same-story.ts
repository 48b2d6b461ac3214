// The same-story test: whether two versions, already turned into story keys, tell one story.
// Clustering (cluster.ts) decides which pairs to ask; this file decides the answer, and is the
// place to change what "the same story" means.
import type { StoryLexicon } from './story-lexicon.js';
import type { StoryKeys } from './story-keys.js';

export interface ClusterSettings {
  /** Items further apart than this are different stories even with the same words. */
  windowDays: number;
  /** Rare specific words (names, unusual nouns) two versions must share for the third test,
   *  one of them a name, … */
  sharedSpecific: number;
  /** … together with at least this Jaccard of headline plus lead. */
  specificFullJaccard: number;
  /** Headline keys: Jaccard needed, and Jaccard of the content keys (place names left out). */
  titleJaccard: number;
  titleContentJaccard: number;
  /** Headline plus summary lead: the same two thresholds. */
  fullJaccard: number;
  fullContentJaccard: number;
}

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = {
  windowDays: 4,
  sharedSpecific: 2,
  specificFullJaccard: 0.23,
  titleJaccard: 0.5,
  titleContentJaccard: 0.4,
  fullJaccard: 0.4,
  fullContentJaccard: 0.3,
};

export interface PreparedStory {
  keys: StoryKeys;
  /** Keys of the text that are specific and rare in this period (see `specificKeys`). */
  specific: Set<string>;
  time: number;
  countries: Set<string>;
  actors: Set<string>;
}

function jaccard(a: Set<string>, b: Set<string>, skip?: (k: string) => boolean): number {
  let inter = 0;
  let sizeA = 0;
  let sizeB = 0;
  for (const k of a) {
    if (skip?.(k)) continue;
    sizeA++;
    if (b.has(k)) inter++;
  }
  for (const k of b) if (!skip?.(k)) sizeB++;
  const union = sizeA + sizeB - inter;
  return union === 0 ? 1 : inter / union;
}

function disjointNonEmpty(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const k of a) if (b.has(k)) return false;
  return true;
}

/** A name in a's headline that b never mentions (only names the lexicon knows, if told). */
function hasOwnName(a: StoryKeys, b: StoryKeys, lex: StoryLexicon, knownOnly: boolean): boolean {
  for (const e of a.titleEntities) if (!b.full.has(e) && (!knownOnly || lex.entities.has(e))) return true;
  return false;
}

/**
 * The text test. Vetoes first: outside the window, different LAC countries or actors (when
 * labelled), different counts in the headlines ("two warships" vs "three"), or each headline
 * naming someone or somewhere the other never mentions ("Putin meets Lula" vs "…Petro").
 * Then one of three tests: the headlines overlap, or the headlines plus leads overlap (in both
 * cases not through place names alone: states and capitals are everywhere in this corpus, and
 * "China and Argentina expand trade" is not "… expand space cooperation"), or the texts share
 * rare specific words, one of them a name, and overlap a little.
 */
export function sameStory(a: PreparedStory, b: PreparedStory, lex: StoryLexicon, s: ClusterSettings): boolean {
  if (Math.abs(a.time - b.time) > s.windowDays * 86_400_000) return false;
  if (disjointNonEmpty(a.countries, b.countries) || disjointNonEmpty(a.actors, b.actors)) return false;
  if (disjointNonEmpty(a.keys.titleNumbers, b.keys.titleNumbers)) return false;
  if (hasOwnName(a.keys, b.keys, lex, true) && hasOwnName(b.keys, a.keys, lex, true)) return false;
  // Unknown capitalised words ("Shipping", "Pacífico") are weaker names: they part two
  // headlines only when the texts do not share rare specific words either.
  const shared = sharedCount(a.specific, b.specific);
  if (shared < s.sharedSpecific && hasOwnName(a.keys, b.keys, lex, false) && hasOwnName(b.keys, a.keys, lex, false)) return false;
  const isPlace = (k: string) => lex.places.has(k);
  if (
    jaccard(a.keys.title, b.keys.title) >= s.titleJaccard &&
    jaccard(a.keys.title, b.keys.title, isPlace) >= s.titleContentJaccard
  )
    return true;
  const full = jaccard(a.keys.full, b.keys.full);
  if (full >= s.fullJaccard && jaccard(a.keys.full, b.keys.full, isPlace) >= s.fullContentJaccard) return true;
  // Paraphrases ("La fragata rusa Almirante Golovkó atraca en La Habana" / "Fragata russa
  // Almirante Golovko faz escala em Havana") share few ordinary words but the same rare names.
  return full >= s.specificFullJaccard && shared >= s.sharedSpecific && sharesName(a, b);
}

/** A shared specific word that is a name in at least one of the two texts. */
function sharesName(a: PreparedStory, b: PreparedStory): boolean {
  for (const k of a.specific) if (b.specific.has(k) && (a.keys.names.has(k) || b.keys.names.has(k))) return true;
  return false;
}

function sharedCount(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const k of a) if (b.has(k)) n++;
  return n;
}

/**
 * Specific keys, rare in the period (in at most RARE_SHARE of the items, or RARE_MIN): names
 * ("Golovko", "Chancay", "ICJ") and unusual words ("incursión"): not a place, not an ordinary
 * news word of the lexicon, not a number, and (unless a name) four letters or more.
 */
export function specificKeys(keys: StoryKeys, df: Map<string, number>, rareDf: number, lex: StoryLexicon): Set<string> {
  const out = new Set<string>();
  for (const k of keys.full) {
    if (lex.places.has(k) || lex.wordKeys.has(k) || /^\d/.test(k)) continue;
    if (k.length < 4 && !keys.names.has(k)) continue;
    if ((df.get(k) ?? 0) <= rareDf) out.add(k);
  }
  return out;
}
