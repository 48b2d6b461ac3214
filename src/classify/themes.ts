// Themes (guide §4): the ones the title or the main clause of the summary describe. Each keyword
// hit scores by where it is: title 2, the summary's main clause (up to the first ";" or full
// stop) 1, the rest of the summary 0.5. A hit just after "after", "despite", "amid"… describes
// background and scores a quarter. A theme is labelled at THRESHOLD; a relevant item with none
// takes its best-scoring theme, or diplomatic (statements and communiqués) when nothing scored.

import { THEMES, type Theme } from '../core/types.js';
import type { CompiledLexicon } from './compile.js';
import type { Evidence, Hit } from './evidence.js';
import type { FieldTokens } from './normalise.js';

const THRESHOLD = 2;
const MAX_THEMES = 3;
/** A theme below this share of the best theme's score is secondary background. */
const RELATIVE_FLOOR = 0.34;

function mainClauseEnd(summary: string): number {
  const m = /[;.!?](\s|$)|\s[–—]\s/.exec(summary);
  return m ? m.index : summary.length;
}

function hitWeight(lex: CompiledLexicon, ft: FieldTokens, hit: Hit, clauseEnd: number): number {
  let w: number;
  if (hit.field === 'title') w = 2;
  else w = ((ft.tokens[hit.start]?.start ?? 0) < clauseEnd ? 1 : 0.5);
  for (let i = Math.max(0, hit.start - 3); i < hit.start; i++) {
    if (lex.background.has((ft.tokens[i] as { text: string }).text)) return w * 0.25;
  }
  return w;
}

export interface ThemeResult {
  themes: Theme[];
  scores: Map<Theme, number>;
  hits: Map<Theme, Hit[]>;
}

export function scoreThemes(lex: CompiledLexicon, ev: Evidence): ThemeResult {
  const byField = new Map(ev.fields.map((f) => [f.field, f]));
  const summary = byField.get('summary');
  const clauseEnd = summary ? mainClauseEnd(summary.raw) : 0;
  const scores = new Map<Theme, number>();
  const hits = new Map<Theme, Hit[]>();
  // One phrase counts once per field, so a repeated word does not outweigh two different ones.
  const seen = new Set<string>();
  for (const hit of ev.hits) {
    if (hit.entry.kind !== 'theme') continue;
    const theme = hit.entry.theme;
    const ft = byField.get(hit.field);
    if (!ft) continue;
    const key = `${theme}|${hit.field}|${hit.phrase}`;
    if (seen.has(key)) continue;
    seen.add(key);
    scores.set(theme, (scores.get(theme) ?? 0) + hitWeight(lex, ft, hit, clauseEnd));
    const list = hits.get(theme) ?? [];
    list.push(hit);
    hits.set(theme, list);
  }
  const best = Math.max(0, ...scores.values());
  const chosen = THEMES.filter((t) => {
    const s = scores.get(t) ?? 0;
    return s >= THRESHOLD && s >= best * RELATIVE_FLOOR;
  })
    .sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0))
    .slice(0, MAX_THEMES);
  return { themes: THEMES.filter((t) => chosen.includes(t)), scores, hits };
}

/** At least one theme for a relevant item (guide §4). */
export function themesForRelevant(result: ThemeResult): Theme[] {
  if (result.themes.length > 0) return result.themes;
  let best: Theme = 'diplomatic';
  let bestScore = 0;
  for (const t of THEMES) {
    const s = result.scores.get(t) ?? 0;
    if (s > bestScore) [best, bestScore] = [t, s];
  }
  return [best];
}
