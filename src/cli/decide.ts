// `vric decide --period SPEC …`: one editor's decision on a period from the terminal, the same
// decision the desk makes (pipeline/decide.ts checks and stores both). Named for its command, as
// every file in cli/ is.
import path from 'node:path';
import type { Command } from 'commander';
import type { DecisionValue } from '../core/decision-types.js';
import { usageError } from '../core/errors.js';
import { parsePeriod } from '../core/period.js';
import { SECTIONS, type SectionId } from '../core/vocabulary.js';
import type { DecisionRequest } from '../pipeline/decide.js';
import { parseCapOverride } from './build.js';
import { addCommonOptions, clock, makeLogger, readConfig, withArchive, type CommonOptions } from './context.js';
import type { SetExit } from './exit.js';
import { conventionalFile } from './files.js';

const LANGS = ['en', 'es', 'pt'];

export interface DecideCliOptions extends CommonOptions {
  period: string;
  include?: string;
  insteadOf?: string;
  exclude?: string;
  reason?: string;
  section?: string[];
  country?: string[];
  summary?: string[];
  lang: string;
  stateCap?: string;
  approve?: boolean;
  reopen?: boolean;
  clear?: boolean;
  editor?: string;
  overrides?: string;
  json?: boolean;
}

export function registerDecide(program: Command, setExit: SetExit): void {
  addCommonOptions(program.command('decide').description("record an editor's decision on a period (what the desk does, from the terminal)"))
    .requiredOption('--period <spec>', 'YYYY-MM, YYYY-MM..YYYY-MM, YYYY-Qn, YYYY, last-month or current')
    .option('--include <ref>', "keep this item (an id or its link) whatever the rules say; on one version of a story, show that version")
    .option('--instead-of <ref>', 'with --include of a state item when the cap is full: exclude this kept state item in its place')
    .option('--exclude <ref>', 'leave this item out (needs --reason)')
    .option('--reason <text>', 'why the item is excluded, or why the cap is changed (--state-cap)')
    .option('--section <ref-and-section...>', `REF SECTION: put the item under another section (${SECTIONS.join(', ')})`)
    .option('--country <ref-and-code...>', 'REF CODE: put the item under another country heading (ISO code)')
    .option('--summary <ref-and-text...>', "REF TEXT: the item line's text in --lang")
    .option('--lang <code>', 'the edition language of --summary: en, es or pt', 'en')
    .option('--state-cap <share>', 'a special-edition cap for this period (needs --reason)')
    .option('--approve', 'approve the period: a build then renders exactly what is approved')
    .option('--reopen', 'withdraw the approval so the period can be decided again')
    .option('--clear', 'with --include, --exclude, --section, --country, --summary or --state-cap: withdraw that decision')
    .option('--editor <name>', 'who decides (default: the operating-system user)')
    .option('--overrides <file>', 'editorial overrides (default: overrides.yaml beside sources.yaml, if present)')
    .option('--json', 'print the stored decisions and the cap as JSON')
    .action(async (o: DecideCliOptions) => {
      await runDecide(o);
      setExit(0);
    });
}

/** The one decision the options ask for (two for --include with --instead-of). */
export function requestsOf(o: DecideCliOptions): DecisionRequest[] {
  const asked = [o.include, o.exclude, o.section, o.country, o.summary, o.stateCap, o.approve, o.reopen].filter((x) => x !== undefined && x !== false);
  if (asked.length !== 1) {
    throw usageError('give one of --include, --exclude, --section, --country, --summary, --state-cap, --approve or --reopen');
  }
  const clear = o.clear === true;
  const value = (v: DecisionValue): DecisionValue | null => (clear ? null : v);
  const pair = (flag: string, args: string[] | undefined, second: string): [string, string] => {
    if (!args || args.length !== 2) throw usageError(`${flag} takes two values: REF ${second}${clear ? ' (with --clear, any ' + second + ')' : ''}`);
    return [args[0] as string, args[1] as string];
  };
  if (o.insteadOf !== undefined && o.include === undefined) throw usageError('--instead-of goes with --include');
  if (o.reason !== undefined && o.exclude === undefined && o.stateCap === undefined) throw usageError('--reason goes with --exclude or --state-cap');
  if (o.include !== undefined) {
    return [{ action: 'include', subject: o.include, value: value({ include: true }), ...(o.insteadOf !== undefined ? { insteadOf: { subject: o.insteadOf } } : {}) }];
  }
  if (o.exclude !== undefined) {
    if (!clear && !o.reason?.trim()) throw usageError('--exclude needs --reason "…": it is printed in the list of exclusions');
    return [{ action: 'exclude', subject: o.exclude, value: value({ reason: (o.reason ?? '').trim() }) }];
  }
  if (o.section !== undefined) {
    const [ref, section] = pair('--section', o.section, 'SECTION');
    if (!clear && !(SECTIONS as readonly string[]).includes(section)) throw usageError(`unknown section "${section}" (one of ${SECTIONS.join(', ')})`);
    return [{ action: 'section', subject: ref, value: value({ section: section as SectionId }) }];
  }
  if (o.country !== undefined) {
    const [ref, code] = pair('--country', o.country, 'CODE');
    if (!clear && !/^[A-Za-z]{2}$/.test(code)) throw usageError(`--country takes an ISO country code such as NI (got "${code}")`);
    return [{ action: 'country', subject: ref, value: value({ country: code.toUpperCase() }) }];
  }
  if (o.summary !== undefined) {
    const [ref, text] = pair('--summary', o.summary, 'TEXT');
    if (!LANGS.includes(o.lang)) throw usageError(`--lang must be one of ${LANGS.join(', ')} (got "${o.lang}")`);
    if (!clear && !text.trim()) throw usageError('--summary needs the text of the item line (use --clear to withdraw one)');
    return [{ action: 'summary', subject: ref, lang: o.lang, value: value({ text: text.trim() }) }];
  }
  if (o.stateCap !== undefined) {
    const cap = clear ? undefined : parseCapOverride({ stateCap: o.stateCap, ...(o.reason !== undefined ? { reason: o.reason } : {}) });
    return [{ action: 'cap', subject: '', value: cap ? { cap: cap.cap, reason: cap.reason } : null }];
  }
  if (o.approve) return [{ action: 'approve', subject: '', value: clear ? null : { approved: true, revision: 0 } }];
  return [{ action: 'approve', subject: '', value: null }];
}

async function runDecide(o: DecideCliOptions): Promise<void> {
  const logger = makeLogger(o);
  const now = clock()();
  const period = parsePeriod(o.period, now);
  const requests = requestsOf(o);
  const config = await readConfig(o);
  const overridesFile = conventionalFile(o.overrides, path.join(path.dirname(config.path), 'overrides.yaml'));
  const { decide, capLine } = await import('../pipeline/decide.js');
  const outcome = await withArchive(
    o,
    'decide',
    (archive) => decide({ config, archive, period, now, logger, ...(overridesFile ? { overridesFile } : {}) }, { requests, ...(o.editor !== undefined ? { editor: o.editor } : {}) }),
    now,
  );
  if (o.json) {
    process.stdout.write(JSON.stringify({ stored: outcome.stored, cap: outcome.after.digest.stats.capVerdict, total: outcome.after.digest.stats.total }) + '\n');
    return;
  }
  for (const d of outcome.stored) {
    const what = d.value === null ? `withdrew ${d.action}` : d.action;
    logger.info(`decided: ${what}${d.subject ? ` ${d.subject}` : ''}${d.lang ? ` (${d.lang})` : ''} on ${period.label} by ${d.editor} (decision ${d.id})`);
  }
  logger.info(`${period.label}: ${capLine(outcome.after)}`);
}
