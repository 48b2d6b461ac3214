// Builds the Digest value the renderers print, from the selection.
//
// Sections come in the fixed order venezuela, russia, iran, china, medical-diplomacy, all five
// present (possibly empty) so the JSON has a stable shape. Within a section, entries are sorted
// by their primary country (the first the classifier listed; ISO code order; entries without a
// country last), then by date, oldest first, so a section reads as a chronicle per country;
// then by title and URL so the order never depends on the input.
import type { Digest, DigestEntry, DigestSection, Exclusion, SourceRef } from '../core/digest-types.js';
import { SECTIONS, type SectionId } from '../core/vocabulary.js';
import { selectItems } from './policy.js';
import type { Selection } from './policy.js';
import type { BuildDigestOptions, Candidate } from './types.js';
import type { Rejected, Selected } from './work.js';

export const DEFAULT_SECTION_TITLES: Record<SectionId, string> = {
  venezuela: 'Venezuela',
  russia: 'Russia',
  iran: 'Iran',
  china: 'China',
  'medical-diplomacy': 'Medical diplomacy',
};

function sourceRef(e: Selected): SourceRef {
  const s = e.c.source;
  return {
    id: s.id,
    name: s.name,
    ownership: s.ownership,
    owner: s.owner ?? null,
    language: s.language,
    stateMedia: e.state,
  };
}

function entryOf(e: Selected): DigestEntry {
  const { item, labels } = e.c;
  const entry: DigestEntry = {
    title: item.title,
    url: item.url,
    published: item.date,
    language: item.language || e.c.source.language,
    summary: item.summary,
    source: sourceRef(e),
    actors: [...labels.actors],
    countries: e.country ? [e.country, ...labels.countries.filter((c) => c !== e.country)] : [...labels.countries],
    themes: [...labels.themes],
    alsoReportedBy: e.alsoReportedBy.map((o) => ({ name: o.c.source.name, url: o.c.item.url, stateMedia: o.state })),
  };
  if (labels.explain) {
    entry.why = Object.fromEntries(Object.entries(labels.explain).map(([label, hits]) => [label, [...new Set(hits.map((h) => h.term))]]));
  }
  if (e.pick && !e.manual) entry.pinned = true;
  if (e.manual) entry.manual = true;
  if (e.summaries) entry.summaries = { ...e.summaries };
  return entry;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Primary country, then oldest first (by `time`), then title and URL. */
function orderBy(time: (e: DigestEntry) => number) {
  return (a: DigestEntry, b: DigestEntry): number => {
    const ca = a.countries[0];
    const cb = b.countries[0];
    if (ca !== cb) {
      if (ca === undefined) return 1;
      if (cb === undefined) return -1;
      return cmp(ca, cb);
    }
    return time(a) - time(b) || cmp(a.title, b.title) || cmp(a.url, b.url);
  };
}

/** Primary country, then oldest first, then title and URL. */
export const entryOrder = orderBy((e) => Date.parse(e.published));

/** entryOrder with each date parsed once, not at every comparison (a section can hold thousands). */
function sortEntries(entries: DigestEntry[]): DigestEntry[] {
  const times = new Map(entries.map((e) => [e, Date.parse(e.published)] as const));
  return entries.sort(orderBy((e) => times.get(e) as number));
}

/** A left-out item as digest.json lists it: the first fields as they always were, then what an editor reviews it by. */
function exclusionOf(r: Rejected): Exclusion {
  const { item, source } = r.c;
  return {
    title: item.title,
    url: item.url,
    source: source.id,
    reason: r.reason,
    ...(r.detail ? { detail: r.detail } : {}),
    published: item.date,
    outlet: source.name,
    section: r.section,
  };
}

export function buildDigest(candidates: readonly Candidate[], opts: BuildDigestOptions): Digest {
  return digestOf(selectItems(candidates, opts), opts);
}

/** The digest of a selection already made: the desk shows the selection and its digest side by side. */
export function digestOf(selection: Selection, opts: BuildDigestOptions): Digest {
  const titles = { ...DEFAULT_SECTION_TITLES, ...opts.sectionTitles };

  const sections: DigestSection[] = SECTIONS.map((id) => ({
    id,
    title: titles[id],
    items: sortEntries(selection.kept.filter((e) => e.section === id).map(entryOf)),
  }));

  const total = selection.kept.length;
  const stateMedia = selection.kept.filter((e) => e.state).length;
  return {
    title: `VRIC Monitor | ${opts.period.label}`,
    period: opts.period,
    generatedAt: opts.now.toISOString(),
    sections,
    stats: { total, stateMedia, stateShare: total ? stateMedia / total : 0, cap: selection.cap, capVerdict: selection.verdict },
    excluded: selection.rejected.map(exclusionOf),
    policy: {
      cap: selection.cap,
      capScope: opts.policy.capScope,
      capOwners: opts.policy.capOwners && opts.policy.capOwners.length ? [...opts.policy.capOwners] : null,
      override: opts.capOverride ? { cap: opts.capOverride.cap, reason: opts.capOverride.reason } : null,
    },
  };
}
