// The one check of an archived item arriving from outside a fetch: every line of `vric import`
// and every item `vric migrate` copies. Each field is checked against what the archive's rows
// hold (rows.ts) and what a fetch would have stored, and text is cut to the same limits as at
// fetch (core/item-limits.ts), so no entry path lets in what a fetch would not.
import { isHttpUrl, isLanguage, isSlug } from '../config/schema.js';
import {
  cleanText,
  truncateText,
  GUID_MAX_CHARS,
  MAX_CATEGORIES,
  NAME_MAX_CHARS,
  SUMMARY_MAX_CHARS,
  TITLE_MAX_CHARS,
  URL_MAX_CHARS,
} from '../core/item-limits.js';
import type { Item, StoredLabels } from '../core/item-types.js';
import { ACTORS, LAC_COUNTRIES, SECTIONS, THEMES, type SectionId } from '../core/vocabulary.js';
import { itemId } from './ids.js';

export type ItemCheck =
  | {
      ok: true;
      item: Item;
      /** Fields cut to their limit (title, summary, ...): the item is stored, shortened. */
      capped: string[];
    }
  | { ok: false; reason: string };

const REQUIRED = ['id', 'sourceId', 'guid', 'url', 'title', 'summary', 'firstSeen', 'date', 'language'] as const;

/** A value shown in a reason: quoted, escaped (no control characters reach a terminal) and short. */
function shown(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** An instant exactly as the archive writes one (toISOString): dates are compared as text. */
function isInstant(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v)) return false;
  const t = new Date(v);
  return !Number.isNaN(t.getTime()) && t.toISOString() === v;
}

/** An http(s) link, or '' (an item without one); a javascript: or data: link never reaches an edition. */
function isLink(v: string): boolean {
  return v === '' || (v.length <= URL_MAX_CHARS && isHttpUrl(v));
}

/** Checks one decoded line (any JSON value) as an archived item. */
export function checkItem(o: unknown): ItemCheck {
  const fail = (reason: string): ItemCheck => ({ ok: false, reason });
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return fail(`not an exported item (a JSON ${o === null ? 'null' : Array.isArray(o) ? 'array' : typeof o}, not an object)`);
  const r = o as Record<string, unknown>;
  const missing = REQUIRED.filter((k) => r[k] === undefined);
  if (missing.length) return fail(`not an exported item (missing ${missing.join(', ')})`);
  const notText = REQUIRED.filter((k) => typeof r[k] !== 'string');
  if (notText.length) return fail(`${notText.map((k) => `${k} must be a string, not ${shown(r[k])}`).join('; ')}`);
  const f = r as Record<(typeof REQUIRED)[number], string>;

  if (!isSlug(f.sourceId)) return fail(`sourceId ${shown(f.sourceId)} is not a source id (lowercase letters, digits, '-', '_' or '.')`);
  if (!f.guid.trim() || f.guid.length > GUID_MAX_CHARS) return fail(`guid must be 1 to ${GUID_MAX_CHARS} characters (it has ${f.guid.length})`);
  // The id is derived, never chosen: one that does not match would let the same entry in twice.
  if (f.id !== itemId(f.sourceId, f.guid)) return fail(`id ${shown(f.id)} is not the id of source ${shown(f.sourceId)}'s guid (${itemId(f.sourceId, f.guid)})`);
  if (!isLink(f.url)) return fail(`url ${shown(f.url)} is not an http or https address of at most ${URL_MAX_CHARS} characters`);
  if (!isLanguage(f.language)) return fail(`language ${shown(f.language)} is not an ISO 639-1 code such as es`);
  if (!isInstant(f.firstSeen)) return fail(`firstSeen ${shown(f.firstSeen)} is not an instant such as 2026-08-01T12:00:00.000Z`);
  const published = r.published ?? null;
  if (published !== null && !isInstant(published)) return fail(`published ${shown(published)} is not null or an instant such as 2026-08-01T12:00:00.000Z`);
  // The date periods select on is published, else first seen (rows.ts): never set apart from them.
  if (f.date !== (published ?? f.firstSeen)) return fail(`date ${shown(f.date)} is not published, or firstSeen when published is null`);

  const categories = r.categories ?? [];
  if (!Array.isArray(categories) || !categories.every((c) => typeof c === 'string')) return fail(`categories must be a list of strings, not ${shown(categories)}`);
  const author = r.author ?? '';
  if (typeof author !== 'string') return fail(`author must be a string, not ${shown(author)}`);

  const capped: string[] = [];
  const text = (name: string, v: string, max: number): string => {
    const clean = cleanText(v);
    if (clean.length > max) capped.push(name);
    return truncateText(clean, max);
  };
  const title = text('title', f.title, TITLE_MAX_CHARS);
  const summary = text('summary', f.summary, SUMMARY_MAX_CHARS);
  if (!title && !f.url && !summary) return fail('title, url and summary are all empty: nothing a reader could use');
  if (categories.length > MAX_CATEGORIES) capped.push('categories');
  const cats = [...new Set(categories.slice(0, MAX_CATEGORIES).map((c) => text('categories', c, NAME_MAX_CHARS)).filter(Boolean))];
  const name = text('author', author, NAME_MAX_CHARS);

  const item: Item = {
    id: f.id,
    sourceId: f.sourceId,
    guid: f.guid,
    url: f.url,
    title,
    summary,
    published,
    firstSeen: f.firstSeen,
    date: f.date,
    language: f.language,
    categories: cats,
    ...(name ? { author: name } : {}),
    // Stored labels travel with an item (so a migration keeps them), but a build trusts them, so
    // only well-formed ones are kept, and none on an item whose text was cut (they were made on
    // the whole text); the others are dropped and the item is labelled again.
    ...checkedLabels(capped.length === 0 ? r.labels : undefined),
  };
  return { ok: true, item, capped: [...new Set(capped)] };
}

/** Stored labels rebuilt from their known fields only, or none when any is malformed. */
function checkedLabels(v: unknown): Pick<Item, 'labels'> {
  if (typeof v !== 'object' || v === null) return {};
  const { by, value } = v as { by?: unknown; value?: Record<string, unknown> };
  if (typeof by !== 'string' || by.length > NAME_MAX_CHARS || typeof value !== 'object' || value === null) return {};
  const within = <T extends string>(x: unknown, known: readonly T[]): x is T[] => Array.isArray(x) && x.length <= known.length && x.every((e) => known.includes(e as T));
  const { relevant, opinion, antiWestern, score, section, actors, countries, themes } = value;
  if (
    typeof relevant !== 'boolean' ||
    typeof opinion !== 'boolean' ||
    typeof antiWestern !== 'boolean' ||
    typeof score !== 'number' ||
    !Number.isFinite(score) ||
    !(section === null || SECTIONS.includes(section as SectionId)) ||
    !within(actors, ACTORS) ||
    !within(countries, LAC_COUNTRIES) ||
    !within(themes, THEMES)
  ) {
    return {};
  }
  // In the classifier's order, so an exported item comes back byte for byte.
  const labels: StoredLabels = { by, value: { relevant, actors, countries, themes, opinion, antiWestern, section: section as SectionId | null, score } };
  return { labels };
}
