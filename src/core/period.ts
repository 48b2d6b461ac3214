// Period specs: 2021-08, 2021-08..2021-09, 2021-Q3, 2021, last-month, current.
// A period is always whole months in UTC, inclusive at both ends. Also the ISO dates an editor
// writes to place something in a period (readIsoDate): only days and times the calendar has.
import { usageError } from './errors.js';
import type { Period } from './digest-types.js';

const MONTHS_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

interface YearMonth {
  y: number;
  m: number; // 1..12
}

const ym = (y: number, m: number): YearMonth => ({ y, m });
const pad = (n: number) => String(n).padStart(2, '0');
const fmt = ({ y, m }: YearMonth) => `${y}-${pad(m)}`;
const before = (a: YearMonth, b: YearMonth) => a.y < b.y || (a.y === b.y && a.m < b.m);

function addMonths({ y, m }: YearMonth, n: number): YearMonth {
  const idx = y * 12 + (m - 1) + n;
  return ym(Math.floor(idx / 12), (idx % 12) + 1);
}

function parseMonth(text: string, spec: string): YearMonth {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  if (!match || m < 1 || m > 12) throw badSpec(spec);
  return ym(y, m);
}

function badSpec(spec: string) {
  return usageError(
    `invalid period "${spec}": use YYYY-MM, YYYY-MM..YYYY-MM, YYYY-Qn, YYYY, last-month or current`,
  );
}

/** English label in the publication's style; localised labels are made by the renderer. */
export function periodLabel(from: YearMonth, to: YearMonth, monthNames = MONTHS_EN, joiner = 'to'): string {
  const name = (x: YearMonth) => monthNames[x.m - 1];
  if (from.y === to.y && from.m === to.m) return `${name(from)} ${from.y}`;
  if (from.y === to.y) return `${name(from)} ${joiner} ${name(to)} ${to.y}`;
  return `${name(from)} ${from.y} ${joiner} ${name(to)} ${to.y}`;
}

function lastDay({ y, m }: YearMonth): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function makePeriod(from: YearMonth, to: YearMonth): Period {
  return {
    start: `${fmt(from)}-01`,
    end: `${fmt(to)}-${pad(lastDay(to))}`,
    label: periodLabel(from, to),
    slug: from.y === to.y && from.m === to.m ? fmt(from) : `${fmt(from)}_${fmt(to)}`,
    from: fmt(from),
    to: fmt(to),
  };
}

/**
 * Parse a period spec; `now` decides last-month and current. A period that lies wholly after this
 * month is a usage error: nothing can be archived for it yet, so a build could only publish nothing
 * (a mistyped year, 2027-10 for 2026-10, is the usual cause).
 */
export function parsePeriod(spec: string, now: Date): Period {
  const today = ym(now.getUTCFullYear(), now.getUTCMonth() + 1);
  const [from, to] = periodMonths(spec.trim(), spec, today);
  if (before(today, from)) {
    throw usageError(`period "${spec}" (${periodLabel(from, to)}) lies wholly in the future: today is ${now.toISOString().slice(0, 10)}`);
  }
  return makePeriod(from, to);
}

function periodMonths(s: string, spec: string, today: YearMonth): [YearMonth, YearMonth] {
  if (s === 'current') return [today, today];
  if (s === 'last-month') {
    const last = addMonths(today, -1);
    return [last, last];
  }
  let match = /^(\d{4})$/.exec(s);
  if (match) {
    const y = Number(match[1]);
    return [ym(y, 1), ym(y, 12)];
  }
  match = /^(\d{4})-Q([1-4])$/i.exec(s);
  if (match) {
    const y = Number(match[1]);
    const q = Number(match[2]);
    return [ym(y, q * 3 - 2), ym(y, q * 3)];
  }
  if (s.includes('..')) {
    const [a, b, ...rest] = s.split('..');
    if (rest.length || !a || !b) throw badSpec(spec);
    const from = parseMonth(a, spec);
    const to = parseMonth(b, spec);
    if (before(to, from)) throw usageError(`invalid period "${spec}": the end is before the start`);
    return [from, to];
  }
  const month = parseMonth(s, spec);
  return [month, month];
}

/** Half-open UTC instant bounds of a period, for archive queries: [start, endExclusive). */
export function periodBounds(p: Period): { startIso: string; endExclusiveIso: string } {
  const [y, m] = p.to.split('-').map(Number) as [number, number];
  const next = addMonths(ym(y, m), 1);
  return { startIso: `${p.start}T00:00:00.000Z`, endExclusiveIso: `${fmt(next)}-01T00:00:00.000Z` };
}

/** What an editor's date says: its instant, or why it is none ('form': not an ISO date at all). */
export type IsoDateReading = { time: number } | { error: 'form' } | { error: 'calendar'; why: string };

// 2026-10-12, or 2026-10-12T14:30 (also with a space for the T), seconds, a fraction and a zone
// (Z, +03:00, -0400) optional. Years of four digits only.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date or date-time as epoch ms; one without a zone is UTC, as periods are (never the
 * machine's time zone). A day or time the calendar does not have (2026-02-30, 2026-13-01, 25:00) is
 * an error saying why, where Date.parse would roll it over into the next day or month.
 */
export function readIsoDate(text: string): IsoDateReading {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return { error: 'form' };
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const bad = (why: string): IsoDateReading => ({ error: 'calendar', why });
  if (mo < 1 || mo > 12) return bad(`there is no month ${pad(mo)}`);
  const days = lastDay(ym(y, mo));
  if (d < 1 || d > days) return bad(`${MONTHS_EN[mo - 1]} ${y} has days 01 to ${days}`);
  if (h > 23) return bad('hours run from 00 to 23');
  if (mi > 59) return bad('minutes run from 00 to 59');
  if (s > 59) return bad('seconds run from 00 to 59');
  const zone = m[8]?.toUpperCase();
  let offsetMin = 0;
  if (zone && zone !== 'Z') {
    const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
    if (zh > 23 || zm > 59) return bad(`the zone offset ${zone} is not one (at most ±23:59)`);
    offsetMin = (zone.startsWith('-') ? -1 : 1) * (zh * 60 + zm);
  }
  const ms = Math.floor(Number(`0${m[7] ?? ''}`) * 1000);
  // Written out in full with Z: the one form Date.parse reads the same on every machine.
  const utc = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${pad(h)}:${pad(mi)}:${pad(s)}.${String(ms).padStart(3, '0')}Z`);
  return { time: utc - offsetMin * 60_000 };
}
