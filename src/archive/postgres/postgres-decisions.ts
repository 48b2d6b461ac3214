// The editors' decisions in a PostgreSQL archive, where several editors may decide at once. A
// batch checks each key is still where the editor saw it and inserts in one transaction; two
// editors who both saw the same latest row race to insert a row superseding it, and the unique
// key (period, subject, action, lang, supersedes) lets only one of them in: the other's insert
// fails with unique_violation, the batch rolls back, and the editor is told. No lock is held
// between looking and deciding.
import { slotOf, type Decision } from '../../core/decision-types.js';
import type { Archive, DecisionChange, RecordOutcome } from '../archive.js';
import { decisionValues, INSERT_DECISION, NEWEST_OF_PERIOD, periodRefusal, INSERT_SNAPSHOT, LATEST_OF_KEY, rowToDecision, SELECT_ALL_DECISIONS, SELECT_DECISIONS, SELECT_SNAPSHOT, type DecisionRow } from '../decision-rows.js';
import { errorCode, type PostgresConnections } from './postgres-connect.js';

const UNIQUE_VIOLATION = '23505';

async function decisionsOf(db: PostgresConnections, period: string): Promise<Decision[]> {
  const res = await db.query<DecisionRow>({ name: 'vric_decisions_of', text: SELECT_DECISIONS, values: [period] });
  return res.rows.map(rowToDecision);
}

async function allDecisions(db: PostgresConnections): Promise<Decision[]> {
  const res = await db.query<DecisionRow>({ name: 'vric_all_decisions', text: SELECT_ALL_DECISIONS });
  return res.rows.map(rowToDecision);
}

async function recordDecisions(db: PostgresConnections, changes: DecisionChange[], snapshot?: string): Promise<RecordOutcome> {
  let refused: { change: DecisionChange; latest: Decision | undefined } | undefined;
  const latestOf = async (change: DecisionChange) => {
    const d = change.decision;
    const res = await db.query<DecisionRow>({ name: 'vric_latest_decision', text: LATEST_OF_KEY, values: [d.period, d.subject, slotOf(d.action), d.lang] });
    return res.rows[0] ? rowToDecision(res.rows[0]) : undefined;
  };
  try {
    return await db.transaction(async (c) => {
      const stored: Decision[] = [];
      // One editor at a time on a period, for the length of this transaction: the period-wide
      // checks below (approved? anything newer than the approval saw?) read rows a concurrent
      // insert would not lock.
      const periods = [...new Set(changes.map((ch) => ch.decision.period))].sort();
      for (const p of periods) await c.query({ name: 'vric_decisions_lock', text: 'SELECT pg_advisory_xact_lock(hashtext($1))', values: [p] });
      for (const change of changes) {
        const d = change.decision;
        const one = async (text: string, values: unknown[], name: string) => {
          const r = await c.query<DecisionRow>({ name, text, values });
          return r.rows[0] ? rowToDecision(r.rows[0]) : undefined;
        };
        const refusal = periodRefusal(change, await one(LATEST_OF_KEY, [d.period, '', 'approve', ''], 'vric_latest_decision'), await one(NEWEST_OF_PERIOD, [d.period], 'vric_newest_decision'));
        if (refusal) {
          refused = { change, latest: refusal };
          throw new Error('stale');
        }
        const res = await c.query<DecisionRow>({ name: 'vric_latest_decision', text: LATEST_OF_KEY, values: [d.period, d.subject, slotOf(d.action), d.lang] });
        const latest = res.rows[0] ? rowToDecision(res.rows[0]) : undefined;
        if ((latest?.id ?? 0) !== change.base) {
          refused = { change, latest };
          throw new Error('stale');
        }
        try {
          const ins = await c.query<DecisionRow>({ name: 'vric_insert_decision', text: INSERT_DECISION, values: decisionValues(change) });
          stored.push(rowToDecision(ins.rows[0] as DecisionRow));
        } catch (e) {
          if (errorCode(e) === UNIQUE_VIOLATION) refused = { change, latest: undefined };
          throw e;
        }
      }
      const last = stored.at(-1);
      if (snapshot !== undefined && last) await c.query({ name: 'vric_insert_snapshot', text: INSERT_SNAPSHOT, values: [last.id, snapshot] });
      return { stored };
    });
  } catch (e) {
    if (!refused) throw e;
    // The row that won the race, read after it committed.
    return { stale: { change: refused.change, latest: refused.latest ?? (await latestOf(refused.change)) } };
  }
}

async function approvedSnapshot(db: PostgresConnections, decisionId: number): Promise<string | undefined> {
  const res = await db.query<{ snapshot: string }>({ name: 'vric_snapshot', text: SELECT_SNAPSHOT, values: [decisionId] });
  return res.rows[0]?.snapshot;
}

/** The archive's decision methods over these connections (the archive class takes them as they are). */
export function postgresDecisions(db: PostgresConnections): Pick<Archive, 'decisionsOf' | 'allDecisions' | 'recordDecisions' | 'approvedSnapshot'> {
  return {
    decisionsOf: (period) => decisionsOf(db, period),
    allDecisions: () => allDecisions(db),
    recordDecisions: (changes, snapshot) => recordDecisions(db, changes, snapshot),
    approvedSnapshot: (id) => approvedSnapshot(db, id),
  };
}
