// The source-mix bar chart: inline SVG drawn from numbers, so the page needs no script, image
// file or external asset. Labels are escaped like any other text.
import { escapeHtml } from './escape.js';

export interface ChartRow {
  label: string;
  /** 0..1 of all reports in the digest. */
  share: number;
  /** Shown at the end of the bar, already formatted for the locale. */
  value: string;
  colour: string;
}

export interface ChartGroup {
  title: string;
  rows: ChartRow[];
}

export interface ChartInput {
  groups: ChartGroup[];
  cap: number;
  capLabel: string;
  /** Accessible description (SVG <title>). */
  title: string;
}

/** Geometry in one place so the layout can be tuned without reading the drawing code. */
const LAYOUT = {
  // Narrow enough that on a phone the SVG is scaled down little and its text stays legible.
  width: 540,
  labelWidth: 140,
  barWidth: 300,
  rowHeight: 26,
  barHeight: 16,
  groupGap: 14,
  headingHeight: 22,
  top: 26,
  font: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
} as const;

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
const num = (n: number) => String(Math.round(n * 10) / 10);

export function sourceMixChart(input: ChartInput): string {
  const { width, labelWidth, barWidth, rowHeight, barHeight, groupGap, headingHeight, top, font } = LAYOUT;
  const capX = num(labelWidth + clamp01(input.cap) * barWidth);
  const parts: string[] = [
    `<text x="${capX}" y="${top - 10}" font-size="11" text-anchor="middle" fill="#b91c1c">${escapeHtml(input.capLabel)}</text>`,
  ];
  let y = top;
  for (const group of input.groups) {
    parts.push(
      `<text x="0" y="${num(y + 14)}" font-size="13" font-weight="600" fill="#1f2937">${escapeHtml(group.title)}</text>`,
    );
    y += headingHeight;
    const rowsTop = y;
    for (const row of group.rows) {
      const w = Math.max(clamp01(row.share) * barWidth, row.share > 0 ? 2 : 0);
      const mid = y + rowHeight / 2;
      parts.push(
        `<text x="${labelWidth - 8}" y="${num(mid + 4)}" font-size="13" text-anchor="end" fill="#374151">${escapeHtml(row.label)}</text>`,
        `<rect x="${labelWidth}" y="${num(mid - barHeight / 2)}" width="${barWidth}" height="${barHeight}" fill="#f1f3f6"/>`,
        `<rect x="${labelWidth}" y="${num(mid - barHeight / 2)}" width="${num(w)}" height="${barHeight}" fill="${escapeHtml(row.colour)}"/>`,
        `<text x="${labelWidth + barWidth + 8}" y="${num(mid + 4)}" font-size="13" fill="#111827">${escapeHtml(row.value)}</text>`,
      );
      y += rowHeight;
    }
    // The cap line runs across the bars only, so it never crosses a group heading.
    parts.push(
      `<line x1="${capX}" y1="${num(rowsTop)}" x2="${capX}" y2="${num(y)}" stroke="#b91c1c" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    );
    y += groupGap;
  }
  const height = y - groupGap + 4;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${width} ${num(height)}" ` +
    `width="100%" style="max-width:${width}px;height:auto" font-family="${escapeHtml(font)}">` +
    `<title>${escapeHtml(input.title)}</title>${parts.join('')}</svg>`
  );
}
