// The schema library's side of a config file: strict mappings whose unknown keys are named with
// the key meant, and the issues a check found turned into `file:line: message` lines. Used by
// sources.yaml (src/config/load.ts) and overrides.yaml (src/select/overrides.ts) alike.
import * as v from 'valibot';
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
  const allowed = Object.keys(entries);
  return v.strictObject(entries, (issue) => {
    const key = issue.path?.at(-1)?.key;
    if (issue.expected === 'never' && typeof key === 'string') return say.unknown(key, allowed, closest(key, allowed));
    if (issue.input === undefined && typeof key === 'string' && issue.expected === `"${key}"`) {
      return say.required ? say.required(key) : `"${key}" is required`;
    }
    return say.notMapping;
  });
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

/** Every issue with the line it is about: the key's line for an unknown key, else the value's. */
export function issueLines(issues: readonly v.BaseIssue<unknown>[], yaml: PositionedYaml): IssueLine[] {
  return issues.map((issue) => {
    const path = pathOf(issue);
    const line = aboutKey(issue) && issue.expected === 'never' ? yaml.keyLineOf(path) : yaml.lineOf(path);
    return { line, path, message: issue.message };
  });
}
