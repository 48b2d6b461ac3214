// Finds every lexicon phrase in an item's title and summary and settles overlaps, giving the
// rules a flat list of hits. Overlaps: a longer phrase of the same family wins over the words
// inside it ("Santiago Peña" is Paraguay's president, not Santiago de Chile; "alumina refinery"
// is mining, not energy), and a trap phrase cancels the actor and country words it covers.

import type { CompiledLexicon, Sense } from './compile.js';
import { keyOf } from './compile.js';
import { tokenise, type Field, type FieldTokens, type Token } from './tokens.js';
import { SpanIndex } from './spans.js';

export interface Hit {
  field: Field;
  /** Token span in the field. */
  start: number;
  end: number;
  /** The phrase as the lexicon spells it. */
  phrase: string;
  sense: Sense;
}

export interface Evidence {
  fields: FieldTokens[];
  hits: Hit[];
  /** Keys of cue phrases present anywhere in title or summary. */
  cues: Set<string>;
}

type Family = 'actor' | 'place' | 'region' | 'theme' | 'shift' | 'rhetoric' | 'other';

function familyOf(e: Sense): Family {
  switch (e.kind) {
    case 'actor':
      return 'actor';
    case 'country':
    case 'ambiguous':
      return 'place';
    case 'region':
      return 'region';
    case 'theme':
      // A shift word (theme-rules.yaml) only counts when its shift is active, so it must not
      // knock out the plain theme words inside it; themes.ts settles the two.
      return e.shift < 0 ? 'theme' : 'shift';
    case 'rhetoric':
    case 'tone':
      return 'rhetoric';
    default:
      return 'other';
  }
}

function caseOk(e: Sense, fieldRaw: string, tok: Token): boolean {
  const rule = e.caseRule;
  if (rule.kind === 'any') return true;
  if (rule.kind === 'cap') return tok.cap;
  return fieldRaw.startsWith(rule.text, tok.start);
}

const isEntityFamily = (f: Family): boolean => f === 'actor' || f === 'place' || f === 'region';

export function collectEvidence(lex: CompiledLexicon, title: string, summary: string): Evidence {
  const fields = [tokenise('title', title), tokenise('summary', summary)];
  const hits: Hit[] = [];
  for (const ft of fields) {
    const raw: Hit[] = [];
    for (const m of lex.matcher.findAll(ft.tokens)) {
      const first = ft.tokens[m.start] as Token;
      for (const sense of m.payloads) {
        if (caseOk(sense, ft.raw, first)) raw.push({ field: ft.field, start: m.start, end: m.end, phrase: m.phrase, sense });
      }
    }
    // One at a time: spreading a long text's hits into push() overflows the call stack.
    for (const h of resolveOverlaps(raw, ft, lex)) hits.push(h);
  }
  const cues = new Set<string>();
  for (const h of hits) if (h.sense.kind === 'cue') cues.add(h.sense.key);
  // Context traps: "Cuba" in an item about the Alentejo, "Moscow" in one about Idaho.
  let trapCue = false;
  for (const c of cues) if (lex.trapCues.has(c)) trapCue = true;
  if (!trapCue) return { fields, hits, cues };
  const kept = hits.filter((h) => {
    if (!isEntityFamily(familyOf(h.sense))) return true;
    const cancel = lex.whenNearby.get(keyOf(h.phrase));
    return !cancel || !cancel.some((c) => cues.has(c));
  });
  return { fields, hits: kept, cues };
}

/** "Juan Colombia", "María Paraguay", "Colombia Hernández": a country word inside a person's name. */
function isPersonName(ft: FieldTokens, h: Hit, lex: CompiledLexicon): boolean {
  const first = ft.tokens[h.start] as Token;
  const last = ft.tokens[h.end - 1] as Token;
  if (!first.cap) return false;
  const prev = ft.tokens[h.start - 1];
  const next = ft.tokens[h.end];
  // Only a plain space joins the parts of a name; a comma or a colon separates two phrases.
  const joined = (a: Token, b: Token): boolean => ft.raw.slice(a.end, b.start) === ' ';
  if (prev && prev.cap && lex.givenNames.has(prev.text) && joined(prev, first)) return true;
  return next !== undefined && next.cap && lex.surnames.has(next.text) && joined(last, next);
}

const contains = (outer: Hit, inner: Hit): boolean =>
  outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start;
const covers = (outer: Hit, inner: Hit): boolean => outer.start <= inner.start && inner.end <= outer.end;

function resolveOverlaps(raw: Hit[], ft: FieldTokens, lex: CompiledLexicon): Hit[] {
  if (raw.length === 0) return raw;
  const traps = new SpanIndex(raw.filter((h) => h.sense.kind === 'trap'));
  const grouped = new Map<Family, Hit[]>();
  for (const h of raw) {
    const fam = familyOf(h.sense);
    const list = grouped.get(fam);
    if (list) list.push(h);
    else grouped.set(fam, [h]);
  }
  const byFamily = new Map([...grouped].map(([fam, hits]) => [fam, new SpanIndex(hits)] as const));
  const none = new SpanIndex([]);
  return raw.filter((h) => {
    const fam = familyOf(h.sense);
    if (isEntityFamily(fam)) {
      if (traps.some(h, (t) => t.sense.kind === 'trap' && covers(t, h) && (t.sense.blocks === 'all' || fam === 'actor'))) return false;
      if (h.sense.kind === 'country' && h.sense.role === 'name' && isPersonName(ft, h, lex)) return false;
    }
    if (fam === 'other') return true;
    // A theme word inside a place's name is not the topic: "Puerto Ordaz", "Port of Spain".
    if ((fam === 'theme' || fam === 'shift') && (byFamily.get('place') ?? none).some(h, (o) => contains(o, h))) return false;
    // Within a family, a longer phrase wins over the phrases it contains.
    return !(byFamily.get(fam) ?? none).some(h, (o) => o !== h && contains(o, h));
  });
}
