// `vric run`: fetch, then build, under one archive lock, for a single crontab line.
import type { Command } from 'commander';
import { EXIT } from '../core/errors.js';
import { runAudit } from './audit.js';
import { addBuildOptions, parseBuildOptions, runBuild, type BuildCliOptions } from './build.js';
import { addCommonOptions, clock, makeLogger, readConfig, withArchive } from './context.js';
import type { SetExit } from './commands.js';

interface RunOptions extends BuildCliOptions {
  force?: boolean;
  quietFetch?: boolean;
}

export function registerRun(program: Command, setExit: SetExit): void {
  addBuildOptions(
    addCommonOptions(
      program
        .command('run')
        .description('fetch, then build and audit the period (one line for cron)')
        .option('--force', 'fetch every enabled source now, ignoring backoff and cadence')
        .option('--quiet-fetch', 'do not print the fetch summary'),
    ),
  ).action(async (o: RunOptions) => {
    const logger = makeLogger(o);
    const now = clock();
    parseBuildOptions(o, now()); // bad build options fail before any fetching
    const config = await readConfig(o);
    const { collect } = await import('../pipeline/collect.js');
    const failed = await withArchive(o, 'run', async (archive) => {
      const fetchLogger = o.quietFetch ? makeLogger({ ...o, quiet: true }) : logger;
      const report = await collect({ config, archive, now, logger: fetchLogger, force: o.force ?? false });
      const t = report.totals;
      if (!o.quietFetch) {
        logger.info(`fetched ${t.sources} sources: ${t.ok} ok, ${t.notModified} not modified, ${t.errors} failed; ${t.newItems} new items`);
      }
      const built = await runBuild(o, archive, { quietSummary: true });
      // The cap verdict (a warning when over); the full tables are one `vric audit` away.
      await runAudit({ ...o, json: false, csv: false, summaryOnly: true }, config, archive, logger, now());
      logger.info(built.openHint);
      return t.errors;
    }, now());
    setExit(failed > 0 ? EXIT.partial : EXIT.ok);
  });
}
