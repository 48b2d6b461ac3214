// Moving every item from one archive to another (SQLite ⇄ PostgreSQL) through the export format,
// then checking the counts: a migration that silently dropped items would be found out only when
// a digest came out thin. The source's pruned-before date goes with the items, so pruned items do
// not come back on the target either.
import type { Archive } from './archive.js';
import { itemLine, parseItemLine } from './jsonl.js';
import type { Item } from '../core/item-types.js';

/** Items per import transaction: large enough that commits are cheap, small enough to stream. */
const BATCH = 2000;
/** Rejected items listed by id in the report; the rest are counted. */
export const REJECTED_SHOWN = 5;

export interface TransferReport {
  /** Items the source archive held, and how many were read from it. */
  sourceCount: number;
  read: number;
  /** New in the target, and already there (the same item id or the same link of the same source). */
  added: number;
  alreadyThere: number;
  /** Not stored: dated before the target's own pruned-before date. */
  skipped: number;
  /**
   * Not stored: failed the check every imported item passes (item-check.ts), e.g. a javascript:
   * link stored by an older, unchecked import. The first few, with why, are in `rejectedItems`.
   */
  rejected: number;
  rejectedItems: { id: string; reason: string }[];
  /** Stored with a field cut to its limit (core/item-limits.ts). */
  capped: number;
  /** The target's pruned-before date after the copy (the later of the two archives'), if either was pruned. */
  prunedBefore: string | null;
  targetBefore: number;
  targetAfter: number;
  /** Every check held: all read, and the target grew by exactly what was added. */
  ok: boolean;
  problems: string[];
}

export async function transferItems(from: Archive, to: Archive, onProgress?: (read: number, total: number) => void): Promise<TransferReport> {
  const [sourceCount, targetBefore] = await Promise.all([from.countItems(), to.countItems()]);
  let read = 0;
  let added = 0;
  let skipped = 0;
  let rejected = 0;
  let capped = 0;
  const rejectedItems: TransferReport['rejectedItems'] = [];
  let batch: Item[] = [];
  const importBatch = async () => {
    const n = await to.importItems(batch);
    added += n.added;
    skipped += n.skipped;
    batch = [];
  };
  for await (const item of from.allItems()) {
    read++;
    // Through the interchange format on purpose: the item is checked exactly as `vric import` would.
    const checked = parseItemLine(itemLine(item));
    if (!checked.ok) {
      rejected++;
      if (rejectedItems.length < REJECTED_SHOWN) rejectedItems.push({ id: item.id, reason: checked.reason });
      continue;
    }
    if (checked.capped.length) capped++;
    batch.push(checked.item);
    if (batch.length >= BATCH) {
      await importBatch();
      onProgress?.(read, sourceCount);
    }
  }
  await importBatch();
  onProgress?.(read, sourceCount);
  const targetAfter = await to.countItems();
  // After the copy, so the target gets every item the source has, and from now on refuses what
  // the source had pruned.
  const sourcePruned = await from.prunedBefore();
  if (sourcePruned !== undefined) await to.raisePrunedBefore(sourcePruned);
  const prunedBefore = (await to.prunedBefore()) ?? null;

  const problems: string[] = [];
  if (read !== sourceCount) problems.push(`read ${read} items but the source archive counted ${sourceCount}`);
  if (targetAfter !== targetBefore + added) {
    problems.push(`the target grew by ${targetAfter - targetBefore} items but ${added} were added (is another process writing to it?)`);
  }
  if (targetBefore === 0 && targetAfter !== sourceCount - skipped - rejected) {
    const apart = [skipped ? `${skipped} dated before the target's pruned-before date` : '', rejected ? `${rejected} rejected` : ''].filter(Boolean).join(', ');
    problems.push(`the target holds ${targetAfter} items, the source ${sourceCount}${apart ? ` (${apart})` : ''}`);
  }
  return {
    sourceCount,
    read,
    added,
    alreadyThere: read - added - skipped - rejected,
    skipped,
    rejected,
    rejectedItems,
    capped,
    prunedBefore,
    targetBefore,
    targetAfter,
    ok: problems.length === 0,
    problems,
  };
}
