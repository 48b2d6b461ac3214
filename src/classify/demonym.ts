// Whether a demonym names people rather than qualifying a noun (guide §1 N3, §3 "Nationality alone
// does not add a country"). A plural demonym standing as a noun, "Venezolanos en Chile…", "the
// Venezuelans", "miles de cubanos", "200 Russians", names people of that nationality: neither the
// state acting nor, by itself, a country in the item. Spanish and Portuguese adjectives follow
// their noun ("buques rusos", "militares venezolanos"), so a plural demonym after a determiner, a
// quantifier or a preposition, or opening a sentence, cannot be qualifying a noun before it;
// English adjectives never take a plural "s", so "Russian warships" never reaches this test.

import type { CompiledLexicon } from './compile.js';
import type { Hit } from './evidence.js';
import type { FieldTokens } from './tokens.js';

/** Punctuation that ends a sentence or a headline's clause: what follows opens a new one. */
const BREAKS = new Set(['.', '!', '?', ':', ';', '|', '—', '–']);

function opensSentence(ft: FieldTokens, i: number): boolean {
  const prev = ft.tokens[i - 1];
  const here = ft.tokens[i];
  if (!prev || !here) return true;
  for (let c = prev.end; c < here.start; c++) if (BREAKS.has(ft.raw[c] as string)) return true;
  return false;
}

const isNumber = (text: string): boolean => text.length > 0 && text.charCodeAt(0) >= 48 && text.charCodeAt(0) <= 57;

/** True when a plural word at token i stands as a noun: nothing before it it could qualify. */
function nounPosition(lex: CompiledLexicon, ft: FieldTokens, i: number): boolean {
  if (opensSentence(ft, i)) return true;
  const prev = ft.tokens[i - 1] as { text: string };
  if (lex.nounMarkers.has(prev.text) || isNumber(prev.text)) return true;
  const prev2 = ft.tokens[i - 2];
  // "miles de venezolanos", "thousands of Russians", "2 millones de cubanos".
  return lex.ofWords.has(prev.text) && prev2 !== undefined && (lex.nounMarkers.has(prev2.text) || isNumber(prev2.text));
}

/**
 * True when the demonym hit is a plural noun naming people. A state-conduct word in the same
 * field ("Venezolanos votan en unas elecciones sin garantías", "… denuncian la represión")
 * keeps the ordinary reading: such items are about the state, not only its people.
 */
export function isPeoplePlural(lex: CompiledLexicon, ft: FieldTokens, hit: Hit): boolean {
  if (hit.end - hit.start !== 1) return false;
  const word = ft.tokens[hit.start];
  if (!word || !word.text.endsWith('s')) return false;
  let noun = nounPosition(lex, ft, hit.start);
  if (!noun) {
    // "Brasileiros e chineses", "los cubanos y venezolanos": the second of two plural nouns. Not
    // "buques rusos y chinos", where the first is itself an adjective after its noun.
    const prev = ft.tokens[hit.start - 1] as { text: string };
    const prev2 = ft.tokens[hit.start - 2];
    noun = lex.conjunctions.has(prev.text) && prev2 !== undefined && prev2.text.endsWith('s') && nounPosition(lex, ft, hit.start - 2);
  }
  if (!noun) return false;
  for (const t of ft.tokens) if (lex.stateConduct.has(t.text)) return false;
  return true;
}
