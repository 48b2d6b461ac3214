// The digest's sections as the page lists them: each section's entries grouped by country.
// The order of sections and of entries is the select stage's (src/select/digest.ts); the order of
// the country groups is the reader's, by the country's name in the edition's language ("Santa
// Lucía" is not where "Saint Lucia" is), so it is decided here, once, and nowhere else.
import type { Digest, DigestSection } from '../../core/digest-types.js';
import { LAC_COUNTRIES } from '../../core/vocabulary.js';
import { oneLine } from '../../core/text.js';
import { collatorFor, countryName, fill, label, type Locale } from '../locale.js';
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
 * show as "also concerns"), the groups by country name in the edition's language, then a regional
 * group for entries naming no LAC country. Within a group entries keep the digest's order.
 */
function groupByCountry(section: DigestSection, head: { id: string; title: string }, locale: Locale): CountryGroupView[] {
  const groups = new Map<string | null, EntryView[]>();
  for (const e of section.items ?? []) {
    const code = (e.countries ?? []).map(countryCode).find((c) => LAC.has(c)) ?? null;
    const list = groups.get(code) ?? [];
    list.push(entryView(e, code, head, locale));
    groups.set(code, list);
  }
  const collator = collatorFor(locale.lang);
  return [...groups.entries()]
    .map(([code, entries]) => ({
      code,
      name: code ? countryName(code, locale) : label(locale.labels, 'regional'),
      count: entries.length,
      entries,
    }))
    .sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : collator.compare(a.name, b.name)));
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
