// `vric schedule`: the printed lines are run the way cron and systemd run them, from the first run:
// /bin/sh with an empty environment (env -i), from another folder, on a copy of the sample monitor.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/open.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { freshPgUrl, pgAvailable, skipReason } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const TIMESTAMPED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

/** A copy of sample/ in `name` under a fresh folder, with one source whose file is missing (exit 3). */
function monitor(name = 'monitor'): { dir: string; config: string } {
  const dir = path.join(tmpDir(), name);
  fs.cpSync(path.join(ROOT, 'sample'), dir, { recursive: true });
  const config = path.join(dir, 'sources.yaml');
  fs.appendFileSync(config, '  - id: missing\n    name: Missing\n    file: feeds/missing.xml\n    language: es\n    ownership: independent\n');
  return { dir, config };
}

/**
 * The command of a crontab line as cron gives it to /bin/sh (cronie and vixie cron, do_command.c):
 * the five time fields go, `\%` becomes `%`, and an unescaped `%` ends the command (what follows it
 * becomes the job's stdin, its further `%` newlines).
 */
function cronCommand(line: string): { command: string; stdin: string } {
  const rest = line.replace(/^(\S+\s+){5}/, '');
  let command = '';
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '\\' && rest[i + 1] === '%') {
      command += '%';
      i++;
    } else if (rest[i] === '%') {
      return { command, stdin: rest.slice(i + 1).replace(/%/g, '\n') };
    } else command += rest[i];
  }
  return { command, stdin: '' };
}

/** Runs a shell command as cron does: an empty environment, /bin/sh, another working directory. */
function asCron(command: string, stdin = '', env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const child = spawn('env', ['-i', ...vars, '/bin/sh', '-c', command], { cwd: '/', stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const cronLines = (text: string) => text.split('\n').filter((l) => /^\d/.test(l));
const logLines = (file: string) => fs.readFileSync(file, 'utf8').trimEnd().split('\n');
/** The exit code vric wrote on the log's last line. */
const loggedExit = (file: string) => Number(/ended with exit (\d+)/.exec(logLines(file).at(-1)!)?.[1]);

describe('vric schedule: crontab lines', () => {
  it('run from / under an empty environment, keep vric\'s exit status and log with timestamps to a folder made on the first run', async () => {
    const { dir, config } = monitor();
    const s = await runCli(['schedule', '--config', config]);
    expect(s.code).toBe(0);
    const [fetchLine, monthlyLine] = cronLines(s.stdout);
    expect(fetchLine).toMatch(/^17 5 \* \* \* /);
    expect(monthlyLine).toMatch(/^23 6 2 \* \* .* run --period last-month /);
    // No pipe: nothing stands between vric's exit status and cron.
    expect(s.stdout).not.toContain('|');
    const log = path.join(dir, 'logs', 'vric.log');
    expect(fs.existsSync(path.dirname(log))).toBe(false);

    const fetch = cronCommand(fetchLine!);
    const r = await asCron(fetch.command, fetch.stdin);
    expect(r.status).toBe(3); // one source failed: vric's own code, not the pipeline's 0
    expect(r.stdout).toBe('');
    // What cron mails: the problem, and only that (--quiet).
    expect(r.stderr).toMatch(/^warn: \[missing\] .*missing\.xml/m);
    const lines = logLines(log);
    for (const l of lines) expect(l).toMatch(TIMESTAMPED);
    // The log keeps what --quiet kept from the mail, and ends with the exit code.
    expect(lines.some((l) => / \[telesur\] ok: \d+ items$/.test(l))).toBe(true);
    expect(lines.some((l) => / warn: \[missing\] /.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/ warn: fetch ended with exit 3 \(\d+\.\d s\)$/);

    const monthly = cronCommand(monthlyLine!);
    const m = await asCron(monthly.command, monthly.stdin);
    expect(m.status).toBe(loggedExit(log));
    expect(logLines(log).filter((l) => / run ended with exit /.test(l))).toHaveLength(1);
  });

  it('escapes % so that cron passes a path with % whole, and the line still runs', async () => {
    const { dir, config } = monitor('50% of mon%d');
    const s = await runCli(['schedule', '--config', config]);
    const [fetchLine] = cronLines(s.stdout);
    expect(fetchLine).toContain("'/"); // the space is quoted for sh
    expect(fetchLine).toContain('50\\% of mon\\%d');
    expect(fetchLine!.replace(/\\%/g, '')).not.toContain('%');
    // Unescaped, cron would have cut the command at the first %.
    expect(cronCommand(fetchLine!.replace(/\\%/g, '%')).command).not.toContain('sources.yaml');
    const fetch = cronCommand(fetchLine!);
    expect(fetch.stdin).toBe('');
    const r = await asCron(fetch.command);
    expect(r.status).toBe(3);
    expect(loggedExit(path.join(dir, 'logs', 'vric.log'))).toBe(3);
  });

  it('takes the times and the day, and refuses impossible ones', async () => {
    const { config } = monitor();
    const s = await runCli(['schedule', '--config', config, '--fetch-at', '4:05', '--build-day', '28', '--build-at', '23:59']);
    const [fetchLine, monthlyLine] = cronLines(s.stdout);
    expect(fetchLine).toMatch(/^5 4 \* \* \* /);
    expect(monthlyLine).toMatch(/^59 23 28 \* \* /);
    expect(s.stdout).toContain("# On the 28th of each month at 23:59: fetch, then build and audit last month's digest.");
    const late = await runCli(['schedule', '--config', config, '--fetch-at', '24:00']);
    expect(late.code).toBe(2);
    expect(late.stderr).toBe('vric: --fetch-at takes a time HH:MM, 00:00 to 23:59 (got "24:00")\n');
    const day = await runCli(['schedule', '--config', config, '--build-day', '31']);
    expect(day.code).toBe(2);
    expect(day.stderr).toContain('--build-day takes a day of the month, 1 to 28 (got "31")');
  });

  it('keeps a password off the lines, pointing them at an environment file instead', async () => {
    const { dir, config } = monitor();
    const secret = 'pw-Zq81';
    const flag = await runCli(['schedule', '--config', config, '--db', `postgres://vric:${secret}@db.example/vric`]);
    expect(flag.code).toBe(0);
    expect(flag.stdout).not.toContain(secret);
    for (const l of cronLines(flag.stdout)) {
      expect(l).toContain(` --environment-file ${path.join(dir, 'vric.env')} `);
      expect(l).not.toContain('--db');
    }
    expect(flag.stdout).toContain(`#   (umask 077; echo 'VRIC_DB=postgres://vric:PASSWORD@db.example/vric' > ${path.join(dir, 'vric.env')})`);
    const systemd = await runCli(['schedule', '--config', config, '--db', `postgres://vric:${secret}@db.example/vric?sslmode=require`, '--systemd']);
    expect(systemd.stdout).not.toContain(secret);
    expect(systemd.stdout).toContain('--environment-file');
  });

  it.skipIf(!pgAvailable())(`runs against the PostgreSQL archive named in the environment file${pgAvailable() ? '' : ` (skipped: ${skipReason})`}`, async () => {
    const { dir, config } = monitor();
    const url = new URL(await freshPgUrl());
    url.password = 'pw-Zq81'; // the test server trusts loopback: the password is only there to be kept secret
    const s = await runCli(['schedule', '--config', config], { env: { VRIC_DB: url.toString() } });
    expect(s.stdout).not.toContain('pw-Zq81');
    // The note's own command writes the file, from $VRIC_DB, readable by its owner alone.
    const create = /^# {3}(\(umask 077; .*\))$/m.exec(s.stdout)![1]!;
    expect((await asCron(create, '', { VRIC_DB: url.toString() })).status).toBe(0);
    const environmentFile = path.join(dir, 'vric.env');
    expect(fs.statSync(environmentFile).mode & 0o077).toBe(0);
    expect(fs.readFileSync(environmentFile, 'utf8')).toBe(`VRIC_DB=${url.toString()}\n`);

    const fetch = cronCommand(cronLines(s.stdout)[0]!);
    const r = await asCron(fetch.command, fetch.stdin);
    expect(r.status).toBe(3);
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false); // not a SQLite archive made beside sources.yaml
    const archive = await openArchive(url.toString());
    try {
      expect((await archive.sourceHealth(new Date())).find((h) => h.sourceId === 'telesur')?.totalItems).toBeGreaterThan(0);
    } finally {
      await archive.close();
    }
  });
});

/** ExecStart= as systemd splits it: words, "…" with backslash escapes, %% and $$ for % and $. */
function execStartArgs(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const w = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!;
    words.push(w.replace(/%%/g, '%').replace(/\$\$/g, '$'));
  }
  return words;
}

describe('vric schedule --systemd', () => {
  it('prints a timer and a service for the daily fetch and the monthly run, ready to save, whose ExecStart runs', async () => {
    const { dir, config } = monitor('50% of $HOME');
    const s = await runCli(['schedule', '--config', config, '--systemd', '--fetch-at', '04:05', '--build-day', '3', '--build-at', '07:30']);
    expect(s.code).toBe(0);
    const units = new Map<string, string>();
    for (const block of s.stdout.split(/^# file: /m).slice(1)) {
      const [name, ...body] = block.split('\n');
      units.set(name!, body.join('\n'));
    }
    expect([...units.keys()]).toEqual(['vric-fetch.service', 'vric-fetch.timer', 'vric-build.service', 'vric-build.timer']);
    expect(units.get('vric-fetch.timer')).toContain('OnCalendar=*-*-* 04:05:00\nPersistent=true');
    expect(units.get('vric-build.timer')).toContain('OnCalendar=*-*-03 07:30:00');
    expect(units.get('vric-build.service')).toMatch(/^ExecStart=.* run --period last-month .*--log-file /m);

    const saved = tmpDir();
    for (const [name, body] of units) fs.writeFileSync(path.join(saved, name), body);
    const analyze = spawnSync('systemd-analyze', ['verify', ...[...units.keys()].map((n) => path.join(saved, n))], { encoding: 'utf8' });
    if (analyze.error) console.log(`systemd-analyze verify skipped: ${analyze.error.message}`);
    else expect(analyze.stderr + analyze.stdout).toBe('');

    const exec = /^ExecStart=(.*)$/m.exec(units.get('vric-fetch.service')!)![1]!;
    const args = execStartArgs(exec);
    expect(args).toContain(config);
    const r = spawnSync(args[0]!, args.slice(1), { cwd: '/', env: {}, encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(loggedExit(path.join(dir, 'logs', 'vric.log'))).toBe(3);
  });
});
