// Which VRIC actors act in the item (guide §2). Each alias mention is graded by its role and by
// the words around it: a leader, body or company is the state acting; a country name is the state
// unless it only locates the event ("talks in Beijing"); a demonym is the state unless it only
// gives a nationality ("Venezuelan migrants"), a maker in passing ("Chinese-built") or a team.

import { ACTORS, type Actor } from '../core/vocabulary.js';
import type { CompiledLexicon } from './compile.js';
import { isPeoplePlural } from './demonym.js';
import type { Evidence, Hit } from './evidence.js';
import type { FieldTokens } from './tokens.js';

/**
 * none: venue, maker in passing, team, cited source or a route's end; nationality: people or
 * products of that country; elsewhere: the state acting in a conflict outside the region ("Russia
 * and Ukraine"), which lists the actor but does not tie it to an LAC state.
 */
export type Strength = 'strong' | 'weak' | 'none' | 'nationality' | 'elsewhere';

export interface ActorMention {
  actor: Actor;
  hit: Hit;
  strength: Strength;
}

const WINDOW = 2;
/** How far back a comparison word reaches: "compares his rivals to Maduro". */
const COMPARISON_WINDOW = 4;
/** How far back a route noun reaches: "flights between Moscow and Caracas". */
const ROUTE_WINDOW = 5;
/** How close a theatre of war must be: "Russia should end its war in Ukraine". */
const THEATRE_WINDOW = 6;

function near(ft: FieldTokens, hit: Hit, words: Set<string>, before = WINDOW, after = WINDOW): boolean {
  const from = Math.max(0, hit.start - before);
  const to = Math.min(ft.tokens.length, hit.end + after);
  for (let i = from; i < to; i++) {
    if (i >= hit.start && i < hit.end) continue;
    if (words.has((ft.tokens[i] as { text: string }).text)) return true;
  }
  return false;
}

/**
 * Whether any token of the field is in the word set, answered once per field and set: asked for
 * every mention, a scan of the whole field made a long text cost the square of its length.
 */
const fieldWords = new WeakMap<FieldTokens, Map<Set<string>, boolean>>();
function fieldHas(ft: FieldTokens, words: Set<string>): boolean {
  let known = fieldWords.get(ft);
  if (!known) fieldWords.set(ft, (known = new Map()));
  let has = known.get(words);
  if (has === undefined) known.set(words, (has = ft.tokens.some((t) => words.has(t.text))));
  return has;
}

const tokenAt = (ft: FieldTokens, i: number): { text: string; cap: boolean } | undefined => ft.tokens[i];

/** True when the item is about a match or a tournament: country words then name teams. */
export function isSportItem(lex: CompiledLexicon, ev: Evidence): boolean {
  const seen = new Set<string>();
  for (const ft of ev.fields) for (const t of ft.tokens) if (lex.sport.has(t.text)) seen.add(t.text);
  return seen.size >= 2;
}

/** A place word that only locates the event: "in Caracas", "in Kazan, Russia", "na Rússia". */
export function isVenue(lex: CompiledLexicon, ft: FieldTokens, hit: Hit): boolean {
  const prev = tokenAt(ft, hit.start - 1);
  if (!prev) return false;
  const prev2 = tokenAt(ft, hit.start - 2);
  if (lex.locatives.has(prev.text)) return !(prev2 && lex.arrivalVerbs.has(prev2.text));
  return prev.cap && prev2 !== undefined && lex.locatives.has(prev2.text);
}

function grade(lex: CompiledLexicon, ft: FieldTokens, hit: Hit, sport: boolean): Strength {
  const s = gradeHere(lex, ft, hit, sport);
  // A country word beside a war outside the region is that war's party ("Lula urges Russia and
  // Ukraine to talk"): listed as acting, but it does not make the LAC state in the item a
  // counterpart (guide N1, N7). Only a bare name or adjective: "Russian troops" or Putin near
  // Ukraine may still be acting in the region (a parade in Mexico, a call with Lula).
  if (s === 'weak' && lex.theatres.size > 0 && near(ft, hit, lex.theatres, THEATRE_WINDOW, THEATRE_WINDOW)) return 'elsewhere';
  return s;
}

function gradeHere(lex: CompiledLexicon, ft: FieldTokens, hit: Hit, sport: boolean): Strength {
  const e = hit.sense;
  if (e.kind !== 'actor') return 'none';
  if (near(ft, hit, lex.comparison, COMPARISON_WINDOW, 0)) return 'none';
  switch (e.role) {
    case 'state':
      return 'strong';
    case 'contextual':
      // Settled in actorMentions, once the item's other mentions are known.
      return 'none';
    case 'media': {
      const prev = tokenAt(ft, hit.start - 1);
      const prev2 = tokenAt(ft, hit.start - 2);
      const cited = [prev, prev2].some((t) => t !== undefined && lex.attribution.has(t.text));
      return cited ? 'none' : 'strong';
    }
    case 'place': {
      if (sport) return 'none';
      // "Venezuela's opposition", "Russia's diaspora": the country's people, not its state.
      const after = tokenAt(ft, hit.end);
      const owned = after?.text === 's' ? tokenAt(ft, hit.end + 1) : undefined;
      if (owned && lex.peopleNouns.has(owned.text)) return 'nationality';
      // "A weekly flight to Caracas", "vuelos entre Moscú y Caracas": a route's end, not a party
      // ("rutas comerciales con China" is a partner: "con" is not a route's link). A place just
      // before it is the other end ("ruta Teherán-Caracas"); a route noun just after it names
      // the route ("Caracas flights").
      const link = tokenAt(ft, hit.start - 1);
      const link2 = tokenAt(ft, hit.start - 2);
      const linked =
        link !== undefined &&
        (lex.routeLinks.has(link.text) || (link.cap && link2 !== undefined && (lex.routeLinks.has(link2.text) || lex.routeNouns.has(link2.text))));
      const routeNext = tokenAt(ft, hit.end);
      if (routeNext && lex.routeNouns.has(routeNext.text)) return 'none';
      if (linked && near(ft, hit, lex.routeNouns, ROUTE_WINDOW, 0)) return 'none';
      if (isVenue(lex, ft, hit)) {
        // "Repression in Venezuela": the venue's own state is the one doing it.
        return fieldHas(ft, lex.stateConduct) ? 'weak' : 'none';
      }
      return near(ft, hit, lex.stateNouns) ? 'strong' : 'weak';
    }
    case 'demonym': {
      const next = tokenAt(ft, hit.end);
      const prev = tokenAt(ft, hit.start - 1);
      if ((next && lex.makerWords.has(next.text)) || (prev && lex.makerWords.has(prev.text))) return 'none';
      if (sport) return 'none';
      // "Venezolanos en Chile…", "thousands of Russians": people of that nationality (guide N3).
      if (isPeoplePlural(lex, ft, hit)) return 'nationality';
      // The noun the adjective qualifies decides first: "Venezuelan opposition leader" is a
      // person, "Venezuelan navy vessel" the state. Only then look a little further.
      const adjacent = [next, prev].filter((t) => t !== undefined);
      if (adjacent.some((t) => lex.peopleNouns.has(t.text))) return 'nationality';
      // "Sus helicópteros rusos": the maker of aircraft an LAC state flies, unless the field is
      // about a sale, a delivery or an arrival, where the supplier or sender is a party.
      if (adjacent.some((t) => lex.craftNouns.has(t.text)) && !fieldHas(ft, lex.tradeCues) && !fieldHas(ft, lex.arrivalVerbs)) return 'none';
      if (adjacent.some((t) => lex.stateNouns.has(t.text))) return 'strong';
      // "Vehículos chinos", "carros elétricos chineses", "Chinese electric buses": a product's
      // origin, not the state or a firm acting.
      if (near(ft, hit, lex.productNouns)) return 'nationality';
      if (near(ft, hit, lex.stateNouns)) return 'strong';
      if (near(ft, hit, lex.peopleNouns)) return 'nationality';
      return 'weak';
    }
  }
}

export function actorMentions(lex: CompiledLexicon, ev: Evidence): ActorMention[] {
  // Only country names and demonyms can name a team, so the sport test runs only when one is present.
  const needsSport = ev.hits.some((h) => h.sense.kind === 'actor' && (h.sense.role === 'place' || h.sense.role === 'demonym'));
  const sport = needsSport && isSportItem(lex, ev);
  const byField = new Map(ev.fields.map((f) => [f.field, f]));
  const out: ActorMention[] = [];
  for (const hit of ev.hits) {
    if (hit.sense.kind !== 'actor') continue;
    const ft = byField.get(hit.field);
    if (!ft) continue;
    out.push({ actor: hit.sense.actor, hit, strength: grade(lex, ft, hit, sport) });
  }
  // "CNE" is Venezuela's electoral council only in an item that names Venezuela some other way.
  const named = new Set(out.filter((o) => o.strength !== 'nationality' && o.hit.sense.kind === 'actor' && o.hit.sense.role !== 'contextual').map((o) => o.actor));
  for (const m of out) {
    if (m.hit.sense.kind !== 'actor' || m.hit.sense.role !== 'contextual') continue;
    if (named.has(m.actor)) m.strength = 'strong';
  }
  return out;
}

/**
 * Actors that act. Any strong mention counts; a weak one (a bare country name or adjective)
 * counts too, except for Venezuela, whose name so often just locates an event or a nationality
 * in LAC news, and whose mere presence makes an item relevant (R2): there a weak mention counts
 * only in the title. A mention tied to a war elsewhere counts as weak for the list, and not at
 * all with anchoredOnly (the actors that can make the item relevant).
 */
export function actingActors(mentions: ActorMention[], anchoredOnly = false): Actor[] {
  const acting = new Set<Actor>();
  // An actor whose adjective only gave people's nationality ("Chinese tourists") is not made a
  // party by a bare country name elsewhere ("arrivals from China"); a strong alias still counts.
  const civil = new Set(mentions.filter((m) => m.strength === 'nationality').map((m) => m.actor));
  for (const m of mentions) {
    if (m.strength === 'strong') acting.add(m.actor);
    else if ((m.strength === 'weak' || (m.strength === 'elsewhere' && !anchoredOnly)) && !civil.has(m.actor) && (m.actor !== 'VE' || m.hit.field === 'title')) acting.add(m.actor);
  }
  return ACTORS.filter((a) => acting.has(a));
}
