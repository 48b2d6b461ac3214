// A labelled JSON Lines file (the labelling guide's format, as classify-dev.jsonl and
// `vric decisions export --labels` write it) read and checked line by line: a line that is not
// such an item is an error naming the file and the line, not a wrong score.
import { usageError } from '../core/errors.js';
import type { LabelledItem } from './score.js';

const LISTS = ['actors', 'countries', 'themes'] as const;
const OPTIONAL_LISTS = ['optionalActors', 'optionalCountries', 'optionalThemes'] as const;
const FLAGS = ['relevant', 'opinion', 'antiWestern'] as const;

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** Why a parsed line is not a labelled item, or undefined when it is one. */
function problemOf(v: unknown): string | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'expected one object a line: {"id","title","summary"?,"expect":{…}}';
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return '"id" must be text or a number';
  if (typeof o.title !== 'string') return '"title" must be text';
  for (const k of ['summary', 'url', 'lang'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') return `"${k}" must be text`;
  if (o.categories !== undefined && !isStrings(o.categories)) return '"categories" must be a list of text';
  const e = o.expect as Record<string, unknown> | undefined;
  if (!e || typeof e !== 'object' || Array.isArray(e)) return '"expect" must be an object with relevant, actors, countries, themes, opinion and antiWestern';
  for (const k of FLAGS) if (typeof e[k] !== 'boolean') return `"expect.${k}" must be true or false`;
  for (const k of LISTS) if (!isStrings(e[k])) return `"expect.${k}" must be a list of text`;
  for (const k of OPTIONAL_LISTS) if (e[k] !== undefined && !isStrings(e[k])) return `"expect.${k}" must be a list of text`;
  if (e.section !== undefined && e.section !== null && typeof e.section !== 'string') return '"expect.section" must be text';
  return undefined;
}

/** The items of a labelled file's text; `file` names it in messages (exit 2 at the first bad line). */
export function parseLabelledFile(text: string, file: string): LabelledItem[] {
  const out: LabelledItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const at = (msg: string) => usageError(`${file}:${i + 1}: ${msg}`);
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw at(`not valid JSON (${(e as Error).message})`);
    }
    const problem = problemOf(v);
    if (problem) throw at(problem);
    out.push(v as LabelledItem);
  });
  if (!out.length) throw usageError(`${file}: no labelled item in it (one {"id","title","expect":{…}} a line)`);
  return out;
}
