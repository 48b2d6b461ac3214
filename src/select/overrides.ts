// overrides.yaml: the editors' decisions for one build (pin, exclude, add, include, section,
// country, summary). This module only
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
//
// and the desk's item decisions, in the same words (`vric decisions export` writes them so):
//
//   include:                                  # keep it, without the "Editor's pick" mark
//     - url: https://example.org/story
//   section:                                  # put it under another section
//     - url: https://example.org/story
//       section: iran
//   country:                                  # or another country heading
//     - id: 7f3a…
//       country: NI
//   summary:                                  # the item line, per edition language
//     - url: https://example.org/story
//       lang: es
//       text: Conviasa retomó la ruta directa Caracas–Teherán.
//
// A period's cap and notes are not this file's (it is read by every build): they are decisions on
// one period, in the archive.
import { readFileSync } from 'node:fs';
import type * as V from 'valibot';
import { valibot } from '../config/lazy-valibot.js';
import { usageError } from '../core/errors.js';
import { issueLines } from '../config/schema-issues.js';
import { parsePositioned, type DataPath } from '../config/yaml-positions.js';
import { overridesFileSchema, type CountryEntry, type SectionEntry } from './overrides-schema.js';
import type { ItemRef, MoveRule, Overrides } from './types.js';
import { canonicalUrlKey } from './url.js';

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

/**
 * A YAML file of the editors' (overrides.yaml, a decisions file) checked against its schema: every
 * problem at its `file:line`, all at once (exit 2); undefined for an empty file.
 */
export function readCheckedYaml<S extends V.GenericSchema>(text: string, file: string, schema: S, notMapping: string) {
  const at = (line: number | undefined, msg: string) => `${file}:${line ?? 1}: ${msg}`;
  const parsed = parsePositioned(text);
  if ('error' in parsed) throw overridesError(file, [at(parsed.error.line, parsed.error.message)]);
  const { yaml } = parsed;
  if (yaml.data === null || yaml.data === undefined) return undefined;
  if (typeof yaml.data !== 'object' || Array.isArray(yaml.data)) throw overridesError(file, [at(yaml.lineOf([]), notMapping)]);
  const result = valibot().safeParse(schema, yaml.data);
  if (!result.success) throw overridesError(file, issueLines(result.issues, yaml).map((i) => at(i.line, i.message)));
  return { output: result.output as V.InferOutput<S>, lineOf: (path: DataPath) => yaml.lineOf(path), at };
}

/** Parses and checks the text of an overrides file; `file` names it in messages. */
export function parseOverrides(text: string, file = 'overrides.yaml'): Overrides {
  const read = readCheckedYaml(text, file, overridesFileSchema(), 'expected pin:, exclude: and add: lists');
  if (!read) return emptyOverrides(file);
  const { output, at } = read;
  const lineOf = (list: string, i: number) => read.lineOf([list, i]);
  const out: Overrides = {
    file,
    pin: output.pin.map((rule, i) => ({ ...rule, line: lineOf('pin', i) })),
    exclude: output.exclude.map((rule, i) => ({ ...rule, line: lineOf('exclude', i) })),
    add: output.add.map((entry, i) => ({ ...entry, line: lineOf('add', i) })),
  };
  const include = output.include.map((rule, i) => ({ ...rule, line: lineOf('include', i) }));
  const summary = output.summary.map((rule, i) => ({ ...rule, line: lineOf('summary', i) }));
  const moves = movesOf(
    output.section.map((rule, i) => ({ ...rule, line: lineOf('section', i) })),
    output.country.map((rule, i) => ({ ...rule, line: lineOf('country', i) })),
  );
  if (include.length) out.include = include;
  if (moves.rules.length) out.move = moves.rules;
  if (summary.length) out.summary = summary;
  const conflicts = [
    ...conflictsOf(out).map((x) => at(x.line, `exclude: ${x.url ?? x.id} is also pinned; keep one of the two`)),
    ...includedAndExcluded(out).map((x) => at(x.line, `exclude: ${x.url ?? x.id} is also included; keep one of the two`)),
    ...moves.twice.map((x) => at(x.line, x.message)),
    ...twiceSummarised(summary).map((x) => at(x.line, x.message)),
  ];
  if (conflicts.length) throw overridesError(file, conflicts);
  return out;
}

/** One item however it is named: by its link's canonical form, or by its id. */
export const refKey = (r: ItemRef) => (r.url !== undefined ? `url:${canonicalUrlKey(r.url)}` : `id:${r.id}`);

/**
 * An item's section and country heading are one move (select keeps one move per item), so the
 * entries that name the same item are joined; one named twice in the same list is a contradiction.
 */
function movesOf(sections: SectionEntry[], countries: CountryEntry[]) {
  const rules = new Map<string, MoveRule>();
  const twice: { line: number | undefined; message: string }[] = [];
  const place = (key: 'section' | 'country', entry: SectionEntry | CountryEntry, value: string) => {
    const k = refKey(entry);
    const rule = rules.get(k) ?? { ...(entry.url !== undefined ? { url: entry.url } : { id: entry.id }), line: entry.line };
    if (rule[key] !== undefined) twice.push({ line: entry.line, message: `${key}: ${entry.url ?? entry.id} is already given a ${key} above; keep one` });
    else Object.assign(rule, { [key]: value });
    rules.set(k, rule);
  };
  for (const e of sections) place('section', e, e.section);
  for (const e of countries) place('country', e, e.country);
  return { rules: [...rules.values()], twice };
}

function twiceSummarised(summary: { url?: string; id?: string; lang: string; line?: number }[]) {
  const seen = new Set<string>();
  return summary.flatMap((s) => {
    const k = `${refKey(s)}\u0000${s.lang}`;
    if (!seen.has(k)) return (seen.add(k), []);
    return [{ line: s.line, message: `summary: ${s.url ?? s.id} already has a ${s.lang} line above; keep one` }];
  });
}

/** Including and excluding one item contradict each other, as pinning and excluding do. */
function includedAndExcluded(o: Overrides) {
  const included = new Set((o.include ?? []).map(refKey));
  return o.exclude.filter((x) => included.has(refKey(x)));
}

export function overridesError(file: string, problems: string[]) {
  const first = problems[0] ?? `${file}: invalid`;
  return usageError(problems.length === 1 ? first : `${file}: ${problems.length} problems`, problems);
}

/** An item both pinned and excluded is a contradiction the editor must resolve. */
function conflictsOf(o: Overrides) {
  const pinned = new Set(o.pin.map((p) => p.url ?? `id:${p.id}`));
  return o.exclude.filter((x) => pinned.has(x.url ?? `id:${x.id}`));
}
