// The last step: at most floor(cap / (1 − cap) × N) state items beside N non-state items,
// over the whole digest or within each section. Pinned state items always stay and use up
// slots first; the remaining slots go to the best-ranked state items (stateRankOrder).
import type { Policy } from '../core/types.js';
import { maxStateItems } from './cap.js';
import { stateRankOrder, type Rejected, type Selected } from './work.js';

const percent = (cap: number) => `${Math.round(cap * 1000) / 10}%`;

export function applyStateCap(
  entries: Selected[],
  cap: number,
  scope: Policy['capScope'],
): { kept: Selected[]; rejected: Rejected[] } {
  const groups = new Map<string, Selected[]>();
  for (const e of entries) {
    const key = scope === 'section' ? e.section : 'all';
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const dropped = new Set<Selected>();
  const rejected: Rejected[] = [];
  for (const [key, group] of groups) {
    const nonState = group.filter((e) => !e.state).length;
    const max = maxStateItems(nonState, cap);
    const state = group.filter((e) => e.state);
    const pinnedCount = state.filter((e) => e.pinned).length;
    const ranked = state.filter((e) => !e.pinned).sort(stateRankOrder);
    const slots = Math.max(0, max - pinnedCount);
    const where = scope === 'section' ? ` in section ${key}` : '';
    for (const e of ranked.slice(slots)) {
      dropped.add(e);
      rejected.push({
        c: e.c,
        reason: 'state-cap',
        detail: `cap ${percent(cap)}: ${nonState} non-state item(s)${where} allow ${max} state item(s)` +
          (pinnedCount ? `, ${pinnedCount} of them pinned` : ''),
      });
    }
  }
  return { kept: entries.filter((e) => !dropped.has(e)), rejected };
}
