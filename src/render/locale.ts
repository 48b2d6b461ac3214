// Locale data (templates/locales/<lang>.json) and the formatting that depends on it.
// Month and day names come from date-fns; every other word a reader sees comes from the JSON.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
// Deep imports: the 'date-fns' and 'date-fns/locale' entry points load every function and all
// ~90 locales, which cost ~0.4 s of every build's start-up for the one function and three
// locales used here.
import type { Locale as DateLocale } from 'date-fns';
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { es } from 'date-fns/locale/es';
import { ptBR } from 'date-fns/locale/pt-BR';
import { usageError } from '../core/errors.js';
import type { Period } from '../core/digest-types.js';

export const LANGS = ['en', 'es', 'pt'] as const;
export type Lang = (typeof LANGS)[number];

const DATE_LOCALES: Record<Lang, DateLocale> = { en: enGB, es, pt: ptBR };

/** The shape of a locale file; see docs/templates.md. */
export interface LocaleData {
  lang: string;
  dateFormat: string;
  longDateFormat: string;
  period: { month: string; sameYear: string; acrossYears: string };
  labels: Record<string, string>;
  text: Record<string, string>;
  sections: Record<string, string>;
  ownership: Record<string, string>;
  owners: Record<string, string>;
  themes: Record<string, string>;
  languages: Record<string, string>;
  reasons: Record<string, string>;
  countries: Record<string, string>;
}

export interface Locale extends LocaleData {
  lang: Lang;
  dateLocale: DateLocale;
}

const GROUPS = ['period', 'labels', 'text', 'sections', 'ownership', 'owners', 'themes', 'languages', 'reasons', 'countries'] as const;

async function readJson(file: string): Promise<Partial<LocaleData> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw usageError(`cannot read the locale file ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as Partial<LocaleData>;
  } catch (e) {
    throw usageError(`locale file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The bundled locale, with a user's `locales/<lang>.json` (from --templates) laid over it key by
 * key, so an override file need only hold the labels it changes. Labels missing in es/pt fall
 * back to English rather than printing nothing.
 */
export async function loadLocale(lang: Lang, bundledDir: string, userDir?: string): Promise<Locale> {
  if (!LANGS.includes(lang)) throw usageError(`unknown language "${String(lang)}": use en, es or pt`);
  const layers: Partial<LocaleData>[] = [];
  for (const file of [
    path.join(bundledDir, 'locales', 'en.json'),
    path.join(bundledDir, 'locales', `${lang}.json`),
    ...(userDir ? [path.join(userDir, 'locales', `${lang}.json`)] : []),
  ]) {
    const layer = await readJson(file);
    if (layer) layers.push(layer);
  }
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      const group = (GROUPS as readonly string[]).includes(key);
      merged[key] = group ? { ...(merged[key] as object | undefined), ...(value as object) } : value;
    }
  }
  return { ...(merged as unknown as LocaleData), lang, dateLocale: DATE_LOCALES[lang] };
}

/** Replace `{name}` placeholders; unknown placeholders are left visible so a typo shows. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/**
 * Formatted dates per locale, keyed by UTC day and pattern. A digest prints thousands of dates
 * over about thirty days, and date-fns' format (pattern parsing, locale lookups) costs far more
 * than the Date parse that finds the day: a 4,000-entry view spent 70 ms here before the cache.
 * Keyed by the Locale object, so a changed locale (another language, a user override) never
 * reads another's text.
 */
const formattedDays = new WeakMap<Locale, Map<string, string>>();

export function formatDate(iso: unknown, locale: Locale, long = false): string {
  if (typeof iso !== 'string') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  let cache = formattedDays.get(locale);
  if (!cache) formattedDays.set(locale, (cache = new Map()));
  const pattern = long ? locale.longDateFormat : locale.dateFormat;
  const key = `${y}-${m}-${day} ${pattern}`;
  let text = cache.get(key);
  if (text === undefined) {
    // A local Date at noon, so date-fns (which formats in the machine's time zone) prints the
    // UTC day whatever TZ the build runs in.
    text = format(new Date(y, m, day, 12), pattern, { locale: locale.dateLocale });
    cache.set(key, text);
  }
  return text;
}

/** HH:mm of an instant in UTC. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

function monthName(yearMonth: string, locale: Locale): { month: string; year: string } {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  return { month: format(new Date(y, m - 1, 1, 12), 'LLLL', { locale: locale.dateLocale }), year: String(y) };
}

/** "August to September 2021", "agosto a septiembre de 2021", "agosto a setembro de 2021". */
export function localPeriodLabel(period: Pick<Period, 'from' | 'to'>, locale: Locale): string {
  const a = monthName(period.from, locale);
  const b = monthName(period.to, locale);
  if (period.from === period.to) return fill(locale.period.month, { month: a.month, year: a.year });
  if (a.year === b.year) return fill(locale.period.sameYear, { from: a.month, to: b.month, year: b.year });
  return fill(locale.period.acrossYears, { from: a.month, fromYear: a.year, to: b.month, toYear: b.year });
}

// Intl formatters are costly to construct (ICU data lookups) and cheap to reuse: one per language.
const percentFormats = new Map<string, Intl.NumberFormat>();
const displayNames = new Map<string, Intl.DisplayNames>();
const collators = new Map<string, Intl.Collator>();

/** Compares names the way a reader of the language alphabetises them ("Ã" beside "A"). */
export function collatorFor(lang: string): Intl.Collator {
  let c = collators.get(lang);
  if (!c) collators.set(lang, (c = new Intl.Collator(lang)));
  return c;
}

export function percent(share: unknown, locale: Locale): string {
  const n = typeof share === 'number' && Number.isFinite(share) ? share : 0;
  let fmt = percentFormats.get(locale.lang);
  if (!fmt) percentFormats.set(locale.lang, (fmt = new Intl.NumberFormat(locale.lang, { style: 'percent', maximumFractionDigits: 1 })));
  return fmt.format(n);
}

/** Name from a locale table, else from ICU's display names, else the code itself. */
function displayName(table: Record<string, string>, code: string, type: 'region' | 'language', lang: Lang): string {
  const known = Object.hasOwn(table, code) ? table[code] : undefined;
  if (known) return known;
  try {
    const key = `${lang} ${type}`;
    let names = displayNames.get(key);
    if (!names) displayNames.set(key, (names = new Intl.DisplayNames([lang], { type })));
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export const countryName = (code: string, l: Locale) => displayName(l.countries, code.toUpperCase(), 'region', l.lang);
export const ownerName = (code: string, l: Locale) => displayName(l.owners, code.toUpperCase(), 'region', l.lang);
export const languageName = (code: string, l: Locale) => displayName(l.languages, code.toLowerCase(), 'language', l.lang);

/** A label from a locale group by key, falling back to the key so nothing silently disappears. */
export function label(group: Record<string, string> | undefined, key: string): string {
  return (group && Object.hasOwn(group, key) ? group[key] : undefined) ?? key;
}
