// One entry as the templates see it: its item line (item-line.ts) and what else the page shows
// around it (other countries, themes, the classifier's evidence, marks, its section).
import type { DigestEntry } from '../../core/digest-types.js';
import { oneLine } from '../../core/text.js';
import { itemLine, type ItemLine } from '../item-line.js';
import { countryName, label, type Locale } from '../locale.js';

export interface EntryView extends ItemLine {
  outletId: string;
  /** Countries other than the group the entry is listed under. */
  otherCountries: { code: string; name: string }[];
  themes: { id: string; label: string }[];
  /** Classifier evidence as one line, for hover text; null when absent. */
  why: string | null;
  pinned: boolean;
  manual: boolean;
  sectionId: string;
  sectionTitle: string;
}

/** A country code as the view compares it: one line, upper case. */
export const countryCode = (c: unknown) => oneLine(c).toUpperCase();

function whyText(why: DigestEntry['why']): string | null {
  if (!why) return null;
  const text = Object.entries(why)
    .map(([k, terms]) => `${oneLine(k)}: ${(Array.isArray(terms) ? terms : []).map(oneLine).join(', ')}`)
    .join('; ');
  return text || null;
}

export function entryView(e: DigestEntry, groupCode: string | null, section: { id: string; title: string }, locale: Locale): EntryView {
  return {
    ...itemLine(e, locale),
    outletId: oneLine(e.source?.id),
    otherCountries: (e.countries ?? [])
      .map(countryCode)
      .filter((c) => c && c !== groupCode)
      .map((code) => ({ code, name: countryName(code, locale) })),
    themes: (e.themes ?? []).map((t) => ({ id: oneLine(t), label: label(locale.themes, oneLine(t)) })),
    why: whyText(e.why),
    pinned: e.pinned === true,
    manual: e.manual === true,
    sectionId: section.id,
    sectionTitle: section.title,
  };
}
