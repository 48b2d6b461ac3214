// overrides.yaml: the editors' decisions for one build (pin, exclude, add). This module only
// reads and checks the file (what each entry may hold is overrides-schema.ts's);
// src/select/editorial.ts applies the decisions. Every problem is reported with the file and
// line, all at once, so the editor fixes the file in one go.
//
//   pin:
//     - url: https://example.org/story        # keep it even if a rule would drop it
//     - id: 7f3a…                             # or by archive id
//       section: russia                       # and put it here
//   exclude:
//     - url: https://example.org/other
//       reason: Misquotes the minister; see correction of 3 October
//   add:
//     - title: Rusia entrega helicópteros a Nicaragua
//       url: https://example.org/print-only
//       outlet: La Prensa (print)
//       date: 2026-10-03
//       section: russia
//       countries: [NI]
//       themes: [military]
import { readFileSync } from 'node:fs';
import { valibot } from '../config/lazy-valibot.js';
import { usageError } from '../core/errors.js';
import { issueLines } from '../config/schema-issues.js';
import { parsePositioned } from '../config/yaml-positions.js';
import { overridesFileSchema } from './overrides-schema.js';
import type { Overrides } from './types.js';

export function emptyOverrides(file?: string): Overrides {
  return { file, pin: [], exclude: [], add: [] };
}

/** Reads overrides.yaml; undefined when the file does not exist (it is optional). */
export function loadOverrides(path: string): Overrides | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw usageError(`${path}: cannot read the overrides file (${(e as Error).message})`);
  }
  return parseOverrides(text, path);
}

/** Parses and checks the text of an overrides file; `file` names it in messages. */
export function parseOverrides(text: string, file = 'overrides.yaml'): Overrides {
  const at = (line: number | undefined, msg: string) => `${file}:${line ?? 1}: ${msg}`;
  const parsed = parsePositioned(text);
  if ('error' in parsed) throw overridesError(file, [at(parsed.error.line, parsed.error.message)]);
  const { yaml } = parsed;
  if (yaml.data === null || yaml.data === undefined) return emptyOverrides(file);
  if (typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    throw overridesError(file, [at(yaml.lineOf([]), 'expected pin:, exclude: and add: lists')]);
  }
  const result = valibot().safeParse(overridesFileSchema(), yaml.data);
  if (!result.success) throw overridesError(file, issueLines(result.issues, yaml).map((i) => at(i.line, i.message)));

  const lineOf = (list: string, i: number) => yaml.lineOf([list, i]);
  const out: Overrides = {
    file,
    pin: result.output.pin.map((rule, i) => ({ ...rule, line: lineOf('pin', i) })),
    exclude: result.output.exclude.map((rule, i) => ({ ...rule, line: lineOf('exclude', i) })),
    add: result.output.add.map((entry, i) => ({ ...entry, line: lineOf('add', i) })),
  };
  const conflicts = conflictsOf(out).map((x) => at(x.line, `exclude: ${x.url ?? x.id} is also pinned; keep one of the two`));
  if (conflicts.length) throw overridesError(file, conflicts);
  return out;
}

function overridesError(file: string, problems: string[]) {
  const first = problems[0] ?? `${file}: invalid`;
  return usageError(problems.length === 1 ? first : `${file}: ${problems.length} problems`, problems);
}

/** An item both pinned and excluded is a contradiction the editor must resolve. */
function conflictsOf(o: Overrides) {
  const pinned = new Set(o.pin.map((p) => p.url ?? `id:${p.id}`));
  return o.exclude.filter((x) => pinned.has(x.url ?? `id:${x.id}`));
}
