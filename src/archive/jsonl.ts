// The archive's interchange format: JSON Lines, one archived item an object, so an export diffs,
// greps and streams. `vric export`/`import` write and read it, and `vric migrate` moves every item
// through it, so a migration checks each item exactly as an import would.
import { usageError } from '../core/errors.js';
import type { Item } from '../core/types.js';

const REQUIRED: (keyof Item)[] = ['id', 'sourceId', 'guid', 'url', 'title', 'summary', 'firstSeen', 'date', 'language'];

export function itemLine(item: Item): string {
  return JSON.stringify(item) + '\n';
}

/** One line of an export as an Item; `where` names the file for the error ("file:line: …"). */
export function parseItemLine(line: string, where: string, lineNo: number): Item {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line);
  } catch (e) {
    throw usageError(`${where}:${lineNo}: not valid JSON (${(e as Error).message}); nothing after line ${lineNo - 1} was imported`);
  }
  const missing = REQUIRED.filter((k) => typeof o[k] !== 'string');
  if (missing.length) throw usageError(`${where}:${lineNo}: not an exported item (missing ${missing.join(', ')})`);
  return { ...(o as unknown as Item), categories: Array.isArray(o.categories) ? o.categories.map(String) : [], published: typeof o.published === 'string' ? o.published : null };
}
