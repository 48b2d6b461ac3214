// `vric import`: an export's lines into the archive, each checked as an archived item
// (item-check.ts). A bad line is rejected and named, and the import goes on: every good line is
// stored, and the report says exactly how many lines were stored, already there, kept out by the
// pruned-before date, or rejected (with the first few, file:line and why), so the command can
// exit 3 and the operator can fix and re-import only what was rejected (items already there are
// kept, so importing the whole file again is safe).
import type { Archive } from './archive.js';
import { boundedLines, parseItemLine } from './jsonl.js';
import type { Item } from '../core/item-types.js';

/** Items per import transaction: large enough that commits are cheap, small enough to stream. */
const BATCH = 2000;
/** Rejected lines named in the report (file:line: why); the rest are counted. */
export const REJECTED_LINES_SHOWN = 5;
/**
 * Longest line read. An exported item is a few KB (its text is capped); this leaves room for a
 * hand-made line with a long title (it is stored cut to the limit), while a file that is not an
 * export (one line of gigabytes) is rejected without being held in memory.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface ImportReport {
  /** Non-blank lines read. */
  lines: number;
  added: number;
  alreadyThere: number;
  /** Valid, but dated before the archive's pruned-before date. */
  skipped: number;
  rejected: number;
  /** The first REJECTED_LINES_SHOWN rejected lines, as "file:line: why". */
  rejectedLines: string[];
  /** Stored with a field cut to its limit. */
  capped: number;
  /** Items stored whose source sources.yaml does not list, by source id (undefined: not checked). */
  unknownSources?: Map<string, number>;
}

export interface ImportOptions {
  /** Names the input in reasons ("backup.jsonl", "stdin"). */
  where: string;
  /** The source ids of sources.yaml; items of other sources are stored and counted (see the report). */
  knownSources?: Set<string>;
  maxLineBytes?: number;
}

export async function importItems(archive: Archive, input: AsyncIterable<Buffer | string>, opts: ImportOptions): Promise<ImportReport> {
  const r: ImportReport = { lines: 0, added: 0, alreadyThere: 0, skipped: 0, rejected: 0, rejectedLines: [], capped: 0 };
  if (opts.knownSources) r.unknownSources = new Map();
  let batch: Item[] = [];
  const store = async () => {
    if (batch.length === 0) return;
    const n = await archive.importItems(batch);
    r.added += n.added;
    r.skipped += n.skipped;
    r.alreadyThere += batch.length - n.added - n.skipped;
    batch = [];
  };
  const reject = (lineNo: number, reason: string) => {
    r.rejected++;
    if (r.rejectedLines.length < REJECTED_LINES_SHOWN) r.rejectedLines.push(`${opts.where}:${lineNo}: ${reason}`);
  };
  const maxLine = opts.maxLineBytes ?? MAX_LINE_BYTES;
  for await (const line of boundedLines(input, maxLine)) {
    r.lines++;
    if ('tooLong' in line) {
      reject(line.lineNo, `a line of ${line.tooLong} bytes, longer than the ${maxLine}-byte limit of an exported item`);
      continue;
    }
    const checked = parseItemLine(line.text);
    if (!checked.ok) {
      reject(line.lineNo, checked.reason);
      continue;
    }
    if (checked.capped.length) r.capped++;
    const id = checked.item.sourceId;
    if (r.unknownSources && !opts.knownSources?.has(id)) r.unknownSources.set(id, (r.unknownSources.get(id) ?? 0) + 1);
    batch.push(checked.item);
    if (batch.length >= BATCH) await store();
  }
  await store();
  return r;
}
