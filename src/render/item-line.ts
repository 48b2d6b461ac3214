// An item's line, as every format prints it (the HTML entry partial, digest.md's bullet, the RSS
// <item>): title and link, outlet, date, language, the state-media mark and the other outlets
// that reported the story, and the summary. Made here once; templates only print these parts.
// The summary text itself comes from fetch: it is the item's text as collection stored it
// (src/fetch/, the item's summary), put on one line here.
//
// Feed text is made plain strings (a template only ever sees strings, booleans and nulls from
// the feeds) and every link is vetted once, as `href` (null = no link).
import type { DigestEntry } from '../core/digest-types.js';
import { oneLine } from '../core/text.js';
import { safeUrl } from './escape.js';
import { formatDate, label, languageName, ownerName, type Locale } from './locale.js';
import { rfc822 } from './view/rss-channel.js';

export interface OtherOutletLink {
  name: string;
  /** The vetted http(s) link, or null. */
  href: string | null;
  stateMedia: boolean;
}

export interface ItemLine {
  title: string;
  /** The vetted http(s) link, or null: templates link only when this is set. */
  href: string | null;
  outlet: string;
  /** ISO date as the feed gave it, for <time datetime>. */
  published: string;
  /** The date as readers see it, in the locale's dateFormat. */
  dateText: string;
  /** RFC 822 date for RSS. */
  pubDate: string;
  language: string;
  languageLabel: string;
  summary: string;
  stateMedia: boolean;
  ownership: string;
  ownershipLabel: string;
  owner: string | null;
  ownerLabel: string | null;
  alsoReportedBy: OtherOutletLink[];
}

export function itemLine(e: DigestEntry, locale: Locale): ItemLine {
  const source = e.source ?? ({} as Partial<DigestEntry['source']>);
  const ownership = oneLine(source.ownership);
  const owner = source.owner ? oneLine(source.owner) : null;
  return {
    title: oneLine(e.title),
    href: safeUrl(e.url),
    outlet: oneLine(source.name),
    published: oneLine(e.published),
    dateText: formatDate(e.published, locale),
    pubDate: rfc822(e.published),
    language: oneLine(e.language),
    languageLabel: e.language ? languageName(oneLine(e.language), locale) : '',
    // The editors' text in the edition's language, when they wrote one; else the item's summary.
    summary: oneLine(e.summaries?.[locale.lang] ?? e.summary),
    stateMedia: source.stateMedia === true,
    ownership,
    ownershipLabel: label(locale.ownership, ownership),
    owner,
    ownerLabel: owner ? ownerName(owner, locale) : null,
    alsoReportedBy: (e.alsoReportedBy ?? []).map((o) => ({
      name: oneLine(o.name),
      href: safeUrl(o.url),
      stateMedia: o.stateMedia === true,
    })),
  };
}
