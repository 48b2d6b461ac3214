// The editors' decisions on a period, as the archive keeps them: one row per decision, never
// changed; the latest decision on a key (subject, action, language) is the one in force, and the
// rows before it are the history. The desk and `vric decide` make them, the archive stores them,
// select applies them.
import type { SectionId } from './vocabulary.js';

/**
 * What a decision does. `include` keeps an item whatever the rules say (also how a version of a
 * story is chosen: the included version represents it); `exclude` leaves it out with a reason;
 * `section` and `country` put it under another section or country heading; `summary` is its item line's text in
 * one edition language; `add` is an entry no feed carried; `notes` an overview or section analysis;
 * `cap` a special-edition cap with its reason; `approve` freezes the period.
 */
export const DECISION_ACTIONS = ['include', 'exclude', 'section', 'country', 'summary', 'add', 'notes', 'cap', 'approve'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/**
 * What a decision sets, so that decisions replace each other: including and excluding an item both
 * set its fate (the later one is in force); every other action sets a slot of its own.
 */
export function slotOf(action: DecisionAction): string {
  return action === 'include' || action === 'exclude' ? 'fate' : action;
}

/** One stored decision. `value` null clears the key (an undo to "no decision"). */
export interface Decision {
  /** Increasing over the archive: a later decision has a larger id. */
  id: number;
  /** The period's key, `2026-09` or `2026-09..2026-10` (periodKey). */
  period: string;
  /** An item id; `add:N` for an added entry; `overview` or a section id for notes; '' for the period. */
  subject: string;
  action: DecisionAction;
  /** An edition language for summaries and notes; '' where the decision has none. */
  lang: string;
  value: DecisionValue | null;
  editor: string;
  /** ISO instant. */
  at: string;
  /** The id of the decision on the same key this one replaced, 0 for the first. */
  supersedes: number;
}

export interface SectionValue {
  section: SectionId;
}

export interface CountryValue {
  /** ISO code of the country heading the entry goes under. */
  country: string;
}

/** The JSON a decision carries, by action. */
export type DecisionValue =
  | { include: true }
  | { reason: string }
  | SectionValue
  | CountryValue
  | { text: string }
  | { cap: number; reason: string }
  | { approved: true; revision: number }
  | Record<string, unknown>;

/** A decision about to be stored: the archive gives it its id and `supersedes`. */
export type NewDecision = Omit<Decision, 'id' | 'supersedes'>;
