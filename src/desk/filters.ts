// The period page's filters: read from GET parameters (so they work without script), matched on
// each row's facet values. The page writes the same values into data attributes, and desk.js
// matches them the same way (equal for one value, membership for a list, substring of the
// folded text for the search), so the page narrows alike with and without script.
import { fold } from '../core/text.js';
import type { ReviewRow } from '../pipeline/review.js';

/** Facets a row is filtered by: one value each, or a list (a row may name several countries). */
export const FACETS = ['section', 'reason', 'outlet', 'country', 'theme', 'language', 'ownership'] as const;
export type Facet = (typeof FACETS)[number];

/** The fate as one word for the reason filter: `kept`, or the exclusion reason. */
export const KEPT = 'kept';

export interface Filters {
  facets: Partial<Record<Facet, string>>;
  /** The search box, folded (case and accents). */
  query: string;
  /** The search box as typed, to show it back. */
  typed: string;
  /** Which page of the matching candidates (1: the first), when they are more than a page holds. */
  page: number;
}

export function parseFilters(params: URLSearchParams): Filters {
  const facets: Partial<Record<Facet, string>> = {};
  for (const f of FACETS) {
    const v = params.get(f)?.trim();
    if (v) facets[f] = v;
  }
  const typed = (params.get('q') ?? '').trim();
  const page = Number(params.get('page') ?? '1');
  return { facets, query: fold(typed), typed, page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1 };
}

export function facetValues(row: ReviewRow): Record<Facet, string[]> {
  return {
    section: row.section ? [row.section] : [],
    reason: [row.fate.kept ? KEPT : row.fate.reason],
    outlet: [row.sourceId],
    country: row.countries,
    theme: row.themes,
    language: [row.language],
    ownership: [row.ownership],
  };
}

/** What the search box searches: title, teaser and outlet, folded once per row. */
export function searchText(row: ReviewRow): string {
  return fold(`${row.title} ${row.summary} ${row.outlet}`);
}

export function matches(values: Record<Facet, string[]>, text: string, filters: Filters): boolean {
  for (const [facet, wanted] of Object.entries(filters.facets) as [Facet, string][]) {
    if (!values[facet].includes(wanted)) return false;
  }
  return filters.query === '' || text.includes(filters.query);
}

/** Each facet's values over the period, with counts, for the filter menus (sorted by value). */
export function facetOptions(all: Record<Facet, string[]>[]): Record<Facet, { value: string; count: number }[]> {
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<Facet, Map<string, number>>;
  for (const values of all) {
    for (const f of FACETS) for (const v of new Set(values[f])) counts[f].set(v, (counts[f].get(v) ?? 0) + 1);
  }
  return Object.fromEntries(
    FACETS.map((f) => [f, [...counts[f]].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([value, count]) => ({ value, count }))]),
  ) as Record<Facet, { value: string; count: number }[]>;
}
