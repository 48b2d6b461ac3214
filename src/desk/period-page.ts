// The period page's view: every candidate with its fate, evidence and story, the cap line, and the
// filter menus. Plain values only; the template escapes all of it ({{ }}), and links are vetted
// here (safeUrl) so a javascript: address is never a link.
import type { Decision } from '../core/decision-types.js';
import { SECTIONS } from '../core/vocabulary.js';
import type { PeriodReview, ReviewRow } from '../pipeline/review.js';
import { capLine as verdictLine } from '../pipeline/decide.js';
import { NOTE_KEYS } from '../render/notes.js';
import { decisionKey } from '../select/decisions.js';
import { safeUrl } from '../render/escape.js';
import { FACETS, facetOptions, facetValues, matches, searchText, type Facet, type Filters } from './filters.js';

const FACET_LABELS: Record<Facet, string> = {
  section: 'Section',
  reason: 'Fate',
  outlet: 'Outlet',
  country: 'Country',
  theme: 'Theme',
  language: 'Language',
  ownership: 'Ownership',
};

/** "state media N of M, cap allows K": the select stage's verdict, read and never recomputed. */
export function capLine(review: PeriodReview): string {
  return verdictLine(review.decided);
}

const LANGS = ['en', 'es', 'pt'] as const;
const idOf = (d: Decision | undefined) => d?.id ?? 0;
const valueText = (d: Decision | undefined, key: string) => (d?.value ? String((d.value as Record<string, unknown>)[key] ?? '') : '');

/** What the desk shows in an item's summary box: the editors' text, else the teaser in the item's own language. */
export function shownSummary(row: ReviewRow, lang: string): string {
  return valueText(row.decided.summary[lang], 'text') || (lang === row.language ? row.summary : '');
}

/** What an item's edit form showed, so that only what the editor changed becomes a decision. */
export function shownEdit(row: ReviewRow): { section: string; country: string; summaries: Record<string, string> } {
  return {
    section: valueText(row.decided.section, 'section') || (row.section ?? ''),
    country: valueText(row.decided.country, 'country'),
    summaries: Object.fromEntries(LANGS.map((lang) => [lang, shownSummary(row, lang)])),
  };
}

/** One decision as the history shows it. */
function historyLine(d: Decision): string {
  const v = d.value as Record<string, unknown> | null;
  const what = v === null ? 'withdrawn' : d.action === 'exclude' ? `reason: ${String(v.reason)}` : d.action === 'section' ? String(v.section) : d.action === 'country' ? String(v.country) : d.action === 'cap' ? `${Number(v.cap) * 100}%: ${String(v.reason)}` : d.action === 'summary' || d.action === 'notes' ? String(v.text).slice(0, 140) : d.action === 'add' ? String(v.title) : '';
  return `${d.action}${d.lang ? ` (${d.lang})` : ''}${d.subject ? ` ${d.subject}` : ''}${what ? `: ${what}` : ''}`;
}

function rowView(row: ReviewRow, values: Record<Facet, string[]>, text: string, shown: boolean) {
  return {
    itemId: row.itemId,
    title: row.title,
    url: safeUrl(row.url),
    outlet: row.outlet,
    state: row.ownership === 'state',
    countsTowardCap: row.stateMedia,
    ownership: row.ownership,
    owner: row.owner,
    date: row.published.slice(0, 10),
    language: row.language,
    summary: row.summary,
    actors: row.actors.join(', '),
    countries: row.countries.join(', '),
    themes: row.themes.join(', '),
    section: row.section,
    kept: row.fate.kept,
    reason: row.fate.kept ? null : row.fate.reason,
    detail: row.fate.kept ? null : row.fate.detail,
    evidence: Object.entries(row.evidence()).map(([label, terms]) => ({ label, terms: terms.join(', ') })),
    story: row.story.map((v) => ({ outlet: v.outlet, title: v.title, url: safeUrl(v.url), kept: v.kept })),
    eligibility: row.stateEligibility,
    hidden: !shown,
    decide: {
      fateBase: idOf(row.decided.fate),
      fateByEditor: row.decided.fate?.value ? `${row.decided.fate.action === 'include' ? 'included' : 'excluded'} by ${row.decided.fate.editor}` : null,
      cappedOut: !row.fate.kept && row.fate.reason === 'state-cap',
      sectionBase: idOf(row.decided.section),
      countryBase: idOf(row.decided.country),
      movedSection: valueText(row.decided.section, 'section'),
      movedCountry: valueText(row.decided.country, 'country'),
      sections: SECTIONS.map((id) => ({ id, selected: id === (valueText(row.decided.section, 'section') || row.section) })),
      hasSection: Boolean(valueText(row.decided.section, 'section') || row.section),
      summaries: LANGS.map((lang) => ({ lang, base: idOf(row.decided.summary[lang]), text: shownSummary(row, lang), written: Boolean(valueText(row.decided.summary[lang], 'text')) })),
    },
    // Space-separated facet values for desk.js (ids and codes hold no spaces).
    data: Object.fromEntries(FACETS.map((f) => [f, values[f].join(' ')])) as Record<Facet, string>,
    text,
  };
}

/**
 * Candidates on one page. A period up to this size is one page, filtered in place by desk.js; a
 * larger one (a research centre's month can hold 12,000) is filtered by the server and paged, so
 * the page stays a few hundred kilobytes and opens at once.
 */
export const PAGE_ROWS = 100;

/** Each row's facet values and search text, and the menus: made once per review, not per page. */
const facetCache = new WeakMap<PeriodReview, { values: Record<Facet, string[]>[]; texts: string[]; options: ReturnType<typeof facetOptions> }>();
function facetsOf(review: PeriodReview) {
  let f = facetCache.get(review);
  if (!f) {
    const values = review.rows.map(facetValues);
    facetCache.set(review, (f = { values, texts: review.rows.map(searchText), options: facetOptions(values) }));
  }
  return f;
}

export function periodPageView(review: PeriodReview, filters: Filters, csrf: string, flash?: { refused: boolean; text: string }, back = '') {
  const { values, texts, options } = facetsOf(review);
  const matching = review.rows.map((_, i) => matches(values[i]!, texts[i]!, filters));
  const shownCount = matching.filter(Boolean).length;
  const paged = review.rows.length > PAGE_ROWS;
  const pages = Math.max(1, Math.ceil(shownCount / PAGE_ROWS));
  const page = Math.min(filters.page, pages);
  // Paged: only this page's matching rows are made at all; else every row, the others hidden.
  const indices = paged
    ? review.rows.map((_, i) => i).filter((i) => matching[i]).slice((page - 1) * PAGE_ROWS, page * PAGE_ROWS)
    : review.rows.map((_, i) => i);
  const rows = indices.map((i) => rowView(review.rows[i]!, values[i]!, texts[i]!, matching[i]!));
  const pageHref = (n: number) => {
    const params = new URLSearchParams();
    for (const [f, v] of Object.entries(filters.facets)) params.set(f, v);
    if (filters.typed) params.set('q', filters.typed);
    if (n > 1) params.set('page', String(n));
    const q = params.toString();
    return q ? `/?${q}` : '/';
  };
  const kept = review.rows.filter((r) => r.fate.kept).length;
  const reasons = new Map<string, number>();
  for (const r of review.rows) if (!r.fate.kept) reasons.set(r.fate.reason, (reasons.get(r.fate.reason) ?? 0) + 1);
  return {
    title: `Desk: ${review.digest.period.label}`,
    period: review.digest.period.label,
    capLine: capLine(review),
    overCap: review.digest.stats.capVerdict.over,
    capOverride: review.digest.policy.override,
    counts: { candidates: review.rows.length, kept, excluded: review.rows.length - kept, shown: shownCount },
    paged,
    pager: paged ? { page, pages, first: (page - 1) * PAGE_ROWS + 1, last: Math.min(page * PAGE_ROWS, shownCount), prev: page > 1 ? pageHref(page - 1) : null, next: page < pages ? pageHref(page + 1) : null } : null,
    reasons: [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([reason, count]) => ({ reason, count })),
    facets: FACETS.map((f) => ({
      name: f,
      label: FACET_LABELS[f],
      options: options[f].map((o) => ({ ...o, selected: filters.facets[f] === o.value })),
    })),
    query: filters.typed,
    rows,
    csrf,
    back,
    flash: flash ?? null,
    revision: review.history.at(-1)?.id ?? 0,
    approval: approvalOf(review),
    approveBase: idOf(period(review, 'approve', '')),
    cap: { base: idOf(period(review, 'cap', '')), value: review.digest.policy.override },
    keptState: review.rows.filter((r) => r.fate.kept && r.stateMedia).map((r) => ({ itemId: r.itemId, title: r.title, outlet: r.outlet, base: idOf(r.decided.fate) })),
    notes: NOTE_KEYS.map((key) => ({ key, base: idOf(period(review, 'notes', key)), text: review.decided.editorial.notes[key] ?? '' })),
    sectionIds: SECTIONS,
    history: [...review.history].reverse().map((d) => ({ id: d.id, editor: d.editor, at: d.at.slice(0, 16).replace('T', ' '), line: historyLine(d) })),
  };
}

function period(review: PeriodReview, action: Decision['action'], subject: string): Decision | undefined {
  return review.periodDecisions.get(decisionKey({ action, subject, lang: '' }));
}

function approvalOf(review: PeriodReview): { editor: string; at: string } | null {
  const a = review.decided.editorial.approval;
  return a ? { editor: a.editor, at: a.at.slice(0, 16).replace('T', ' ') } : null;
}
