// How cron and systemd spell the plan of `vric schedule`. Each has its own quoting:
// - crontab: the command goes to /bin/sh, so words are quoted for sh; and cron itself ends the
//   command at an unescaped `%` (the rest becomes the job's stdin), so every `%` is written `\%`.
// - systemd: ExecStart= words are quoted with "…" (backslash escapes), and `%` starts a specifier and
//   `$` a variable, so they are written `%%` and `$$`.

export interface Job {
  hour: number;
  minute: number;
  /** vric's arguments, after `node bin/vric.js`. */
  args: string[];
}

export interface SchedulePlan {
  node: string;
  bin: string;
  /** Lines to read before installing (how to create the env file). */
  notes: string[];
  fetch: Job & { shards: number };
  monthly: Job & { day: number };
}

const SAFE = /^[\w@%+=:,./-]+$/;

/** A word for /bin/sh. */
export function shWord(s: string): string {
  return SAFE.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A shell command as a crontab line needs it: cron reads `%` as a newline unless escaped. */
export function cronEscape(command: string): string {
  return command.replace(/%/g, '\\%');
}

/** A word for systemd's ExecStart=. */
export function systemdWord(s: string): string {
  const quoted = SAFE.test(s) ? s : `"${s.replace(/[\\"]/g, '\\$&')}"`;
  return quoted.replace(/%/g, '%%').replace(/\$/g, '$$$$');
}

const two = (n: number) => String(n).padStart(2, '0');
const clock = (j: Job) => `${two(j.hour)}:${two(j.minute)}`;

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function commandLine(plan: SchedulePlan, args: string[], word: (s: string) => string): string {
  return [plan.node, plan.bin, ...args].map(word).join(' ');
}

const EXITS = '0 ok, 2 configuration error (nothing done), 3 some sources failed, 5 nothing to publish, 6 every source failed, 75 another run holds the lock';

export function crontabText(plan: SchedulePlan): string {
  const { fetch, monthly } = plan;
  const cron = (j: Job, dom: string, args: string[]) => `${j.minute} ${j.hour} ${dom} * * ${cronEscape(commandLine(plan, args, shWord))}`;
  const fetchLines =
    fetch.shards === 1
      ? [`# Every day at ${clock(fetch)}: collect every source that is due.`, cron(fetch, '*', fetch.args)]
      : Array.from({ length: fetch.shards }, (_, i) => [
          `# Collector ${i + 1} of ${fetch.shards} (its own machine), every day at ${clock(fetch)}: its part of the sources.`,
          cron(fetch, '*', [...fetch.args, '--shard', `${i + 1}/${fetch.shards}`]),
        ]).flat();
  const what = fetch.shards === 1 ? 'fetch, then build and audit' : "the editors' machine: build";
  return [
    '# vric: paste into `crontab -e`. Cron mails whatever a job prints; --quiet prints only problems,',
    '# and --log-file keeps every message with its time (its folder is created on the first run).',
    `# Exit status: ${EXITS}.`,
    ...plan.notes.map((n) => `# ${n}`),
    ...fetchLines,
    `# On the ${ordinal(monthly.day)} of each month at ${clock(monthly)}: ${what} last month's digest.`,
    cron(monthly, String(monthly.day), monthly.args),
    '# systemd timers instead: vric schedule --systemd (same options).',
    '',
  ].join('\n');
}

function unit(file: string, lines: string[]): string {
  return [`# file: ${file}`, ...lines, ''].join('\n');
}

export function systemdText(plan: SchedulePlan): string {
  const { fetch, monthly } = plan;
  // Several collectors: one template, instance K on machine K (`%i` is systemd's instance name).
  const sharded = fetch.shards > 1;
  const fetchName = sharded ? 'vric-fetch@' : 'vric-fetch';
  const fetchExec = commandLine(plan, fetch.args, systemdWord) + (sharded ? ` --shard %i/${fetch.shards}` : '');
  const service = (description: string, exec: string) => ['[Unit]', `Description=${description}`, '', '[Service]', 'Type=oneshot', `ExecStart=${exec}`];
  const timer = (description: string, calendar: string) => ['[Unit]', `Description=${description}`, '', '[Timer]', `OnCalendar=${calendar}`, 'Persistent=true', '', '[Install]', 'WantedBy=timers.target'];
  const enable = sharded ? `vric-fetch@K.timer (K = this collector's number, 1 to ${fetch.shards}; the editors' machine: vric-build.timer)` : 'vric-fetch.timer vric-build.timer';
  return [
    '# vric: systemd user units. Save each under ~/.config/systemd/user/ with the name on its "# file:" line, then',
    `#   systemctl --user daemon-reload && systemctl --user enable --now ${enable}`,
    '# (and `loginctl enable-linger` so they run while you are logged out). The journal keeps what a run',
    '# prints; --log-file keeps every message with its time.',
    `# Exit status: ${EXITS}.`,
    ...plan.notes.map((n) => `# ${n}`),
    '',
    unit(`${fetchName}.service`, service(sharded ? 'vric: collect this machine\'s part of the sources' : 'vric: collect every source that is due', fetchExec)),
    unit(`${fetchName}.timer`, timer(`vric: daily fetch at ${clock(fetch)}`, `*-*-* ${clock(fetch)}:00`)),
    unit('vric-build.service', service(`vric: ${sharded ? 'build' : 'fetch, then build and audit'} last month's digest`, commandLine(plan, monthly.args, systemdWord))),
    unit('vric-build.timer', timer(`vric: monthly run on day ${monthly.day} at ${clock(monthly)}`, `*-*-${two(monthly.day)} ${clock(monthly)}:00`)),
  ].join('\n');
}
