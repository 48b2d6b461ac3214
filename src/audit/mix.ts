// Source mix: who the period's material came from, before and after selection, and where the
// state-media share stands against the cap. Pure: `vric audit` prints what this returns, and
// the renderers print its `after` counts. Where the share stands against the cap is the select
// stage's verdict (digest.stats.capVerdict), read here, never decided again.
import type { Digest, DigestEntry, ExclusionReason } from '../core/digest-types.js';
import type { Source } from '../core/config-types.js';
import type { Candidate } from '../select/types.js';

/** Counts keyed by a value (outlet id, language, …); keys sorted for stable output. */
export type Tally = Record<string, number>;

export interface MixCounts {
  items: number;
  /** independent | public | state */
  ownership: Tally;
  /** Controlling state of state outlets (ISO alpha-2); other outlets are not counted here. */
  owner: Tally;
  /** Source id. */
  outlet: Tally;
  language: Tally;
  /** Section id, or "none" when the classifier gave none. */
  section: Tally;
  /** Each theme an item carries counts once. */
  theme: Tally;
}

export interface SourceMix {
  /** Every candidate of the period. */
  before: MixCounts;
  /** Candidates the classifier judged relevant. */
  relevant: MixCounts;
  /** Entries in the digest (manual entries included). */
  after: MixCounts;
  excludedByReason: Partial<Record<ExclusionReason, number>>;
  state: {
    /** Digest entries that count toward the cap. */
    items: number;
    total: number;
    share: number;
    cap: number;
    overCap: boolean;
    /** How many more state items the cap would allow beside the same non-state entries (summed
     *  over sections when the cap applies per section); null when the cap sets no limit. */
    headroom: number | null;
  };
  /** Outlets that had items in the period, none of them relevant (ids, sorted). */
  outletsWithNothingRelevant: string[];
  /** Outlets given in `sources` that had no item at all in the period (ids, sorted). */
  outletsWithNoItems: string[];
}

const sortTally = (t: Tally): Tally => Object.fromEntries(Object.entries(t).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

interface Row {
  ownership: string;
  owner: string | undefined;
  outlet: string;
  language: string;
  section: string;
  themes: readonly string[];
}

function tally(rows: Row[]): MixCounts {
  const c: MixCounts = { items: rows.length, ownership: {}, owner: {}, outlet: {}, language: {}, section: {}, theme: {} };
  const bump = (t: Tally, k: string) => {
    t[k] = (t[k] ?? 0) + 1;
  };
  for (const r of rows) {
    bump(c.ownership, r.ownership);
    if (r.ownership === 'state') bump(c.owner, r.owner ?? 'unknown');
    bump(c.outlet, r.outlet);
    bump(c.language, r.language);
    bump(c.section, r.section);
    for (const th of new Set(r.themes)) bump(c.theme, th);
  }
  return {
    items: c.items,
    ownership: sortTally(c.ownership),
    owner: sortTally(c.owner),
    outlet: sortTally(c.outlet),
    language: sortTally(c.language),
    section: sortTally(c.section),
    theme: sortTally(c.theme),
  };
}

const candidateRow = (c: Candidate): Row => ({
  ownership: c.source.ownership,
  owner: c.source.owner?.toUpperCase(),
  outlet: c.source.id,
  language: c.item.language || c.source.language,
  section: c.labels.section ?? 'none',
  themes: c.labels.themes,
});

const entryRow = (e: DigestEntry, section: string): Row => ({
  ownership: e.source.ownership,
  owner: e.source.owner?.toUpperCase(),
  outlet: e.source.id,
  language: e.language,
  section,
  themes: e.themes,
});

/** The digest's entries counted: the one source mix of what was published. */
export function digestMix(digest: Digest): MixCounts {
  return tally(digest.sections.flatMap((s) => s.items.map((e) => entryRow(e, s.id))));
}

export function sourceMix(candidates: readonly Candidate[], digest: Digest, sources: readonly Source[] = []): SourceMix {
  const { total, stateMedia, stateShare, capVerdict } = digest.stats;

  const excludedByReason: Partial<Record<ExclusionReason, number>> = {};
  for (const x of digest.excluded) excludedByReason[x.reason] = (excludedByReason[x.reason] ?? 0) + 1;

  const seen = new Set<string>();
  const relevantOutlets = new Set<string>();
  for (const c of candidates) {
    seen.add(c.source.id);
    if (c.labels.relevant) relevantOutlets.add(c.source.id);
  }

  return {
    before: tally(candidates.map(candidateRow)),
    relevant: tally(candidates.filter((c) => c.labels.relevant).map(candidateRow)),
    after: digestMix(digest),
    excludedByReason,
    state: {
      items: stateMedia,
      total,
      share: stateShare,
      cap: capVerdict.cap,
      overCap: capVerdict.over,
      headroom: capVerdict.headroom,
    },
    outletsWithNothingRelevant: [...seen].filter((id) => !relevantOutlets.has(id)).sort(),
    outletsWithNoItems: sources.filter((s) => !seen.has(s.id)).map((s) => s.id).sort(),
  };
}
