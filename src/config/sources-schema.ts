// The schema of sources.yaml: what each key may hold and what is said when it does not. The
// types of the file's parts come from here (InferOutput); load.ts adds what only the file's
// positions and folder can tell (the line of each source, absolute `file:` paths, duplicate ids).
import type * as V from 'valibot';
import type { FetchSettings } from '../core/config-types.js';
import { classifySchema } from './classify-schema.js';
import { measure, oneOf, listOf, text, words } from './fields.js';
import { allowedOrMeant, closedMapping } from './schema-issues.js';
import { once, valibot } from './lazy-valibot.js';
import {
  DEFAULT_STATE_THEMES,
  EVERY_BOUNDS,
  FETCH_KEYS,
  isCountryCode,
  isHttpUrl,
  isLanguage,
  isSlug,
  isTheme,
  OWNERSHIPS,
  SMM_TYPES,
} from './schema.js';
import { parseDuration } from './units.js';

const unknownIn = (what: string) => (key: string, allowed: readonly string[], meant: string | undefined) =>
  `unknown key "${key}" in ${what} (${allowedOrMeant(allowed, meant)})`;

/** The schema of the whole file, built on first use (see lazy-valibot.ts). */
export const sourcesFileSchema = once(() => {
  const v = valibot();
  /** A `fetch:` block (top level or per source): friendly keys, read into FetchSettings' names. */
  const fetchEntries = Object.fromEntries(
    Object.entries(FETCH_KEYS).map(([name, spec]) => [name, v.optional(measure(`fetch.${name}`, spec.parse, spec.expect, spec.bounds))]),
  );
  const fetchBlockSchema = v.nullish(
    v.pipe(
      closedMapping(fetchEntries, { unknown: unknownIn('fetch'), notMapping: 'fetch must be a mapping of settings' }),
      v.transform((block): Partial<FetchSettings> => {
        const out: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(block)) if (value !== undefined) out[FETCH_KEYS[name]!.key] = value;
        return out as Partial<FetchSettings>;
      }),
    ),
    {},
  );

  const isCode = (s: string) => isCountryCode(s);
  const optionalText = (key: string, test?: (s: string) => boolean, bad?: (s: string) => string) => v.nullish(text(key, test, bad));

  const sourceSchema = v.pipe(
    closedMapping(
      {
        id: text('id', isSlug, (id) => `id "${id}" must be a slug: lowercase letters, digits, '-', '_' or '.'`),
        name: text('name'),
        url: optionalText('url', isHttpUrl, (url) => `url "${url}" must be an http or https address`),
        file: optionalText('file'),
        language: text('language', isLanguage, (l) => `language "${l}" must be an ISO 639-1 code such as es, pt or en`),
        ownership: oneOf('ownership', OWNERSHIPS, (o) => `ownership "${o}" must be one of: ${OWNERSHIPS.join(', ')}`),
        owner: optionalText('owner', isCode, (o) => `owner "${o}" must be an ISO 3166 alpha-2 code in capitals, such as RU`),
        country: optionalText('country', (c) => isCode(c) || c === 'unknown', (c) => `country "${c}" must be an ISO 3166 alpha-2 code in capitals`),
        smm: v.nullish(oneOf('smm', SMM_TYPES, (s) => `smm "${s}" must be one of: ${SMM_TYPES.join(', ')}`)),
        tags: v.nullish(words('tags must be a list of words'), []),
        enabled: v.nullish(v.boolean('enabled must be true or false'), true),
        every: v.optional(measure('every', parseDuration, 'a duration such as 6h or 1d', EVERY_BOUNDS)),
        fetch: fetchBlockSchema,
        // Read by people, not by vric: kept so a source can say where its feed came from.
        homepage: v.optional(v.unknown()),
        note: v.optional(v.unknown()),
      },
      {
        unknown: unknownIn('a source'),
        required: (key) => (key === 'id' ? '"id" is required (a unique slug such as rt-es)' : `"${key}" is required`),
        notMapping: 'each source must be a mapping with id, name, url or file, language and ownership',
      },
    ),
    v.partialCheck([['url'], ['file']], (s) => !(s.url && s.file), 'give either "url" or "file", not both'),
    v.partialCheck(
      [['url'], ['file']],
      (s) => Boolean(s.url || s.file),
      'either "url" (http or https) or "file" (a path relative to the config) is required',
    ),
    v.partialCheck(
      [['ownership'], ['owner']],
      (s) => s.ownership !== 'state' || Boolean(s.owner),
      'owner (the controlling state, e.g. RU) is required when ownership is state',
    ),
  );

  const CAP = 'policy.stateMediaCap must be a number from 0 to 1 (0.2 means 20 percent)';

  const policySchema = closedMapping(
    {
      stateMediaCap: v.pipe(v.number(CAP), v.check((n) => n >= 0 && n <= 1, CAP)),
      stateAllowedThemes: v.optional(
        listOf(isTheme, 'policy.stateAllowedThemes must be a list of themes (diplomatic, economic, energy, military, security, crime, health, politics, culture, technology)'),
        () => DEFAULT_STATE_THEMES,
      ),
      capScope: v.optional(v.picklist(['overall', 'section'], 'policy.capScope must be "overall" or "section"'), 'overall'),
      capOwners: v.optional(listOf(isCode as (s: string) => s is string, 'policy.capOwners must be a list of ISO country codes such as [VE, RU, IR, CN]')),
    },
    { unknown: unknownIn('policy'), required: () => CAP, notMapping: 'policy must be a mapping with at least "stateMediaCap: 0.2"' },
  );

  return closedMapping(
    {
      sources: v.array(sourceSchema, 'a top-level "sources:" list is required'),
      // Fetching needs no policy, so a plain feed list still loads; the build then says it uses the publication's 20%.
      policy: v.optional(policySchema),
      fetch: fetchBlockSchema,
      classify: v.nullish(classifySchema()),
    },
    {
      unknown: unknownIn('the top level'),
      required: () => 'a top-level "sources:" list is required',
      notMapping: 'must be a mapping with "sources:" and "policy:"',
    },
  );
});

/** sources.yaml as the schema reads it. */
export type SourcesFile = V.InferOutput<ReturnType<typeof sourcesFileSchema>>;
export type SourceEntry = SourcesFile['sources'][number];
export type PolicyEntry = NonNullable<SourcesFile['policy']>;

/** The keys whose values are text even when YAML reads them as numbers (`id: 007`, `name: 1984`). */
export const TEXT_KEYS = ['id', 'name', 'url', 'file', 'language', 'ownership', 'owner', 'country', 'smm'] as const;
