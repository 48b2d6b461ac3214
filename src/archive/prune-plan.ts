// What a prune would do, worked out before it does anything: how many items per source it would
// delete, and whether that is big or fresh enough that the operator must confirm it (--yes).
// `vric prune --dry-run` prints the plan; `vric prune` refuses a plan that needs confirming.
import type { Archive } from './archive.js';

/** A prune that would delete items dated within this many days of now must be confirmed. */
export const PRUNE_GUARD_DAYS = 30;

export interface PrunePlan {
  /** The instant items are dated before to be deleted (midnight UTC of the date given). */
  beforeIso: string;
  /** Items it would delete, per source, by source id (sources with none left out). */
  bySource: { sourceId: string; items: number }[];
  /** Items it would delete, in all. */
  items: number;
  /** Items in the archive now. */
  archiveItems: number;
  /** Of `items`, those dated within the last PRUNE_GUARD_DAYS days. */
  recent: number;
  /** Where that window starts. */
  recentSinceIso: string;
  /** Why the operator must confirm (one phrase each); empty when the prune may go ahead. */
  needsYes: string[];
  /** The archive's pruned-before date now, if it was pruned before. */
  prunedBefore: string | undefined;
}

export async function planPrune(archive: Archive, beforeIso: string, now: Date): Promise<PrunePlan> {
  const recentSinceIso = new Date(now.getTime() - PRUNE_GUARD_DAYS * 86_400_000).toISOString();
  const [bySource, archiveItems, prunedBefore] = await Promise.all([archive.countBefore(beforeIso), archive.countItems(), archive.prunedBefore()]);
  const items = sum(bySource);
  // Items dated in [recentSince, before): all it deletes, less what a prune at recentSince would.
  const recent = beforeIso > recentSinceIso ? items - sum(await archive.countBefore(recentSinceIso)) : 0;
  const needsYes: string[] = [];
  if (items * 2 > archiveItems) needsYes.push(`that is more than half of the archive (${items} of ${archiveItems} items)`);
  if (recent > 0) needsYes.push(`${recent} of them ${recent === 1 ? 'is' : 'are'} dated within the last ${PRUNE_GUARD_DAYS} days (since ${recentSinceIso.slice(0, 10)})`);
  return { beforeIso, bySource, items, archiveItems, recent, recentSinceIso, needsYes, prunedBefore };
}

const sum = (rows: { items: number }[]): number => rows.reduce((n, r) => n + r.items, 0);
