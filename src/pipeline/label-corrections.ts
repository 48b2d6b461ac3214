// The editors' decisions on a period read as corrections of the classifier's labels, written in the
// labelled format of the labelling guide (`vric decisions export --labels`), so that `vric eval`
// scores the classifier against the centre's own decisions over the months. One line per item the
// editors decided on whose decisions say something about its labels; the labels start as the
// classifier gave them and only what a decision says is changed (docs/decisions.md has the rule):
//
//   include            → relevant (one with no actor or no theme leaves them open)
//   exclude            → not relevant, only when the rules would have kept the item and its outlet
//                        is not state media (else the exclusion is an editorial choice, not a label)
//   section move       → that section, and its actor among the actors
//   country heading    → that country among the countries
//   summary            → the labels as they are, confirmed, when the item is in the digest
import type { Decision } from '../core/decision-types.js';
import type { Classification } from '../core/item-types.js';
import type { LabelledItem } from '../classify/score.js';
import { ACTORS, SECTION_OF_ACTOR, THEMES, type Actor, type SectionId } from '../core/vocabulary.js';
import { inForce } from '../select/decisions.js';
import { decidePeriod, type DecideOptions } from './build.js';

/** One line of a labelled file (score.ts's LabelledItem, as the guide writes it). */
export interface LabelledLine {
  id: string;
  lang: string;
  title: string;
  summary: string;
  url?: string;
  categories?: string[];
  /** The labelled format's labels, as the scorer reads them (classify/score.ts). */
  expect: LabelledItem['expect'];
}

const ITEM_ACTIONS = new Set(['include', 'exclude', 'section', 'country', 'summary']);
const ACTOR_OF_SECTION = new Map<SectionId, Actor>((Object.entries(SECTION_OF_ACTOR) as [Actor, SectionId][]).map(([a, s]) => [s, a]));

/** The label corrections of the period's decisions in force, in the period's order (date, then id). */
export async function exportLabels(opts: DecideOptions): Promise<LabelledLine[]> {
  const decided = await decidePeriod(opts);
  const rows = inForce(decided.history).filter((d) => ITEM_ACTIONS.has(d.action));
  const byItem = new Map<string, Map<string, Decision>>();
  for (const d of rows) byItem.set(d.subject, (byItem.get(d.subject) ?? new Map()).set(d.action, d));

  // Which excluded items the rules would have kept: the period decided again with the editors'
  // exclusions withdrawn (everything else, overrides.yaml included, as it stands).
  const exclusions = rows.filter((d) => d.action === 'exclude');
  let keptWithout = new Set<string>();
  if (exclusions.length) {
    const top = decided.history.at(-1)?.id ?? 0;
    const withdrawn = exclusions.map((d, i): Decision => ({ ...d, id: top + 1 + i, value: null, supersedes: d.id }));
    const without = await decidePeriod({ ...opts, history: [...decided.history, ...withdrawn] });
    keptWithout = new Set(without.selection.kept.map((e) => e.c.item.id));
  }
  const keptSection = new Map(decided.selection.kept.map((e) => [e.c.item.id, e.section] as const));

  const out: LabelledLine[] = [];
  for (const c of [...decided.candidates].sort((a, b) => (a.item.date < b.item.date ? -1 : a.item.date > b.item.date ? 1 : a.item.id < b.item.id ? -1 : 1))) {
    const decisions = byItem.get(c.item.id);
    if (!decisions) continue;
    const value = (action: string) => decisions.get(action)?.value as Record<string, unknown> | undefined;
    const l: Classification = c.labels;
    let relevant = l.relevant;
    let said = false;
    if (decisions.has('include')) {
      relevant = true;
      said = true;
    }
    if (decisions.has('exclude') && c.source.ownership !== 'state' && keptWithout.has(c.item.id)) {
      relevant = false;
      said = true;
    }
    const actors = [...l.actors] as string[];
    const countries = [...l.countries];
    const movedTo = value('section')?.section as SectionId | undefined;
    if (movedTo) {
      const actor = ACTOR_OF_SECTION.get(movedTo);
      if (actor && !actors.includes(actor)) actors.push(actor);
      said = true;
    }
    const heading = value('country')?.country as string | undefined;
    if (heading) {
      if (!countries.includes(heading)) countries.push(heading);
      said = true;
    }
    if (decisions.has('summary') && keptSection.has(c.item.id)) {
      relevant = true;
      said = true;
    }
    if (!said) continue;
    const section = movedTo ?? keptSection.get(c.item.id) ?? l.section ?? undefined;
    const themes = relevant ? [...l.themes] : [];
    out.push({
      id: c.item.id,
      lang: c.item.language,
      title: c.item.title,
      summary: c.item.summary,
      ...(c.item.url ? { url: c.item.url } : {}),
      ...(c.item.categories.length ? { categories: [...c.item.categories] } : {}),
      expect: {
        relevant,
        actors,
        countries,
        themes,
        opinion: l.opinion,
        antiWestern: l.antiWestern,
        ...(relevant && section ? { section } : {}),
        // Relevant, but the classifier found no actor or no theme and no decision names one: the
        // editors did not say which, so any is right (the guide's relevant item has both).
        ...(relevant && actors.length === 0 ? { optionalActors: [...ACTORS] } : {}),
        ...(relevant && themes.length === 0 ? { optionalThemes: [...THEMES] } : {}),
      },
    });
  }
  return out;
}
