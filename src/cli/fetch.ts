// `vric fetch`: collect every enabled source that is due into the archive, and say how it went.
import type { Command } from 'commander';
import { EXIT } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { CollectReport } from '../pipeline/collect.js';
import { addCommonOptions, clock, makeLogger, parseList, readConfig, withArchive, type CommonOptions } from './context.js';
import type { SetExit } from './exit.js';
import { terminalProgress } from './progress.js';

export interface FetchOptions extends CommonOptions {
  json?: boolean;
  force?: boolean;
  only?: string;
  shard?: string;
}

export function registerFetch(program: Command, setExit: SetExit): void {
  addCommonOptions(
    program
      .command('fetch')
      .description('download every enabled source that is due and archive its new items')
      .option('--json', 'print the report as one JSON object')
      .option('--force', 'fetch every enabled source now, ignoring backoff and cadence')
      .option('--only <ids>', 'only these source ids (comma-separated)')
      .option('--shard <K/N>', 'fetch only shard K of N (sources divided by a hash of their id), for N collectors'),
  ).action(async (o: FetchOptions) => {
    const report = await runFetch(o);
    setExit(report.outcome.exitCode);
  });
}

export async function runFetch(o: FetchOptions): Promise<CollectReport> {
  // With --json the report carries everything; keep stderr for warnings and errors only.
  const logger = makeLogger({ ...o, quiet: o.quiet || o.json });
  const config = await readConfig(o);
  const now = clock();
  const [{ collect }, { parseShard }] = await Promise.all([import('../pipeline/collect.js'), import('../pipeline/shard.js')]);
  const shard = o.shard === undefined ? undefined : parseShard(o.shard);
  // A mistyped --only is refused before the archive is opened, so a refused first run makes none.
  const only = o.only === undefined ? undefined : parseList(o.only);
  if (only) (await import('../pipeline/only.js')).sourcesNamed(config.sources, only);
  const progress = terminalProgress('fetching', !o.quiet && !o.json && o.logFormat !== 'json');
  const report = await withArchive(o, 'fetch', (archive) =>
    collect({
      config,
      archive,
      now,
      logger,
      force: o.force ?? false,
      onProgress: (done, total) => progress.update(done, total),
      ...(only ? { only } : {}),
      ...(shard ? { shard } : {}),
    }),
  now()).finally(() => progress.end());
  if (o.json) process.stdout.write(JSON.stringify(report) + '\n');
  logFetchSummary(logger, report);
  return report;
}

/**
 * The run's one summary line, through the logger (one JSON object under --log-format json). It is
 * information, except when every source failed (exit 6): then it is an error, printed under
 * --quiet and --json too, with the likely cause. `after` adds what the caller did next (vric run).
 */
export function logFetchSummary(logger: Logger, r: CollectReport, after = ''): void {
  const t = r.totals;
  const backingOff = t.failing - t.errors;
  const line =
    `fetched ${t.sources} source${t.sources === 1 ? '' : 's'}: ${t.ok} ok, ${t.notModified} not modified, ${t.errors} failed` +
    (t.skipped ? `, ${t.skipped} not due${backingOff > 0 ? ` (${backingOff} backing off after failures)` : ''}` : '') +
    (t.held ? `, ${t.held} left to another collector` : '') +
    `; ${t.newItems} new item${t.newItems === 1 ? '' : 's'}` +
    (r.outcome.hint ? `; ${r.outcome.hint}` : '') +
    after;
  const fields = { ...t, exitCode: r.outcome.exitCode, ...(r.outcome.hint ? { hint: r.outcome.hint } : {}) };
  if (r.outcome.exitCode === EXIT.allFailed) logger.error(line, fields);
  else logger.info(line, fields);
}
