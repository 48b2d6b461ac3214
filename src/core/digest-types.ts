// The digest: what the select stage decides for a period, and the only thing render and audit read.
import type { Policy } from './config-types.js';
import type { Actor, Ownership, SectionId, Theme } from './vocabulary.js';

export interface SourceRef {
  id: string;
  name: string;
  ownership: Ownership;
  owner: string | null;
  language: string;
  /** True when the item counts toward the state-media cap. */
  stateMedia: boolean;
}

export interface DigestEntry {
  title: string;
  url: string;
  published: string;
  language: string;
  summary: string;
  source: SourceRef;
  actors: Actor[];
  countries: string[];
  themes: Theme[];
  /** Other outlets that reported the same story. */
  alsoReportedBy: { name: string; url: string; stateMedia: boolean }[];
  /** Why the classifier put it here (terms per label), for hover text. */
  why?: Record<string, string[]>;
  /** An editors' pick (overrides.yaml `pin:`): the edition marks it. An include or a move does not. */
  pinned?: boolean;
  manual?: boolean;
  /** The editors' text for the item line, by edition language (en, es, pt); else the summary. */
  summaries?: Record<string, string>;
}

export interface DigestSection {
  id: SectionId;
  title: string;
  items: DigestEntry[];
}

/** Fixed vocabulary of exclusion reasons (documented in the README). */
export type ExclusionReason =
  | 'irrelevant'
  | 'out-of-period'
  | 'duplicate'
  | 'opinion'
  | 'anti-western'
  | 'state-not-eligible'
  | 'state-reported-elsewhere'
  | 'state-cap'
  | 'excluded-by-editor';

/** An item of the period left out of the digest. Fields after `detail` came later: they are last so the earlier ones keep their order. */
export interface Exclusion {
  title: string;
  url: string;
  /** The outlet's source id. */
  source: string;
  reason: ExclusionReason;
  /** Optional detail, e.g. the item it duplicates or the editor's reason. */
  detail?: string;
  /** The item's date, as entries give it (ISO 8601 UTC). */
  published: string;
  /** The outlet's name. */
  outlet: string;
  /** The section the policy gave it, where it would have been; null when it has none. */
  section: SectionId | null;
}

export interface Period {
  /** Inclusive start, ISO date (first day of the first month), UTC. */
  start: string;
  /** Inclusive end, ISO date (last day of the last month), UTC. */
  end: string;
  /** "August to September 2021". */
  label: string;
  /** Used in file names: "2021-08..2021-09" becomes "2021-08_2021-09". */
  slug: string;
  /** First and last month, "YYYY-MM". */
  from: string;
  to: string;
}

/** Where the state-media cap stands in one scope: the whole digest, or one section. */
export interface CapScopeVerdict {
  /** 'overall', or the section id when the cap applies per section. */
  scope: string;
  /** Entries in this scope. */
  items: number;
  /** Entries in this scope that count toward the cap. */
  used: number;
  /** Most such entries the cap allows beside this scope's others; null when it sets no limit. */
  allowed: number | null;
  /** More used than allowed: only pinned or manual entries can do this. */
  over: boolean;
}

/**
 * The one verdict on the state-media cap, made by the select stage where it applies the cap;
 * the audit and the renderers read it and never decide it again.
 */
export interface CapVerdict {
  /** The policy's cap (sources.yaml), whether or not an override replaced it. */
  policyCap: number;
  /** The cap applied: the override's when there is one. */
  cap: number;
  override: { cap: number; reason: string } | null;
  capScope: Policy['capScope'];
  /** Summed over the scopes. */
  used: number;
  allowed: number | null;
  /** How many more entries counting toward the cap it would allow (per scope, summed); null = no limit. */
  headroom: number | null;
  /** True when any scope is over. */
  over: boolean;
  /** One scope ('overall'), or every section in the publication's order. */
  scopes: CapScopeVerdict[];
}

export interface DigestStats {
  total: number;
  stateMedia: number;
  stateShare: number;
  cap: number;
  capVerdict: CapVerdict;
}

export interface Digest {
  title: string;
  period: Period;
  generatedAt: string;
  sections: DigestSection[];
  stats: DigestStats;
  excluded: Exclusion[];
  policy: {
    cap: number;
    capScope: 'overall' | 'section';
    capOwners: string[] | null;
    /** Set when the cap was raised for this build, with the editors' reason. */
    override: { cap: number; reason: string } | null;
  };
}
