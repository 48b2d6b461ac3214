// Turns a headline and summary into the language-neutral keys that story clustering compares:
// decorations dropped ("| teleSUR", "EXCLUSIVE:", WordPress footers), accents and case folded,
// stop words removed, and es/pt/en words mapped onto shared keys through the bilingual map.
import { fold } from '../core/text.js';
import type { StoryLexicon } from './story-lexicon.js';
import { foldAccents } from '../core/text.js';

/** What clustering knows about one story version. */
export interface StoryKeys {
  /** Keys of the headline. */
  title: Set<string>;
  /** Keys of the headline and the summary's lead. */
  full: Set<string>;
  /** Headline keys that name someone or somewhere (lexicon names and unknown proper nouns). */
  titleEntities: Set<string>;
  /** Unknown proper nouns of the headline ("Megasis"): specific, so they count as content. */
  properNouns: Set<string>;
  /** Names anywhere in headline and lead: the lexicon's people and organisations, and unknown
   *  capitalised words ("Golovko", "Chancay"). Places are left out: they are everywhere. */
  names: Set<string>;
  /** Counts in the headline ("two warships"): numbers under 1000. Years are left out, and so
   *  are amounts, which outlets give in different currencies and units. */
  titleNumbers: Set<string>;
}

/** Words of the summary that take part: the lead carries the story, the rest adds noise. */
const SUMMARY_LEAD_WORDS = 40;
/** A headline whose words are mostly capitalised is in Title Case: capitals say nothing then. */
const TITLE_CASE_SHARE = 0.8;

// A period has thousands of items from a few hundred outlets: fold each name once.
const foldedOutlets = new Map<string, string>();
function foldedOutlet(name: string): string {
  let folded = foldedOutlets.get(name);
  if (folded === undefined) foldedOutlets.set(name, (folded = fold(name).trim()));
  return folded;
}

/** Drops kickers ("VIDEO:") and a short trailing credit ("- Reuters", "| teleSUR", "— report"). */
export function stripTitleDecorations(title: string, lex: StoryLexicon, outletName = ''): string {
  let t = title.trim();
  for (const re of lex.titlePrefixes) t = t.replace(re, '');
  const outlet = foldedOutlet(outletName);
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

/** Words of a text, folded, plus what their capitals say. */
interface Words {
  words: string[];
  /** Folded words that were capitalised somewhere other than the first position. */
  capitalisedInside: Set<string>;
  /** Words longer than 3 letters, and how many of them were capitalised (Title Case test). */
  longWords: number;
  longCapitalised: number;
}

const NON_WORD = /[^\p{L}\p{N}]+/u;

function splitWords(text: string, limit = Number.POSITIVE_INFINITY): Words {
  let t = foldAccents(text);
  // "2,000" and "2.000" are the same number.
  if (/\d[.,]\d/.test(t)) t = t.replace(/(\d)[.,](?=\d{3}\b)/g, '$1');
  const out: Words = { words: [], capitalisedInside: new Set(), longWords: 0, longCapitalised: 0 };
  for (const word of t.split(NON_WORD)) {
    if (!word) continue;
    if (out.words.length >= limit) break;
    const folded = word.toLowerCase();
    const capitalised = word.charCodeAt(0) !== folded.charCodeAt(0);
    if (capitalised && out.words.length > 0) out.capitalisedInside.add(folded);
    if (folded.length > 3) {
      out.longWords++;
      if (capitalised) out.longCapitalised++;
    }
    // "500 mil" and "500 thousand" are the "500.000" of other outlets.
    const prev = out.words[out.words.length - 1];
    if ((folded === 'mil' || folded === 'thousand') && prev !== undefined && /^\d{1,3}$/.test(prev)) {
      out.words[out.words.length - 1] = `${prev}000`;
      continue;
    }
    out.words.push(folded);
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

/** A phrase already resolved to its keys; plain words are still strings. */
interface Resolved {
  keys: string[];
}
type Slot = string | Resolved;

/** Greedy longest match of the lexicon's phrases; words that start no phrase are skipped fast. */
function matchPhrases(list: Slot[], lex: StoryLexicon): Slot[] {
  const out: Slot[] = [];
  for (let i = 0; i < list.length; ) {
    const head = list[i] as Slot;
    let best: { keys: string[]; n: number } | undefined;
    if (typeof head === 'string' && lex.phraseStarts.has(head)) {
      let form = head;
      for (let n = 2; n <= lex.maxPhraseWords && i + n - 1 < list.length; n++) {
        const next = list[i + n - 1] as Slot;
        if (typeof next !== 'string') break;
        form += ` ${next}`;
        const keys = lex.phrases.get(form);
        if (keys) best = { keys, n };
      }
    }
    if (best) {
      out.push({ keys: best.keys });
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
 * per resolved word or phrase, with `proper` set for an unknown capitalised word inside a
 * sentence-case text (when `capitalised` is given).
 */
function resolve(
  words: string[],
  lex: StoryLexicon,
  stop: Set<string>,
  capitalised: Set<string> | null,
  emit: (keys: string[], proper: boolean) => void,
): void {
  const hasPhrase = words.some((w) => lex.phraseStarts.has(w));
  const firstPass: Slot[] = hasPhrase ? matchPhrases(words, lex) : words;
  const kept = firstPass.filter((x) => typeof x !== 'string' || !stop.has(x));
  const slots = kept.some((x) => typeof x === 'string' && lex.phraseStarts.has(x)) ? matchPhrases(kept, lex) : kept;
  for (const x of slots) {
    if (typeof x !== 'string') {
      emit(x.keys, false);
      continue;
    }
    const { keys, known } = keysOfWord(x, lex);
    emit(keys, capitalised !== null && !known && capitalised.has(x) && !/^\d/.test(x));
  }
}

function stopWordsFor(language: string, lex: StoryLexicon): Set<string> {
  return lex.stopWordsByLang.get(language.toLowerCase().slice(0, 2)) ?? lex.allStopWords;
}

function isTitleCase(w: Words): boolean {
  return w.longWords >= 4 && w.longCapitalised / w.longWords >= TITLE_CASE_SHARE;
}

export function storyKeys(
  input: { title: string; summary: string; language: string; outlet?: string },
  lex: StoryLexicon,
): StoryKeys {
  const stop = stopWordsFor(input.language, lex);
  const titleText = stripTitleDecorations(input.title, lex, input.outlet);
  const titleWords = splitWords(titleText);

  const title = new Set<string>();
  const titleEntities = new Set<string>();
  const properNouns = new Set<string>();
  const titleNumbers = new Set<string>();
  const names = new Set<string>();
  const noteName = (k: string, proper: boolean) => {
    if (proper || (lex.entities.has(k) && !lex.places.has(k))) names.add(k);
  };
  const capitals = isTitleCase(titleWords) ? null : titleWords.capitalisedInside;
  resolve(titleWords.words, lex, stop, capitals, (keys, proper) => {
    for (const k of keys) {
      title.add(k);
      if (lex.entities.has(k)) titleEntities.add(k);
      if (/^\d/.test(k) && Number(k) < 1000) titleNumbers.add(k);
      noteName(k, proper);
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
    const lead = splitWords(summary.slice(0, SUMMARY_LEAD_WORDS * 12), SUMMARY_LEAD_WORDS);
    // In a lead, a capitalised word that is not the first is nearly always a name (sentence
    // starters after a full stop are mostly stop words or known words, which do not count).
    resolve(lead.words, lex, stop, lead.capitalisedInside, (keys, proper) => {
      for (const k of keys) {
        full.add(k);
        noteName(k, proper);
      }
    });
  }
  return { title, full, titleEntities, properNouns, names, titleNumbers };
}
