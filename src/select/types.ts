// Values that flow into and inside the selection stage (src/select/).
import type { Period } from '../core/digest-types.js';
import type { Classification, Item } from '../core/item-types.js';
import type { Policy, Source } from '../core/types.js';
import type { Actor, Ownership, SectionId, Theme } from '../core/vocabulary.js';

/** One archived item of the period, with its outlet and the classifier's labels. */
export interface Candidate {
  item: Item;
  source: Source;
  labels: Classification;
}

/** Replaces the policy's cap for one build; recorded in `digest.policy.override`. */
export interface CapOverride {
  cap: number;
  reason: string;
}

/** Points at one item, by its canonical URL or its archive id. */
export interface ItemRef {
  url?: string;
  id?: string;
  /** Line in overrides.yaml, for messages. */
  line?: number;
}

export interface PinRule extends ItemRef {
  /** Put the pinned item in this section (needed when the classifier gave it none). */
  section?: SectionId;
}

export interface ExcludeRule extends ItemRef {
  /** The editor's reason; becomes the exclusion's detail. */
  reason: string;
}

/** An item no feed carried, added by the editors. */
export interface ManualEntry {
  title: string;
  url: string;
  outlet: string;
  /** ISO date or date-time. */
  date: string;
  section: SectionId;
  summary?: string;
  language?: string;
  actors?: Actor[];
  countries?: string[];
  themes?: Theme[];
  /** Default 'independent'. */
  ownership?: Ownership;
  /** Controlling state, ISO alpha-2, when ownership is 'state'. */
  owner?: string;
  line?: number;
}

/** The editors' decisions for one build (overrides.yaml). */
export interface Overrides {
  /** File they came from, for messages. */
  file?: string;
  pin: PinRule[];
  exclude: ExcludeRule[];
  add: ManualEntry[];
}

export interface BuildDigestOptions {
  period: Period;
  policy: Policy;
  /** The build's clock: becomes `generatedAt`. */
  now: Date;
  capOverride?: CapOverride;
  overrides?: Overrides;
  sectionTitles?: Partial<Record<SectionId, string>>;
}
