// The view model: everything a template prints, derived from a Digest in one pure function, put
// together here from one module per part (item line, entries, sections, source mix, disclaimer,
// exclusions, RSS channel). The only pre-rendered HTML is what vric made: the notes and the
// chart, as trustedHtml values; feed text arrives as plain strings and links vetted (item-line.ts).
import type { MixCounts } from '../../audit/mix.js';
import type { Digest } from '../../core/digest-types.js';
import { oneLine } from '../../core/text.js';
import { fill, formatDate, formatTime, label, localPeriodLabel, type Locale } from '../locale.js';
import { disclaimerView } from './disclaimer-view.js';
import { exclusionsView } from './exclusions-view.js';
import type { NoteView } from './note-view.js';
import { otherFormatLinks, type Format } from './output-formats.js';
import { channelView } from './rss-channel.js';
import { sectionViews } from './sections-view.js';
import { sourceMixView } from './source-mix-view.js';

export interface ViewOptions {
  formats: Format[];
  /** The published entries' source mix (the audit's `after` counts). */
  mix: MixCounts;
  /** The editors' notes by section id or 'overview', already rendered (noteViews). */
  notes?: Record<string, NoteView>;
  siteUrl?: string;
}

export function buildDigestView(digest: Digest, locale: Locale, opts: ViewOptions) {
  const notes = opts.notes ?? {};
  const sections = sectionViews(digest, locale, notes);
  const entries = sections.flatMap((s) => s.entries);
  const periodLabel = localPeriodLabel(digest.period, locale);
  const outlets = new Set(entries.map((e) => e.outletId || e.outlet)).size;
  const start = formatDate(digest.period.start, locale, true);
  const end = formatDate(digest.period.end, locale, true);
  return {
    lang: locale.lang,
    labels: locale.labels,
    siteTitle: label(locale.labels, 'siteTitle'),
    title: `${label(locale.labels, 'siteTitle')} | ${periodLabel}`,
    periodLabel,
    period: {
      slug: oneLine(digest.period.slug),
      from: digest.period.from,
      to: digest.period.to,
      start: digest.period.start,
      end: digest.period.end,
      startText: start,
      endText: end,
    },
    generatedAt: digest.generatedAt,
    generatedText: fill(label(locale.text, 'generated'), {
      date: formatDate(digest.generatedAt, locale, true),
      time: formatTime(digest.generatedAt),
    }),
    overview: {
      total: entries.length,
      outlets,
      text: fill(label(locale.text, 'overview'), { total: entries.length, outlets, start, end }),
      note: notes.overview ?? null,
    },
    sections,
    entries,
    mix: sourceMixView(opts.mix, digest, locale),
    disclaimer: disclaimerView(digest, locale),
    excluded: exclusionsView(digest, locale),
    formats: otherFormatLinks(opts.formats),
    indexHref: '../index.html',
    feed: channelView(digest, opts.formats, opts.siteUrl),
  };
}

export type DigestView = ReturnType<typeof buildDigestView>;
