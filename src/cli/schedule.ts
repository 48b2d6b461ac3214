// `vric schedule`: the daily fetch and the monthly run, ready to paste into `crontab -e` or to save
// as systemd timer and service units. What the lines run is decided here (one plan for both); how
// cron and systemd spell it is schedule-format.ts.
// The lines work from the first run: absolute paths (cron runs with a bare PATH in $HOME), no pipe
// (vric writes its own timestamped --log-file, creating its folder, so the exit status is vric's),
// and no secret: a PostgreSQL password stays in an environment file that vric reads (--environment-file).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describeSpec, isPostgresSpec, monitorDir, resolveDbSpec, resolveOutDir } from '../archive/spec.js';
import { usageError } from '../core/errors.js';
import { parseEnvFile } from './env-file.js';
import { crontabText, shWord, systemdText, type SchedulePlan } from './schedule-format.js';

export interface ScheduleOptions {
  config: string;
  db?: string;
  out?: string;
  log?: string;
  environmentFile?: string;
  shards?: string;
  fetchAt?: string;
  buildDay?: string;
  buildAt?: string;
  systemd?: boolean;
}

/** Where the printed lines log, beside sources.yaml like the archive and the output. */
export const DEFAULT_LOG = path.join('logs', 'vric.log');
/** Where the printed lines read a password from when the archive needs one. */
export const DEFAULT_ENV_FILE = 'vric.env';

export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description('print crontab lines (or systemd timer and service units) for a daily fetch and a monthly run')
    .option('--config <path>', 'sources file', './sources.yaml')
    .option('--db <archive>', 'archive: a SQLite file or postgres://user@host/db (a password goes to the --environment-file, not the lines)')
    .option('--out <dir>', 'output folder of the digests (default: out/ beside sources.yaml)')
    .option('--log <file>', `the log the lines append to, with timestamps (default: ${DEFAULT_LOG} beside sources.yaml)`)
    .option('--environment-file <file>', `the file the lines read VRIC_DB and other secrets from (default when the archive has a password: ${DEFAULT_ENV_FILE} beside sources.yaml)`)
    .option('--fetch-at <HH:MM>', 'time of the daily fetch', '05:17')
    .option('--build-day <N>', 'day of the month of the monthly fetch and build of last month (1 to 28)', '2')
    .option('--build-at <HH:MM>', 'time of the monthly run', '06:23')
    .option('--shards <N>', 'one fetch line per collector machine, each with --shard K/N (a shared PostgreSQL archive)')
    .option('--systemd', 'print systemd user units (a timer and a service for each job) instead of crontab lines')
    .action((o: ScheduleOptions) => {
      const plan = schedulePlan(o);
      process.stdout.write(o.systemd ? systemdText(plan) : crontabText(plan));
    });
}

/** HH:MM, 24-hour clock, in the machine's local time as cron and systemd read it. */
export function parseClock(value: string, flag: string): { hour: number; minute: number } {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw usageError(`${flag} takes a time HH:MM, 00:00 to 23:59 (got "${value}")`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function parseBuildDay(value: string): number {
  const day = Number(value);
  // 29 to 31 would skip the months that lack the day: a month without a digest.
  if (!Number.isInteger(day) || day < 1 || day > 28) throw usageError(`--build-day takes a day of the month, 1 to 28 (got "${value}")`);
  return day;
}

export function schedulePlan(o: ScheduleOptions): SchedulePlan {
  const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/vric.js');
  const config = path.resolve(o.config);
  const home = monitorDir(config);
  const shards = o.shards === undefined ? 1 : Number(o.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 1000) throw usageError(`--shards takes a number of collectors, 1 to 1000 (got "${o.shards}")`);
  const fetchAt = parseClock(o.fetchAt ?? '05:17', '--fetch-at');
  const buildAt = parseClock(o.buildAt ?? '06:23', '--build-at');
  const buildDay = parseBuildDay(o.buildDay ?? '2');

  // The archive as the scheduled runs will see it: the env file's VRIC_DB (if the file is there
  // already) counts, as it will when they read it.
  const named = o.environmentFile ? path.resolve(o.environmentFile) : undefined;
  const fileVars = named && fs.existsSync(named) ? parseEnvFile(fs.readFileSync(named, 'utf8'), named) : new Map<string, string>();
  const spec = resolveDbSpec(o.db, config, { ...process.env, ...Object.fromEntries(fileVars) });
  if (shards > 1 && !isPostgresSpec(spec)) throw usageError('--shards is for several machines sharing a PostgreSQL archive: give --db postgres://…');
  // A spec with a password is one describeSpec() would redact: it goes to the env file.
  const secret = describeSpec(spec) !== spec;
  const environmentFile = named ?? (secret ? path.join(home, DEFAULT_ENV_FILE) : undefined);
  const notes: string[] = [];
  if (secret && fileVars.get('VRIC_DB') !== spec) {
    // From $VRIC_DB the file can be written without retyping; from --db, with the password filled in.
    const line = o.db === undefined ? `printf 'VRIC_DB=%s\\n' "$VRIC_DB"` : `echo 'VRIC_DB=${describeSpec(spec).replaceAll('***', 'PASSWORD')}'`;
    notes.push(
      `The archive's password stays off these lines: they read VRIC_DB from ${environmentFile}.`,
      `Create that file once, readable by you alone${o.db === undefined ? '' : ' (with the real password for PASSWORD)'}:`,
      `  (umask 077; ${line} > ${shWord(environmentFile!)})`,
    );
  }
  const archive = [
    '--config', config,
    ...(secret ? [] : ['--db', isPostgresSpec(spec) ? spec : path.resolve(spec)]),
    ...(environmentFile ? ['--environment-file', environmentFile] : []),
  ];
  const out = ['--out', path.resolve(resolveOutDir(o.out, config))];
  const logging = ['--quiet', '--log-file', path.resolve(o.log ?? path.join(home, DEFAULT_LOG))];
  return {
    node: process.execPath,
    bin,
    notes,
    fetch: { ...fetchAt, args: ['fetch', ...archive, ...logging], shards },
    monthly: {
      ...buildAt,
      day: buildDay,
      // Collectors fetch on their own machines; the editors' machine only builds.
      args: [shards === 1 ? 'run' : 'build', '--period', 'last-month', ...archive, ...out, ...logging],
    },
  };
}
