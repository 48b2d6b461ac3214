// `vric schedule`: ready-to-paste crontab lines (and a systemd alternative) with absolute paths,
// because cron runs with a bare PATH and another working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { resolveDbSpec } from '../archive/spec.js';

interface ScheduleOptions {
  config: string;
  db?: string;
  out: string;
  log?: string;
}

export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description('print crontab lines (and a systemd timer) for a daily fetch and a monthly build')
    .option('--config <path>', 'sources file', './sources.yaml')
    .option('--db <path>', 'archive file')
    .option('--out <dir>', 'output folder of the digests', './out')
    .option('--log <file>', 'append errors to this file as well as mailing them')
    .action((o: ScheduleOptions) => {
      process.stdout.write(scheduleText(o));
    });
}

export function scheduleText(o: ScheduleOptions): string {
  const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/vric.js');
  const project = path.dirname(path.dirname(bin));
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const node = q(process.execPath);
  const common = `--config ${q(path.resolve(o.config))} --db ${q(path.resolve(resolveDbSpec(o.db)))}`;
  const vric = `${node} ${q(bin)}`;
  // tee keeps cron's mail (it mails whatever a job prints) and appends the same lines to the log.
  const tail = o.log ? ` 2>&1 | tee -a ${q(path.resolve(o.log))}` : '';
  return `# vric: paste into \`crontab -e\`. Cron mails whatever a job prints; --quiet prints only problems.
# Every day at 05:17: collect every source that is due (exit 3 = some sources failed; see vric sources status).
17 5 * * * cd ${q(project)} && ${vric} fetch ${common} --quiet${tail}
# On the 2nd of each month at 06:23: fetch, then build and audit last month's digest.
23 6 2 * * cd ${q(project)} && ${vric} run --period last-month ${common} --out ${q(path.resolve(o.out))} --quiet${tail}

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
