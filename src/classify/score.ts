// Scores classifications against a labelled file, the same way ../shared/tools/score-classify.mjs
// does: relevance, opinion and anti-Western accuracy; micro-F1 for actors, countries and themes
// (themes on relevant items only); optional* labels are neither rewarded nor penalised.

import type { Classification, ClassifyInput } from '../core/item-types.js';

export interface LabelledItem extends ClassifyInput {
  expect: {
    relevant: boolean;
    actors: string[];
    countries: string[];
    themes: string[];
    opinion: boolean;
    antiWestern: boolean;
    section?: string;
    optionalActors?: string[];
    optionalCountries?: string[];
    optionalThemes?: string[];
  };
}

export interface Figures {
  relevance: number;
  actorsF1: number;
  countriesF1: number;
  themesF1: number;
  opinion: number;
  antiWestern: number;
  missing: number;
}

export interface ScoreReport {
  figures: Figures;
  /** One line per miss: "d012 countries +BR", "d030 relevant=false". */
  errors: string[];
}

type Counts = [tp: number, fp: number, fn: number];
const f1 = ([tp, fp, fn]: Counts): number => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));

export function scoreClassifications(key: LabelledItem[], got: Classification[]): ScoreReport {
  const byId = new Map(got.map((g) => [String(g.id), g]));
  const counts: Record<'actors' | 'countries' | 'themes', Counts> = { actors: [0, 0, 0], countries: [0, 0, 0], themes: [0, 0, 0] };
  const errors: string[] = [];
  let rel = 0;
  let op = 0;
  let anti = 0;
  let missing = 0;
  const upper = (a?: string[]): Set<string> => new Set((a ?? []).map((x) => String(x).toUpperCase()));
  const lower = (a?: string[]): Set<string> => new Set((a ?? []).map((x) => String(x).toLowerCase()));
  for (const k of key) {
    const g = byId.get(String(k.id));
    if (!g) {
      missing++;
      continue;
    }
    const e = k.expect;
    if (g.relevant === e.relevant) rel++;
    else errors.push(`${k.id} relevant=${g.relevant}`);
    if (g.opinion === e.opinion) op++;
    else errors.push(`${k.id} opinion=${g.opinion}`);
    if (g.antiWestern === e.antiWestern) anti++;
    else errors.push(`${k.id} antiWestern=${g.antiWestern}`);
    const dims: ['actors' | 'countries' | 'themes', Set<string>, Set<string>, Set<string>][] = [
      ['actors', upper(g.actors), upper(e.actors), upper(e.optionalActors)],
      ['countries', upper(g.countries), upper(e.countries), upper(e.optionalCountries)],
    ];
    if (e.relevant) dims.push(['themes', lower(g.themes), lower(e.themes), lower(e.optionalThemes)]);
    for (const [dim, predicted, expected, optional] of dims) {
      const c = counts[dim];
      for (const x of predicted) {
        if (expected.has(x)) c[0]++;
        else if (!optional.has(x)) {
          c[1]++;
          errors.push(`${k.id} ${dim} +${x}`);
        }
      }
      for (const x of expected) {
        if (!predicted.has(x)) {
          c[2]++;
          errors.push(`${k.id} ${dim} -${x}`);
        }
      }
    }
  }
  const n = key.length || 1;
  return {
    figures: {
      relevance: rel / n,
      actorsF1: f1(counts.actors),
      countriesF1: f1(counts.countries),
      themesF1: f1(counts.themes),
      opinion: op / n,
      antiWestern: anti / n,
      missing,
    },
    errors,
  };
}

/** Parse a JSON Lines file's text into labelled items. */
export function parseLabelled(text: string): LabelledItem[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledItem);
}
