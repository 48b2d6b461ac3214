// A decision as a row of the decisions table and back, and the key that makes decisions replace
// each other: written once for both backends.
import { slotOf, type Decision, type DecisionAction } from '../core/decision-types.js';
import type { DecisionChange } from './archive.js';

export interface DecisionRow {
  id: number | string;
  period: string;
  subject: string;
  action: string;
  lang: string;
  value: string | null;
  editor: string;
  at: string;
  supersedes: number | string;
}

export function rowToDecision(r: DecisionRow): Decision {
  return {
    id: Number(r.id),
    period: r.period,
    subject: r.subject,
    action: r.action as DecisionAction,
    lang: r.lang,
    value: r.value === null ? null : (JSON.parse(r.value) as Decision['value']),
    editor: r.editor,
    at: r.at,
    supersedes: Number(r.supersedes),
  };
}

/** The row's values in the order of INSERT_DECISION's columns. */
export function decisionValues(c: DecisionChange): (string | number | null)[] {
  const d = c.decision;
  return [d.period, d.subject, d.action, slotOf(d.action), d.lang, d.value === null ? null : JSON.stringify(d.value), d.editor, d.at, c.base];
}

export const SELECT_DECISIONS = 'SELECT * FROM decisions WHERE period = $1 ORDER BY id';
/** Every decision of every period, oldest first (a migration replays them in this order). */
export const SELECT_ALL_DECISIONS = 'SELECT * FROM decisions ORDER BY id';
/** The latest decision of one key (period, subject, slot, lang). */
export const LATEST_OF_KEY = 'SELECT * FROM decisions WHERE period = $1 AND subject = $2 AND slot = $3 AND lang = $4 ORDER BY id DESC LIMIT 1';
export const INSERT_DECISION = `INSERT INTO decisions (period, subject, action, slot, lang, value, editor, at, supersedes)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`;
/** The period's newest decision: an approval must have seen it. */
export const NEWEST_OF_PERIOD = 'SELECT * FROM decisions WHERE period = $1 ORDER BY id DESC LIMIT 1';

/**
 * What the period itself forbids a change, checked inside the transaction that stores it: an
 * approval based on an older view of the period (a decision came after the one the editor saw),
 * or any decision but a reopening while the period is approved. `approval` is the period's latest
 * approve row, `newest` its newest decision; the decision that forbids it is returned.
 */
export function periodRefusal(change: DecisionChange, approval: Decision | undefined, newest: Decision | undefined): Decision | undefined {
  const d = change.decision;
  if (d.action === 'approve') {
    if (d.value === null) return undefined;
    const seen = Number((d.value as { revision?: unknown }).revision ?? -1);
    return seen === (newest?.id ?? 0) ? undefined : newest;
  }
  return approval && approval.value !== null ? approval : undefined;
}

export const INSERT_SNAPSHOT = 'INSERT INTO approved_digests (decision_id, snapshot) VALUES ($1, $2)';
export const SELECT_SNAPSHOT = 'SELECT snapshot FROM approved_digests WHERE decision_id = $1';

/** The same statements for better-sqlite3, whose positional parameters are `?` (each $N above appears once, in order). */
export const sqliteParams = (sql: string) => sql.replace(/\$\d+/g, '?');
