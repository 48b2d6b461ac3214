// Story clustering: which items, across outlets and languages, tell the same story.
//
// Two items are linked when (1) they share a canonical URL, or (2) their texts are close enough
// (see `sameStory`). Clusters are the connected groups of links (union-find), so the result does
// not depend on the order of the input. To stay fast on a whole period (12,000 items), pairs
// are not compared blindly: an inverted index proposes only pairs inside the date window that
// share one of their rarest keys (Jaccard prefix filtering; see step 2 below).
import { defaultLexicon, type StoryLexicon } from './lexicon.js';
import { fingerprint, type StoryFingerprint } from './normalise.js';
import { canonicalUrlKey } from './url.js';
import { UnionFind } from '../core/union-find.js';

/** One story version, as clustering sees it. */
export interface StoryDoc {
  url: string;
  /** ISO date-time. */
  date: string;
  title: string;
  summary: string;
  language: string;
  /** Outlet name: a headline ending in it ("| teleSUR") loses that ending. */
  outlet?: string;
  /** Classifier labels, when known: different LAC countries or actors mean different stories. */
  countries?: readonly string[];
  actors?: readonly string[];
}

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

export interface Clustering {
  /** clusterOf[i] is the cluster number of docs[i]; numbers follow first appearance. */
  clusterOf: number[];
  /** Members of each cluster, as indexes into docs, ascending. */
  clusters: number[][];
}

interface Prepared {
  fp: StoryFingerprint;
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
function hasOwnName(a: StoryFingerprint, b: StoryFingerprint, lex: StoryLexicon, knownOnly: boolean): boolean {
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
function sameStory(a: Prepared, b: Prepared, lex: StoryLexicon, s: ClusterSettings): boolean {
  if (Math.abs(a.time - b.time) > s.windowDays * 86_400_000) return false;
  if (disjointNonEmpty(a.countries, b.countries) || disjointNonEmpty(a.actors, b.actors)) return false;
  if (disjointNonEmpty(a.fp.titleNumbers, b.fp.titleNumbers)) return false;
  if (hasOwnName(a.fp, b.fp, lex, true) && hasOwnName(b.fp, a.fp, lex, true)) return false;
  // Unknown capitalised words ("Shipping", "Pacífico") are weaker names: they part two
  // headlines only when the texts do not share rare specific words either.
  const shared = sharedCount(a.specific, b.specific);
  if (shared < s.sharedSpecific && hasOwnName(a.fp, b.fp, lex, false) && hasOwnName(b.fp, a.fp, lex, false)) return false;
  const isPlace = (k: string) => lex.places.has(k);
  if (
    jaccard(a.fp.title, b.fp.title) >= s.titleJaccard &&
    jaccard(a.fp.title, b.fp.title, isPlace) >= s.titleContentJaccard
  )
    return true;
  const full = jaccard(a.fp.full, b.fp.full);
  if (full >= s.fullJaccard && jaccard(a.fp.full, b.fp.full, isPlace) >= s.fullContentJaccard) return true;
  // Paraphrases ("La fragata rusa Almirante Golovkó atraca en La Habana" / "Fragata russa
  // Almirante Golovko faz escala em Havana") share few ordinary words but the same rare names.
  return full >= s.specificFullJaccard && shared >= s.sharedSpecific && sharesName(a, b);
}

/** A shared specific word that is a name in at least one of the two texts. */
function sharesName(a: Prepared, b: Prepared): boolean {
  for (const k of a.specific) if (b.specific.has(k) && (a.fp.names.has(k) || b.fp.names.has(k))) return true;
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
function specificKeys(fp: StoryFingerprint, df: Map<string, number>, rareDf: number, lex: StoryLexicon): Set<string> {
  const out = new Set<string>();
  for (const k of fp.full) {
    if (lex.places.has(k) || lex.wordKeys.has(k) || /^\d/.test(k)) continue;
    if (k.length < 4 && !fp.names.has(k)) continue;
    if ((df.get(k) ?? 0) <= rareDf) out.add(k);
  }
  return out;
}

/** Rarest headline+lead keys used to find candidates (see step 2 of clusterStories). */
const FULL_PROBE_KEYS = 4;
/** Most recent entries of one key's list compared against a new item… */
const MAX_SCAN = 200;
/** … and of a common key's list (see COMMON_DF_SHARE). */
const COMMON_SCAN = 30;
/** A key in more than this share of the items (and at least COMMON_DF_MIN) is "common". */
const COMMON_DF_SHARE = 0.02;
const COMMON_DF_MIN = 50;
/** A key in at most this share of the items (and at least RARE_MIN items) counts as rare. */
const RARE_SHARE = 0.002;
const RARE_MIN = 5;

const rarer = (df: Map<string, number>) => (x: string, y: string) =>
  (df.get(x) ?? 0) - (df.get(y) ?? 0) || (x < y ? -1 : x > y ? 1 : 0);

/** The `count` rarest keys, rarest first (ties by key): the global order prefix filtering needs. */
function rarest(set: Set<string>, df: Map<string, number>, count: number): string[] {
  const order = rarer(df);
  if (count >= set.size) return [...set].sort(order);
  // Keep a small sorted buffer instead of sorting the whole set: count is 3 to 5 here.
  const best: string[] = [];
  for (const k of set) {
    if (best.length === count && order(k, best[count - 1] as string) >= 0) continue;
    let at = best.length;
    while (at > 0 && order(k, best[at - 1] as string) < 0) at--;
    best.splice(at, 0, k);
    if (best.length > count) best.pop();
  }
  return best;
}

/** Jaccard ≥ t needs a shared key among the first |S| − ⌈t·|S|⌉ + 1 rarest keys of each set. */
function prefixLength(size: number, t: number): number {
  return size - Math.ceil(t * size - 1e-9) + 1;
}

export function clusterStories(
  docs: readonly StoryDoc[],
  settings: Partial<ClusterSettings> = {},
  lex: StoryLexicon = defaultLexicon(),
): Clustering {
  const s = { ...DEFAULT_CLUSTER_SETTINGS, ...settings };
  const n = docs.length;
  const uf = new UnionFind(n);

  const prepared: Prepared[] = docs.map((d) => ({
    fp: fingerprint({ title: d.title, summary: d.summary, language: d.language, outlet: d.outlet }, lex),
    specific: new Set<string>(),
    // An unreadable date sorts first and meets only other undated items' window.
    time: Date.parse(d.date) || 0,
    countries: new Set(d.countries ?? []),
    actors: new Set(d.actors ?? []),
  }));

  // 1. Same canonical URL: the same article, whatever the text says.
  const byUrl = new Map<string, number>();
  docs.forEach((d, i) => {
    const key = canonicalUrlKey(d.url);
    if (!key) return;
    const first = byUrl.get(key);
    if (first === undefined) byUrl.set(key, i);
    else uf.union(first, i);
  });

  // 2. Text. Candidate pairs come from an inverted index of keys, visited in date order so that
  //    only items inside the window are looked at. Headlines use Jaccard prefix filtering (a
  //    pair that reaches the headline threshold shares a key of both prefixes). For the
  //    longer headline+lead sets an exact prefix would hold most words, so we probe only their
  //    FULL_PROBE_KEYS rarest keys: two texts that share 40% of their words share one of their
  //    rarest (a name, a number, an unusual noun) in practice. Keys that many items use are
  //    scanned only when they are an item's rarest, and a key list is scanned back at most
  //    MAX_SCAN entries: this bounds the work for keys that half the corpus uses.
  const df = new Map<string, number>();
  for (const p of prepared) for (const k of p.fp.full) df.set(k, (df.get(k) ?? 0) + 1);
  const rareDf = Math.max(RARE_MIN, Math.ceil(n * RARE_SHARE));
  for (const p of prepared) p.specific = specificKeys(p.fp, df, rareDf, lex);
  const titleIndex = new Map<string, number[]>();
  const fullIndex = new Map<string, number[]>();
  const seenBy = new Int32Array(n).fill(-1);
  const windowMs = s.windowDays * 86_400_000;
  const commonDf = Math.max(COMMON_DF_MIN, n * COMMON_DF_SHARE);
  const order = prepared.map((_, i) => i).sort((a, b) => (prepared[a] as Prepared).time - (prepared[b] as Prepared).time || a - b);

  for (const i of order) {
    const p = prepared[i] as Prepared;
    // A key no other item has cannot make a pair: it is left out of the probes (in a small
    // set of items, such keys would otherwise fill the "rarest" slots).
    const shared = (k: string) => (df.get(k) ?? 0) > 1;
    const probes: [Map<string, number[]>, string[]][] = [
      [titleIndex, rarest(p.fp.title, df, prefixLength(p.fp.title.size, s.titleJaccard)).filter(shared)],
      [fullIndex, rarest(new Set([...p.fp.full].filter(shared)), df, FULL_PROBE_KEYS)],
    ];
    for (const [index, prefix] of probes) {
      let probed = 0;
      for (const key of prefix) {
        let list = index.get(key);
        // A key most of the period uses adds candidates, not evidence: once a rarer key was
        // probed, common keys are only indexed (for later, rarer-keyed items), not scanned;
        // an item with nothing rarer looks only at the latest COMMON_SCAN items that share it
        // (versions of one story are published within hours of each other).
        const common = (df.get(key) ?? 0) > commonDf;
        const limit = common ? (probed > 0 ? 0 : COMMON_SCAN) : MAX_SCAN;
        probed++;
        if (!list) index.set(key, (list = []));
        for (let x = list.length - 1, scanned = 0; x >= 0 && scanned < limit; x--, scanned++) {
          const j = list[x] as number;
          const q = prepared[j] as Prepared;
          if (p.time - q.time > windowMs) break;
          if (seenBy[j] === i) continue;
          seenBy[j] = i;
          if (uf.find(i) === uf.find(j)) continue;
          if (sameStory(q, p, lex, s)) uf.union(j, i);
        }
        list.push(i);
      }
    }
  }

  const clusterOf: number[] = new Array<number>(n);
  const clusters: number[][] = [];
  const numberOfRoot = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    let c = numberOfRoot.get(root);
    if (c === undefined) {
      c = clusters.length;
      numberOfRoot.set(root, c);
      clusters.push([]);
    }
    clusterOf[i] = c;
    (clusters[c] as number[]).push(i);
  }
  return { clusterOf, clusters };
}
