// The archive's interchange format: JSON Lines, one archived item an object, so an export diffs,
// greps and streams. `vric export`/`import` write and read it, and `vric migrate` moves every item
// through it, so a migration checks each item exactly as an import would.
import { usageError } from '../core/errors.js';
import { ACTORS, LAC_COUNTRIES, SECTIONS, THEMES, type Item, type SectionId, type StoredLabels } from '../core/types.js';

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
  const { labels, ...rest } = o;
  return {
    ...(rest as unknown as Item),
    categories: Array.isArray(o.categories) ? o.categories.map(String) : [],
    published: typeof o.published === 'string' ? o.published : null,
    ...(isStoredLabels(labels) ? { labels } : {}),
  };
}

/**
 * Stored labels travel with an item (so a migration keeps them), but a build trusts them, so
 * only well-formed ones are kept; any others are dropped and the item is labelled again.
 */
function isStoredLabels(v: unknown): v is StoredLabels {
  if (typeof v !== 'object' || v === null) return false;
  const { by, value } = v as { by?: unknown; value?: Record<string, unknown> };
  if (typeof by !== 'string' || typeof value !== 'object' || value === null) return false;
  const within = (x: unknown, known: readonly string[]) => Array.isArray(x) && x.every((e) => known.includes(e as string));
  return (
    typeof value.relevant === 'boolean' &&
    typeof value.opinion === 'boolean' &&
    typeof value.antiWestern === 'boolean' &&
    typeof value.score === 'number' &&
    (value.section === null || SECTIONS.includes(value.section as SectionId)) &&
    within(value.actors, ACTORS) &&
    within(value.countries, LAC_COUNTRIES) &&
    within(value.themes, THEMES)
  );
}
