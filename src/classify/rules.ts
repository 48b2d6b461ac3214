// Relevance (guide §1), section (§7) and the relevance score, from the graded evidence.

import { ACTORS, SECTION_OF_ACTOR, type Actor, type SectionId, type Theme } from '../core/vocabulary.js';
import type { ActorMention } from './actors.js';
import type { CountryHit } from './countries.js';
import type { Hit } from './evidence.js';

/**
 * R1–R3: an acting VRIC actor and an LAC anchor (a state or the region). The Venezuelan state is
 * itself an LAC state (R2), so VE acting is enough. Passing mentions (N7), nationalities (N3) and
 * lookalikes (N6) never reach here: actors.ts and the traps have already dropped them.
 */
export function isRelevant(actors: Actor[], countries: string[], regionHits: Hit[]): boolean {
  if (actors.length === 0) return false;
  if (actors.includes('VE')) return true;
  return countries.length > 0 || regionHits.length > 0;
}

/**
 * §7: medical diplomacy when health leads the title; otherwise the first acting actor named in
 * the title by any alias, else the actor with most mentions, ties broken VE > RU > IR > CN.
 */
export function chooseSection(
  relevant: boolean,
  actors: Actor[],
  themes: Theme[],
  titleHasHealth: boolean,
  mentions: ActorMention[],
): { section: SectionId | null; primary: Actor | null; by: Hit[] } {
  if (!relevant || actors.length === 0) return { section: null, primary: null, by: [] };
  if (themes.includes('health') && titleHasHealth) return { section: 'medical-diplomacy', primary: null, by: [] };
  const listed = mentions.filter((m) => actors.includes(m.actor));
  const inTitle = listed.filter((m) => m.hit.field === 'title').sort((a, b) => a.hit.start - b.hit.start);
  const first = inTitle[0];
  if (first) return { section: SECTION_OF_ACTOR[first.actor], primary: first.actor, by: [first.hit] };
  let primary = actors[0] as Actor;
  let most = -1;
  for (const a of ACTORS) {
    if (!actors.includes(a)) continue;
    const n = listed.filter((m) => m.actor === a).length;
    if (n > most) [primary, most] = [a, n];
  }
  return { section: SECTION_OF_ACTOR[primary], primary, by: listed.filter((m) => m.actor === primary).map((m) => m.hit) };
}

/**
 * Strength of the relevance evidence, used to rank state-media items for the cap. Zero for an
 * irrelevant item. Otherwise the sum, over acting actor mentions, of 3 (strong) or 1 (weak),
 * plus 1 per LAC state or region mention, each doubled in the title; rounded to 2 decimals.
 * A title like "Putin and Maduro sign a treaty in the Kremlin" outranks a summary's aside.
 */
export function relevanceScore(relevant: boolean, actors: Actor[], mentions: ActorMention[], places: CountryHit[], regionHits: Hit[]): number {
  if (!relevant) return 0;
  let score = 0;
  const inTitle = (h: Hit): number => (h.field === 'title' ? 2 : 1);
  for (const m of mentions) {
    if (!actors.includes(m.actor) || (m.strength !== 'strong' && m.strength !== 'weak')) continue;
    score += (m.strength === 'strong' ? 3 : 1) * inTitle(m.hit);
  }
  for (const p of places) score += inTitle(p.hit);
  for (const r of regionHits) score += inTitle(r);
  return Math.round(score * 100) / 100;
}
