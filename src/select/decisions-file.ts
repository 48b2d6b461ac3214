// A period's decisions as a YAML file, for version control (`vric decisions export|import`):
// overrides.yaml's vocabulary (its schema, src/select/overrides-schema.ts, read by the same
// checked reader with every problem at its line) extended with the two decisions on a whole
// period, `cap:` and `notes:`. This module reads and writes the text; what is in force and what
// an import changes is pipeline/decisions-io.ts's.
//
//   include:
//     # 2026-10-02 · Infobae · El Banco Central renovó el swap con China …
//     - url: https://www.infobae.com/economia/2026/10/02/el-banco-central-renovo-el-swap/
//   exclude:
//     - url: https://efectococuyo.com/economia/megasis-inaugura-cuarto-local-valencia/
//       reason: A shop opening, not the Iranian state
//   section:   [{ url, section }]        country: [{ url, country }]
//   summary:   [{ url, lang, text }]     add:     [entries, as overrides.yaml's]
//   cap:
//     cap: 0.25
//     reason: Special edition on the Russian naval visit
//   notes:
//     overview: |
//       Markdown, as a notes file's section.
import type * as V from 'valibot';
import { closedMapping } from '../config/schema-issues.js';
import { once, valibot } from '../config/lazy-valibot.js';
import { yamlModule } from '../core/lazy-yaml.js';
import { SECTIONS } from '../core/vocabulary.js';
import { overridesFileSchema, type CountryEntry, type IncludeEntry, type SectionEntry, type SummaryEntry } from './overrides-schema.js';
import { readCheckedYaml } from './overrides.js';
import type { ExcludeRule, ManualEntry, PinRule } from './types.js';

/** What notes are kept by: the overview and each section (render's notes file uses the same keys). */
export const NOTES_KEYS = ['overview', ...SECTIONS] as const;

const LISTS = ['pin', 'include', 'exclude', 'section', 'country', 'summary', 'add'] as const;

/** The schema of a decisions file: overrides.yaml's lists, and a period's cap and notes. */
const decisionsFileSchema = once(() => {
  const v = valibot();
  // overrides.yaml's own entries, as its schema checks them (closedMapping's strict object).
  const lists = overridesFileSchema().pipe[1].entries;
  const cap = closedMapping(
    {
      cap: v.pipe(v.number('cap: cap must be a share from 0 to 1, such as 0.25'), v.minValue(0, 'cap: cap must be a share from 0 to 1'), v.maxValue(1, 'cap: cap must be a share from 0 to 1')),
      reason: v.pipe(v.string('cap: needs a reason (it is printed in the digest)'), v.transform((s) => s.trim()), v.nonEmpty('cap: needs a reason (it is printed in the digest)')),
    },
    {
      unknown: (key, allowed, meant) => `cap: unknown field "${key}" (${meant ? `did you mean "${meant}"?` : `allowed: ${allowed.join(', ')}`})`,
      notMapping: 'cap: must be a mapping with cap (a share from 0 to 1) and reason',
      required: (key) => (key === 'cap' ? 'cap: needs cap (a share from 0 to 1)' : 'cap: needs a reason (it is printed in the digest)'),
    },
  );
  const note = v.pipe(v.string('notes: each note is Markdown text'), v.transform((s) => s.trim()));
  const notes = closedMapping(Object.fromEntries(NOTES_KEYS.map((k) => [k, v.optional(note)])) as Record<(typeof NOTES_KEYS)[number], V.OptionalSchema<typeof note, undefined>>, {
    unknown: (key, allowed, meant) => `notes: unknown key "${key}" (${meant ? `did you mean "${meant}"?` : `one of ${allowed.join(', ')}`})`,
    notMapping: `notes: must be a mapping of ${NOTES_KEYS.join(', ')} to Markdown`,
  });
  return closedMapping(
    { ...lists, cap: v.optional(cap), notes: v.optional(notes) },
    {
      unknown: (key, allowed, meant) => `unknown key "${key}" (${meant ? `did you mean "${meant}"?` : `expected ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`})`,
      notMapping: 'expected the lists of overrides.yaml (include:, exclude:, …), cap: and notes:',
    },
  );
});

interface Positioned {
  line?: number;
}

/** A decisions file as read: every entry with its line. */
export interface DecisionsFile {
  file: string;
  pin: PinRule[];
  include: IncludeEntry[];
  exclude: ExcludeRule[];
  section: SectionEntry[];
  country: CountryEntry[];
  summary: SummaryEntry[];
  add: ManualEntry[];
  cap?: { cap: number; reason: string } & Positioned;
  notes: ({ key: (typeof NOTES_KEYS)[number]; text: string } & Positioned)[];
  /** `file:line: message`, for the messages of whoever checks the entries further. */
  at(line: number | undefined, message: string): string;
}

export function parseDecisionsFile(text: string, file: string): DecisionsFile {
  const read = readCheckedYaml(text, file, decisionsFileSchema(), 'expected the lists of overrides.yaml (include:, exclude:, …), cap: and notes:');
  const at = (line: number | undefined, message: string) => `${file}:${line ?? 1}: ${message}`;
  const out: DecisionsFile = { file, pin: [], include: [], exclude: [], section: [], country: [], summary: [], add: [], notes: [], at };
  if (!read) return out;
  const { output, lineOf } = read;
  const withLines = <T extends object>(list: string, rows: T[]) => rows.map((r, i) => ({ ...r, line: lineOf([list, i]) }));
  out.pin = withLines('pin', output.pin);
  out.include = withLines('include', output.include);
  out.exclude = withLines('exclude', output.exclude);
  out.section = withLines('section', output.section);
  out.country = withLines('country', output.country);
  out.summary = withLines('summary', output.summary);
  out.add = withLines('add', output.add);
  if (output.cap) out.cap = { ...output.cap, line: lineOf(['cap']) };
  for (const key of NOTES_KEYS) {
    const text = output.notes?.[key];
    if (text) out.notes.push({ key, text, line: lineOf(['notes', key]) });
  }
  return out;
}

/** One entry of a list as written: the item named by link or id, its fields, a comment line above it. */
export interface WrittenEntry {
  fields: Record<string, unknown>;
  comment?: string;
}

export interface DecisionsToWrite {
  /** Comment lines at the top. */
  header: string[];
  lists: Partial<Record<(typeof LISTS)[number], WrittenEntry[]>>;
  cap?: { cap: number; reason: string };
  notes: Partial<Record<(typeof NOTES_KEYS)[number], string>>;
}

/** The file's text: the lists in a fixed order, empty ones left out, a blank line between them. */
export function writeDecisionsFile(d: DecisionsToWrite): string {
  const Y = yamlModule();
  const doc = new Y.Document({});
  const root = doc.contents as InstanceType<typeof Y.YAMLMap>;
  const put = (key: string, node: unknown) => {
    const k = doc.createNode(key);
    if (root.items.length) k.spaceBefore = true;
    root.add(doc.createPair(k, node));
  };
  for (const list of LISTS) {
    const entries = d.lists[list] ?? [];
    if (!entries.length) continue;
    const seq = doc.createNode(entries.map((e) => e.fields)) as InstanceType<typeof Y.YAMLSeq>;
    entries.forEach((e, i) => {
      const node = seq.items[i] as InstanceType<typeof Y.YAMLMap>;
      if (e.comment) node.commentBefore = ` ${e.comment}`;
    });
    put(list, seq);
  }
  if (d.cap) put('cap', doc.createNode({ cap: d.cap.cap, reason: d.cap.reason }));
  const notes = NOTES_KEYS.filter((k) => d.notes[k]).map((k) => [k, d.notes[k]] as const);
  if (notes.length) put('notes', doc.createNode(Object.fromEntries(notes)));
  doc.commentBefore = d.header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}
