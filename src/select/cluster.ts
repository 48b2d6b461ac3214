// Story clustering: which items, across outlets and languages, tell the same story.
//
// Two items are linked when (1) they share a canonical URL, or (2) their texts are close enough
// (`sameStory`, in same-story.ts). Clusters are the connected groups of links (union-find), so
// the result does not depend on the order of the input. To stay fast on a whole period (12,000 items), pairs
// are not compared blindly: an inverted index proposes only pairs inside the date window that
// share one of their rarest keys (Jaccard prefix filtering; see step 2 below).
import { defaultLexicon, type StoryLexicon } from './story-lexicon.js';
import { storyKeys } from './story-keys.js';
import { DEFAULT_CLUSTER_SETTINGS, sameStory, specificKeys, type ClusterSettings, type PreparedStory } from './same-story.js';
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

export interface Clustering {
  /** clusterOf[i] is the cluster number of docs[i]; numbers follow first appearance. */
  clusterOf: number[];
  /** Members of each cluster, as indexes into docs, ascending. */
  clusters: number[][];
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

  const prepared: PreparedStory[] = docs.map((d) => ({
    keys: storyKeys({ title: d.title, summary: d.summary, language: d.language, outlet: d.outlet }, lex),
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
  for (const p of prepared) for (const k of p.keys.full) df.set(k, (df.get(k) ?? 0) + 1);
  const rareDf = Math.max(RARE_MIN, Math.ceil(n * RARE_SHARE));
  for (const p of prepared) p.specific = specificKeys(p.keys, df, rareDf, lex);
  const titleIndex = new Map<string, number[]>();
  const fullIndex = new Map<string, number[]>();
  const seenBy = new Int32Array(n).fill(-1);
  const windowMs = s.windowDays * 86_400_000;
  const commonDf = Math.max(COMMON_DF_MIN, n * COMMON_DF_SHARE);
  const order = prepared.map((_, i) => i).sort((a, b) => (prepared[a] as PreparedStory).time - (prepared[b] as PreparedStory).time || a - b);

  for (const i of order) {
    const p = prepared[i] as PreparedStory;
    // A key no other item has cannot make a pair: it is left out of the probes (in a small
    // set of items, such keys would otherwise fill the "rarest" slots).
    const shared = (k: string) => (df.get(k) ?? 0) > 1;
    const probes: [Map<string, number[]>, string[]][] = [
      [titleIndex, rarest(p.keys.title, df, prefixLength(p.keys.title.size, s.titleJaccard)).filter(shared)],
      [fullIndex, rarest(new Set([...p.keys.full].filter(shared)), df, FULL_PROBE_KEYS)],
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
          const q = prepared[j] as PreparedStory;
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
