// The audit as one self-contained page an editor can open and forward: the same figures as the
// terminal, drawn as inline SVG bars, with no script and no outside resources. Every text is escaped.
import type { Period } from '../core/digest-types.js';
import { escapeHtml } from '../render/escape.js';
import type { AuditFigures } from './failing.js';
import { auditRows, capVerdict, DIMENSIONS, pct } from './format.js';

// The digest's own escaper: the audit page shows outlet names and errors from the fetch log.
const esc = escapeHtml;

const BAR_W = 320;
const ROW_H = 22;
const LABEL_W = 170;

interface Bar {
  key: string;
  /** Light bar (the period). */
  before: number;
  /** Dark bar (the digest). */
  after: number;
  text: string;
}

/** Horizontal bars scaled to `max` (default: the largest value), with an optional dashed cap line. */
function bars(rows: Bar[], opts: { max?: number; capAt?: number } = {}): string {
  const max = opts.max ?? Math.max(1, ...rows.map((r) => Math.max(r.before, r.after)));
  const h = rows.length * ROW_H + 8;
  const w = LABEL_W + BAR_W + 90;
  const x = (v: number) => (v / max) * BAR_W;
  const parts = rows.map((r, i) => {
    const y = i * ROW_H + 4;
    return `<text x="${LABEL_W - 8}" y="${y + 14}" text-anchor="end">${esc(r.key)}</text>` +
      `<rect x="${LABEL_W}" y="${y + 2}" width="${x(r.before).toFixed(1)}" height="16" fill="#c9d3e3"/>` +
      `<rect x="${LABEL_W}" y="${y + 6}" width="${x(r.after).toFixed(1)}" height="8" fill="#1f3a68"/>` +
      `<text x="${(LABEL_W + x(Math.max(r.before, r.after)) + 6).toFixed(1)}" y="${y + 14}">${esc(r.text)}</text>`;
  });
  const cap = opts.capAt === undefined ? '' :
    `<line x1="${(LABEL_W + x(opts.capAt)).toFixed(1)}" x2="${(LABEL_W + x(opts.capAt)).toFixed(1)}" y1="0" y2="${h}" stroke="#c0392b" stroke-dasharray="4 3"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" font-family="system-ui, sans-serif" font-size="12">${parts.join('')}${cap}</svg>`;
}

/** Share of the digest by ownership, one bar per class, against the cap line. */
function shareBars(a: AuditFigures): string {
  const total = Math.max(1, a.after.items);
  const rows = Object.entries(a.after.ownership).map(([k, n]) => ({ key: k, before: n / total, after: n / total, text: pct(n / total) }));
  return bars(rows, { max: Math.max(a.state.cap, ...rows.map((r) => r.after), 0.0001), capAt: a.state.cap });
}

function table(head: string[], rows: (string | number)[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>';
}

export function auditHtml(a: AuditFigures, period: Period, generatedAt: string): string {
  const rows = auditRows(a);
  const sections = DIMENSIONS.map(({ key, title }) => {
    const mine = rows.filter((r) => r.dimension === key);
    if (!mine.length) return '';
    return `<section><h2>${esc(title[0]!.toUpperCase() + title.slice(1))}</h2>${bars(mine.map((r) => ({ ...r, text: `${r.after} / ${r.before}` })))}` +
      table([key, 'period', 'relevant', 'digest'], mine.map((r) => [r.key, r.before, r.relevant, r.after])) + '</section>';
  }).join('');
  const reasons = Object.entries(a.excludedByReason).map(([r, n]) => [r, n ?? 0] as [string, number]);
  const failing = a.failingSources.length
    ? table(['source', 'failures', 'last success', 'last error'], a.failingSources.map((f) => [f.id, f.consecutiveFailures, f.lastSuccessAt ?? 'never', f.lastError ?? '']))
    : '<p>None.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Source mix | ${esc(period.label)}</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1b2430;margin:0;background:#f4f6f9}
main{max-width:760px;margin:0 auto;background:#fff;padding:24px 28px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.verdict{padding:10px 14px;border-left:4px solid ${a.state.overCap ? '#c0392b' : '#2e7d32'};background:${a.state.overCap ? '#fdecea' : '#edf7ee'}}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}th,td{padding:3px 8px;border-bottom:1px solid #e3e7ee;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto}.muted{color:#5b6675;font-size:13px}
</style></head><body><main>
<h1>Source mix | ${esc(period.label)}</h1>
<p class="muted">Generated ${esc(generatedAt)}. Light bars: items of the period; dark bars: items in the digest.</p>
<p class="verdict">${esc(capVerdict(a))}</p>
<p>${a.before.items} items in the period, ${a.relevant.items} relevant, ${a.after.items} in the digest.</p>
<section><h2>Share of the digest by ownership, against the cap</h2>${shareBars(a)}</section>
${sections}
<section><h2>Left out, by reason</h2>${reasons.length ? table(['reason', 'items'], reasons) : '<p>None.</p>'}</section>
<section><h2>Outlets</h2><p>With nothing relevant in the period: ${esc(a.outletsWithNothingRelevant.join(', ') || 'none')}.</p>
<p>Enabled, with no items in the period: ${esc(a.outletsWithNoItems.join(', ') || 'none')}.</p></section>
<section><h2>Sources failing in the fetch log</h2>${failing}</section>
</main></body></html>
`;
}
