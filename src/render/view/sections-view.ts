// The digest's sections as the page lists them: each section's reports grouped by country.
import type { Digest, DigestSection } from '../../core/types.js';
import { LAC_COUNTRIES, SECTIONS } from '../../core/types.js';
import { oneLine } from '../../core/text.js';
import { collatorFor, countryName, fill, label, type Locale } from '../locale.js';
import { countryCode, entryView, type EntryView } from './entry-view.js';
import { noteView, type NoteView } from './note-view.js';

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
 * Reports grouped by their first LAC country (the classifier lists the main one first; the rest
 * show as "also concerns"), groups in the locale's alphabetical order, then a regional group for
 * reports naming no LAC country. Within a group the digest's own order is kept.
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

/** Every section, in the publication's fixed order, even when empty this period. */
export function sectionViews(digest: Digest, locale: Locale, notes: Record<string, string>): SectionView[] {
  return SECTIONS.map((id) => {
    const section = digest.sections.find((s) => s.id === id) ?? { id, title: id, items: [] };
    const title = label(locale.sections, id) === id ? oneLine(section.title) : label(locale.sections, id);
    const groups = groupByCountry(section, { id, title }, locale);
    const entries = groups.flatMap((g) => g.entries);
    return {
      id,
      anchor: `section-${id}`,
      title,
      count: entries.length,
      countText: fill(label(locale.text, entries.length === 1 ? 'sectionCountOne' : 'sectionCount'), { count: entries.length }),
      note: noteView(notes[id]),
      groups,
      entries,
    };
  });
}
