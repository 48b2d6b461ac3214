// The editors' decisions in a SQLite archive. A batch is one transaction that first checks each
// key is still where the editor saw it; SQLite runs one writer at a time, so the check and the
// insert cannot be interleaved with another editor's (the unique key would refuse it anyway).
import type Database from 'better-sqlite3';
import { slotOf, type Decision } from '../../core/decision-types.js';
import type { Archive, DecisionChange, RecordOutcome } from '../archive.js';
import { decisionValues, INSERT_DECISION, NEWEST_OF_PERIOD, periodRefusal, INSERT_SNAPSHOT, LATEST_OF_KEY, rowToDecision, SELECT_ALL_DECISIONS, SELECT_DECISIONS, SELECT_SNAPSHOT, sqliteParams, type DecisionRow } from '../decision-rows.js';

class SqliteDecisions {
  private readonly select: Database.Statement;
  private readonly selectAll: Database.Statement;
  private readonly latest: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly insertSnapshot: Database.Statement;
  private readonly selectSnapshot: Database.Statement;
  private readonly newest: Database.Statement;
  /** Run with .immediate() (see sqlite-archive.ts): the check and the insert under one write lock. */
  private readonly recordTx: Database.Transaction<(changes: DecisionChange[], snapshot: string | undefined) => RecordOutcome>;

  constructor(db: Database.Database) {
    this.select = db.prepare(sqliteParams(SELECT_DECISIONS));
    this.selectAll = db.prepare(SELECT_ALL_DECISIONS);
    this.latest = db.prepare(sqliteParams(LATEST_OF_KEY));
    this.insert = db.prepare(sqliteParams(INSERT_DECISION));
    this.insertSnapshot = db.prepare(sqliteParams(INSERT_SNAPSHOT));
    this.selectSnapshot = db.prepare(sqliteParams(SELECT_SNAPSHOT));
    this.newest = db.prepare(sqliteParams(NEWEST_OF_PERIOD));
    this.recordTx = db.transaction((changes: DecisionChange[], snapshot: string | undefined): RecordOutcome => {
      const stored: Decision[] = [];
      for (const change of changes) {
        const d = change.decision;
        const approvalRow = this.latest.get(d.period, '', 'approve', '') as DecisionRow | undefined;
        const newestRow = this.newest.get(d.period) as DecisionRow | undefined;
        const refusal = periodRefusal(change, approvalRow ? rowToDecision(approvalRow) : undefined, newestRow ? rowToDecision(newestRow) : undefined);
        if (refusal) throw new Stale({ change, latest: refusal });
        const row = this.latest.get(d.period, d.subject, slotOf(d.action), d.lang) as DecisionRow | undefined;
        const latest = row ? rowToDecision(row) : undefined;
        if ((latest?.id ?? 0) !== change.base) throw new Stale({ change, latest });
        stored.push(rowToDecision(this.insert.get(...decisionValues(change)) as DecisionRow));
      }
      const last = stored.at(-1);
      if (snapshot !== undefined && last) this.insertSnapshot.run(last.id, snapshot);
      return { stored };
    });
  }

  of(period: string): Decision[] {
    return (this.select.all(period) as DecisionRow[]).map(rowToDecision);
  }

  all(): Decision[] {
    return (this.selectAll.all() as DecisionRow[]).map(rowToDecision);
  }

  record(changes: DecisionChange[], snapshot?: string): RecordOutcome {
    try {
      return this.recordTx.immediate(changes, snapshot);
    } catch (e) {
      // Thrown to roll the whole batch back; the refusal itself is an answer, not an error.
      if (e instanceof Stale) return { stale: e.stale };
      throw e;
    }
  }

  snapshot(decisionId: number): string | undefined {
    return (this.selectSnapshot.get(decisionId) as { snapshot: string } | undefined)?.snapshot;
  }
}

class Stale extends Error {
  constructor(readonly stale: { change: DecisionChange; latest: Decision | undefined }) {
    super('stale');
  }
}

/** The archive's decision methods over this database (the archive class takes them as they are). */
export function sqliteDecisions(db: Database.Database): Pick<Archive, 'decisionsOf' | 'allDecisions' | 'recordDecisions' | 'approvedSnapshot'> {
  const d = new SqliteDecisions(db);
  return {
    decisionsOf: async (period) => d.of(period),
    allDecisions: async () => d.all(),
    recordDecisions: async (changes, snapshot) => d.record(changes, snapshot),
    approvedSnapshot: async (id) => d.snapshot(id),
  };
}
