// The digest's sections as the page lists them: each section's entries grouped by country.
// Order is the select stage's decision (src/select/digest.ts sorts sections and entries once);
// nothing here sorts again.
import type { Digest, DigestSection } from '../../core/digest-types.js';
import { LAC_COUNTRIES } from '../../core/vocabulary.js';
import { oneLine } from '../../core/text.js';
import { countryName, fill, label, type Locale } from '../locale.js';
import { countryCode, entryView, type EntryView } from './entry-view.js';
import type { NoteView } from './note-view.js';

export interface CountryGroupView {
  code: string | null;
  name: string;
  count: number;
  entries: EntryView[];
}

export interface SectionView {
  id: string;
  anchor: string;
  title: string;
  count: number;
  countText: string;
  note: NoteView | null;
  groups: CountryGroupView[];
  entries: EntryView[];
}

const LAC = new Set<string>(LAC_COUNTRIES);

/**
 * Entries grouped by their first LAC country (the classifier lists the main one first; the rest
 * show as "also concerns"), then a regional group for entries naming no LAC country. Groups come
 * in the order their first entry has in the digest, which sorts by that country (and puts
 * entries without one last), so the page follows the digest's order instead of re-sorting it.
 */
function groupByCountry(section: DigestSection, head: { id: string; title: string }, locale: Locale): CountryGroupView[] {
  const groups = new Map<string | null, EntryView[]>();
  for (const e of section.items ?? []) {
    const code = (e.countries ?? []).map(countryCode).find((c) => LAC.has(c)) ?? null;
    const list = groups.get(code) ?? [];
    list.push(entryView(e, code, head, locale));
    groups.set(code, list);
  }
  return [...groups.entries()].map(([code, entries]) => ({
    code,
    name: code ? countryName(code, locale) : label(locale.labels, 'regional'),
    count: entries.length,
    entries,
  }));
}

/** Every section of the digest (the select stage includes each, even when empty), in its order. */
export function sectionViews(digest: Digest, locale: Locale, notes: Record<string, NoteView>): SectionView[] {
  return digest.sections.map((section) => {
    const { id } = section;
    const title = label(locale.sections, id) === id ? oneLine(section.title) : label(locale.sections, id);
    const groups = groupByCountry(section, { id, title }, locale);
    const entries = groups.flatMap((g) => g.entries);
    return {
      id,
      anchor: `section-${id}`,
      title,
      count: entries.length,
      countText: fill(label(locale.text, entries.length === 1 ? 'sectionCountOne' : 'sectionCount'), { count: entries.length }),
      note: notes[id] ?? null,
      groups,
      entries,
    };
  });
}
