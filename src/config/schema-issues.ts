// The schema library's side of a config file: strict mappings whose unknown keys are named with
// the key meant, and the issues a check found turned into `file:line: message` lines. Used by
// sources.yaml (src/config/load.ts) and overrides.yaml (src/select/overrides.ts) alike.
import type * as v from 'valibot';
import { valibot } from './lazy-valibot.js';
import { closest } from '../core/suggest.js';
import type { DataPath, PositionedYaml } from './yaml-positions.js';

type Entries = v.ObjectEntries;

export interface ClosedMapping {
  /** The message for an unknown key: `meant` is the allowed key a typo could explain. */
  unknown: (key: string, allowed: readonly string[], meant: string | undefined) => string;
  /** What to say when a required key is missing (default: `"key" is required`). */
  required?: (key: string) => string;
  /** What to say when the value is not a mapping at all. */
  notMapping: string;
}

/**
 * A mapping with exactly these keys (valibot's strict object: a key it does not know is an
 * error, reported at the key's line with the nearest allowed key, "did you mean …").
 */
export function closedMapping<E extends Entries>(entries: E, say: ClosedMapping) {
  const v = valibot();
  const allowed = Object.keys(entries);
  // valibot takes a list for an object (its keys "0", "1", …): a list where a mapping belongs is one message.
  const mapping = v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), say.notMapping);
  return v.pipe(mapping, v.strictObject(entries, (issue) => {
    const key = issue.path?.at(-1)?.key;
    if (issue.expected === 'never' && typeof key === 'string') return say.unknown(key, allowed, closest(key, allowed));
    if (issue.input === undefined && typeof key === 'string' && issue.expected === `"${key}"`) {
      return say.required ? say.required(key) : `"${key}" is required`;
    }
    return say.notMapping;
  }));
}

/** A plain list of the allowed keys, or the one meant: the usual tail of an unknown-key message. */
export const allowedOrMeant = (allowed: readonly string[], meant: string | undefined, lead = 'expected one of: ') =>
  meant ? `did you mean "${meant}"?` : `${lead}${allowed.join(', ')}`;

/** The data path of an issue, as plain keys and indexes. */
export const pathOf = (issue: v.BaseIssue<unknown>): DataPath =>
  (issue.path ?? []).map((p) => p.key as string | number);

/** Whether the issue is about a key (unknown or missing) rather than a value. */
const aboutKey = (issue: v.BaseIssue<unknown>) => issue.path?.at(-1)?.origin === 'key';

export interface IssueLine {
  line: number | undefined;
  path: DataPath;
  message: string;
}

const isUnknownKey = (issue: v.BaseIssue<unknown>) => aboutKey(issue) && issue.expected === 'never';
const isMissingKey = (issue: v.BaseIssue<unknown>) => aboutKey(issue) && issue.input === undefined && issue.expected !== 'never';
const parentOf = (issue: v.BaseIssue<unknown>) => JSON.stringify(pathOf(issue).slice(0, -1));

/**
 * A misspelt key is one mistake, said once: "unknown key "ownershp" (did you mean "ownership"?)"
 * stands for the "ownership is required" its mapping would also get.
 */
function withoutMisspeltRequired(issues: readonly v.BaseIssue<unknown>[]) {
  const misspelt = new Map<string, string[]>();
  for (const issue of issues.filter(isUnknownKey)) {
    const list = misspelt.get(parentOf(issue)) ?? [];
    list.push(String(issue.path?.at(-1)?.key));
    misspelt.set(parentOf(issue), list);
  }
  if (!misspelt.size) return issues;
  return issues.filter((issue) => {
    if (!isMissingKey(issue)) return true;
    const missing = String(issue.path?.at(-1)?.key);
    return !(misspelt.get(parentOf(issue)) ?? []).some((typo) => closest(typo, [missing]) === missing);
  });
}

/** Every issue with the line it is about: the key's line for an unknown key, else the value's. */
export function issueLines(all: readonly v.BaseIssue<unknown>[], yaml: PositionedYaml): IssueLine[] {
  const issues = withoutMisspeltRequired(all);
  return issues.map((issue) => {
    const path = pathOf(issue);
    const line = isUnknownKey(issue) ? yaml.keyLineOf(path) : yaml.lineOf(path);
    return { line, path, message: issue.message };
  });
}
