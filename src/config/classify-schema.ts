// The `classify:` block of sources.yaml: an analyst's additions to the classifier's lexicons,
// in the shape of the lexicon files (src/classify/lexicons/*.yaml). Lists are appended to the
// bundled ones, numbers replace them. Checked here, with lines, so a wrong addition stops the run
// before anything is fetched, rather than when the first item is labelled.
// src/pipeline/classifier.ts hands the result to the classifier without a cast, so the compiler
// holds this shape to the classifier's LexiconOverrides.
import type * as V from 'valibot';
import { once, valibot } from './lazy-valibot.js';
import { ACTORS, LAC_COUNTRIES, THEMES } from '../core/vocabulary.js';
import { allowedOrMeant, closedMapping } from './schema-issues.js';

const at = (where: string) => ({
  unknown: (key: string, allowed: readonly string[], meant: string | undefined) =>
    `unknown key "${key}" in ${where} (${allowedOrMeant(allowed, meant)})`,
  notMapping: `${where} must be a mapping`,
});

const ACTOR_LISTS = ['place', 'demonym', 'media', 'state', 'contextual'] as const;
const COUNTRY_LISTS = ['names', 'demonyms', 'places', 'leaders'] as const;
const CONTEXT_LISTS = [
  'locatives', 'arrivalVerbs', 'stateConduct', 'comparison', 'stateNouns', 'peopleNouns', 'makerWords',
  'attribution', 'sport', 'background', 'routeNouns', 'routeLinks', 'productNouns', 'nounMarkers',
  'ofWords', 'conjunctions', 'craftNouns', 'tradeCues', 'theatres',
] as const;

/** The schema of the block, built on first use (see lazy-valibot.ts). */
export const classifySchema = once(() => {
  const v = valibot();
  const terms = (where: string) => v.array(v.string(`${where}: each entry must be a word or phrase`), `${where} must be a list of words or phrases, such as [Zhenhua Oil]`);

  /** A mapping of optional lists of terms, one per key. */
  function lists<const K extends readonly string[]>(where: string, keys: K) {
    const entries = Object.fromEntries(keys.map((k) => [k, v.optional(terms(`${where}.${k}`))])) as {
      [P in K[number]]: V.OptionalSchema<ReturnType<typeof terms>, undefined>;
    };
    return closedMapping(entries, at(where));
  }

  /** A mapping keyed by a fixed vocabulary (actors, states, themes), each value shaped by `of`. */
  function keyedBy<const K extends readonly string[], S extends V.GenericSchema>(where: string, keys: K, of: (key: string) => S) {
    const entries = Object.fromEntries(keys.map((k) => [k, v.optional(of(`${where}.${k}`))])) as {
      [P in K[number]]: V.OptionalSchema<S, undefined>;
    };
    return v.optional(closedMapping(entries, at(where)));
  }

  const word = (where: string) => v.string(`${where} must be a word or phrase`);

  const ambiguousPlace = v.strictObject(
    {
      name: word('classify.ambiguous: name'),
      countries: v.array(v.picklist(LAC_COUNTRIES, 'classify.ambiguous: countries must be Latin American and Caribbean states such as [GY, VE]')),
      default: v.optional(v.picklist(LAC_COUNTRIES, 'classify.ambiguous: default must be one of its countries')),
      cues: v.optional(v.record(v.string(), terms('classify.ambiguous: cues'))),
    },
    'classify.ambiguous: each entry must be a mapping with name and countries (and default, cues)',
  );

  const themeShift = v.strictObject(
    {
      name: word('classify.themeRules.shifts: name'),
      when: terms('classify.themeRules.shifts: when'),
      words: terms('classify.themeRules.shifts: words'),
      to: v.picklist(THEMES, `classify.themeRules.shifts: to must be a theme (${THEMES.join(', ')})`),
    },
    'classify.themeRules.shifts: each entry must be a mapping with name, when, words and to',
  );

  return closedMapping(
    {
      actors: keyedBy('classify.actors', ACTORS, (where) => lists(where, ACTOR_LISTS)),
      countries: keyedBy('classify.countries', LAC_COUNTRIES, (where) => lists(where, COUNTRY_LISTS)),
      ambiguous: v.optional(v.array(ambiguousPlace, 'classify.ambiguous must be a list of places')),
      regions: v.optional(terms('classify.regions')),
      traps: v.optional(
        closedMapping(
          {
            phrases: v.optional(terms('classify.traps.phrases')),
            actorOnly: v.optional(terms('classify.traps.actorOnly')),
            whenNearby: v.optional(v.array(v.strictObject({ term: word('classify.traps.whenNearby: term'), cues: terms('classify.traps.whenNearby: cues') }), 'classify.traps.whenNearby must be a list of {term, cues}')),
            givenNames: v.optional(terms('classify.traps.givenNames')),
            surnames: v.optional(terms('classify.traps.surnames')),
          },
          at('classify.traps'),
        ),
      ),
      context: v.optional(lists('classify.context', CONTEXT_LISTS)),
      themes: keyedBy('classify.themes', THEMES, (where) => terms(where)),
      themeRules: v.optional(
        closedMapping(
          { tone: v.optional(terms('classify.themeRules.tone')), shifts: v.optional(v.array(themeShift, 'classify.themeRules.shifts must be a list')) },
          at('classify.themeRules'),
        ),
      ),
      opinion: v.optional(lists('classify.opinion', ['titlePrefixes', 'summaryPrefixes', 'urlSegments', 'categories'])),
      rhetoric: v.optional(
        closedMapping(
          {
            threshold: v.optional(v.number('classify.rhetoric.threshold must be a number')),
            strong: v.optional(terms('classify.rhetoric.strong')),
            moderate: v.optional(terms('classify.rhetoric.moderate')),
            distancing: v.optional(terms('classify.rhetoric.distancing')),
            counterpoint: v.optional(terms('classify.rhetoric.counterpoint')),
          },
          at('classify.rhetoric'),
        ),
      ),
    },
    at('classify'),
  );
});

/** The `classify:` block as the schema reads it. */
export type ClassifyBlock = V.InferOutput<ReturnType<typeof classifySchema>>;
