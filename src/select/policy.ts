// The editorial policy, as named steps in the order they run:
//
//   1. screenItem         excluded-by-editor, out-of-period, irrelevant, opinion, anti-western
//                         (first that applies; the editor's word is the most specific reason)
//   2. dropUrlDuplicates  the same canonical URL twice                     → duplicate
//   3. resolveStories     one entry per story; state-not-eligible, state-reported-elsewhere,
//                         duplicate (src/select/stories.ts)
//   4. applyStateCap      state items beyond floor(cap/(1−cap) × N)        → state-cap
//
// Every candidate leaves with exactly one reason or stays. Pinned items skip the automatic
// reasons (an include is a pin without the pick mark); manual entries (overrides.yaml `add:`)
// are pinned candidates of the period their date falls in, and of no other (`manualWork`); a
// move changes the section without keeping the item. An editor's exclusion wins over a pin. The
// cap is the policy's unless a CapOverride replaces it.
import { usageError } from '../core/errors.js';
import { periodBounds } from '../core/period.js';
import type { CapScopeVerdict, CapVerdict, ExclusionReason, Period } from '../core/digest-types.js';
import type { Policy } from '../core/config-types.js';
import type { SectionId } from '../core/vocabulary.js';
import { SECTION_OF_ACTOR } from '../core/vocabulary.js';
import { checkCap } from './cap.js';
import type { ClusterSettings } from './same-story.js';
import { manualCandidate, manualTime, markEditorial } from './editorial.js';
import { applyStateCap } from './state-cap.js';
import { resolveStories } from './stories.js';
import type { Candidate, CapOverride, Overrides } from './types.js';
import { canonicalUrlKey } from './url.js';
import { chronological, countsTowardCap, rejectedOf, representativeOrder, type Rejected, type Selected, type Work } from './work.js';

export interface SelectOptions {
  period: Period;
  policy: Policy;
  capOverride?: CapOverride;
  overrides?: Overrides;
  cluster?: Partial<ClusterSettings>;
}

export interface Selection {
  kept: Selected[];
  /** Every input candidate not kept, in processing order (oldest first). */
  rejected: Rejected[];
  /** The cap applied: the override's when there is one. */
  cap: number;
  /** Where the kept items stand against the cap: the one verdict audit and render read. */
  verdict: CapVerdict;
}

/** Section of an item: a pin's choice, else the classifier's, else its first actor's. */
export function sectionOf(c: Candidate, pinSection: SectionId | undefined): SectionId | null {
  const firstActor = c.labels.actors[0];
  return pinSection ?? c.labels.section ?? (firstActor ? SECTION_OF_ACTOR[firstActor] : null);
}

/** The period being built as half-open epoch-ms bounds: [start, end). */
export interface PeriodSpan {
  start: number;
  end: number;
}

/** Whether an instant lies in the period being built; an unreadable date (NaN) lies in none. */
export function inPeriod(time: number, span: PeriodSpan): boolean {
  return time >= span.start && time < span.end;
}

/**
 * The manual entries of the period being built. overrides.yaml is shared over many periods: an
 * entry dated in another is no candidate of this one (not kept, not counted toward the cap, not
 * in the stats or `excluded`), and says nothing, since it is not a mistake. Ids are by position
 * in the file, so an entry keeps its id whichever period is built.
 */
export function manualWork(overrides: Overrides | undefined, span: PeriodSpan, policy: Policy): Work[] {
  return (overrides?.add ?? []).flatMap((entry, i): Work[] => {
    const time = manualTime(entry);
    if (!inPeriod(time, span)) return [];
    const c = manualCandidate(entry, i);
    return [{ c, time, state: countsTowardCap(c.source, policy), pinned: true, manual: true, section: sectionOf(c, undefined) }];
  });
}

/** Step 1: the reasons that concern an item on its own. */
export function screenItem(w: Work, span: PeriodSpan, editorExclusion: string | undefined): Rejected | null {
  const reject = (reason: ExclusionReason, detail?: string) => rejectedOf(w, reason, detail);
  if (editorExclusion !== undefined) return reject('excluded-by-editor', editorExclusion);
  if (w.pinned) {
    return w.section ? null : reject('irrelevant', 'pinned, but it has no section: give the pin a section');
  }
  if (!inPeriod(w.time, span)) {
    return reject('out-of-period', Number.isNaN(w.time) ? 'no usable date' : `dated ${w.c.item.date}`);
  }
  const { labels } = w.c;
  if (!labels.relevant) return reject('irrelevant');
  if (labels.opinion) return reject('opinion');
  if (labels.antiWestern) return reject('anti-western');
  if (!w.section) return reject('irrelevant', 'no section (no VRIC actor)');
  return null;
}

/** Step 2: one item per canonical URL (the same article from two feeds). */
export function dropUrlDuplicates(items: Work[]): { kept: Work[]; rejected: Rejected[] } {
  const byUrl = new Map<string, Work[]>();
  const kept: Work[] = [];
  for (const w of items) {
    const key = canonicalUrlKey(w.c.item.url);
    if (!key) kept.push(w);
    else {
      const group = byUrl.get(key);
      if (group) group.push(w);
      else byUrl.set(key, [w]);
    }
  }
  const rejected: Rejected[] = [];
  for (const group of byUrl.values()) {
    const [best, ...others] = [...group].sort(representativeOrder);
    if (best) kept.push(best);
    for (const o of others) {
      if (o.pinned) kept.push(o);
      else rejected.push(rejectedOf(o, 'duplicate', `same URL as ${best?.c.source.name} (item ${best?.c.item.id})`));
    }
  }
  return { kept: kept.sort(chronological), rejected };
}

export function selectItems(candidates: readonly Candidate[], opts: SelectOptions): Selection {
  const { policy } = opts;
  const cap = opts.capOverride ? opts.capOverride.cap : policy.stateMediaCap;
  checkCap(cap, opts.capOverride ? 'cap override' : 'policy.stateMediaCap');
  // The digest prints why the cap changed; an override without a reason would print nothing.
  if (opts.capOverride && !opts.capOverride.reason.trim()) throw usageError('a cap override needs a reason (it is printed in the digest)');

  const { startIso, endExclusiveIso } = periodBounds(opts.period);
  const span: PeriodSpan = { start: Date.parse(startIso), end: Date.parse(endExclusiveIso) };
  const marks = markEditorial(candidates, opts.overrides);
  const work: Work[] = [
    ...candidates.map((c, i): Work => {
      const pin = marks.pinned.get(i);
      const move = marks.moved.get(i);
      const summaries = marks.summaries.get(i);
      return {
        c,
        time: Date.parse(c.item.date),
        state: countsTowardCap(c.source, policy),
        pinned: pin !== undefined || marks.included.has(i),
        ...(pin ? { pick: true } : {}),
        manual: false,
        section: sectionOf(c, move?.section ?? pin?.section),
        ...(move?.country ? { country: move.country } : {}),
        ...(summaries ? { summaries } : {}),
      };
    }),
    ...manualWork(opts.overrides, span, policy),
  ];
  const editorReason = new Map<Work, string>();
  candidates.forEach((_, i) => {
    const rule = marks.excluded.get(i);
    if (rule) editorReason.set(work[i] as Work, rule.reason);
  });

  const rejected: Rejected[] = [];
  const screened: Work[] = [];
  for (const w of [...work].sort(chronological)) {
    const r = screenItem(w, span, editorReason.get(w));
    if (r) rejected.push(r);
    else screened.push(w);
  }

  const unique = dropUrlDuplicates(screened);
  const stories = resolveStories(unique.kept, policy, opts.cluster);
  const capped = applyStateCap(stories.kept, cap, policy.capScope);

  const order = new Map(work.map((w) => [w.c, w] as const));
  const all = [...rejected, ...unique.rejected, ...stories.rejected, ...capped.rejected].sort((a, b) =>
    chronological(order.get(a.c) as Work, order.get(b.c) as Work),
  );
  const verdict = judgeCap(capped.scopes, cap, policy, opts.capOverride);
  return { kept: capped.kept, rejected: all, cap, verdict };
}

/** The scopes' figures summed, with the caps they were judged by. */
function judgeCap(scopes: CapScopeVerdict[], cap: number, policy: Policy, override: CapOverride | undefined): CapVerdict {
  const limited = scopes.every((s) => s.allowed !== null);
  const sum = (f: (s: CapScopeVerdict) => number) => scopes.reduce((n, s) => n + f(s), 0);
  return {
    policyCap: policy.stateMediaCap,
    cap,
    override: override ? { cap: override.cap, reason: override.reason } : null,
    capScope: policy.capScope,
    used: sum((s) => s.used),
    allowed: limited ? sum((s) => s.allowed as number) : null,
    headroom: limited ? sum((s) => Math.max(0, (s.allowed as number) - s.used)) : null,
    over: scopes.some((s) => s.over),
    scopes,
  };
}
