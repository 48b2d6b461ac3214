// A period's decisions in force written as a decisions file (`vric decisions export`), and such a
// file recorded as its differences from what is in force (`vric decisions import`): each change is
// a decision made through decide(), so the cap rule, the approval and the stale checks apply to an
// import exactly as to an editor's decision, all of a file's changes in one batch. A decision in
// force that the file no longer holds is withdrawn: the file is the period's decisions.
import type { Decision, DecisionAction, DecisionValue } from '../core/decision-types.js';
import { usageError } from '../core/errors.js';
import type { Item } from '../core/item-types.js';
import { oneLine } from '../core/text.js';
import { decisionKey, editorialOf, inForce, latestByKey, periodKey } from '../select/decisions.js';
import { writeDecisionsFile, type DecisionsFile, type WrittenEntry } from '../select/decisions-file.js';
import { canonicalUrlKey } from '../select/url.js';
import { readPeriodItems, type Decided, type DecideOptions } from './build.js';
import { decide, type DecisionRequest } from './decide.js';

/** The fields of an added entry in the order overrides.yaml's `add:` documents them. */
const ADD_FIELDS = ['title', 'url', 'outlet', 'date', 'section', 'summary', 'language', 'actors', 'countries', 'themes', 'ownership', 'owner'];
const LANG_ORDER = ['en', 'es', 'pt'];

/** The period's items, to name each by its link where no other item of the period has it, else by id. */
export class PeriodItems {
  private readonly byId = new Map<string, Item>();
  private readonly byUrl = new Map<string, Item[]>();

  constructor(items: readonly Item[], private readonly sourceNames: ReadonlyMap<string, string>) {
    for (const item of items) {
      this.byId.set(item.id, item);
      const key = canonicalUrlKey(item.url);
      if (key) this.byUrl.set(key, [...(this.byUrl.get(key) ?? []), item]);
    }
  }

  item(id: string): Item | undefined {
    return this.byId.get(id);
  }

  /** `{url}` when the item's link is its own in the period, else `{id}`. */
  refOf(id: string): { url: string } | { id: string } {
    const item = this.byId.get(id);
    const key = item ? canonicalUrlKey(item.url) : '';
    return item && key && this.byUrl.get(key)?.length === 1 ? { url: item.url } : { id };
  }

  /** The comment written above an entry: the item's date, outlet and title. */
  describe(id: string): string | undefined {
    const item = this.byId.get(id);
    if (!item) return 'not an item of this period in the archive';
    const title = oneLine(item.title);
    return `${item.date.slice(0, 10)} · ${this.sourceNames.get(item.sourceId) ?? item.sourceId} · ${title.length > 90 ? `${title.slice(0, 89)}…` : title}`;
  }

  /** The id an entry names, or why it names none (the same words `vric decide` uses). */
  resolve(ref: { url?: string; id?: string }, known: ReadonlySet<string>): { id: string } | { error: string } {
    if (ref.id !== undefined) return this.byId.has(ref.id) || known.has(ref.id) ? { id: ref.id } : { error: `no item of the period has the id ${ref.id}` };
    const hits = this.byUrl.get(canonicalUrlKey(ref.url ?? '')) ?? [];
    if (hits.length === 1) return { id: (hits[0] as Item).id };
    if (hits.length > 1) return { error: `${ref.url} is the link of ${hits.length} items of the period (${hits.map((i) => i.id).join(', ')}): give the item's id` };
    return { error: `no item of the period has the link ${ref.url}` };
  }

  /** Entries in the period's order: by the item's date, then id (items not in the period last). */
  order(a: string, b: string): number {
    const da = this.byId.get(a)?.date ?? '\uffff';
    const db = this.byId.get(b)?.date ?? '\uffff';
    return da < db ? -1 : da > db ? 1 : a < b ? -1 : a > b ? 1 : 0;
  }
}

async function periodView(opts: DecideOptions): Promise<{ items: PeriodItems; history: Decision[] }> {
  const [items, history] = await Promise.all([readPeriodItems(opts.archive, opts.period), opts.history ?? opts.archive.decisionsOf(periodKey(opts.period))]);
  return { items: new PeriodItems(items, new Map(opts.config.sources.map((s) => [s.id, s.name]))), history };
}

const addNumber = (subject: string) => Number(subject.replace(/^add:/, '')) || 0;

/** The decisions in force on the period, as the text of a decisions file. */
export async function exportDecisions(opts: DecideOptions): Promise<string> {
  const { items, history } = await periodView(opts);
  const rows = inForce(history);
  const approval = editorialOf(history).approval;
  const byItem = (action: DecisionAction) =>
    rows
      .filter((d) => d.action === action)
      .sort((a, b) => items.order(a.subject, b.subject) || LANG_ORDER.indexOf(a.lang) - LANG_ORDER.indexOf(b.lang));
  const entry = (d: Decision, fields: Record<string, unknown>): WrittenEntry => {
    const comment = items.describe(d.subject);
    return { fields: { ...items.refOf(d.subject), ...fields }, ...(comment ? { comment } : {}) };
  };
  const value = (d: Decision) => d.value as Record<string, unknown>;
  const adds = rows.filter((d) => d.action === 'add').sort((a, b) => addNumber(a.subject) - addNumber(b.subject));
  const cap = rows.find((d) => d.action === 'cap');
  const key = periodKey(opts.period);
  const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  return writeDecisionsFile({
    header: [
      `The editors' decisions on ${opts.period.label} (${key}), as in force in the archive.`,
      `Exported ${minute(opts.now.toISOString())}; ${approval ? `approved by ${approval.editor} on ${minute(approval.at)} (decision ${approval.id})` : 'not approved'}.`,
      `vric decisions import --period ${key} FILE records what this file changes: a decision in`,
      'force that it no longer holds is withdrawn. Items are named by their link, or by their id where',
      'two items of the period share a link; the comment above each is its date, outlet and title.',
    ],
    lists: {
      include: byItem('include').map((d) => entry(d, {})),
      exclude: byItem('exclude').map((d) => entry(d, { reason: value(d).reason })),
      section: byItem('section').map((d) => entry(d, { section: value(d).section })),
      country: byItem('country').map((d) => entry(d, { country: value(d).country })),
      summary: byItem('summary').map((d) => entry(d, { lang: d.lang, text: value(d).text })),
      add: adds.map((d) => ({ fields: Object.fromEntries([...ADD_FIELDS, ...Object.keys(value(d))].filter((k, i, all) => all.indexOf(k) === i && value(d)[k] !== undefined).map((k) => [k, value(d)[k]])) })),
    },
    ...(cap ? { cap: { cap: Number(value(cap).cap), reason: String(value(cap).reason) } } : {}),
    notes: Object.fromEntries(rows.filter((d) => d.action === 'notes').map((d) => [d.subject, String(value(d).text)])),
  });
}

/** A value with its keys in one order, so two values that say the same compare equal. */
function canonical(v: unknown): string {
  const sorted = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sorted) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().filter((k) => (x as Record<string, unknown>)[k] !== undefined).map((k) => [k, sorted((x as Record<string, unknown>)[k])])) : x;
  return JSON.stringify(sorted(v));
}

export interface ImportOutcome {
  /** The decisions the import stored (none when the file is what is in force). */
  stored: Decision[];
  /** The period after them, as a build decides it; absent when nothing changed. */
  after?: Decided;
}

interface Wanted {
  action: DecisionAction;
  subject: string;
  lang: string;
  value: DecisionValue;
  line: number | undefined;
}

/** What the file says, as decisions keyed as the archive keys them; every problem at its line. */
function wantedOf(file: DecisionsFile, items: PeriodItems, history: readonly Decision[]): Wanted[] {
  const problems: string[] = [];
  const known = new Set(history.map((d) => d.subject));
  const wanted = new Map<string, Wanted>();
  const want = (w: Wanted, named: string) => {
    const k = decisionKey(w);
    const before = wanted.get(k);
    if (!before) return wanted.set(k, w);
    const fate = w.action === 'include' || w.action === 'exclude' ? ' (including and excluding an item are one decision, its fate)' : '';
    problems.push(file.at(w.line, `${w.action}: ${named} is decided on twice, here and at line ${before.line ?? 1}${fate}; keep one`));
  };
  for (const p of file.pin) {
    problems.push(file.at(p.line, "pin: is overrides.yaml's (it marks the entry as an editors' pick), not a decision the desk makes: use include: here, and keep pins in overrides.yaml"));
  }
  const forItems = <E extends { url?: string; id?: string; line?: number }>(list: DecisionAction, entries: E[], make: (e: E) => { lang?: string; value: DecisionValue }) => {
    for (const e of entries) {
      const r = items.resolve(e, known);
      if ('error' in r) problems.push(file.at(e.line, `${list}: ${r.error}`));
      else want({ action: list, subject: r.id, lang: '', ...make(e), line: e.line }, `${e.url ?? e.id}${list === 'summary' ? ` (${(e as { lang?: string }).lang})` : ''}`);
    }
  };
  forItems('include', file.include, () => ({ value: { include: true } }));
  forItems('exclude', file.exclude, (e) => ({ value: { reason: e.reason } }));
  forItems('section', file.section, (e) => ({ value: { section: e.section } }));
  forItems('country', file.country, (e) => ({ value: { country: e.country } }));
  forItems('summary', file.summary, (e) => ({ lang: e.lang, value: { text: e.text } }));

  // An added entry has no item id: the file's entry is the one in force with the same link (the
  // first not yet matched), else a new one, numbered by decide().
  const inForceAdds = inForce(history).filter((d) => d.action === 'add').sort((a, b) => addNumber(a.subject) - addNumber(b.subject));
  let fresh = 0;
  for (const e of file.add) {
    const { line, ...entry } = e;
    const same = inForceAdds.findIndex((d) => canonicalUrlKey(String((d.value as { url?: unknown }).url ?? '')) === canonicalUrlKey(entry.url));
    const subject = same >= 0 ? (inForceAdds.splice(same, 1)[0] as Decision).subject : `add:new#${++fresh}`;
    want({ action: 'add', subject, lang: '', value: entry, line }, entry.url);
  }
  if (file.cap) want({ action: 'cap', subject: '', lang: '', value: { cap: file.cap.cap, reason: file.cap.reason }, line: file.cap.line }, 'the cap');
  for (const n of file.notes) want({ action: 'notes', subject: n.key, lang: '', value: { text: n.text }, line: n.line }, n.key);
  if (problems.length) throw usageError(problems.length === 1 ? (problems[0] as string) : `${file.file}: ${problems.length} problems; nothing was recorded`, problems);
  return [...wanted.values()];
}

/**
 * Records what the file changes on the period: each of its decisions that is not the one in force,
 * and the withdrawal of each decision in force it does not hold, in one decide() batch, each based
 * on the key's latest decision as read here (so an editor's change made meanwhile is refused as
 * stale, not overwritten).
 */
export async function importDecisions(opts: DecideOptions, file: DecisionsFile, editor?: string): Promise<ImportOutcome> {
  const { items, history } = await periodView(opts);
  const wanted = wantedOf(file, items, history);
  const latest = latestByKey(history);
  const keys = new Set(wanted.map(decisionKey));
  const requests: DecisionRequest[] = [];
  for (const d of inForce(history)) {
    if (d.action === 'approve' || keys.has(decisionKey(d))) continue;
    requests.push({ action: d.action, subject: d.subject, lang: d.lang, value: null, base: d.id });
  }
  for (const w of wanted) {
    const current = latest.get(decisionKey(w));
    if (current && current.value !== null && current.action === w.action && canonical(current.value) === canonical(w.value)) continue;
    const subject = w.subject.startsWith('add:new#') ? 'add:new' : w.subject;
    requests.push({ action: w.action, subject, lang: w.lang, value: w.value, base: current?.id ?? 0 });
  }
  if (!requests.length) return { stored: [] };
  const outcome = await decide(opts, { requests, ...(editor !== undefined ? { editor } : {}) });
  return { stored: outcome.stored, after: outcome.after };
}

