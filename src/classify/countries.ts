// Which LAC states the item is about (guide §3). Names, places and leaders add their state; a
// demonym adds it unless it only gives a person's nationality ("an Argentine tennis player");
// ambiguous places (Córdoba, Mérida, Granada…) add a state only when the item confirms which.

import type { CompiledLexicon } from './compile.js';
import { keyOf } from './compile.js';
import { isPeoplePlural } from './demonym.js';
import type { Evidence, Hit } from './evidence.js';
import type { FieldTokens } from './tokens.js';

export interface CountryHit {
  country: string;
  hit: Hit;
}

function demonymIsNationality(lex: CompiledLexicon, ft: FieldTokens, hit: Hit): boolean {
  // "Los cubanos en Miami…": a plural demonym standing as a noun names people, not the state.
  if (isPeoplePlural(lex, ft, hit)) return true;
  // The qualified noun next to the adjective decides first ("Argentine opposition leader").
  for (const t of [ft.tokens[hit.end], ft.tokens[hit.start - 1]]) {
    if (t && lex.peopleNouns.has(t.text)) return true;
  }
  for (const t of [ft.tokens[hit.end], ft.tokens[hit.start - 1]]) {
    if (t && lex.stateNouns.has(t.text)) return false;
  }
  let people = false;
  let state = false;
  for (let i = Math.max(0, hit.start - 2); i < Math.min(ft.tokens.length, hit.end + 2); i++) {
    if (i >= hit.start && i < hit.end) continue;
    const t = (ft.tokens[i] as { text: string }).text;
    if (lex.peopleNouns.has(t)) people = true;
    if (lex.stateNouns.has(t)) state = true;
  }
  return people && !state;
}

export function countryHits(lex: CompiledLexicon, ev: Evidence): CountryHit[] {
  const byField = new Map(ev.fields.map((f) => [f.field, f]));
  const out: CountryHit[] = [];
  const ambiguous: Hit[] = [];
  for (const hit of ev.hits) {
    const e = hit.sense;
    if (e.kind === 'ambiguous') ambiguous.push(hit);
    if (e.kind !== 'country') continue;
    const ft = byField.get(hit.field);
    if (e.role === 'demonym' && ft && demonymIsNationality(lex, ft, hit)) continue;
    out.push({ country: e.country, hit });
  }
  const named = new Set(out.map((c) => c.country));
  for (const hit of ambiguous) {
    if (hit.sense.kind !== 'ambiguous') continue;
    const place = hit.sense.place;
    const confirmed =
      place.countries.find((c) => named.has(c)) ??
      place.countries.find((c) => (place.cues?.[c] ?? []).some((cue) => ev.cues.has(keyOf(cue)))) ??
      place.default;
    if (confirmed) out.push({ country: confirmed, hit });
  }
  return out;
}

/** Countries in the order the output wants: sorted ISO codes. */
export const sortedCountries = (hits: CountryHit[]): string[] => [...new Set(hits.map((h) => h.country))].sort();
