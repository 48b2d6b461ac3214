// `vric schedule`: ready-to-paste crontab lines (and a systemd alternative) with absolute paths,
// because cron runs with a bare PATH and another working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { isPostgresSpec, resolveDbSpec, resolveOutDir } from '../archive/spec.js';
import { usageError } from '../core/errors.js';

interface ScheduleOptions {
  config: string;
  db?: string;
  out?: string;
  log?: string;
  shards?: string;
}

export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description('print crontab lines (and a systemd timer) for a daily fetch and a monthly build')
    .option('--config <path>', 'sources file', './sources.yaml')
    .option('--db <archive>', 'archive: a SQLite file or postgres://user@host/db')
    .option('--out <dir>', 'output folder of the digests (default: out/ beside sources.yaml)')
    .option('--log <file>', 'append errors to this file as well as mailing them')
    .option('--shards <N>', 'one fetch line per collector machine, each with --shard K/N (a shared PostgreSQL archive)')
    .action((o: ScheduleOptions) => {
      process.stdout.write(scheduleText(o));
    });
}

export function scheduleText(o: ScheduleOptions): string {
  const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/vric.js');
  const project = path.dirname(path.dirname(bin));
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const node = q(process.execPath);
  const spec = resolveDbSpec(o.db, o.config);
  const out = resolveOutDir(o.out, o.config);
  const common = `--config ${q(path.resolve(o.config))} --db ${q(isPostgresSpec(spec) ? spec : path.resolve(spec))}`;
  const shards = o.shards === undefined ? 1 : Number(o.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 1000) throw usageError(`--shards takes a number of collectors, 1 to 1000 (got "${o.shards}")`);
  if (shards > 1 && !isPostgresSpec(spec)) throw usageError('--shards is for several machines sharing a PostgreSQL archive: give --db postgres://…');
  const vric = `${node} ${q(bin)}`;
  // tee keeps cron's mail (it mails whatever a job prints) and appends the same lines to the log.
  const tail = o.log ? ` 2>&1 | tee -a ${q(path.resolve(o.log))}` : '';
  const fetchLines =
    shards === 1
      ? `# Every day at 05:17: collect every source that is due (exit 3 = some sources failed; see vric sources status).
17 5 * * * cd ${q(project)} && ${vric} fetch ${common} --quiet${tail}`
      : Array.from({ length: shards }, (_, i) => `# Collector ${i + 1} of ${shards} (its own machine), every day at 05:17: its part of the sources.
17 5 * * * cd ${q(project)} && ${vric} fetch ${common} --shard ${i + 1}/${shards} --quiet${tail}`).join('\n');
  const monthly =
    shards === 1
      ? `# On the 2nd of each month at 06:23: fetch, then build and audit last month's digest.
23 6 2 * * cd ${q(project)} && ${vric} run --period last-month ${common} --out ${q(path.resolve(out))} --quiet${tail}`
      : `# The editors' machine, on the 2nd of each month at 06:23: build last month's digest (the collectors fetch).
23 6 2 * * cd ${q(project)} && ${vric} build --period last-month ${common} --out ${q(path.resolve(out))} --quiet${tail}`;
  return `# vric: paste into \`crontab -e\`. Cron mails whatever a job prints; --quiet prints only problems.
${fetchLines}
${monthly}

# systemd alternative: ~/.config/systemd/user/vric-fetch.service
# [Unit]
# Description=vric daily fetch
# [Service]
# Type=oneshot
# WorkingDirectory=${project}
# ExecStart=${process.execPath} ${bin} fetch ${common} --quiet
#
# ~/.config/systemd/user/vric-fetch.timer
# [Timer]
# OnCalendar=*-*-* 05:17
# Persistent=true
# [Install]
# WantedBy=timers.target
#
# then: systemctl --user enable --now vric-fetch.timer
`;
}
