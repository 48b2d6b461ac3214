// What the selection left out, counted by reason, most frequent first, for the page's summary.
import type { Digest } from '../../core/digest-types.js';
import { oneLine } from '../../core/text.js';
import { label, type Locale } from '../locale.js';

export function exclusionsView(digest: Digest, locale: Locale) {
  const counts = new Map<string, number>();
  for (const x of digest.excluded ?? []) counts.set(oneLine(x.reason), (counts.get(oneLine(x.reason)) ?? 0) + 1);
  return {
    total: digest.excluded?.length ?? 0,
    reasons: [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => ({ reason, label: label(locale.reasons, reason), count })),
  };
}
