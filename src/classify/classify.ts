// The classifier: one pass of the compiled lexicon over an item, then the rules of the labelling
// guide (../shared/reference/labelling-guide.md) applied to the graded evidence.
//
//   collectEvidence → actors (acting?) → countries → relevance → themes → opinion → anti-Western
//   → section → score, and with `explain` the terms behind every label.

import type { Classification, ClassifyInput, TermHit } from '../core/item-types.js';
import { actingActors, actorMentions } from './actors.js';
import { judgeAntiWestern } from './antiwestern.js';
import { compileLexicon, type CompiledLexicon } from './compile.js';
import { countryHits, sortedCountries } from './countries.js';
import { collectEvidence, type Hit } from './evidence.js';
import { loadLexicon, mergeLexicon, type LexiconOverrides } from './lexicon-data.js';
import { opinionMarkers } from './opinion.js';
import { chooseSection, isRelevant, relevanceScore } from './rules.js';
import { scoreThemes, themesForRelevant } from './themes.js';

export type { LexiconOverrides } from './lexicon-data.js';

export interface ClassifierOptions {
  /** Extra lexicon terms merged on top of the built-in files (e.g. from sources.yaml). */
  extraLexicon?: LexiconOverrides;
}

export interface Classifier {
  classify(input: ClassifyInput, opts?: { explain?: boolean }): Classification;
}

let builtIn: CompiledLexicon | undefined;

function compiled(extra: LexiconOverrides | undefined): CompiledLexicon {
  if (!extra) return (builtIn ??= compileLexicon(loadLexicon()));
  return compileLexicon(mergeLexicon(loadLexicon(), extra));
}

const termHit = (h: Hit): TermHit => ({ term: h.phrase.replace(/^[=^]/, ''), where: h.field });

function uniqueHits(hits: TermHit[]): TermHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const k = `${h.where}|${h.term}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function createClassifier(opts: ClassifierOptions = {}): Classifier {
  const lex = compiled(opts.extraLexicon);

  return {
    classify(input: ClassifyInput, o: { explain?: boolean } = {}): Classification {
      const ev = collectEvidence(lex, input.title ?? '', input.summary ?? '');
      const mentions = actorMentions(lex, ev);
      const actors = actingActors(mentions);
      const places = countryHits(lex, ev);
      const countries = sortedCountries(places);
      const regions = ev.hits.filter((h) => h.sense.kind === 'region');
      // An actor that only acts in a war outside the region is listed but anchors nothing (N1, N7).
      const anchored = mentions.some((m) => m.strength === 'elsewhere') ? actingActors(mentions, true) : actors;
      const relevant = isRelevant(anchored, countries, regions);

      // Only relevant items carry themes (and so a section), so the others skip their scoring:
      // in a build, most of a period's items are not relevant.
      const themeResult = relevant ? scoreThemes(lex, ev) : undefined;
      const themes = themeResult ? themesForRelevant(themeResult) : [];
      const titleHasHealth = (themeResult?.hits.get('health') ?? []).some((h) => h.field === 'title');

      const opinionHits = opinionMarkers(lex, input);
      const aw = judgeAntiWestern(lex, ev);
      const section = chooseSection(relevant, actors, themes, titleHasHealth, mentions);
      const score = relevanceScore(relevant, actors, mentions, places, regions);

      const out: Classification = {
        id: input.id,
        relevant,
        actors,
        countries,
        themes,
        opinion: opinionHits.length > 0,
        antiWestern: aw.antiWestern,
        section: section.section,
        score,
      };
      if (!o.explain) return out;

      const explain: Record<string, TermHit[]> = {};
      const put = (label: string, hits: TermHit[]): void => {
        if (hits.length > 0) explain[label] = uniqueHits(hits);
      };
      const acting = mentions.filter((m) => actors.includes(m.actor) && (m.strength === 'strong' || m.strength === 'weak'));
      for (const a of actors) put(`actor:${a}`, acting.filter((m) => m.actor === a).map((m) => termHit(m.hit)));
      for (const c of countries) put(`country:${c}`, places.filter((p) => p.country === c).map((p) => termHit(p.hit)));
      for (const t of themes) put(`theme:${t}`, (themeResult?.hits.get(t) ?? []).map(termHit));
      if (relevant) put('relevant', [...acting.map((m) => termHit(m.hit)), ...places.map((p) => termHit(p.hit)), ...regions.map(termHit)]);
      put('opinion', opinionHits);
      if (aw.antiWestern) put('antiWestern', aw.ownVoice.map(termHit));
      if (section.section === 'medical-diplomacy') put('section', (themeResult?.hits.get('health') ?? []).filter((h) => h.field === 'title').map(termHit));
      else put('section', section.by.map(termHit));
      return { ...out, explain };
    },
  };
}
