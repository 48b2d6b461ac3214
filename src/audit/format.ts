// The audit as aligned terminal tables and as CSV. Both read the same rows (auditRows), so a
// spreadsheet and the terminal always agree.
import { formatTable } from '../core/table.js';
import type { Period } from '../core/digest-types.js';
import type { AuditFigures } from './failing.js';
import type { MixCounts } from './mix.js';

export const DIMENSIONS: { key: keyof Omit<MixCounts, 'items'>; title: string }[] = [
  { key: 'ownership', title: 'by ownership' },
  { key: 'owner', title: 'state media by owner state' },
  { key: 'outlet', title: 'by outlet' },
  { key: 'language', title: 'by language' },
  { key: 'section', title: 'by section' },
  { key: 'theme', title: 'by theme' },
];

export interface AuditRow {
  dimension: string;
  key: string;
  before: number;
  relevant: number;
  after: number;
}

/** One row per value of each dimension: items of the period, the relevant ones, those in the digest. */
export function auditRows(a: AuditFigures): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const { key } of DIMENSIONS) {
    const keys = new Set([...Object.keys(a.before[key]), ...Object.keys(a.after[key])]);
    for (const k of [...keys].sort()) {
      rows.push({ dimension: key, key: k, before: a.before[key][k] ?? 0, relevant: a.relevant[key][k] ?? 0, after: a.after[key][k] ?? 0 });
    }
  }
  return rows;
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function capVerdict(a: AuditFigures): string {
  const s = a.state;
  const head = `State media: ${s.items} of ${s.total} items in the digest (${pct(s.share)}); cap ${pct(s.cap)}`;
  if (s.overCap) return `${head}: OVER THE CAP`;
  return `${head}: within the cap${s.headroom === null ? '' : ` (room for ${s.headroom} more)`}`;
}

export function auditText(a: AuditFigures, period: Period): string {
  const out: string[] = [`Source mix, ${period.label}`, '', capVerdict(a), ''];
  out.push(`Items: ${a.before.items} in the period, ${a.relevant.items} relevant, ${a.after.items} in the digest`, '');
  const rows = auditRows(a);
  for (const { key, title } of DIMENSIONS) {
    const mine = rows.filter((r) => r.dimension === key);
    if (!mine.length) continue;
    out.push(title, formatTable([key, 'period', 'relevant', 'digest'], mine.map((r) => [r.key, r.before, r.relevant, r.after])));
  }
  const reasons = Object.entries(a.excludedByReason).sort(([x], [y]) => x.localeCompare(y));
  if (reasons.length) out.push('left out, by reason', formatTable(['reason', 'items'], reasons.map(([r, n]) => [r, n ?? 0])));
  out.push(`Outlets with nothing relevant in the period: ${a.outletsWithNothingRelevant.join(', ') || 'none'}`);
  out.push(`Enabled outlets with no items in the period: ${a.outletsWithNoItems.join(', ') || 'none'}`);
  if (a.failingSources.length) {
    out.push('', 'sources failing in the fetch log', formatTable(
      ['source', 'failures', 'last success', 'last error'],
      a.failingSources.map((f) => [f.id, f.consecutiveFailures, f.lastSuccessAt?.slice(0, 16) ?? 'never', f.lastError ?? '']),
    ));
  } else {
    out.push('Sources failing in the fetch log: none');
  }
  return out.join('\n') + '\n';
}

function csvCell(v: string | number): string {
  const s = String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quote it with an apostrophe.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(a: AuditFigures): string {
  const lines = [['dimension', 'key', 'period', 'relevant', 'digest']];
  for (const r of auditRows(a)) lines.push([r.dimension, r.key, String(r.before), String(r.relevant), String(r.after)]);
  for (const [reason, n] of Object.entries(a.excludedByReason)) lines.push(['excluded', reason, '', '', String(n)]);
  lines.push(['state', 'items', '', '', String(a.state.items)]);
  lines.push(['state', 'share', '', '', a.state.share.toFixed(4)]);
  lines.push(['state', 'cap', '', '', String(a.state.cap)]);
  for (const f of a.failingSources) lines.push(['failing', f.id, '', '', String(f.consecutiveFailures)]);
  return lines.map((l) => l.map(csvCell).join(',')).join('\n') + '\n';
}
