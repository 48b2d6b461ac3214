// Turns a headline and summary into the language-neutral keys that story clustering compares:
// decorations dropped ("| teleSUR", "EXCLUSIVE:", WordPress footers), accents and case folded,
// stop words removed, and es/pt/en words mapped onto shared keys through the bilingual map.
import { fold, type StoryLexicon } from './lexicon.js';

/** What clustering knows about one story version. */
export interface StoryFingerprint {
  /** Keys of the headline. */
  title: Set<string>;
  /** Keys of the headline and the summary's lead. */
  full: Set<string>;
  /** Headline keys that name someone or somewhere (lexicon names and unknown proper nouns). */
  titleEntities: Set<string>;
  /** Unknown proper nouns of the headline ("Megasis"): specific, so they count as content. */
  properNouns: Set<string>;
  /** Numbers in the headline, years left out. */
  titleNumbers: Set<string>;
}

/** Words of the summary that take part: the lead carries the story, the rest adds noise. */
const SUMMARY_LEAD_WORDS = 60;
/** A headline whose words are mostly capitalised is in Title Case: capitals say nothing then. */
const TITLE_CASE_SHARE = 0.8;

/** Drops kickers ("VIDEO:") and a short trailing credit ("- Reuters", "| teleSUR", "— report"). */
export function stripTitleDecorations(title: string, lex: StoryLexicon, outletName = ''): string {
  let t = title.trim();
  for (const re of lex.titlePrefixes) t = t.replace(re, '');
  const outlet = fold(outletName).trim();
  // Twice, for "Headline - Video - Reuters".
  for (let pass = 0; pass < 2; pass++) {
    let cut = -1;
    let sepLen = 0;
    for (const sep of lex.titleSuffixSeparators) {
      const at = t.lastIndexOf(sep);
      if (at > cut) {
        cut = at;
        sepLen = sep.length;
      }
    }
    if (cut <= 0) break;
    const head = t.slice(0, cut).trim();
    const tail = t.slice(cut + sepLen).trim();
    const tailWords = tail.split(/\s+/).filter(Boolean).length;
    const namesOutlet = outlet !== '' && fold(tail).includes(outlet);
    const headWords = head.split(/\s+/).filter(Boolean).length;
    if (headWords >= 3 && (namesOutlet || tailWords <= lex.titleSuffixMaxWords)) t = head;
    else break;
  }
  return t;
}

export function stripSummaryBoilerplate(summary: string, lex: StoryLexicon): string {
  let s = summary.trim();
  for (const re of lex.summaryPatterns) s = s.replace(re, '');
  return s.trim();
}

interface RawToken {
  folded: string;
  capitalised: boolean;
  /** Position in the text: the first word of a headline is capitalised by grammar, not name. */
  index: number;
}

const NON_WORD = /[^\p{L}\p{N}]+/u;

function rawTokens(text: string): RawToken[] {
  let t = /[^\x00-\x7f]/.test(text) ? text.normalize('NFD').replace(/\p{M}+/gu, '') : text;
  // "2,000" and "2.000" are the same number.
  if (/\d[.,]\d/.test(t)) t = t.replace(/(\d)[.,](?=\d{3}\b)/g, '$1');
  const out: RawToken[] = [];
  for (const word of t.split(NON_WORD)) {
    if (!word) continue;
    const folded = word.toLowerCase();
    out.push({ folded, capitalised: word.charAt(0) !== folded.charAt(0), index: out.length });
  }
  return out;
}

/** Keys a single word stands for: the map, then the word without a plural ending, else itself. */
function keysOfWord(word: string, lex: StoryLexicon): { keys: string[]; known: boolean } {
  const direct = lex.words.get(word);
  if (direct) return { keys: direct, known: true };
  if (word.length > 4 && word.endsWith('s')) {
    const sing = lex.words.get(word.slice(0, -1)) ?? (word.endsWith('es') ? lex.words.get(word.slice(0, -2)) : undefined);
    if (sing) return { keys: sing, known: true };
    return { keys: [word.endsWith('ss') ? word : word.slice(0, -1)], known: false };
  }
  return { keys: [word], known: false };
}

interface Resolved {
  keys: string[];
  /** The word was an unknown capitalised word inside the text: a proper noun. */
  proper: boolean;
}

/** A word still to resolve, or a phrase already resolved to its keys. */
type Slot = RawToken | Resolved;
const isRaw = (x: Slot): x is RawToken => 'folded' in x;

/** Greedy longest match of the lexicon's phrases; words that start no phrase are skipped fast. */
function matchPhrases(list: Slot[], lex: StoryLexicon): Slot[] {
  const out: Slot[] = [];
  for (let i = 0; i < list.length; ) {
    const head = list[i] as Slot;
    let best: { keys: string[]; n: number } | undefined;
    if (isRaw(head) && lex.phraseStarts.has(head.folded)) {
      let form = head.folded;
      for (let n = 2; n <= lex.maxPhraseWords && i + n - 1 < list.length; n++) {
        const next = list[i + n - 1] as Slot;
        if (!isRaw(next)) break;
        form += ` ${next.folded}`;
        const keys = lex.phrases.get(form);
        if (keys) best = { keys, n };
      }
    }
    if (best) {
      out.push({ keys: best.keys, proper: false });
      i += best.n;
    } else {
      out.push(head);
      i++;
    }
  }
  return out;
}

/**
 * Phrases are matched before stop words go ("la habana", "mil millones") and again after
 * ("buques de guerra" → "buques guerra"); then single words are looked up. Calls `emit` once
 * per resolved word or phrase (no intermediate objects: this runs for every item of a period).
 */
function resolve(
  tokens: RawToken[],
  lex: StoryLexicon,
  stop: Set<string>,
  caseMeansName: boolean,
  emit: (keys: string[], proper: boolean) => void,
): void {
  const hasPhrase = tokens.some((t) => lex.phraseStarts.has(t.folded));
  const firstPass: Slot[] = hasPhrase ? matchPhrases(tokens, lex) : tokens;
  const kept = firstPass.filter((x) => !isRaw(x) || !stop.has(x.folded));
  const slots = hasPhrase || kept.some((x) => isRaw(x) && lex.phraseStarts.has(x.folded)) ? matchPhrases(kept, lex) : kept;
  for (const x of slots) {
    if (!isRaw(x)) {
      emit(x.keys, false);
      continue;
    }
    const { keys, known } = keysOfWord(x.folded, lex);
    emit(keys, caseMeansName && x.capitalised && x.index > 0 && !known && !/^\d/.test(x.folded));
  }
}

function stopWordsFor(language: string, lex: StoryLexicon): Set<string> {
  return lex.stopWordsByLang.get(language.toLowerCase().slice(0, 2)) ?? lex.allStopWords;
}

function isTitleCase(tokens: RawToken[]): boolean {
  const words = tokens.filter((t) => t.folded.length > 3 && /\p{L}/u.test(t.folded));
  if (words.length < 4) return false;
  return words.filter((t) => t.capitalised).length / words.length >= TITLE_CASE_SHARE;
}

const YEAR = /^(19|20)\d\d$/;

export function fingerprint(
  input: { title: string; summary: string; language: string; outlet?: string },
  lex: StoryLexicon,
): StoryFingerprint {
  const stop = stopWordsFor(input.language, lex);
  const titleText = stripTitleDecorations(input.title, lex, input.outlet);
  const titleRaw = rawTokens(titleText);

  const title = new Set<string>();
  const titleEntities = new Set<string>();
  const properNouns = new Set<string>();
  const titleNumbers = new Set<string>();
  resolve(titleRaw, lex, stop, !isTitleCase(titleRaw), (keys, proper) => {
    for (const k of keys) {
      title.add(k);
      if (lex.entities.has(k)) titleEntities.add(k);
      if (/^\d/.test(k) && !YEAR.test(k)) titleNumbers.add(k);
      if (proper) {
        titleEntities.add(k);
        properNouns.add(k);
      }
    }
  });

  const full = new Set(title);
  const summary = stripSummaryBoilerplate(input.summary, lex);
  if (summary) {
    // Cut before tokenising: only the lead is used, and summaries can be whole articles.
    const lead = rawTokens(summary.slice(0, SUMMARY_LEAD_WORDS * 12)).slice(0, SUMMARY_LEAD_WORDS);
    resolve(lead, lex, stop, false, (keys) => {
      for (const k of keys) full.add(k);
    });
  }
  return { title, full, titleEntities, properNouns, titleNumbers };
}
