// The last step: at most floor(cap / (1 − cap) × N) state items beside N non-state items,
// over the whole digest or within each section. Pinned state items always stay and use up
// slots first; the remaining slots go to the best-ranked state items (stateRankOrder).
// The verdict on what is kept (allowed, used, over, per scope) is made here, once.
import type { CapScopeVerdict } from '../core/digest-types.js';
import type { Policy } from '../core/config-types.js';
import { SECTIONS } from '../core/vocabulary.js';
import { maxStateItems } from './cap.js';
import { rejectedOf, stateRankOrder, type Rejected, type Selected } from './work.js';

const percent = (cap: number) => `${Math.round(cap * 1000) / 10}%`;

export function applyStateCap(
  entries: Selected[],
  cap: number,
  scope: Policy['capScope'],
): { kept: Selected[]; rejected: Rejected[]; scopes: CapScopeVerdict[] } {
  // Every section is a scope, even an empty one, so the verdict has the same shape each period.
  const groups = new Map<string, Selected[]>(scope === 'section' ? SECTIONS.map((id) => [id, []]) : [['overall', []]]);
  for (const e of entries) {
    const key = scope === 'section' ? (e.section as string) : 'overall';
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const dropped = new Set<Selected>();
  const rejected: Rejected[] = [];
  const scopes: CapScopeVerdict[] = [];
  for (const [key, group] of groups) {
    const nonState = group.filter((e) => !e.state).length;
    const max = maxStateItems(nonState, cap);
    const state = group.filter((e) => e.state);
    const pinnedCount = state.filter((e) => e.pinned).length;
    const ranked = state.filter((e) => !e.pinned).sort(stateRankOrder);
    const slots = Math.max(0, max - pinnedCount);
    const used = pinnedCount + Math.min(ranked.length, slots);
    scopes.push({ scope: key, items: group.length - state.length + used, used, allowed: Number.isFinite(max) ? max : null, over: used > max });
    const where = scope === 'section' ? ` in section ${key}` : '';
    for (const e of ranked.slice(slots)) {
      dropped.add(e);
      rejected.push(
        rejectedOf(
          e,
          'state-cap',
          `cap ${percent(cap)}: ${nonState} non-state item(s)${where} allow ${max} state item(s)` + (pinnedCount ? `, ${pinnedCount} of them kept by the editors` : ''),
        ),
      );
    }
  }
  return { kept: entries.filter((e) => !dropped.has(e)), rejected, scopes };
}
