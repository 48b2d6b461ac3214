// `vric build` as one short function of named steps:
// select the period's items → classify → apply the editorial policy → audit → render.
import type { Archive } from '../archive/archive.js';
import { EXIT, VricError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { periodBounds } from '../core/period.js';
import type { Digest, Period } from '../core/digest-types.js';
import type { Item } from '../core/item-types.js';
import type { Config, Source } from '../core/config-types.js';
import type { LexiconOverrides } from '../classify/classify.js';
import { classifierFingerprint } from '../classify/fingerprint.js';
import { classifierFor } from './classifier.js';
import { classifyInput, storedClassification } from './labels.js';
import type { Candidate, ItemRef } from '../select/types.js';
import { digestOf } from '../select/digest.js';
import { selectItems, type Selection } from '../select/policy.js';
import { loadOverrides } from '../select/overrides.js';
import { editorialOf, inForce, mergeOverrides, periodKey, type EditorialDecisions } from '../select/decisions.js';
import type { Decision } from '../core/decision-types.js';
import { unmatchedOverrides } from '../select/editorial.js';
import { sourceMix } from '../audit/mix.js';
import { failingSources, type AuditFigures } from '../audit/failing.js';
import { renderDigest, type RenderOptions } from '../render/render.js';
import { loadNotes } from '../render/notes.js';

export interface BuildOptions {
  config: Config;
  archive: Archive;
  period: Period;
  now: Date;
  logger: Logger;
  outDir: string;
  formats: RenderOptions['formats'];
  templatesDir?: string;
  lang?: RenderOptions['lang'];
  notesFile?: string;
  overridesFile?: string;
  capOverride?: { cap: number; reason: string };
  /** Write the digest even when it has no items (otherwise: exit 5, nothing written). */
  allowEmpty?: boolean;
}

export interface BuildResult {
  digest: Digest;
  files: string[];
  dir: string;
  /** "not reviewed", or who approved it and when. */
  review: string;
}

export async function buildPeriod(opts: BuildOptions): Promise<BuildResult> {
  const decided = await decidePeriod(opts);
  const { unmatched, candidates, editorial } = decided;
  // An approved period is rendered from the digest its approval froze, not decided again: new
  // items, a new classifier or a changed overrides.yaml cannot change what the editors approved.
  const approved = editorial.approval ? await approvedDigest(opts.archive, editorial.approval) : undefined;
  const { digest, audit } = approved ?? decided;
  if (digest.stats.total === 0 && !opts.allowEmpty) throw nothingToPublish(opts.period, candidates.length, digest);
  // A pin or exclusion that matches nothing may be a mistyped link, or meant for another period:
  // worth a note when someone is watching, not a cron mail.
  for (const ref of unmatched) {
    opts.logger.info(`note: ${opts.overridesFile}${ref.line ? `:${ref.line}` : ''}: matches no item of ${opts.period.label} (${ref.url ?? ref.id})`);
  }
  const fileNotes = opts.notesFile ? loadNotes(opts.notesFile) : undefined;
  const deskNotes = approved ? approved.notes : editorial.notes;
  const notes = Object.keys(deskNotes).length ? { ...fileNotes, ...deskNotes } : fileNotes;
  const { files, dir } = await renderDigest(digest, {
    outDir: opts.outDir,
    formats: opts.formats,
    audit,
    ...(opts.templatesDir ? { templatesDir: opts.templatesDir } : {}),
    ...(opts.lang ? { lang: opts.lang } : {}),
    ...(notes ? { notes } : {}),
  });
  return { digest, files, dir, review: reviewLine(editorial, decided.history) };
}

/** What a build says of the period's review, in its summary line. */
function reviewLine(editorial: EditorialDecisions, history: readonly Decision[]): string {
  const a = editorial.approval;
  if (a) return `approved by ${a.editor} on ${a.at.slice(0, 16).replace('T', ' ')} UTC`;
  const n = inForce(history).length;
  return n ? `not reviewed (${n} editors' decision${n === 1 ? '' : 's'} applied, not approved)` : 'not reviewed';
}

/** What an approval froze: the digest, its audit and the desk's notes. */
export interface ApprovedSnapshot {
  digest: Digest;
  audit: AuditFigures;
  notes: Record<string, string>;
}

export async function approvedDigest(archive: Archive, approval: Decision): Promise<ApprovedSnapshot> {
  const text = await archive.approvedSnapshot(approval.id);
  if (text === undefined) throw new VricError(`the approval of ${approval.period} (decision ${approval.id}) has no stored digest; approve the period again`, EXIT.internal);
  return JSON.parse(text) as ApprovedSnapshot;
}

/**
 * An empty digest is never published quietly: an offline month, a misplaced archive or a period with
 * no items would otherwise replace an edition with an empty page and exit 0. The message says why it
 * is empty, so the operator knows whether to fetch, fix the period or the archive, or review.
 */
function nothingToPublish(period: Period, candidates: number, digest: Digest): VricError {
  let why: string;
  if (candidates === 0) why = `no archived item is dated in ${period.label}`;
  else {
    const reasons = new Map<string, number>();
    for (const e of digest.excluded) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
    const list = [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, n]) => `${r} ${n}`);
    why = `${candidates} archived item${candidates === 1 ? ' is' : 's are'} dated in ${period.label}, and none was selected (${list.join(', ')})`;
  }
  return new VricError(`nothing to publish: ${why}; nothing was written (--allow-empty writes the empty digest)`, EXIT.nothingToPublish);
}

export type DecideOptions = Pick<BuildOptions, 'config' | 'archive' | 'period' | 'now' | 'logger' | 'overridesFile' | 'capOverride'> & {
  /** Decide with this history instead of the archive's (what a change would do, before it is made). */
  history?: Decision[];
};

export interface Decided {
  candidates: Candidate[];
  selection: Selection;
  digest: Digest;
  audit: AuditFigures;
  unmatched: ItemRef[];
  /** Every decision on the period, oldest first. */
  history: Decision[];
  editorial: EditorialDecisions;
}

/** Everything a build decides, without writing anything: `vric audit` shows exactly what a build would. */
export async function decidePeriod(opts: DecideOptions): Promise<Decided> {
  if (opts.config.policy.defaulted) {
    opts.logger.info(`note: ${opts.config.path} has no policy block; using the publication's rule with a ${opts.config.policy.stateMediaCap * 100}% state-media cap`);
  }
  // The failing sources are read while the period's items are: with a database server, both
  // queries travel at once.
  const [items, failing, history] = await Promise.all([
    readPeriodItems(opts.archive, opts.period),
    failingSources(opts.archive, opts.config.sources),
    opts.history ?? opts.archive.decisionsOf(periodKey(opts.period)),
  ]);
  const candidates = classifyItems(items, opts.config, opts.logger);
  const fileOverrides = opts.overridesFile ? loadOverrides(opts.overridesFile) : undefined;
  const editorial = editorialOf(history);
  const overrides = history.length ? mergeOverrides(fileOverrides, editorial.overrides, candidates) : fileOverrides;
  // A cap given on the command line is this build's; else the one the editors set in the desk.
  const capOverride = opts.capOverride ?? editorial.cap;
  const digestOptions = {
    period: opts.period,
    policy: opts.config.policy,
    now: opts.now,
    ...(capOverride ? { capOverride } : {}),
    ...(overrides ? { overrides } : {}),
  };
  // The selection is kept beside its digest so the desk can show every candidate's fate without
  // deciding anything again.
  const selection = selectItems(candidates, digestOptions);
  const digest = digestOf(selection, digestOptions);
  const audit: AuditFigures = {
    ...sourceMix(candidates, digest, opts.config.sources),
    failingSources: failing,
  };
  return { candidates, selection, digest, audit, unmatched: unmatchedOverrides(candidates, fileOverrides), history, editorial };
}

/** The archived items dated in the period (the editorial selection is src/select's selectItems). */
export function readPeriodItems(archive: Archive, period: Period): Promise<Item[]> {
  const { startIso, endExclusiveIso } = periodBounds(period);
  return archive.itemsBetween({ fromIso: startIso, toIso: endExclusiveIso });
}

/**
 * Each item with its source and labels. Labels stored at collection are used when the classifier
 * that made them is this one (same fingerprint); other items are classified now, with the
 * classifier made only if one needs it. Either way an item gets the labels this classifier gives.
 */
export function classifyItems(items: Item[], config: Config, logger: Logger): Candidate[] {
  // An invalid classify: block is reported even when every item has labels.
  let classifier = config.classify ? classifierFor(config) : undefined;
  const fingerprint = classifierFingerprint(config.classify as LexiconOverrides | undefined);
  const sources = new Map(config.sources.map((s) => [s.id, s]));
  const warned = new Set<string>();
  return items.map((item) => {
    let source = sources.get(item.sourceId);
    if (!source) {
      // An archived source that was removed from sources.yaml: keep its items, but its ownership is unknown.
      if (!warned.has(item.sourceId)) {
        warned.add(item.sourceId);
        logger.warn('items in the archive come from a source no longer in sources.yaml; treated as independent', { source: item.sourceId });
      }
      source = orphanSource(item.sourceId, item.language);
      sources.set(item.sourceId, source);
    }
    const labels = storedClassification(item, fingerprint) ?? (classifier ??= classifierFor(config)).classify(classifyInput(item));
    return { item, source, labels };
  });
}

function orphanSource(id: string, language: string): Source {
  return { id, name: id, language, ownership: 'independent', tags: [], enabled: false, fetch: {} };
}
