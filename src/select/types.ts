// Values that flow into and inside the selection stage (src/select/).
import type { Period } from '../core/digest-types.js';
import type { Classification, Item } from '../core/item-types.js';
import type { Policy, Source } from '../core/config-types.js';
import type { SectionId } from '../core/vocabulary.js';
import type { ExcludeRule, ManualEntry, PinRule } from './overrides-schema.js';

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

// The rules of overrides.yaml: their types are the schema's output (overrides-schema.ts).
export type { ExcludeRule, ManualEntry, PinRule };

/** Another section or country heading for an item, without keeping it whatever the rules say. */
export interface MoveRule extends ItemRef {
  section?: SectionId;
  country?: string;
}

/** The text of an item's line in one edition language. */
export interface SummaryRule extends ItemRef {
  lang: string;
  text: string;
}

/**
 * The editors' decisions for one build: overrides.yaml's lists, and the desk's decisions in the same
 * vocabulary (select/decisions.ts). A pin keeps an item and marks it as the editors' pick; an
 * include keeps it without the mark (and, on one version of a story, makes that version the one
 * shown).
 */
export interface Overrides {
  /** File they came from, for messages. */
  file?: string;
  pin: PinRule[];
  exclude: ExcludeRule[];
  add: ManualEntry[];
  include?: ItemRef[];
  move?: MoveRule[];
  summary?: SummaryRule[];
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
