// Applies the editors' decisions (from overrides.yaml) to the candidates: which are pinned,
// which the editors excluded, and the manual entries turned into candidates of their own so
// they go through the same clustering and the same cap arithmetic as feed items.
import type { Source } from '../core/config-types.js';
import { SECTION_OF_ACTOR, type Actor } from '../core/vocabulary.js';
import type { Candidate, ExcludeRule, ItemRef, ManualEntry, MoveRule, Overrides, PinRule, SummaryRule } from './types.js';
import { canonicalUrlKey } from './url.js';
import { foldAccents } from '../core/text.js';
import { readIsoDate } from '../core/period.js';

export interface EditorialMarks {
  /** Candidate index → the pin that holds it. */
  pinned: Map<number, PinRule>;
  /** Candidate index → the editor's exclusion. */
  excluded: Map<number, ExcludeRule>;
  /** Candidate index → the include that keeps it (without the pick mark). */
  included: Map<number, ItemRef>;
  /** Candidate index → its new section or country heading. */
  moved: Map<number, MoveRule>;
  /** Candidate index → its item line's text by edition language. */
  summaries: Map<number, Record<string, string>>;
  /** Pins and exclusions that matched no candidate (probably a typo or another period). */
  unmatched: ItemRef[];
}

export function markEditorial(candidates: readonly Candidate[], overrides: Overrides | undefined): EditorialMarks {
  const marks: EditorialMarks = { pinned: new Map(), excluded: new Map(), included: new Map(), moved: new Map(), summaries: new Map(), unmatched: [] };
  const rules = (o: Overrides) => o.pin.length + o.exclude.length + (o.include?.length ?? 0) + (o.move?.length ?? 0) + (o.summary?.length ?? 0);
  if (!overrides || rules(overrides) === 0) return marks;
  // Index the candidates once by id and by URL key: a period has thousands of items.
  const byId = new Map<string, number[]>();
  const byUrl = new Map<string, number[]>();
  const add = (index: Map<string, number[]>, key: string, i: number) => {
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  };
  candidates.forEach((c, i) => {
    add(byId, c.item.id, i);
    const key = canonicalUrlKey(c.item.url);
    if (key) add(byUrl, key, i);
  });
  const matches = (ref: ItemRef): number[] =>
    ref.id !== undefined ? (byId.get(ref.id) ?? []) : (byUrl.get(canonicalUrlKey(ref.url ?? '')) ?? []);
  const mark = <R extends ItemRef>(rules: R[], into: Map<number, R>) => {
    for (const rule of rules) {
      const hits = matches(rule);
      if (hits.length === 0) marks.unmatched.push(rule);
      for (const i of hits) if (!into.has(i)) into.set(i, rule);
    }
  };
  mark(overrides.pin, marks.pinned);
  mark(overrides.exclude, marks.excluded);
  mark(overrides.include ?? [], marks.included);
  mark(overrides.move ?? [], marks.moved);
  const summaries = new Map<number, SummaryRule[]>();
  for (const rule of overrides.summary ?? []) {
    const hits = matches(rule);
    if (hits.length === 0) marks.unmatched.push(rule);
    for (const i of hits) summaries.set(i, [...(summaries.get(i) ?? []), rule]);
  }
  for (const [i, list] of summaries) marks.summaries.set(i, Object.fromEntries(list.map((r) => [r.lang, r.text])));
  return marks;
}

/** Pins and exclusions in overrides.yaml that match none of the candidates, for a warning. */
export function unmatchedOverrides(candidates: readonly Candidate[], overrides: Overrides | undefined): ItemRef[] {
  return markEditorial(candidates, overrides).unmatched;
}

const slug = (s: string) =>
  foldAccents(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The instant of a manual entry's date (overrides-schema.ts has refused any other); NaN if it has none. */
export function manualTime(entry: ManualEntry): number {
  const r = readIsoDate(entry.date);
  return 'time' in r ? r.time : Number.NaN;
}

/** A manual entry as a candidate: relevant by definition, never opinion, labelled by the editor. */
export function manualCandidate(entry: ManualEntry, index: number): Candidate {
  const date = new Date(manualTime(entry)).toISOString();
  const language = entry.language ?? 'en';
  const actorOfSection = (Object.keys(SECTION_OF_ACTOR) as Actor[]).find((a) => SECTION_OF_ACTOR[a] === entry.section);
  const actors = entry.actors ?? (actorOfSection ? [actorOfSection] : []);
  const ownership = entry.ownership ?? 'independent';
  const source: Source = {
    id: `manual:${slug(entry.outlet) || 'outlet'}`,
    name: entry.outlet,
    language,
    ownership,
    ...(entry.owner ? { owner: entry.owner } : {}),
    tags: ['manual'],
    enabled: true,
    fetch: {},
  };
  const id = `manual-${index + 1}`;
  return {
    item: {
      id,
      sourceId: source.id,
      guid: entry.url,
      url: entry.url,
      title: entry.title,
      summary: entry.summary ?? '',
      published: date,
      categories: [],
      language,
      firstSeen: date,
      date,
    },
    source,
    labels: {
      id,
      relevant: true,
      actors,
      countries: entry.countries ?? [],
      themes: entry.themes ?? [],
      opinion: false,
      antiWestern: false,
      section: entry.section,
      score: 0,
    },
  };
}
