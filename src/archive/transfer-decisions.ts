// Carrying the editors' decisions from one archive to another (vric migrate, after the items): the
// whole history, replayed in id order through recordDecisions, so the target checks each row as
// it checks an editor's (its key's latest row is the one it replaces). The target numbers the rows
// itself: each row's `supersedes`, and an approval's revision, are mapped to the new ids of the
// rows they named, and an approval's frozen digest goes with it. A period the target already holds
// the same history for (an earlier migration) is carried only where the target stops; one whose
// history in the target is another is left alone and reported, never merged.
import type { Archive, DecisionChange } from './archive.js';
import type { Decision, NewDecision } from '../core/decision-types.js';

/** Decisions per recordDecisions batch (one transaction), unless a row names one not yet stored. */
const DECISION_BATCH = 500;

export interface DecisionsTransferReport {
  /** Decisions the source held (every period). */
  read: number;
  /** Stored in the target now, and found there already (the same history, migrated before). */
  added: number;
  alreadyThere: number;
  /** Approvals carried with the digest they froze. */
  snapshots: number;
  /** Periods whose decisions were not carried, because the target holds a different history for them. */
  leftOut: { period: string; decisions: number; why: string }[];
  /** Something the target refused (another process writing to it): the report is then not ok. */
  problems: string[];
}

/** A source row as the target stores it: the ids it names mapped to the target's own. */
function carried(d: Decision, newId: ReadonlyMap<number, number>): NewDecision {
  const value = d.action === 'approve' && d.value && typeof (d.value as { revision?: unknown }).revision === 'number'
    ? { ...d.value, revision: newId.get((d.value as { revision: number }).revision) ?? 0 }
    : d.value;
  return { period: d.period, subject: d.subject, action: d.action, lang: d.lang, value, editor: d.editor, at: d.at };
}

const sameRow = (a: NewDecision, b: Decision) =>
  a.period === b.period && a.subject === b.subject && a.action === b.action && a.lang === b.lang && a.editor === b.editor && a.at === b.at &&
  JSON.stringify(a.value) === JSON.stringify(b.value);

export async function transferDecisions(from: Archive, to: Archive): Promise<DecisionsTransferReport> {
  const [source, target] = await Promise.all([from.allDecisions(), to.allDecisions()]);
  const report: DecisionsTransferReport = { read: source.length, added: 0, alreadyThere: 0, snapshots: 0, leftOut: [], problems: [] };
  const byPeriod = (rows: Decision[]) => {
    const out = new Map<string, Decision[]>();
    for (const d of rows) out.set(d.period, [...(out.get(d.period) ?? []), d]);
    return out;
  };
  const targetOf = byPeriod(target);
  const newId = new Map<number, number>();
  const replay = new Set<number>();
  for (const [period, rows] of byPeriod(source)) {
    const there = targetOf.get(period) ?? [];
    // The target's history must be the start of the source's, row for row, or nothing is carried.
    const mismatch = there.findIndex((t, i) => {
      const s = rows[i];
      if (!s || !sameRow(carried(s, newId), t) || (newId.get(s.supersedes) ?? 0) !== t.supersedes) return true;
      newId.set(s.id, t.id);
      return false;
    });
    if (mismatch >= 0) {
      report.leftOut.push({ period, decisions: rows.length, why: `the target already holds other decisions on ${period} (its decision ${there[mismatch]!.id} differs)` });
      continue;
    }
    report.alreadyThere += there.length;
    for (const s of rows.slice(there.length)) replay.add(s.id);
  }

  let batch: { row: Decision; change: DecisionChange }[] = [];
  const flush = async (snapshot?: string) => {
    if (!batch.length) return true;
    const outcome = await to.recordDecisions(batch.map((b) => b.change), snapshot);
    if ('stale' in outcome) {
      const c = outcome.stale.change.decision;
      report.problems.push(`the target refused decision ${c.action} of ${c.subject || 'the period'} on ${c.period}: it changed while the decisions were copied (is another process writing to it?)`);
      return false;
    }
    outcome.stored.forEach((d, i) => newId.set(batch[i]!.row.id, d.id));
    report.added += outcome.stored.length;
    batch = [];
    return true;
  };
  const pending = (id: number) => id !== 0 && !newId.has(id) && batch.some((b) => b.row.id === id);
  for (const row of source) {
    if (!replay.has(row.id)) continue;
    const revision = (row.value as { revision?: unknown } | null)?.revision;
    // A row that names one still in the batch waits for the batch to be stored, so its id is known.
    if ((pending(row.supersedes) || (typeof revision === 'number' && pending(revision))) && !(await flush())) return report;
    batch.push({ row, change: { decision: carried(row, newId), base: row.supersedes === 0 ? 0 : (newId.get(row.supersedes) ?? 0) } });
    const snapshot = row.action === 'approve' && row.value !== null ? await from.approvedSnapshot(row.id) : undefined;
    if (snapshot !== undefined) report.snapshots++;
    if ((snapshot !== undefined || batch.length >= DECISION_BATCH) && !(await flush(snapshot))) return report;
  }
  await flush();
  return report;
}
