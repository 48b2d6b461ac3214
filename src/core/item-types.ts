// An item as it flows: read from a feed, labelled, archived (see docs/architecture.md, glossary).
import type { Actor, SectionId, Theme } from './vocabulary.js';

/** One entry as read from a feed, normalised, before archiving. */
export interface FeedItem {
  sourceId: string;
  /** The feed's own id (guid/id), or the link when it has none. */
  guid: string;
  /** Canonical URL: absolute, http(s), tracking parameters removed. Empty when the entry has no link. */
  url: string;
  /** Plain text, no markup, entities decoded. */
  title: string;
  summary: string;
  /** ISO 8601 UTC, or null when the feed gave no usable date. */
  published: string | null;
  categories: string[];
  /** ISO 639-1; the entry's own when it says, else the source's. */
  language: string;
  author?: string;
  /** The classifier's labels, when the item was labelled as it was collected (see StoredLabels). */
  labels?: StoredLabels;
}

/**
 * An item's labels as the archive keeps them: made once, when the item is collected, and reused
 * by every build and audit whose classifier has the same fingerprint (its code, its lexicons and
 * the analyst's additions). Any change to those makes a new fingerprint, and the item is labelled
 * again at build time.
 */
export interface StoredLabels {
  /** Fingerprint of the classifier that made the labels (src/classify/fingerprint.ts). */
  by: string;
  value: Omit<Classification, 'id' | 'explain'>;
}

/** An archived item. */
export interface Item extends FeedItem {
  /** Stable id in the archive. */
  id: string;
  /** ISO 8601 UTC of the fetch that first stored it. */
  firstSeen: string;
  /** published, or firstSeen when the feed gave no date. */
  date: string;
}

/** Input line of `vric classify`. */
export interface ClassifyInput {
  id: string;
  title: string;
  summary?: string;
  url?: string;
  lang?: string;
  categories?: string[];
}

export interface TermHit {
  term: string;
  where: 'title' | 'summary' | 'url' | 'categories';
}

/** Output line of `vric classify`. */
export interface Classification {
  id: string;
  relevant: boolean;
  actors: Actor[];
  countries: string[];
  themes: Theme[];
  opinion: boolean;
  antiWestern: boolean;
  section: SectionId | null;
  /** Strength of the relevance evidence; ranks state items for the cap (higher is better). */
  score: number;
  /** With --explain: for each label (e.g. "actor:RU", "country:VE", "theme:health", "opinion"), the terms that fired. */
  explain?: Record<string, TermHit[]>;
}
