// Anti-Western rhetoric (guide §6). Loaded terms count only in the item's own voice: a term in
// quotation marks, or after "what it called", is someone else's word. The own-voice weight must
// reach the threshold (one strong term, or two moderate ones), and a counterpoint giving the
// other side ("Washington says…") marks the whole item as a distanced report.

import type { CompiledLexicon } from './compile.js';
import type { Evidence, Hit } from './evidence.js';

export interface AntiWesternResult {
  antiWestern: boolean;
  score: number;
  ownVoice: Hit[];
  counterpoints: Hit[];
}

export function judgeAntiWestern(lex: CompiledLexicon, ev: Evidence): AntiWesternResult {
  const byField = new Map(ev.fields.map((f) => [f.field, f]));
  const ownVoice: Hit[] = [];
  const counterpoints: Hit[] = [];
  const distancers = ev.hits.filter((h) => h.sense.kind === 'distancing');
  let score = 0;
  for (const hit of ev.hits) {
    if (hit.sense.kind === 'counterpoint') counterpoints.push(hit);
    if (hit.sense.kind !== 'rhetoric') continue;
    const ft = byField.get(hit.field);
    const quoted = ft?.tokens.slice(hit.start, hit.end).some((t) => t.quoted) ?? false;
    const distanced = distancers.some((d) => d.field === hit.field && d.end <= hit.start && hit.start - d.end <= 2);
    if (quoted || distanced) continue;
    ownVoice.push(hit);
    score += hit.sense.weight;
  }
  return { antiWestern: score >= lex.rhetoricThreshold && counterpoints.length === 0, score, ownVoice, counterpoints };
}
