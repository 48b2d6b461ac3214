// The source mix as the page shows it: the audit's counts of the published entries (counted once,
// in src/audit/mix.ts) as shares with labels, and the chart drawn from them.
import type { MixCounts } from '../../audit/mix.js';
import type { Digest } from '../../core/digest-types.js';
import { sourceMixChart, type ChartRow } from '../chart.js';
import { trustedHtml } from '../handlebars.js';
import { label, ownerName, percent, type Locale } from '../locale.js';

const COLOURS = { independent: '#1d4e89', public: '#2a7f62', state: '#c2410c', owner: '#9a3412' } as const;

function share(count: number, total: number): number {
  return total > 0 ? count / total : 0;
}

export function sourceMixView(mix: MixCounts, digest: Digest, locale: Locale) {
  const total = mix.items;
  const shareText = (count: number) => `${percent(share(count, total), locale)} (${count})`;
  const byOwnership = (['independent', 'public', 'state'] as const).map((key) => {
    const count = mix.ownership[key] ?? 0;
    return { key, label: label(locale.ownership, key), count, share: share(count, total), text: shareText(count) };
  });
  // An owner the audit could not name ('unknown') shows as plain state media.
  const byOwner = Object.entries(mix.owner)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, count]) => ({
      code,
      name: code === 'unknown' ? label(locale.ownership, 'state') : ownerName(code, locale),
      count,
      share: share(count, total),
      text: shareText(count),
    }));
  const { cap } = digest.stats.capVerdict;
  const ownershipRows: ChartRow[] = byOwnership.map((r) => ({ label: r.label, share: r.share, value: r.text, colour: COLOURS[r.key] }));
  const ownerRows: ChartRow[] = byOwner.map((r) => ({ label: r.name, share: r.share, value: r.text, colour: COLOURS.owner }));
  const chart = sourceMixChart({
    title: label(locale.labels, 'chartTitle'),
    cap,
    capLabel: `${label(locale.labels, 'cap')} ${percent(cap, locale)}`,
    groups: [
      { title: label(locale.labels, 'byOwnership'), rows: ownershipRows },
      ...(ownerRows.length ? [{ title: label(locale.labels, 'byOwner'), rows: ownerRows }] : []),
    ],
  });
  return { total, byOwnership, byOwner, chart: trustedHtml(chart) };
}
