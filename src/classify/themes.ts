// Themes (guide §4): the ones the title or the main clause of the summary describe. Each keyword
// hit scores by where it is: title 2, the summary's main clause (up to the first ";" or full
// stop) 1, the rest of the summary 0.5. A hit just after "after", "despite", "amid"… describes
// background and scores a quarter; a quoted word or one inside loaded rhetoric scores half. A
// theme is labelled at THRESHOLD when it reaches RELATIVE_FLOOR of the best theme or its title
// words alone reach THRESHOLD; at most MAX_THEMES. A relevant item with none takes its
// best-scoring theme, or diplomatic (statements and communiqués) when nothing scored.
//
// Two refinements from the lexicon data: a word's own weight (themes.yaml "+" names the theme
// alone, "~" only supports it), and theme shifts (theme-rules.yaml), which move a word to another
// theme when the item is about something else (food after a flood is relief, journalists being
// arrested is repression).

import { THEMES, type Theme } from '../core/vocabulary.js';
import type { CompiledLexicon, Sense } from './compile.js';
import type { Evidence, Hit } from './evidence.js';
import type { FieldTokens } from './tokens.js';
import { SpanIndex } from './spans.js';

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
  // A quoted word is someone's characterisation ("'crime against humanity'"), not the topic.
  if (ft.tokens.slice(hit.start, hit.end).some((t) => t.quoted)) w *= 0.5;
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

/** The theme-rules shifts whose cue phrases the item contains. */
function activeShifts(lex: CompiledLexicon, ev: Evidence): Set<number> | undefined {
  if (lex.shifts.length === 0 || ev.cues.size === 0) return undefined;
  let active: Set<number> | undefined;
  for (const c of ev.cues) {
    const list = lex.shiftsByCue.get(c);
    if (list) for (const i of list) (active ??= new Set()).add(i);
  }
  return active;
}

const covers = (outer: Hit, inner: Hit): boolean => outer.field === inner.field && outer.start <= inner.start && inner.end <= outer.end;
const longer = (outer: Hit, inner: Hit): boolean => covers(outer, inner) && outer.end - outer.start > inner.end - inner.start;

export function scoreThemes(lex: CompiledLexicon, ev: Evidence): ThemeResult {
  const byField = new Map(ev.fields.map((f) => [f.field, f]));
  const summary = byField.get('summary');
  const clauseEnd = summary ? mainClauseEnd(summary.raw) : 0;
  const scores = new Map<Theme, number>();
  const hits = new Map<Theme, Hit[]>();
  // Loaded wording ("criminal blockade", "steal our oil") is mostly tone, not topic: half weight.
  const rhetoric = new SpanIndex(ev.hits.filter((h) => h.sense.kind === 'rhetoric' || h.sense.kind === 'tone'));
  // A word whose shift is active counts for the shift's theme, and the plain theme words it
  // covers do not count at all: wheat sent after a flood is relief, not also trade.
  const active = activeShifts(lex, ev);
  const shifted = new SpanIndex(active ? ev.hits.filter((h) => h.sense.kind === 'theme' && active.has(h.sense.shift)) : []);
  const plain = new SpanIndex(ev.hits.filter((h) => h.sense.kind === 'theme' && h.sense.shift < 0));
  // One phrase counts once per field, and one word once per theme ("electoral" is not also
  // "elector*"), so repetition does not outweigh two different words.
  const seenPhrase = [new Set<Sense>(), new Set<Sense>()];
  const seenSpan = new Set<string>();
  const titleScores = new Map<Theme, number>();
  for (const hit of ev.hits) {
    if (hit.sense.kind !== 'theme') continue;
    if (hit.sense.shift >= 0) {
      // A plain phrase around the shift word already says it ("evade sanctions" is crime).
      if (!active?.has(hit.sense.shift) || plain.some(hit, (o) => longer(o, hit))) continue;
    } else if (shifted.some(hit, (s) => covers(s, hit))) continue;
    const theme = hit.sense.theme;
    const ft = byField.get(hit.field);
    if (!ft) continue;
    const fieldNo = hit.field === 'title' ? 0 : 1;
    const spanKey = `${theme}|${hit.field}|${hit.start}`;
    const phrases = seenPhrase[fieldNo] as Set<Sense>;
    if (phrases.has(hit.sense) || seenSpan.has(spanKey)) continue;
    phrases.add(hit.sense);
    seenSpan.add(spanKey);
    let w = hitWeight(lex, ft, hit, clauseEnd) * hit.sense.weight;
    if (rhetoric.some(hit, (r) => covers(r, hit))) w *= 0.5;
    scores.set(theme, (scores.get(theme) ?? 0) + w);
    if (hit.field === 'title') titleScores.set(theme, (titleScores.get(theme) ?? 0) + w);
    const list = hits.get(theme) ?? [];
    list.push(hit);
    hits.set(theme, list);
  }
  const best = Math.max(0, ...scores.values());
  const inTitle = (t: Theme): boolean => (titleScores.get(t) ?? 0) >= THRESHOLD;
  // A theme the title names is the item's subject even when the summary dwells on another.
  const chosen = THEMES.filter((t) => {
    const s = scores.get(t) ?? 0;
    return s >= THRESHOLD && (s >= best * RELATIVE_FLOOR || inTitle(t));
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
