// `vric run`: fetch, then build, under one archive lock, for a single crontab line.
import type { Command } from 'commander';
import { EXIT, VricError } from '../core/errors.js';
import { runAudit } from './audit.js';
import { addBuildOptions, parseBuildOptions, runBuild, type BuildCliOptions } from './build.js';
import { addCommonOptions, clock, makeLogger, readConfig, withArchive } from './context.js';
import type { SetExit } from './exit.js';
import { logFetchSummary } from './fetch.js';

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
    await withArchive(o, 'run', async (archive) => {
      const fetchLogger = o.quietFetch ? makeLogger({ ...o, quiet: true }) : logger;
      const report = await collect({ config, archive, now, logger: fetchLogger, force: o.force ?? false });
      const fetchExit = report.outcome.exitCode;
      // Every source failing does not stop the build: the period's items were mostly collected by
      // earlier runs, and a month's digest should not be lost to one offline morning. But the run
      // exits 6, and the summary says the digest has nothing new from this run.
      logFetchSummary(fetchLogger, report, fetchExit === EXIT.allFailed ? '; building from what the archive already holds' : '');
      setExit(fetchExit);
      try {
        const built = await runBuild(o, archive, { quietSummary: true });
        // The cap verdict (a warning when over); the full tables are one `vric audit` away.
        await runAudit({ ...o, json: false, csv: false, summaryOnly: true }, config, archive, logger, now());
        logger.info(built.openHint);
      } catch (e) {
        // The higher exit code wins, as with setExit: a build with nothing to publish (5) after a
        // fetch in which every source failed (6) is still, first of all, the network's failure.
        // A bug (1) stays a bug.
        if (e instanceof VricError && e.exitCode !== EXIT.internal && e.exitCode < fetchExit) throw new VricError(e.message, fetchExit, e.details);
        throw e;
      }
    }, now());
  });
}
