// The schema of overrides.yaml (the editors' pin, exclude and add lists, and the desk's include,
// section, country and summary) and the messages an editor sees, each placed at its line by
// src/config's shared YAML positions. The rule types (PinRule, ExcludeRule, ManualEntry, and the
// desk lists' entries) are this schema's output plus the entry's line.
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

  // The desk's item decisions in this file's vocabulary (src/select/decisions.ts), which
  // `vric decisions export` writes too: include an item without the pick mark, put it under another
  // section or country heading, write its item line in an edition language.
  const includeSchema = v.pipe(
    closedMapping(
      { url: v.optional(scalar('include: url must be text')), id: v.optional(scalar('include: id must be text')) },
      { unknown: field('include'), notMapping: ENTRY('include') },
    ),
    v.partialCheck([['url'], ['id']], hasRef, 'include: needs a url or an id'),
    v.partialCheck([['url'], ['id']], oneRefOnly, 'include: give a url or an id, not both'),
  );

  const sectionMoveSchema = v.pipe(
    closedMapping(
      { url: v.optional(scalar('section: url must be text')), id: v.optional(scalar('section: id must be text')), section: section('section') },
      { unknown: field('section'), notMapping: ENTRY('section'), required: () => `section: needs section (one of ${SECTIONS.join(', ')})` },
    ),
    v.partialCheck([['url'], ['id']], hasRef, 'section: needs a url or an id'),
    v.partialCheck([['url'], ['id']], oneRefOnly, 'section: give a url or an id, not both'),
  );

  const countryCode = v.pipe(
    scalar('country: country must be an ISO code such as NI'),
    upper,
    v.regex(/^[A-Z]{2}$/, (issue) => `country: "${String(issue.input)}" is not an ISO country code such as NI`),
  );
  const countryMoveSchema = v.pipe(
    closedMapping(
      { url: v.optional(scalar('country: url must be text')), id: v.optional(scalar('country: id must be text')), country: countryCode },
      { unknown: field('country'), notMapping: ENTRY('country'), required: () => 'country: needs country (the ISO code of the heading, such as NI)' },
    ),
    v.partialCheck([['url'], ['id']], hasRef, 'country: needs a url or an id'),
    v.partialCheck([['url'], ['id']], oneRefOnly, 'country: give a url or an id, not both'),
  );

  const summarySchema = v.pipe(
    closedMapping(
      {
        url: v.optional(scalar('summary: url must be text')),
        id: v.optional(scalar('summary: id must be text')),
        lang: v.optional(
          v.pipe(scalar('summary: lang must be en, es or pt'), v.picklist(SUMMARY_LANGS, (i) => `summary: lang must be en, es or pt, not "${String(i.input)}"`)),
          'en',
        ),
        text: needed('summary: needs text (the item line in that language)'),
      },
      { unknown: field('summary'), notMapping: ENTRY('summary'), required: () => 'summary: needs text (the item line in that language)' },
    ),
    v.partialCheck([['url'], ['id']], hasRef, 'summary: needs a url or an id'),
    v.partialCheck([['url'], ['id']], oneRefOnly, 'summary: give a url or an id, not both'),
  );

  return closedMapping(
    {
      pin: list('pin', pinSchema),
      exclude: list('exclude', excludeSchema),
      add: list('add', manualSchema),
      include: list('include', includeSchema),
      section: list('section', sectionMoveSchema),
      country: list('country', countryMoveSchema),
      summary: list('summary', summarySchema),
    },
    {
      unknown: (key, allowed, meant) =>
        PERIOD_KEYS.includes(key)
          ? `${key}: is a decision on one period, not a line of overrides.yaml (which every build reads): record it with vric decisions import --period SPEC FILE${key === 'cap' ? ', or give vric build --state-cap' : ''}`
          : `unknown key "${key}" (${meant ? `did you mean "${meant}"?` : `expected ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`})`,
      notMapping: 'expected pin:, exclude: and add: lists',
    },
  );
});

/** The edition languages an item line is written in. */
export const SUMMARY_LANGS = ['en', 'es', 'pt'] as const;

/** The keys of a decisions file (`vric decisions export`) that decide a whole period, which overrides.yaml refuses. */
const PERIOD_KEYS: readonly string[] = ['cap', 'notes'];

/** The line in overrides.yaml an entry was written on, for messages. */
interface Positioned {
  line?: number;
}
type OverridesFile = V.InferOutput<ReturnType<typeof overridesFileSchema>>;
export type PinRule = OverridesFile['pin'][number] & Positioned;
export type ExcludeRule = OverridesFile['exclude'][number] & Positioned;
export type ManualEntry = OverridesFile['add'][number] & Positioned;
export type IncludeEntry = OverridesFile['include'][number] & Positioned;
export type SectionEntry = OverridesFile['section'][number] & Positioned;
export type CountryEntry = OverridesFile['country'][number] & Positioned;
export type SummaryEntry = OverridesFile['summary'][number] & Positioned;
