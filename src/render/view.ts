// The view model: everything a template prints, derived from a Digest in one pure function.
// Feed text is normalised to plain strings here (so a template only ever sees strings, numbers,
// booleans and nulls from the feeds) and every link is vetted once, as `href` (null = no link).
// The only pre-rendered HTML is what vric made: the notes and the chart, as trustedHtml values.
import type Handlebars from 'handlebars';
import type { MixCounts } from '../audit/mix.js';
import type { Digest, DigestEntry, DigestSection } from '../core/digest-types.js';
import type { SectionId } from '../core/vocabulary.js';
import { LAC_COUNTRIES, SECTIONS } from '../core/vocabulary.js';
import { sourceMixChart, type ChartRow } from './chart.js';
import { oneLine } from '../core/text.js';
import { safeUrl } from './escape.js';
import { trustedHtml } from './handlebars.js';
import {
  collatorFor,
  countryName,
  fill,
  formatDate,
  formatTime,
  label,
  languageName,
  localPeriodLabel,
  ownerName,
  percent,
  type Locale,
} from './locale.js';
import { notesToHtml, notesToMarkdown } from './markdown.js';

export type Format = 'html' | 'md' | 'json' | 'rss';

export const FILE_OF_FORMAT: Record<Format, string> = {
  html: 'digest.html',
  md: 'digest.md',
  json: 'digest.json',
  rss: 'digest.rss.xml',
};
export const FORMAT_NAMES: Record<Format, string> = { html: 'HTML', md: 'Markdown', json: 'JSON', rss: 'RSS' };

export interface NoteView {
  html: Handlebars.SafeString;
  markdown: Handlebars.SafeString;
}

export interface EntryView {
  title: string;
  /** The vetted http(s) link, or null: templates link only when this is set. */
  href: string | null;
  outlet: string;
  outletId: string;
  published: string;
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
  alsoReportedBy: { name: string; href: string | null; stateMedia: boolean }[];
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

export interface ViewOptions {
  formats: Format[];
  /** The published entries' source mix (the audit's `after` counts). */
  mix: MixCounts;
  notes?: Record<string, string>;
  siteUrl?: string;
}

const COLOURS = { independent: '#1d4e89', public: '#2a7f62', state: '#c2410c', owner: '#9a3412' } as const;

/** An editors' note, or null when it holds nothing a reader would see (blank, only comments). */
function note(markdown: string | undefined): NoteView | null {
  const html = notesToHtml(markdown ?? '');
  if (!html) return null;
  return { html: trustedHtml(html), markdown: trustedHtml(notesToMarkdown(markdown ?? '')) };
}

function rfc822(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toUTCString();
}

function entryView(e: DigestEntry, groupCode: string | null, section: { id: string; title: string }, locale: Locale): EntryView {
  const source = e.source ?? ({} as Partial<DigestEntry['source']>);
  const ownership = oneLine(source.ownership);
  const owner = source.owner ? oneLine(source.owner) : null;
  const why = e.why
    ? Object.entries(e.why)
        .map(([k, terms]) => `${oneLine(k)}: ${(Array.isArray(terms) ? terms : []).map(oneLine).join(', ')}`)
        .join('; ')
    : '';
  return {
    title: oneLine(e.title),
    href: safeUrl(e.url),
    outlet: oneLine(source.name),
    outletId: oneLine(source.id),
    published: oneLine(e.published),
    dateText: formatDate(e.published, locale),
    pubDate: rfc822(e.published),
    language: oneLine(e.language),
    languageLabel: e.language ? languageName(oneLine(e.language), locale) : '',
    summary: oneLine(e.summary),
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
    otherCountries: (e.countries ?? [])
      .map(countryCode)
      .filter((c) => c && c !== groupCode)
      .map((code) => ({ code, name: countryName(code, locale) })),
    themes: (e.themes ?? []).map((t) => ({ id: oneLine(t), label: label(locale.themes, oneLine(t)) })),
    why: why || null,
    pinned: e.pinned === true,
    manual: e.manual === true,
    sectionId: section.id,
    sectionTitle: section.title,
  };
}

const countryCode = (c: unknown) => oneLine(c).toUpperCase();
const LAC = new Set<string>(LAC_COUNTRIES);

/**
 * Reports grouped by their first LAC country (the classifier lists the main one first; the rest
 * show as "also concerns"), groups in the locale's alphabetical order, then a regional group for
 * reports naming no LAC country. Within a group the digest's own order is kept: ranking is the
 * select stage's decision, not the renderer's.
 */
function groupByCountry(section: DigestSection, view: { id: string; title: string }, locale: Locale): CountryGroupView[] {
  const groups = new Map<string | null, EntryView[]>();
  for (const e of section.items ?? []) {
    const code = (e.countries ?? []).map(countryCode).find((c) => LAC.has(c)) ?? null;
    const list = groups.get(code) ?? [];
    list.push(entryView(e, code, view, locale));
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

function sectionViews(digest: Digest, locale: Locale, notes: Record<string, string>): SectionView[] {
  // Every section appears, in the publication's fixed order, even when empty this period.
  return SECTIONS.map((id: SectionId) => {
    const section = digest.sections.find((s) => s.id === id) ?? { id, title: id, items: [] };
    const title = label(locale.sections, id) === id ? oneLine(section.title) : label(locale.sections, id);
    const head = { id, title };
    const groups = groupByCountry(section, head, locale);
    const entries = groups.flatMap((g) => g.entries);
    return {
      id,
      anchor: `section-${id}`,
      title,
      count: entries.length,
      countText: fill(label(locale.text, entries.length === 1 ? 'sectionCountOne' : 'sectionCount'), { count: entries.length }),
      note: note(notes[id]),
      groups,
      entries,
    };
  });
}

function share(count: number, total: number): number {
  return total > 0 ? count / total : 0;
}

/** The audit's counts of the published entries, as shares with labels, and the chart. */
function sourceMix(mix: MixCounts, digest: Digest, locale: Locale) {
  const total = mix.items;
  const shareText = (count: number) => `${percent(share(count, total), locale)} (${count})`;
  const byOwnership = (['independent', 'public', 'state'] as const).map((key) => {
    const count = mix.ownership[key] ?? 0;
    return { key, label: label(locale.ownership, key), count, share: share(count, total), text: shareText(count) };
  });
  // An owner the audit could not name ('unknown') shows as plain state media.
  const byOwner = Object.entries(mix.owner)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, count]) => ({
      code,
      name: code === 'unknown' ? label(locale.ownership, 'state') : ownerName(code, locale),
      count,
      share: share(count, total),
      text: shareText(count),
    }));
  const { cap } = digest.stats.capVerdict;
  const ownershipRows: ChartRow[] = byOwnership.map((r) => ({ label: r.label, share: r.share, value: r.text, colour: COLOURS[r.key] }));
  const ownerRows: ChartRow[] = byOwner.map((r) => ({ label: r.name, share: r.share, value: r.text, colour: COLOURS.owner }));
  const chart = sourceMixChart({
    title: label(locale.labels, 'chartTitle'),
    cap,
    capLabel: `${label(locale.labels, 'cap')} ${percent(cap, locale)}`,
    groups: [
      { title: label(locale.labels, 'byOwnership'), rows: ownershipRows },
      ...(ownerRows.length ? [{ title: label(locale.labels, 'byOwner'), rows: ownerRows }] : []),
    ],
  });
  return { total, byOwnership, byOwner, chart: trustedHtml(chart) };
}

/** The cap as the select stage judged it (stats.capVerdict): printed, never recomputed. */
function disclaimer(digest: Digest, locale: Locale) {
  const { stats, policy } = digest;
  const verdict = stats.capVerdict;
  const cap = verdict.cap;
  const capOwners = policy?.capOwners?.length ? policy.capOwners.map((c) => ownerName(oneLine(c), locale)) : null;
  const list = capOwners ? new Intl.ListFormat(locale.lang, { type: 'conjunction' }).format(capOwners) : '';
  const overCap = verdict.over;
  return {
    cap,
    capText: percent(cap, locale),
    stateMedia: stats.stateMedia,
    stateShare: stats.stateShare,
    stateShareText: percent(stats.stateShare, locale),
    overCap,
    text: fill(label(locale.text, 'disclaimer'), {
      cap: percent(cap, locale),
      share: percent(stats.stateShare, locale),
      count: stats.stateMedia,
      total: stats.total,
    }),
    scope: verdict.capScope === 'section' ? label(locale.text, 'capScopeSection') : null,
    owners: capOwners ? fill(label(locale.text, 'capOwners'), { owners: list }) : null,
    override: verdict.override
      ? fill(label(locale.text, 'override'), {
          standard: percent(verdict.policyCap, locale),
          cap: percent(verdict.override.cap, locale),
          reason: oneLine(verdict.override.reason),
        })
      : null,
    overCapText: overCap ? label(locale.text, 'overCap') : null,
  };
}

function excludedView(digest: Digest, locale: Locale) {
  const counts = new Map<string, number>();
  for (const x of digest.excluded ?? []) counts.set(oneLine(x.reason), (counts.get(oneLine(x.reason)) ?? 0) + 1);
  return {
    total: digest.excluded?.length ?? 0,
    reasons: [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => ({ reason, label: label(locale.reasons, reason), count })),
  };
}

/** Absolute base for links in RSS: siteUrl/<slug>/, when a vetted siteUrl is given. */
function baseUrl(siteUrl: string | undefined, slug: string): string | null {
  const site = safeUrl(siteUrl);
  if (!site) return null;
  return new URL(`${encodeURIComponent(slug)}/`, site.endsWith('/') ? site : `${site}/`).href;
}

export function buildDigestView(digest: Digest, locale: Locale, opts: ViewOptions) {
  const notes = opts.notes ?? {};
  const sections = sectionViews(digest, locale, notes);
  const entries = sections.flatMap((s) => s.entries);
  const periodLabel = localPeriodLabel(digest.period, locale);
  const outlets = new Set(entries.map((e) => e.outletId || e.outlet)).size;
  const start = formatDate(digest.period.start, locale, true);
  const end = formatDate(digest.period.end, locale, true);
  const base = baseUrl(opts.siteUrl, digest.period.slug);
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
      note: note(notes.overview),
    },
    sections,
    entries,
    mix: sourceMix(opts.mix, digest, locale),
    disclaimer: disclaimer(digest, locale),
    excluded: excludedView(digest, locale),
    formats: opts.formats
      .filter((f) => f !== 'html')
      .map((f) => ({ format: f, href: FILE_OF_FORMAT[f], label: FORMAT_NAMES[f] })),
    indexHref: '../index.html',
    feed: {
      link: base ? new URL(FILE_OF_FORMAT.html, base).href : FILE_OF_FORMAT.html,
      self: base && opts.formats.includes('rss') ? new URL(FILE_OF_FORMAT.rss, base).href : null,
      lastBuildDate: rfc822(digest.generatedAt),
    },
  };
}

export type DigestView = ReturnType<typeof buildDigestView>;
