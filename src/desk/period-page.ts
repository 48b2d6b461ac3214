// The period page's view: every candidate with its fate, evidence and story, the cap line, and the
// filter menus. Plain values only; the template escapes all of it ({{ }}), and links are vetted
// here (safeUrl) so a javascript: address is never a link.
import type { PeriodReview, ReviewRow } from '../pipeline/review.js';
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
  const { stats } = review.digest;
  const allowed = stats.capVerdict.allowed;
  return `state media ${stats.capVerdict.used} of ${stats.total}, cap allows ${allowed === null ? 'any number' : allowed}`;
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
    evidence: Object.entries(row.evidence).map(([label, terms]) => ({ label, terms: terms.join(', ') })),
    story: row.story.map((v) => ({ outlet: v.outlet, title: v.title, url: safeUrl(v.url), kept: v.kept })),
    eligibility: row.stateEligibility,
    hidden: !shown,
    // Space-separated facet values for desk.js (ids and codes hold no spaces).
    data: Object.fromEntries(FACETS.map((f) => [f, values[f].join(' ')])) as Record<Facet, string>,
    text,
  };
}

export function periodPageView(review: PeriodReview, filters: Filters, csrf: string) {
  const values = review.rows.map(facetValues);
  const texts = review.rows.map(searchText);
  const rows = review.rows.map((r, i) => rowView(r, values[i]!, texts[i]!, matches(values[i]!, texts[i]!, filters)));
  const options = facetOptions(values);
  const kept = review.rows.filter((r) => r.fate.kept).length;
  const reasons = new Map<string, number>();
  for (const r of review.rows) if (!r.fate.kept) reasons.set(r.fate.reason, (reasons.get(r.fate.reason) ?? 0) + 1);
  return {
    title: `Desk: ${review.digest.period.label}`,
    period: review.digest.period.label,
    capLine: capLine(review),
    overCap: review.digest.stats.capVerdict.over,
    capOverride: review.digest.policy.override,
    counts: { candidates: review.rows.length, kept, excluded: review.rows.length - kept, shown: rows.filter((r) => !r.hidden).length },
    reasons: [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([reason, count]) => ({ reason, count })),
    facets: FACETS.map((f) => ({
      name: f,
      label: FACET_LABELS[f],
      options: options[f].map((o) => ({ ...o, selected: filters.facets[f] === o.value })),
    })),
    query: filters.typed,
    rows,
    csrf,
  };
}
