// The schema of overrides.yaml (the editors' pin, exclude and add lists) and the messages an
// editor sees, each placed at its line by src/config's shared YAML positions. The rule types
// (PinRule, ExcludeRule, ManualEntry) are this schema's output plus the entry's line.
import type * as V from 'valibot';
import { ACTORS, SECTIONS, THEMES, type Ownership } from '../core/vocabulary.js';
import { allowedOrMeant, closedMapping } from '../config/schema-issues.js';
import { once, valibot } from '../config/lazy-valibot.js';
import { readIsoDate } from '../core/period.js';

const OWNERSHIPS: readonly Ownership[] = ['independent', 'public', 'state'];

/** Why an add: entry's date is none: not written as an ISO date, or a day or time the calendar has not. */
function dateProblem(text: string): string {
  const r = readIsoDate(text);
  if (!('error' in r)) return `add: date "${text}" is not a date`;
  return r.error === 'form'
    ? `add: date "${text}" is not a date (use YYYY-MM-DD, or YYYY-MM-DDTHH:MM with an optional zone)`
    : `add: date "${text}" does not exist: ${r.why}`;
}

/** The schema of the whole file, built on first use (see config/lazy-valibot.ts). */
export const overridesFileSchema = once(() => {
  const v = valibot();
  const field = (what: string) => (key: string, allowed: readonly string[], meant: string | undefined) =>
    `${what}: unknown field "${key}" (${allowedOrMeant(allowed, meant, 'allowed: ')})`;

  /** A scalar read as trimmed text (YAML may read `id: 7` as a number). */
  const scalar = (message: string) =>
    v.pipe(
      v.union([v.string(), v.number()], message),
      v.transform((x) => String(x).trim()),
    );

  /** A scalar that must say something, `needs` when missing or empty. */
  const needed = (needs: string) => v.pipe(scalar(needs), v.nonEmpty(needs));

  const section = (what: string) =>
    v.pipe(
      scalar(`${what}: section must be one of ${SECTIONS.join(', ')}`),
      v.picklist(SECTIONS, (issue) => `${what}: unknown section "${String(issue.input)}" (one of ${SECTIONS.join(', ')})`),
    );

  /** A url or an id, not both, not neither: said at the entry's line. */
  const hasRef = (r: { url?: string; id?: string }) => Boolean(r.url || r.id);
  const oneRefOnly = (r: { url?: string; id?: string }) => !(r.url && r.id);

  const ENTRY = (key: string) => `${key}: each entry must be a mapping such as "url: …"`;

  const pinSchema = v.pipe(
    closedMapping(
      { url: v.optional(scalar('pin: url must be text')), id: v.optional(scalar('pin: id must be text')), section: v.optional(section('pin')) },
      { unknown: field('pin'), notMapping: ENTRY('pin') },
    ),
    v.partialCheck([['url'], ['id']], hasRef, 'pin: needs a url or an id'),
    v.partialCheck([['url'], ['id']], oneRefOnly, 'pin: give a url or an id, not both'),
  );

  const excludeSchema = v.pipe(
    closedMapping(
      {
        url: v.optional(scalar('exclude: url must be text')),
        id: v.optional(scalar('exclude: id must be text')),
        reason: needed('exclude: needs a reason (it is printed in the list of exclusions)'),
      },
      { unknown: field('exclude'), notMapping: ENTRY('exclude'), required: () => 'exclude: needs a reason (it is printed in the list of exclusions)' },
    ),
    v.partialCheck([['url'], ['id']], hasRef, 'exclude: needs a url or an id'),
    v.partialCheck([['url'], ['id']], oneRefOnly, 'exclude: give a url or an id, not both'),
  );

  /** A list of words, each as `normal` makes it and passing `pick` (actors, countries, themes). */
  const wordList = <S extends V.GenericSchema<string, string>>(key: string, example: string, pick: S) =>
    v.array(v.pipe(scalar(`add: ${key} must be a list, e.g. [${example}]`), pick), `add: ${key} must be a list, e.g. [${example}]`);
  const upper = v.transform((s: string) => s.toUpperCase());

  const manualSchema = v.pipe(
    closedMapping(
      {
        title: needed('add: needs title'),
        url: v.pipe(needed('add: needs url'), v.regex(/^https?:\/\//i, 'add: url must start with http:// or https://')),
        outlet: needed('add: needs outlet'),
        date: v.pipe(needed('add: needs date'), v.check((d) => 'time' in readIsoDate(d), (issue) => dateProblem(String(issue.input)))),
        section: section('add'),
        summary: v.optional(scalar('add: summary must be text')),
        language: v.optional(scalar('add: language must be text')),
        actors: v.optional(wordList('actors', 'CU', v.pipe(v.string(), upper, v.picklist(ACTORS, (i) => `add: unknown actor "${String(i.input)}" (one of ${ACTORS.join(', ')})`)))),
        countries: v.optional(wordList('countries', 'CU', v.pipe(v.string(), upper))),
        themes: v.optional(wordList('themes', 'military', v.picklist(THEMES, (i) => `add: unknown theme "${String(i.input)}" (one of ${THEMES.join(', ')})`))),
        ownership: v.optional(
          v.pipe(scalar('add: ownership must be text'), v.picklist(OWNERSHIPS, (i) => `add: ownership must be independent, public or state, not "${String(i.input)}"`)),
        ),
        owner: v.optional(v.pipe(scalar('add: owner must be text'), upper)),
      },
      { unknown: field('add'), notMapping: ENTRY('add'), required: (key) => `add: needs ${key}` },
    ),
    v.forward(
      v.partialCheck([['ownership'], ['owner']], (e) => e.ownership !== 'state' || Boolean(e.owner), 'add: a state outlet needs owner (ISO code of the controlling state)'),
      ['ownership'],
    ),
  );

  const list = <S extends V.GenericSchema>(key: string, entry: S) =>
    v.nullish(v.array(entry, `${key}: must be a list (entries start with "- ")`), []);

  return closedMapping(
    { pin: list('pin', pinSchema), exclude: list('exclude', excludeSchema), add: list('add', manualSchema) },
    {
      unknown: (key, allowed, meant) => `unknown key "${key}" (${meant ? `did you mean "${meant}"?` : `expected ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`})`,
      notMapping: 'expected pin:, exclude: and add: lists',
    },
  );
});

/** The line in overrides.yaml an entry was written on, for messages. */
interface Positioned {
  line?: number;
}
type OverridesFile = V.InferOutput<ReturnType<typeof overridesFileSchema>>;
export type PinRule = OverridesFile['pin'][number] & Positioned;
export type ExcludeRule = OverridesFile['exclude'][number] & Positioned;
export type ManualEntry = OverridesFile['add'][number] & Positioned;
