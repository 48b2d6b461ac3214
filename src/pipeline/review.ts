// A period as the editors' desk shows it: every candidate with its fate (kept, or left out with the
// reason), beside the digest a build would write. It reads the selection decidePeriod made and
// decides nothing again; the classifier is asked only for its evidence (the terms that fired), and
// only for the rows a page shows (explaining 12,000 items would cost the desk seconds at every load).
import type { Digest, ExclusionReason } from '../core/digest-types.js';
import type { Ownership, SectionId, Theme, Actor } from '../core/vocabulary.js';
import type { Policy } from '../core/config-types.js';
import type { Candidate } from '../select/types.js';
import { countsTowardCap, stateThemeAllowed, type Selected, type Work } from '../select/work.js';
import { classifierFor } from './classifier.js';
import { decidePeriod, type Decided, type DecideOptions } from './build.js';
import type { Decision } from '../core/decision-types.js';
import { decisionKey, latestByKey } from '../select/decisions.js';
import { classifyInput } from './labels.js';

/** What became of a candidate: kept in the digest, or left out with one reason. */
export type Fate = { kept: true } | { kept: false; reason: ExclusionReason; detail: string | null };

/** Another version of the same story (the digest's "also reported by"). */
export interface StoryVersion {
  itemId: string;
  outlet: string;
  title: string;
  url: string;
  kept: boolean;
}

export interface ReviewRow {
  itemId: string;
  title: string;
  url: string;
  published: string;
  language: string;
  summary: string;
  sourceId: string;
  outlet: string;
  ownership: Ownership;
  owner: string | null;
  /** Counts toward the state-media cap (the policy's capOwners applied). */
  stateMedia: boolean;
  actors: Actor[];
  countries: string[];
  themes: Theme[];
  /** The section it has in the digest, or would have had. */
  section: SectionId | null;
  fate: Fate;
  /** For each label, the terms that fired (the classifier's --explain evidence), made when first asked. */
  evidence: () => Record<string, string[]>;
  story: StoryVersion[];
  /** Only for an item that counts toward the cap: whether its themes let it be used, and why. */
  stateEligibility: { eligible: boolean; why: string } | null;
  /** The editors' decisions on this item: the latest per slot (cleared ones too: a change is based on them). */
  decided: ItemDecisions;
}

/** The latest decision on each of an item's slots, if any. */
export interface ItemDecisions {
  fate?: Decision;
  section?: Decision;
  country?: Decision;
  summary: Partial<Record<string, Decision>>;
}

export interface PeriodReview {
  digest: Digest;
  /** Every candidate of the period, oldest first (the selection's processing order). */
  rows: ReviewRow[];
  /** Everything decidePeriod made, for the preview (the audit, the notes in force). */
  decided: Decided;
  /** Every decision on the period, oldest first. */
  history: Decision[];
  /** The latest decision on each period-level slot (notes, cap, approval). */
  periodDecisions: Map<string, Decision>;
}

/** The period's review: the same decision `vric build` makes (decidePeriod), every candidate's fate. */
export async function reviewPeriod(opts: DecideOptions): Promise<PeriodReview> {
  const decided = await decidePeriod(opts);
  const { selection, digest, history } = decided;
  const latest = latestByKey(history);
  const decisionsOn = (id: string): ItemDecisions => {
    const summary: Partial<Record<string, Decision>> = {};
    for (const lang of ['en', 'es', 'pt']) {
      const d = latest.get(decisionKey({ subject: id, action: 'summary', lang }));
      if (d) summary[lang] = d;
    }
    const get = (action: Decision['action']) => latest.get(decisionKey({ subject: id, action, lang: '' }));
    const out: ItemDecisions = { summary };
    const fate = get('include');
    const section = get('section');
    const country = get('country');
    if (fate) out.fate = fate;
    if (section) out.section = section;
    if (country) out.country = country;
    return out;
  };
  const policy = opts.config.policy;
  // Made on the first evidence asked for, then kept.
  let classifier: ReturnType<typeof classifierFor> | undefined;
  // Each story's versions, found from its kept representative (one pass over the kept entries).
  const storyOf = new Map<Candidate, Selected>();
  for (const k of selection.kept) {
    storyOf.set(k.c, k);
    for (const o of k.alsoReportedBy) storyOf.set(o.c, k);
  }
  const version = (w: Work, kept: boolean): StoryVersion => ({
    itemId: w.c.item.id,
    outlet: w.c.source.name,
    title: w.c.item.title,
    url: w.c.item.url,
    kept,
  });
  const versions = (c: Candidate): StoryVersion[] => {
    const rep = storyOf.get(c);
    if (!rep) return [];
    return [version(rep, true), ...rep.alsoReportedBy.map((o) => version(o, false))].filter((v) => v.itemId !== c.item.id);
  };
  const row = (c: Candidate, fate: Fate, section: SectionId | null, stateMedia: boolean): ReviewRow => {
    let evidence: Record<string, string[]> | undefined;
    return {
      itemId: c.item.id,
      title: c.item.title,
      url: c.item.url,
      published: c.item.date,
      language: c.item.language || c.source.language,
      summary: c.item.summary,
      sourceId: c.source.id,
      outlet: c.source.name,
      ownership: c.source.ownership,
      owner: c.source.owner ?? null,
      stateMedia,
      actors: [...c.labels.actors],
      countries: [...c.labels.countries],
      themes: [...c.labels.themes],
      section,
      fate,
      evidence: () => {
        if (!evidence) {
          const explain = (classifier ??= classifierFor(opts.config)).classify(classifyInput(c.item), { explain: true }).explain ?? {};
          evidence = Object.fromEntries(Object.entries(explain).map(([label, hits]) => [label, [...new Set(hits.map((h) => h.term))]]));
        }
        return evidence;
      },
      story: versions(c),
      stateEligibility: stateMedia ? eligibility(c, policy) : null,
      decided: decisionsOn(c.item.id),
    };
  };
  const kept = selection.kept.map((k) => row(k.c, { kept: true }, k.section, k.state));
  const left = selection.rejected.map((r) =>
    row(r.c, { kept: false, reason: r.reason, detail: r.detail ?? null }, r.section, countsTowardCap(r.c.source, policy)),
  );
  // Each date parsed once, not at every comparison (a period can hold thousands of candidates).
  const times = new Map([...kept, ...left].map((r) => [r, Date.parse(r.published) || 0] as const));
  const rows = [...times.keys()].sort((a, b) => times.get(a)! - times.get(b)! || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  const periodDecisions = new Map([...latest.values()].filter((d) => !d.subject || d.action === 'notes').map((d) => [decisionKey(d), d] as const));
  return { digest, rows, decided, history, periodDecisions };
}

function eligibility(c: Candidate, policy: Policy): { eligible: boolean; why: string } {
  const eligible = stateThemeAllowed(c.labels, policy);
  const themes = c.labels.themes.length ? c.labels.themes.join(', ') : 'none';
  return eligible
    ? { eligible, why: `theme ${c.labels.themes.filter((t) => policy.stateAllowedThemes.includes(t)).join(', ')} is one state media may be used for, when nobody else reports the story` }
    : { eligible, why: `themes [${themes}]: state media are used only for [${policy.stateAllowedThemes.join(', ')}]` };
}
