// overrides.yaml: the editors' decisions for one build (pin, exclude, add). This module only
// reads and checks the file; src/select/editorial.ts applies the decisions. Every problem is
// reported with the file and line, all at once, so the editor fixes the file in one go.
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
import type { Node as YamlNode, YAMLMap } from 'yaml';
import { yamlModule } from '../core/lazy-yaml.js';
import { usageError } from '../core/errors.js';
import { ACTORS, SECTIONS, THEMES, type Actor, type Ownership, type SectionId, type Theme } from '../core/vocabulary.js';
import type { ExcludeRule, ManualEntry, Overrides, PinRule } from './types.js';

const OWNERSHIPS: readonly Ownership[] = ['independent', 'public', 'state'];
const TOP_KEYS = ['pin', 'exclude', 'add'];

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
  const lines = new (yamlModule().LineCounter)();
  const doc = yamlModule().parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: YamlNode | null | undefined): number | undefined =>
    node?.range ? lines.linePos(node.range[0]).line : undefined;
  const problems: string[] = [];
  const problem = (line: number | undefined, msg: string) => problems.push(`${file}:${line ?? 1}: ${msg}`);

  for (const err of doc.errors) {
    problem(lines.linePos(err.pos[0]).line, err.message.split('\n')[0] ?? 'invalid YAML');
  }
  if (problems.length) throw overridesError(file, problems);

  const out = emptyOverrides(file);
  const root = doc.contents;
  if (root === null || root === undefined) return out;
  if (!yamlModule().isMap(root)) throw overridesError(file, [`${file}:${lineOf(root) ?? 1}: expected pin:, exclude: and add: lists`]);

  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
    const keyLine = lineOf(pair.key as YamlNode);
    if (!TOP_KEYS.includes(key)) {
      problem(keyLine, `unknown key "${key}" (expected pin, exclude or add)`);
      continue;
    }
    if (pair.value === null || pair.value === undefined) continue;
    if (!yamlModule().isSeq(pair.value)) {
      problem(keyLine, `${key}: must be a list (entries start with "- ")`);
      continue;
    }
    for (const entry of pair.value.items) {
      const line = lineOf(entry as YamlNode);
      if (!yamlModule().isMap(entry)) {
        problem(line, `${key}: each entry must be a mapping such as "url: …"`);
        continue;
      }
      const fields = readFields(entry, lineOf);
      if (key === 'pin') readPin(fields, line, problem, out.pin);
      else if (key === 'exclude') readExclude(fields, line, problem, out.exclude);
      else readAdd(fields, line, problem, out.add);
    }
  }
  checkConflicts(out, file, problem);
  if (problems.length) throw overridesError(file, problems);
  return out;
}

function overridesError(file: string, problems: string[]) {
  const first = problems[0] ?? `${file}: invalid`;
  return usageError(problems.length === 1 ? first : `${file}: ${problems.length} problems`, problems);
}

type Problem = (line: number | undefined, msg: string) => void;
interface Field {
  value: unknown;
  line: number | undefined;
}

function readFields(map: YAMLMap, lineOf: (n: YamlNode | null | undefined) => number | undefined) {
  const fields = new Map<string, Field>();
  for (const pair of map.items) {
    const keyNode = pair.key as { value?: unknown } | null;
    const key = String(keyNode?.value ?? keyNode);
    const valueNode = pair.value as (YamlNode & { toJSON?: () => unknown }) | null;
    const value = valueNode && typeof valueNode.toJSON === 'function' ? valueNode.toJSON() : valueNode;
    fields.set(key, { value, line: lineOf(pair.value as YamlNode) ?? lineOf(pair.key as YamlNode) });
  }
  return fields;
}

function text(fields: Map<string, Field>, key: string): string | undefined {
  const v = fields.get(key)?.value;
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function unknownKeys(fields: Map<string, Field>, allowed: string[], what: string, problem: Problem) {
  for (const [k, f] of fields) {
    if (!allowed.includes(k)) problem(f.line, `${what}: unknown field "${k}" (allowed: ${allowed.join(', ')})`);
  }
}

function readRef(fields: Map<string, Field>, line: number | undefined, what: string, problem: Problem) {
  const url = text(fields, 'url');
  const id = text(fields, 'id');
  if (!url && !id) {
    problem(line, `${what}: needs a url or an id`);
    return undefined;
  }
  if (url && id) {
    problem(line, `${what}: give a url or an id, not both`);
    return undefined;
  }
  return url ? { url, line } : { id, line };
}

function readPin(fields: Map<string, Field>, line: number | undefined, problem: Problem, out: PinRule[]) {
  unknownKeys(fields, ['url', 'id', 'section'], 'pin', problem);
  const ref = readRef(fields, line, 'pin', problem);
  const section = text(fields, 'section');
  if (section !== undefined && !SECTIONS.includes(section as SectionId)) {
    problem(fields.get('section')?.line, `pin: unknown section "${section}" (one of ${SECTIONS.join(', ')})`);
    return;
  }
  if (ref) out.push({ ...ref, ...(section ? { section: section as SectionId } : {}) });
}

function readExclude(fields: Map<string, Field>, line: number | undefined, problem: Problem, out: ExcludeRule[]) {
  unknownKeys(fields, ['url', 'id', 'reason'], 'exclude', problem);
  const ref = readRef(fields, line, 'exclude', problem);
  const reason = text(fields, 'reason');
  if (!reason) {
    problem(line, 'exclude: needs a reason (it is printed in the list of exclusions)');
    return;
  }
  if (ref) out.push({ ...ref, reason });
}

function list(fields: Map<string, Field>, key: string, problem: Problem): string[] | undefined {
  const f = fields.get(key);
  if (!f || f.value === null || f.value === undefined) return undefined;
  if (!Array.isArray(f.value)) {
    problem(f.line, `add: ${key} must be a list, e.g. [${key === 'themes' ? 'military' : 'CU'}]`);
    return undefined;
  }
  return f.value.map((x) => String(x).trim());
}

function readAdd(fields: Map<string, Field>, line: number | undefined, report: Problem, out: ManualEntry[]) {
  // Remember whether this entry had a problem, so a broken entry is not half-added.
  let broken = false;
  const problem: Problem = (l, msg) => {
    broken = true;
    report(l, msg);
  };
  const allowed = ['title', 'url', 'outlet', 'date', 'section', 'summary', 'language', 'actors', 'countries', 'themes', 'ownership', 'owner'];
  unknownKeys(fields, allowed, 'add', problem);
  const required = ['title', 'url', 'outlet', 'date', 'section'] as const;
  const got: Partial<Record<(typeof required)[number], string>> = {};
  for (const key of required) {
    const v = text(fields, key);
    if (!v) problem(line, `add: needs ${key}`);
    else got[key] = v;
  }
  const lineOf = (k: string) => fields.get(k)?.line ?? line;
  if (got.url && !/^https?:\/\//i.test(got.url)) problem(lineOf('url'), `add: url must start with http:// or https://`);
  if (got.date && Number.isNaN(Date.parse(got.date))) problem(lineOf('date'), `add: date "${got.date}" is not a date (use YYYY-MM-DD)`);
  if (got.section && !SECTIONS.includes(got.section as SectionId)) {
    problem(lineOf('section'), `add: unknown section "${got.section}" (one of ${SECTIONS.join(', ')})`);
  }
  const actors = list(fields, 'actors', problem)?.map((a) => a.toUpperCase());
  for (const a of actors ?? []) if (!ACTORS.includes(a as Actor)) problem(lineOf('actors'), `add: unknown actor "${a}" (one of ${ACTORS.join(', ')})`);
  const themes = list(fields, 'themes', problem);
  for (const t of themes ?? []) if (!THEMES.includes(t as Theme)) problem(lineOf('themes'), `add: unknown theme "${t}" (one of ${THEMES.join(', ')})`);
  const countries = list(fields, 'countries', problem)?.map((c) => c.toUpperCase());
  const ownership = text(fields, 'ownership');
  if (ownership && !OWNERSHIPS.includes(ownership as Ownership)) {
    problem(lineOf('ownership'), `add: ownership must be independent, public or state, not "${ownership}"`);
  }
  const owner = text(fields, 'owner')?.toUpperCase();
  if (ownership === 'state' && !owner) problem(lineOf('ownership'), 'add: a state outlet needs owner (ISO code of the controlling state)');
  if (broken) return;

  const entry: ManualEntry = {
    title: got.title as string,
    url: got.url as string,
    outlet: got.outlet as string,
    date: got.date as string,
    section: got.section as SectionId,
    line,
  };
  const summary = text(fields, 'summary');
  const language = text(fields, 'language');
  if (summary) entry.summary = summary;
  if (language) entry.language = language;
  if (actors) entry.actors = actors as Actor[];
  if (countries) entry.countries = countries;
  if (themes) entry.themes = themes as Theme[];
  if (ownership) entry.ownership = ownership as Ownership;
  if (owner) entry.owner = owner;
  out.push(entry);
}

/** An item both pinned and excluded is a contradiction the editor must resolve. */
function checkConflicts(o: Overrides, _file: string, problem: Problem) {
  const pinned = new Set(o.pin.map((p) => p.url ?? `id:${p.id}`));
  for (const x of o.exclude) {
    const key = x.url ?? `id:${x.id}`;
    if (pinned.has(key)) problem(x.line, `exclude: ${x.url ?? x.id} is also pinned; keep one of the two`);
  }
}
