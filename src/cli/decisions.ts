// `vric decisions export|import --period SPEC [FILE]`: a period's decisions in force as a YAML file
// in overrides.yaml's words, for version control, and such a file recorded as what it changes.
// Named for its command, as every file in cli/ is; the decisions in force are select/decisions.ts's.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { usageError } from '../core/errors.js';
import { parsePeriod } from '../core/period.js';
import type { DecideOptions } from '../pipeline/build.js';
import { addCommonOptions, clock, makeLogger, readConfig, withArchive, type CommonOptions } from './context.js';
import type { SetExit } from './exit.js';
import { conventionalFile } from './files.js';

interface DecisionsCliOptions extends CommonOptions {
  period: string;
  overrides?: string;
  editor?: string;
  labels?: boolean;
  json?: boolean;
}

export function registerDecisions(program: Command, setExit: SetExit): void {
  const decisions = program.command('decisions').description("a period's decisions as a YAML file for version control, and back");
  const common = (cmd: Command) =>
    addCommonOptions(cmd)
      .requiredOption('--period <spec>', 'YYYY-MM, YYYY-MM..YYYY-MM, YYYY-Qn, YYYY, last-month or current')
      .option('--overrides <file>', 'editorial overrides (default: overrides.yaml beside sources.yaml, if present)');

  common(decisions.command('export [file]').description("write the period's decisions in force as YAML (stdout without FILE)"))
    .option('--labels', "write the editors' label corrections as labelled JSON Lines instead (for vric eval)")
    .action(async (file: string | undefined, o: DecisionsCliOptions) => {
      await runExport(file, o);
      setExit(0);
    });

  common(decisions.command('import <file>').description('record what a decisions file changes on the period, as decisions'))
    .option('--editor <name>', 'who decides (default: the operating-system user)')
    .option('--json', 'print the stored decisions and the cap as JSON')
    .action(async (file: string, o: DecisionsCliOptions) => {
      await runImport(file, o);
      setExit(0);
    });
}

async function decideOptions(o: DecisionsCliOptions) {
  const now = clock()();
  const period = parsePeriod(o.period, now);
  const config = await readConfig(o);
  const overridesFile = conventionalFile(o.overrides, path.join(path.dirname(config.path), 'overrides.yaml'));
  return { now, period, config, logger: makeLogger(o), ...(overridesFile ? { overridesFile } : {}) };
}

async function runExport(file: string | undefined, o: DecisionsCliOptions): Promise<void> {
  const base = await decideOptions(o);
  const [{ exportDecisions }, { exportLabels }] = await Promise.all([import('../pipeline/decisions-io.js'), import('../pipeline/label-corrections.js')]);
  const { text, count } = await withArchive(
    o,
    'export',
    async (archive) => {
      const opts: DecideOptions = { ...base, archive };
      if (!o.labels) return { text: await exportDecisions(opts), count: undefined };
      const lines = await exportLabels(opts);
      return { text: lines.map((l) => JSON.stringify(l) + '\n').join(''), count: lines.length };
    },
    base.now,
  );
  if (file) {
    const { writeFileAtomic } = await import('../render/write.js');
    await writeFileAtomic(file, text);
  } else process.stdout.write(text);
  const what = count === undefined ? `the decisions in force on ${base.period.label}` : `${count} label correction${count === 1 ? '' : 's'} of ${base.period.label}`;
  base.logger.info(`exported ${what}${file ? ` to ${file}` : ''}`);
}

async function runImport(file: string, o: DecisionsCliOptions): Promise<void> {
  const base = await decideOptions(o);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw usageError((e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file: ${file}` : `${file}: cannot read it (${(e as Error).message})`);
  }
  const [{ parseDecisionsFile }, { importDecisions }, { capLine }] = await Promise.all([
    import('../select/decisions-file.js'),
    import('../pipeline/decisions-io.js'),
    import('../pipeline/decide.js'),
  ]);
  const parsed = parseDecisionsFile(text, file);
  const outcome = await withArchive(o, 'decide', (archive) => importDecisions({ ...base, archive }, parsed, o.editor), base.now);
  if (o.json) {
    const after = outcome.after?.digest.stats;
    process.stdout.write(JSON.stringify({ stored: outcome.stored, ...(after ? { cap: after.capVerdict, total: after.total } : {}) }) + '\n');
    return;
  }
  if (!outcome.after) {
    base.logger.info(`nothing to record: ${file} holds the decisions in force on ${base.period.label}`);
    return;
  }
  for (const d of outcome.stored) {
    const what = d.value === null ? `withdrew ${d.action}` : d.action;
    base.logger.info(`decided: ${what}${d.subject ? ` ${d.subject}` : ''}${d.lang ? ` (${d.lang})` : ''} on ${base.period.label} by ${d.editor} (decision ${d.id})`);
  }
  base.logger.info(`${base.period.label}: ${outcome.stored.length} decision${outcome.stored.length === 1 ? '' : 's'} recorded from ${file}; ${capLine(outcome.after)}`);
}
