// `vric audit --period SPEC`: the source mix of a period before and after selection, against the cap.
import path from 'node:path';
import type { Command } from 'commander';
import type { Archive } from '../archive/archive.js';
import { EXIT, usageError } from '../core/errors.js';
import { parsePeriod } from '../core/period.js';
import type { Config } from '../core/config-types.js';
import type { Logger } from '../core/log.js';
import { addCommonOptions, clock, makeLogger, readConfig, withArchive, type CommonOptions } from './context.js';
import { conventionalFile } from './files.js';
import { parseCapOverride } from './build.js';
import type { SetExit } from './exit.js';

export interface AuditCliOptions extends CommonOptions {
  period: string;
  json?: boolean;
  csv?: boolean;
  html?: string;
  failOverCap?: boolean;
  overrides?: string;
  stateCap?: string;
  reason?: string;
  /** Only the cap verdict (vric run): the full tables are one `vric audit` away. */
  summaryOnly?: boolean;
}

export function registerAudit(program: Command, setExit: SetExit): void {
  addCommonOptions(program.command('audit').description('show the source mix of a period (ownership, owner state, outlet, language, section, theme) against the cap'))
    .requiredOption('--period <spec>', 'YYYY-MM, YYYY-MM..YYYY-MM, YYYY-Qn, YYYY, last-month or current')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV for spreadsheets')
    .option('--html <file>', 'also write a self-contained page with the figures as bar charts')
    .option('--fail-over-cap', 'exit 4 when the digest would break the state-media cap')
    .option('--overrides <file>', 'editorial overrides (default: overrides.yaml beside sources.yaml, if present)')
    .option('--state-cap <share>', 'audit with the cap a build would be given with --state-cap')
    .option('--reason <text>', 'goes with --state-cap')
    .action(async (o: AuditCliOptions) => {
      if (o.json && o.csv) throw usageError('choose one of --json and --csv');
      const config = await readConfig(o);
      const now = clock()();
      const over = await withArchive(o, 'audit', (archive) => runAudit(o, config, archive, makeLogger(o), now), now);
      setExit(over && o.failOverCap ? EXIT.overCap : EXIT.ok);
    });
}

/** Prints the audit; returns whether the digest would break the cap. */
export async function runAudit(o: AuditCliOptions, config: Config, archive: Archive, logger: Logger, now: Date): Promise<boolean> {
  const period = parsePeriod(o.period, now);
  const capOverride = parseCapOverride(o);
  const overridesFile = conventionalFile(o.overrides, path.join(path.dirname(config.path), 'overrides.yaml'));
  const [{ decidePeriod }, format, { auditHtml }, { writeFileAtomic }] = await Promise.all([
    import('../pipeline/build.js'),
    import('../audit/format.js'),
    import('../audit/html.js'),
    import('../render/write.js'),
  ]);
  const { audit } = await decidePeriod({ config, archive, period, now, logger, ...(overridesFile ? { overridesFile } : {}), ...(capOverride ? { capOverride } : {}) });
  if (o.summaryOnly) {
    if (!audit.state.overCap) logger.info(`${format.capVerdict(audit)}; the full source mix: vric audit --period ${o.period}`);
  } else if (o.json) process.stdout.write(JSON.stringify({ period, ...audit }, null, 2) + '\n');
  else if (o.csv) process.stdout.write(format.auditCsv(audit));
  else if (!o.quiet || audit.state.overCap) process.stdout.write(format.auditText(audit, period));
  if (o.html) {
    const { storageError } = await import('../core/errors.js');
    await writeFileAtomic(o.html, auditHtml(audit, period, now.toISOString())).catch((e: unknown) => {
      throw storageError(`cannot write ${o.html}`, e);
    });
    logger.info(`wrote ${o.html}`);
  }
  if (audit.state.overCap) logger.warn(format.capVerdict(audit));
  return audit.state.overCap;
}
