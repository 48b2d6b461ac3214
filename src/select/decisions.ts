// The editors' decisions on a period as select applies them: from the archive's history (every
// decision, oldest first) the one in force on each key, and those in overrides.yaml's vocabulary,
// so a decision made in the desk and a line of overrides.yaml go through the same rules.
import { slotOf, type Decision } from '../core/decision-types.js';
import type { Period } from '../core/digest-types.js';
import type { SectionId } from '../core/vocabulary.js';
import type { Candidate, CapOverride, ItemRef, ManualEntry, MoveRule, Overrides, SummaryRule } from './types.js';
import { canonicalUrlKey } from './url.js';

/** The decisions on a period are keyed by this: `2026-09`, or `2026-09..2026-10`. */
export function periodKey(p: Pick<Period, 'from' | 'to'>): string {
  return p.from === p.to ? p.from : `${p.from}..${p.to}`;
}

/** Which decisions replace each other: one per subject, slot (core/decision-types.ts) and language. */
export const decisionKey = (d: Pick<Decision, 'subject' | 'action' | 'lang'>) => `${slotOf(d.action)}\u0000${d.subject}\u0000${d.lang}`;

/** The latest decision of each key, oldest first; a key whose latest decision cleared it is left out. */
export function inForce(history: readonly Decision[]): Decision[] {
  return [...latestByKey(history).values()].filter((d) => d.value !== null).sort((a, b) => a.id - b.id);
}

/** The latest decision on each key, cleared ones too: what a change is based on. */
export function latestByKey(history: readonly Decision[]): Map<string, Decision> {
  const latest = new Map<string, Decision>();
  for (const d of history) latest.set(decisionKey(d), d);
  return latest;
}

export interface EditorialDecisions {
  overrides: Overrides;
  cap?: CapOverride;
  /** Notes by key (overview or a section id), Markdown. */
  notes: Record<string, string>;
  /** The approval in force, if the period is approved. */
  approval?: Decision;
}

/** The decisions in force as overrides, a cap and notes. */
export function editorialOf(history: readonly Decision[]): EditorialDecisions {
  const out: EditorialDecisions = { overrides: { pin: [], exclude: [], add: [], include: [], move: [], summary: [] }, notes: {} };
  const o = out.overrides;
  // An item's section and country heading are two decisions, one move rule.
  const moves = new Map<string, MoveRule>();
  const moveOf = (id: string): MoveRule => {
    let rule = moves.get(id);
    if (!rule) moves.set(id, (rule = { id }));
    return rule;
  };
  for (const d of inForce(history)) {
    const v = d.value as Record<string, unknown>;
    const ref: ItemRef = { id: d.subject };
    switch (d.action) {
      case 'include':
        o.include?.push(ref);
        break;
      case 'exclude':
        o.exclude.push({ ...ref, reason: String(v.reason) });
        break;
      case 'section':
        moveOf(d.subject).section = String(v.section) as SectionId;
        break;
      case 'country':
        moveOf(d.subject).country = String(v.country);
        break;
      case 'summary':
        o.summary?.push({ ...ref, lang: d.lang, text: String(v.text) } satisfies SummaryRule);
        break;
      case 'add':
        o.add.push(v as unknown as ManualEntry);
        break;
      case 'notes':
        out.notes[d.subject] = String(v.text);
        break;
      case 'cap':
        out.cap = { cap: Number(v.cap), reason: String(v.reason) };
        break;
      case 'approve':
        out.approval = d;
        break;
    }
  }
  o.move = [...moves.values()];
  return out;
}

/**
 * overrides.yaml and the desk's decisions together. The desk's decision on an item is the later
 * word: an item the desk includes is no longer excluded by the file, one it excludes no longer
 * pinned or included by it; the desk's move of an item replaces the file's, and its line in a
 * language the file's (the file names items by URL or id, the desk by id: `candidates` resolves URLs).
 */
export function mergeOverrides(file: Overrides | undefined, desk: Overrides, candidates: readonly Candidate[]): Overrides {
  if (!file) return desk;
  const idsOfUrl = new Map<string, string[]>();
  for (const c of candidates) {
    const key = canonicalUrlKey(c.item.url);
    if (key) idsOfUrl.set(key, [...(idsOfUrl.get(key) ?? []), c.item.id]);
  }
  const idsOf = (r: ItemRef) => (r.id !== undefined ? [r.id] : (idsOfUrl.get(canonicalUrlKey(r.url ?? '')) ?? []));
  const ids = (refs: ItemRef[] | undefined) => new Set((refs ?? []).map((r) => r.id ?? ''));
  const overruled = (drop: Set<string>) => (r: ItemRef) => !idsOf(r).some((id) => drop.has(id));
  return {
    ...file,
    pin: file.pin.filter(overruled(ids(desk.exclude))),
    // The desk's own exclusion of an item the file excludes too: the desk's reason is printed.
    exclude: [...file.exclude.filter(overruled(new Set([...ids(desk.include), ...ids(desk.exclude)]))), ...desk.exclude],
    add: [...file.add, ...desk.add],
    include: [...(file.include ?? []).filter(overruled(ids(desk.exclude))), ...(desk.include ?? [])],
    // markEditorial keeps the first move of an item: the desk's.
    move: [...(desk.move ?? []), ...(file.move ?? [])],
    summary: [...(file.summary ?? []), ...(desk.summary ?? [])],
  };
}
