// Opinion markers (guide §5): a title prefix before ":" or "|", a summary opening "Columna:",
// a URL path segment, or a feed category. "Analysis", "Interview" and the like are not markers.

import type { TermHit } from '../core/item-types.js';
import type { CompiledLexicon } from './compile.js';
import { fold } from '../core/text.js';
import { phraseTokens, urlSegments } from './tokens.js';

/** The marker when `text` opens with one of the prefixes followed by one of the separators. */
function openingMarker(text: string, prefixes: string[][], separators: RegExp): string | undefined {
  const sep = separators.exec(text);
  if (!sep || sep.index > 40) return undefined;
  const head = phraseTokens(text.slice(0, sep.index)).join(' ');
  return prefixes.find((p) => p.join(' ') === head)?.join(' ');
}

export function opinionMarkers(
  lex: CompiledLexicon,
  input: { title: string; summary?: string; url?: string; categories?: string[] },
): TermHit[] {
  const hits: TermHit[] = [];
  const t = openingMarker(input.title, lex.opinion.titlePrefixes, /[:|]/);
  if (t) hits.push({ term: t, where: 'title' });
  const s = input.summary ? openingMarker(input.summary, lex.opinion.summaryPrefixes, /:/) : undefined;
  if (s) hits.push({ term: s, where: 'summary' });
  if (input.url) {
    const seg = urlSegments(input.url).find((x) => lex.opinion.urlSegments.has(x));
    if (seg) hits.push({ term: seg, where: 'url' });
  }
  for (const c of input.categories ?? []) {
    if (lex.opinion.categories.has(fold(c.trim()))) hits.push({ term: c, where: 'categories' });
  }
  return hits;
}
