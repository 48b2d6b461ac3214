// An editor's decision on a period, checked and stored: `vric decide` and the desk both come here.
// The decision is first applied to the period as it stands (the same decidePeriod a build runs),
// and refused when it would break the state-media cap; then it is stored only if what it is based
// on has not changed since the editor looked (the archive refuses a stale change atomically).
import os from 'node:os';
import type { Archive, DecisionChange } from '../archive/archive.js';
import type { Decision, DecisionAction, DecisionValue, NewDecision } from '../core/decision-types.js';
import { EXIT, usageError, VricError } from '../core/errors.js';
import { oneLine } from '../core/text.js';
import { periodBounds, readIsoDate } from '../core/period.js';
import { inForce, latestByKey, decisionKey, periodKey } from '../select/decisions.js';
import { canonicalUrlKey } from '../select/url.js';
import type { Candidate } from '../select/types.js';
import { decidePeriod, type ApprovedSnapshot, type Decided, type DecideOptions } from './build.js';

/** One decision an editor asks for. */
export interface DecisionRequest {
  action: DecisionAction;
  /** An item's id or URL (resolved here), `add:N`, a notes key, or '' for the period. */
  subject: string;
  lang?: string;
  /** null clears the key (undo to "no decision"). */
  value: DecisionValue | null;
  /** The id of the key's latest decision the editor saw (0: none); absent: whatever is latest now. */
  base?: number;
  /** With an include: a kept item to exclude in its place, in the same change (the cap's way out). */
  insteadOf?: { subject: string; base?: number };
}

export interface DecideRequest {
  requests: DecisionRequest[];
  editor?: string;
  /** For an approval: the latest decision id on the period the editor saw; absent: the latest now. */
  revision?: number;
}

export interface DecideOutcome {
  stored: Decision[];
  /** The period after the decision, as a build would decide it. */
  after: Decided;
}

/** The editor's name: --editor, else the operating-system user. */
export function editorName(given: string | undefined): string {
  const name = oneLine(given ?? '') || safeUser();
  if (!name) throw usageError('no editor name: pass --editor NAME');
  return name.slice(0, 100);
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

/** "state media 3 of 18, cap allows 3": the cap line the desk and `vric decide` print. */
export function capLine(d: Decided): string {
  const v = d.digest.stats.capVerdict;
  const allows = v.allowed === null ? 'no cap' : `cap allows ${v.allowed}`;
  return `state media ${d.digest.stats.stateMedia} of ${d.digest.stats.total}, ${allows}${v.override ? ` (special edition: ${Math.round(v.cap * 100)}%)` : ''}`;
}

/** Resolves an item reference (id or URL) to the id of one candidate of the period. */
export function resolveItem(candidates: readonly Candidate[], ref: string): Candidate {
  const byId = candidates.find((c) => c.item.id === ref);
  if (byId) return byId;
  const key = canonicalUrlKey(ref);
  const byUrl = key ? candidates.filter((c) => canonicalUrlKey(c.item.url) === key) : [];
  if (byUrl.length === 1) return byUrl[0] as Candidate;
  if (byUrl.length > 1) throw usageError(`${ref} is the link of ${byUrl.length} items of the period (${byUrl.map((c) => c.item.id).join(', ')}): give the item's id`);
  throw usageError(`no item of the period has the id or link ${ref}`);
}

const ITEM_ACTIONS: ReadonlySet<DecisionAction> = new Set(['include', 'exclude', 'section', 'country', 'summary']);

/**
 * Checks and stores a batch of decisions (an include in place of another is two). Refusals are
 * errors with an exit code: 2 for a decision that cannot apply (an approved period, an unknown
 * item), 4 for one that breaks the cap, 7 for one based on a stale view.
 */
export async function decide(opts: DecideOptions, ask: DecideRequest): Promise<DecideOutcome> {
  const archive: Archive = opts.archive;
  const period = periodKey(opts.period);
  const before = await decidePeriod(opts);
  const editor = editorName(ask.editor);
  const at = opts.now.toISOString();
  const latest = latestByKey(before.history);
  const approval = before.editorial.approval;
  const reopening = ask.requests.length === 1 && ask.requests[0]?.action === 'approve' && ask.requests[0].value === null;
  if (approval && !reopening) {
    throw usageError(`${opts.period.label} was approved by ${approval.editor} on ${approval.at}: reopen it first (vric decide --reopen), then decide`);
  }

  let added = new Set(before.history.filter((d) => d.action === 'add').map((d) => d.subject)).size;
  for (const r of ask.requests) {
    if (r.action !== 'add' || r.value === null) continue;
    checkAddedDate(String((r.value as { date?: unknown }).date ?? ''), opts);
    if (r.subject === 'add:new' || !r.subject) r.subject = `add:${++added}`;
  }
  const changes: DecisionChange[] = ask.requests.flatMap((r) => {
    const item = ITEM_ACTIONS.has(r.action) ? resolveItem(before.candidates, r.subject) : undefined;
    const change = (decision: NewDecision, base: number | undefined): DecisionChange => ({ decision, base: base ?? latest.get(decisionKey(decision))?.id ?? 0 });
    const main = change({ period, subject: item?.item.id ?? r.subject, action: r.action, lang: r.lang ?? '', value: r.value, editor, at }, r.base);
    // Withdrawing "the exclusion" of an item the editors included (or the other way) would undo
    // something else than what was asked: say what is in force instead.
    const inPlace = latest.get(decisionKey(main.decision));
    if (r.value === null && (r.action === 'exclude' || r.action === 'include') && r.base === undefined && inPlace?.value && inPlace.action !== r.action) {
      throw usageError(`${main.decision.subject} is ${inPlace.action === 'include' ? 'included' : 'excluded'} by ${inPlace.editor}, not ${r.action === 'include' ? 'included' : 'excluded'}: withdraw that with --${inPlace.action} … --clear`);
    }
    if (!r.insteadOf || !item) return [main];
    const other = resolveItem(before.candidates, r.insteadOf.subject);
    const reason = `replaced by "${oneLine(item.item.title)}" (${item.source.name})`;
    return [change({ period, subject: other.item.id, action: 'exclude', lang: '', value: { reason }, editor, at }, r.insteadOf.base), main];
  });

  const approving = changes.some((c) => c.decision.action === 'approve' && c.decision.value !== null);
  const newest = before.history.at(-1)?.id ?? 0;
  if (approving && ask.revision !== undefined && ask.revision !== newest) {
    throw new VricError(`${opts.period.label} changed since you looked (decision ${newest} by ${before.history.at(-1)?.editor}): look again before approving; nothing was stored`, EXIT.stale);
  }

  // The period as it would be with the change: the same decision a build makes.
  const provisional = changes.map((c, i): Decision => ({ ...c.decision, id: newest + 1 + i, supersedes: c.base }));
  const after = await decidePeriod({ ...opts, history: [...before.history, ...provisional] });
  checkCap(before, after, changes);

  let snapshot: string | undefined;
  if (approving) {
    const notes = Object.fromEntries(inForce(before.history).filter((d) => d.action === 'notes').map((d) => [d.subject, String((d.value as { text: string }).text)]));
    const frozen: ApprovedSnapshot = { digest: after.digest, audit: after.audit, notes };
    snapshot = JSON.stringify(frozen);
    changes.forEach((c) => {
      if (c.decision.action === 'approve') c.decision.value = { approved: true, revision: newest };
    });
  }
  const outcome = await archive.recordDecisions(changes, snapshot);
  if ('stale' in outcome) {
    const { change, latest: now } = outcome.stale;
    const who = now ? `${now.editor} decided ${now.action} on it at ${now.at}` : 'another editor decided on it';
    throw new VricError(`${describe(change.decision)} changed since you looked (${who}): nothing was stored; look again and decide again`, EXIT.stale);
  }
  return { stored: outcome.stored, after };
}

/**
 * The cap stays exact: a decision may not put the digest over it, and an include of a state item
 * may not push out a state item the rule had kept (the editors choose which state items fill the
 * cap by excluding one, in the same change or before).
 */
function checkCap(before: Decided, after: Decided, changes: DecisionChange[]): void {
  const va = after.digest.stats.capVerdict;
  const excess = (d: Decided) => d.selection.verdict.scopes.reduce((n, s) => n + (s.allowed === null ? 0 : Math.max(0, s.used - s.allowed)), 0);
  const way = 'exclude one of the kept state items in its place, or set a special-edition cap with a reason';
  if (va.over && excess(after) > excess(before)) {
    throw new VricError(`refused: this would put the digest over the state-media cap (${capLine(after)}); ${way}`, EXIT.overCap);
  }
  const keptBefore = new Set(before.selection.kept.filter((e) => e.state).map((e) => e.c.item.id));
  const pushedOut = after.selection.rejected.filter((r) => r.reason === 'state-cap' && keptBefore.has(r.c.item.id));
  const includes = changes.some((c) => c.decision.action === 'include' && c.decision.value !== null);
  if (includes && pushedOut.length) {
    const names = pushedOut.map((r) => `"${oneLine(r.c.item.title)}" (${r.c.item.id})`).join(', ');
    throw new VricError(`refused: the cap is full (${capLine(before)}); including this would push out ${names}: ${way}`, EXIT.overCap);
  }
}

function describe(d: NewDecision): string {
  return `${d.action}${d.subject ? ` of ${d.subject}` : ''}${d.lang ? ` (${d.lang})` : ''}`;
}

/** An added entry belongs to the period of its date, and its date must be one the calendar has. */
function checkAddedDate(date: string, opts: DecideOptions): void {
  const read = readIsoDate(date);
  if ('error' in read) {
    throw usageError(`an added entry's date ${read.error === 'calendar' ? `"${date}" does not exist: ${read.why}` : `must be YYYY-MM-DD (got "${date}")`}`);
  }
  const { startIso, endExclusiveIso } = periodBounds(opts.period);
  if (read.time < Date.parse(startIso) || read.time >= Date.parse(endExclusiveIso)) {
    throw usageError(`an added entry dated ${date} belongs to another period than ${opts.period.label} (${opts.period.start} to ${opts.period.end})`);
  }
}
