// `vric desk --period SPEC`: the editors' desk, a local web server showing every candidate of the
// period with its fate. It prints its address (with the session token) as the first line on
// stdout, opens a browser only on a desktop and unless --no-open, and stops on Ctrl-C or SIGTERM.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { usageError } from '../core/errors.js';
import { parsePeriod } from '../core/period.js';
import { addCommonOptions, clock, makeLogger, readConfig, withArchive, type CommonOptions } from './context.js';
import type { SetExit } from './exit.js';
import { conventionalFile } from './files.js';

export interface DeskCliOptions extends CommonOptions {
  period: string;
  port: string;
  host: string;
  open: boolean;
  overrides?: string;
}

export function registerDesk(program: Command, setExit: SetExit): void {
  addCommonOptions(program.command('desk').description('review a period in the browser: every candidate, selected or left out, with the reason'))
    .requiredOption('--period <spec>', 'YYYY-MM, YYYY-MM..YYYY-MM, YYYY-Qn, YYYY, last-month or current')
    .option('--port <n>', 'port to listen on (0: any free port)', '0')
    .option('--host <address>', 'address to listen on; anything but 127.0.0.1 lets other machines reach the desk', '127.0.0.1')
    .option('--no-open', 'do not open a browser')
    .option('--overrides <file>', 'editorial overrides (default: overrides.yaml beside sources.yaml, if present)')
    .action(async (o: DeskCliOptions) => {
      await runDesk(o);
      setExit(0);
    });
}

/** The Host header must name the bound address, so a wildcard, which has no one name, is refused. */
function checkListen(o: DeskCliOptions): { host: string; port: number } {
  const port = Number(o.port);
  if (!/^\d+$/.test(o.port) || port > 65535) throw usageError(`--port must be a number from 0 to 65535 (got "${o.port}")`);
  const host = o.host.trim();
  if (host === '' || host === '0.0.0.0' || host === '::' || host === '[::]') {
    throw usageError(`--host needs the one address editors will open (got "${o.host}"): the desk answers only requests addressed to it`);
  }
  return { host: host.replace(/^\[(.*)\]$/, '$1'), port };
}

async function runDesk(o: DeskCliOptions): Promise<void> {
  const logger = makeLogger(o);
  const now = clock()();
  const period = parsePeriod(o.period, now);
  const listen = checkListen(o);
  const config = await readConfig(o);
  const overridesFile = conventionalFile(o.overrides, path.join(path.dirname(config.path), 'overrides.yaml'));
  const [{ reviewPeriod }, { loadDeskAssets }, { startDesk }] = await Promise.all([
    import('../pipeline/review.js'),
    import('../desk/assets.js'),
    import('../desk/server.js'),
  ]);
  // Read once, with the archive open read-only and only while reading: the desk holds no lock
  // while the editors look, so the daily fetch runs beside it. This version stores nothing.
  const review = await withArchive(o, 'desk', (archive) => reviewPeriod({ config, archive, period, now, logger, ...(overridesFile ? { overridesFile } : {}) }), now);
  const assets = await loadDeskAssets();
  const desk = await startDesk({ ...listen, review: () => Promise.resolve(review), assets, logger }).catch((e: NodeJS.ErrnoException) => {
    throw usageError(`cannot listen on ${o.host}:${o.port}: ${e.code === 'EADDRINUSE' ? 'the port is in use (--port 0 picks a free one)' : e.message}`);
  });
  process.stdout.write(`desk: ${desk.url}\n`);
  const kept = review.rows.filter((r) => r.fate.kept).length;
  logger.info(`desk: ${period.label}, ${review.rows.length} candidates (${kept} selected); decisions are not stored in this version; Ctrl-C stops it`);
  if (o.open && onDesktop()) openBrowser(desk.url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await desk.close();
  logger.info('desk: stopped');
}

/** A desktop session: macOS, Windows, or a Linux/BSD one with a display. A server never opens anything. */
function onDesktop(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  // Best effort: the address is on stdout either way.
  const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}
