// Feed dates -> ISO 8601 UTC. Feeds use every format under the sun; we read, in order:
// ISO 8601 / RFC 3339 (with or without zone; none means UTC), RFC 822/1123 with odd zones
// ("EST", "-0300", "GMT-3", "BRT"), Spanish and Portuguese long dates ("lunes, 3 de marzo de
// 2025 10:00", "3 de março de 2025 às 14h30"), dd/mm/yyyy (day first, as Latin America and
// Europe write it) and yyyy/mm/dd. Anything else, or a result outside 1990..now+2 days, is null:
// the archive then falls back to first-seen, which is better than a wrong date.
// A date without a zone is read as UTC, never as the server's local time.
import { isValid } from 'date-fns';

const MONTHS: Record<string, number> = {};
function months(names: string[][]) {
  names.forEach((list, i) => list.forEach((n) => (MONTHS[n] = i)));
}
months([
  ['jan', 'january', 'ene', 'enero', 'janeiro'],
  ['feb', 'february', 'febrero', 'fev', 'fevereiro'],
  ['mar', 'march', 'marzo', 'março', 'marco'],
  ['apr', 'april', 'abr', 'abril'],
  ['may', 'mayo', 'mai', 'maio'],
  ['jun', 'june', 'junio', 'junho'],
  ['jul', 'july', 'julio', 'julho'],
  ['aug', 'august', 'ago', 'agosto'],
  ['sep', 'sept', 'september', 'septiembre', 'set', 'setiembre', 'setembro'],
  ['oct', 'october', 'octubre', 'out', 'outubro'],
  ['nov', 'november', 'noviembre', 'novembro'],
  ['dec', 'december', 'dic', 'diciembre', 'dez', 'dezembro'],
]);

// Zone abbreviations seen in feeds, in minutes east of UTC. RFC 822's own, plus the ones of
// our region (BRT, ART, VET...) and of the outlets we read (MSK, CET...).
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180,
  MSK: 180, IRST: 210, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, BRT: -180, BRST: -120, ART: -180, UYT: -180,
  CLT: -240, CLST: -180, VET: -240, COT: -300, PET: -300, ECT: -300, BOT: -240, PYT: -240, CST6CDT: -360,
  IST: 330, JST: 540, KST: 540, HKT: 480, SGT: 480, AEST: 600, AEDT: 660,
};

/** Minutes east of UTC for a zone token, undefined if unknown. */
function zoneOffset(zone: string): number | undefined {
  const z = zone.trim().toUpperCase();
  if (!z) return 0;
  // +0300, -03:00, -3, GMT-3, UTC+05:30, GMT+0000
  const m = /^(?:GMT|UTC|UT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (m) {
    const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
    if (mins > 14 * 60) return undefined;
    return m[1] === '-' ? -mins : mins;
  }
  if (z in ZONES) return ZONES[z];
  // RFC 822 military letters are notoriously misused; treat them as UTC like most readers.
  if (/^[A-IK-Z]$/.test(z)) return 0;
  return undefined;
}

function year(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, offsetMin = 0): Date | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo, d, h, mi, Math.min(s, 59)) - offsetMin * 60_000;
  const date = new Date(t);
  // Reject 31 February and friends rather than rolling them into March.
  if (new Date(Date.UTC(y, mo, d)).getUTCDate() !== d) return null;
  return isValid(date) ? date : null;
}

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{2,5})?$/i;
// RFC 822 and its relatives: [Wkd,] 3 Mar 2025 [10:00[:00]] [zone]; also "Mar 3, 2025 ...".
const RFC822 = /^(?:[^\d,]+,?\s*)?(\d{1,2})[\s-]+([^\s\d,.-]+)\.?[\s-]+(\d{2,4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/;
const MONTH_FIRST = /^(?:[^\d,]+,\s*)?([^\s\d,.]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/;
// Spanish/Portuguese: [lunes,] 3 de marzo de 2025[,] [a las|às] 10:00 | 10h30 [zone]
const LONG_ROMANCE = /^(?:[^\d]+,?\s*)?(\d{1,2})\s+de\s+([^\s\d]+)\s+(?:de|del)\s+(\d{4})(?:[\s,]+(?:a las|às|as|a la)?\s*(\d{1,2})[:h](\d{2})?(?::(\d{2}))?(?:\s*h(?:s|oras)?)?)?\s*(.*)$/i;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/;
const YEAR_FIRST_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/;

function monthIndex(name: string): number | undefined {
  const n = name.toLowerCase().normalize('NFC').replace(/\.$/, '');
  return MONTHS[n] ?? MONTHS[n.slice(0, 3)];
}

/** A feed date string -> Date, or null when it cannot be read with confidence. */
export function parseFeedDateRaw(input: string): Date | null {
  const s = input.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  let m = ISO.exec(s);
  if (m) {
    const off = zoneOffset(m[7] ?? '');
    if (off === undefined) return null;
    return build(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), off);
  }
  // The remaining forms share their tail: hour, minute, second, then a zone (groups 4-7).
  const tail = (mt: RegExpExecArray, y: number, mo: number | undefined, d: number): Date | null | undefined => {
    if (mo === undefined) return undefined;
    const [hour, rest] = meridiem(Number(mt[4] ?? 0), mt[7] ?? '');
    const off = zoneOffset(stripZoneNoise(rest));
    if (off === undefined) return undefined;
    return build(y, mo, d, hour, Number(mt[5] ?? 0), Number(mt[6] ?? 0), off);
  };
  const attempts: [RegExp, (mt: RegExpExecArray) => Date | null | undefined][] = [
    [LONG_ROMANCE, (mt) => tail(mt, year(mt[3]!), monthIndex(mt[2]!), Number(mt[1]))],
    [RFC822, (mt) => tail(mt, year(mt[3]!), monthIndex(mt[2]!), Number(mt[1]))],
    [MONTH_FIRST, (mt) => tail(mt, Number(mt[3]), monthIndex(mt[1]!), Number(mt[2]))],
    [DAY_FIRST, (mt) => tail(mt, year(mt[3]!), Number(mt[2]) - 1, Number(mt[1]))],
    [YEAR_FIRST_SLASH, (mt) => tail(mt, Number(mt[1]), Number(mt[2]) - 1, Number(mt[3]))],
  ];
  for (const [re, read] of attempts) {
    const mt = re.exec(s);
    if (!mt) continue;
    const d = read(mt);
    if (d !== undefined) return d;
  }
  return null;
}

/** 12-hour clock: "10:00 PM" -> 22, "12:30 a.m." -> 0; returns the hour and the rest without the marker. */
function meridiem(hour: number, rest: string): [number, string] {
  const m = /^\s*([ap])\.?\s?m\.?(?=\s|$)/i.exec(rest);
  if (!m || hour < 1 || hour > 12) return [hour, rest];
  const pm = m[1]!.toLowerCase() === 'p';
  return [(hour % 12) + (pm ? 12 : 0), rest.slice(m[0].length)];
}

/** "(EST)", "GMT-3", "-0300 (BRT)", "hs", "horas": keep only the zone that decides. */
function stripZoneNoise(z: string): string {
  let t = z.replace(/\([^)]*\)/g, ' ').replace(/\b(?:hs?|horas?)\b\.?/gi, ' ').trim();
  // "+0000 GMT" or "GMT +0000": the numeric part is the precise one.
  const numeric = /(?:GMT|UTC|UT)?\s*[+-]\d{1,2}(?::?\d{2})?/i.exec(t);
  if (numeric) t = numeric[0].replace(/\s+/g, '');
  return t.split(' ')[0] ?? '';
}

/** ISO 8601 UTC or null; dates before 1990 or more than two days after `now` are unusable. */
export function parseFeedDate(input: string | undefined, now: Date): string | null {
  if (!input) return null;
  const d = parseFeedDateRaw(input);
  if (!d) return null;
  const t = d.getTime();
  if (t < Date.UTC(1990, 0, 1) || t > now.getTime() + 2 * 86_400_000) return null;
  return d.toISOString();
}
