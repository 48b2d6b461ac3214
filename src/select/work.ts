// Shared vocabulary of the selection steps: a candidate being worked on, a kept entry, a
// rejected one, and the orders used to choose between items.
import type { ExclusionReason } from '../core/digest-types.js';
import type { Classification } from '../core/item-types.js';
import type { Policy, Source } from '../core/config-types.js';
import type { SectionId, Theme } from '../core/vocabulary.js';
import type { Candidate } from './types.js';

/** A candidate on its way through the steps. */
export interface Work {
  c: Candidate;
  /** The item's date as epoch ms (parsed once: the orders below compare it often); NaN if unreadable. */
  time: number;
  /** Counts toward the state-media cap (see `countsTowardCap`). */
  state: boolean;
  /** Kept whatever the rules say: pinned or included by the editors, or a manual entry. */
  pinned: boolean;
  /** Pinned in overrides.yaml's pin: list, which the edition marks as the editors' pick. */
  pick?: boolean;
  manual: boolean;
  section: SectionId | null;
  /** The country heading the editors chose, shown first among the entry's countries. */
  country?: string;
  /** The editors' item-line text by edition language. */
  summaries?: Record<string, string>;
}

/** A candidate that made it into the digest. */
export interface Selected extends Work {
  section: SectionId;
  /** Other members of its story cluster, one per outlet. */
  alsoReportedBy: Work[];
}

/** A candidate left out, with its one reason. */
export interface Rejected {
  c: Candidate;
  /** The section it would have had: its Work's, decided once when the Work was made. */
  section: SectionId | null;
  reason: ExclusionReason;
  detail?: string;
}

/** The rejection of a Work, carrying its section (every step rejects through here). */
export function rejectedOf(w: Work, reason: ExclusionReason, detail?: string): Rejected {
  return detail === undefined ? { c: w.c, section: w.section, reason } : { c: w.c, section: w.section, reason, detail };
}

/** State-owned or -controlled, and (when the policy lists owners) owned by one of them. */
export function countsTowardCap(source: Source, policy: Policy): boolean {
  if (source.ownership !== 'state') return false;
  if (!policy.capOwners || policy.capOwners.length === 0) return true;
  const owner = (source.owner ?? '').toUpperCase();
  return policy.capOwners.some((o) => o.toUpperCase() === owner);
}

/** A state item may be used at all only for an allowed theme (cultural, diplomatic, …). */
export function stateThemeAllowed(labels: Classification, policy: Policy): boolean {
  return labels.themes.some((t: Theme) => policy.stateAllowedThemes.includes(t));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Dates compared as instants: feeds write ISO times with and without milliseconds. */
const time = (w: Work) => w.time || 0;

/**
 * Which version represents a story: pinned first; then independent or public outlets, then
 * state outlets outside the cap, then capped state outlets; then the EARLIEST (the outlet
 * that broke the story; wire copy and rewrites come later); then the longer summary (more
 * complete); then source id and item id, so the choice never depends on input order.
 */
export function representativeOrder(a: Work, b: Work): number {
  const tier = (w: Work) => (w.c.source.ownership !== 'state' ? 0 : w.state ? 2 : 1);
  return (
    Number(b.pinned) - Number(a.pinned) ||
    tier(a) - tier(b) ||
    time(a) - time(b) ||
    b.c.item.summary.length - a.c.item.summary.length ||
    cmp(a.c.source.id, b.c.source.id) ||
    cmp(a.c.item.id, b.c.item.id)
  );
}

/** Which state items fill the cap first: classifier score, then newest, then id. */
export function stateRankOrder(a: Work, b: Work): number {
  return (
    b.c.labels.score - a.c.labels.score ||
    time(b) - time(a) ||
    cmp(a.c.item.id, b.c.item.id)
  );
}

/** Processing order of the candidates: oldest first, then id. */
export function chronological(a: Work, b: Work): number {
  return time(a) - time(b) || cmp(a.c.item.id, b.c.item.id) || cmp(a.c.source.id, b.c.source.id);
}
