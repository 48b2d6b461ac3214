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
import type { PeriodReview } from '../pipeline/review.js';

export interface DeskCliOptions extends CommonOptions {
  period: string;
  port: string;
  host: string;
  open: boolean;
  overrides?: string;
  editor?: string;
}

export function registerDesk(program: Command, setExit: SetExit): void {
  addCommonOptions(program.command('desk').description('review a period in the browser: every candidate, selected or left out, with the reason'))
    .requiredOption('--period <spec>', 'YYYY-MM, YYYY-MM..YYYY-MM, YYYY-Qn, YYYY, last-month or current')
    .option('--port <n>', 'port to listen on (0: any free port)', '0')
    .option('--host <address>', 'address to listen on; anything but 127.0.0.1 lets other machines reach the desk', '127.0.0.1')
    .option('--no-open', 'do not open a browser')
    .option('--overrides <file>', 'editorial overrides (default: overrides.yaml beside sources.yaml, if present)')
    .option('--editor <name>', 'who decides (default: the operating-system user)')
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
  // The notes file `vric build` reads by default: the preview shows it under the desk's notes.
  const notesFile = conventionalFile(undefined, path.join(path.dirname(config.path), 'notes', `${period.slug}.md`));
  const [{ reviewPeriod }, { loadDeskAssets }, { startDesk }, { decide, capLine }, { requestOfForm }, { shownEdit }, { editionHtml, loadNotes }, { periodKey }, { approvedDigest }] = await Promise.all([
    import('../pipeline/review.js'),
    import('../desk/assets.js'),
    import('../desk/server.js'),
    import('../pipeline/decide.js'),
    import('../desk/decision-form.js'),
    import('../desk/period-page.js'),
    import('../render/render.js'),
    import('../select/decisions.js'),
    import('../pipeline/build.js'),
  ]);
  const assets = await loadDeskAssets();
  // The archive stays open while the desk runs, without the run lock (cli/context.ts): the daily
  // fetch runs beside it, and each decision is one short transaction of its own.
  await withArchive(
    o,
    'desk',
    async (archive) => {
      const opts = { config, archive, period, now, logger, ...(overridesFile ? { overridesFile } : {}) };
      // The period is decided again only when its decisions changed (here or by another editor);
      // items fetched since the desk started are read after a restart.
      let cached: { revision: string; review: Promise<PeriodReview> } | undefined;
      const review = async (): Promise<PeriodReview> => {
        const history = await archive.decisionsOf(periodKey(period));
        const revision = `${history.length}:${history.at(-1)?.id ?? 0}`;
        if (cached?.revision !== revision) cached = { revision, review: reviewPeriod({ ...opts, now: clock()() }) };
        return cached.review;
      };
      const first = await review();
      const desk = await startDesk({
        ...listen,
        review,
        assets,
        logger,
        decide: async (form) => {
          const current = await review();
          const ask = requestOfForm(form, o.editor, (id) => {
            const row = current.rows.find((r) => r.itemId === id);
            return row ? shownEdit(row) : undefined;
          });
          const outcome = await decide({ ...opts, now: clock()() }, ask);
          cached = undefined;
          const what = outcome.stored.map((d) => `${d.value === null ? 'withdrew ' : ''}${d.action}${d.lang ? ` (${d.lang})` : ''}`).join(' and ');
          logger.info(`desk: ${outcome.stored[0]?.editor ?? ''} decided ${what} (decision ${outcome.stored.map((d) => d.id).join(', ')})`);
          return `Stored: ${what}. ${capLine(outcome.after)}.`;
        },
        preview: async () => {
          const r = await review();
          // An approved period is previewed as its build renders it: the digest the approval froze.
          const approval = r.decided.editorial.approval;
          const shown = approval ? await approvedDigest(archive, approval) : { digest: r.digest, audit: r.decided.audit, notes: r.decided.editorial.notes };
          const notes = { ...(notesFile ? loadNotes(notesFile) : {}), ...shown.notes };
          return editionHtml(shown.digest, { audit: shown.audit, ...(Object.keys(notes).length ? { notes } : {}) });
        },
      }).catch((e: NodeJS.ErrnoException) => {
        throw usageError(`cannot listen on ${o.host}:${o.port}: ${e.code === 'EADDRINUSE' ? 'the port is in use (--port 0 picks a free one)' : e.message}`);
      });
      process.stdout.write(`desk: ${desk.url}\n`);
      const kept = first.rows.filter((r) => r.fate.kept).length;
      logger.info(`desk: ${period.label}, ${first.rows.length} candidates (${kept} selected); Ctrl-C stops it`);
      if (o.open && onDesktop()) openBrowser(desk.url);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await desk.close();
    },
    now,
  );
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
