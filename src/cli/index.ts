// The commander program. Each command lives in its own file and calls one stage function;
// this file only wires them and turns errors into exit codes (see README, "Exit codes").
import { Command, CommanderError } from 'commander';
import { EXIT, VricError } from '../core/errors.js';
import { configureRunLog, logEnd, logFatal, peekLogOptions, runLogFormat, runLogger, type LogOptions } from './run-log.js';
import { vricVersion } from '../core/package.js';

export async function main(argv: string[]): Promise<number> {
  // `vric --version [--db URL]` reports the platform too; handled before commander, whose own
  // --version prints one fixed string. Its module (and SQLite) load only here, keeping --help fast.
  const args = argv.slice(2);
  if (asksVersion(args)) {
    const { printVersion } = await import('./version.js');
    await printVersion(args);
    return EXIT.ok;
  }
  // A reader that stops early (`vric export | head`) closes the pipe: there is nobody left to tell,
  // so vric stops writing and ends quietly, as Unix filters do, instead of crashing on EPIPE.
  process.stdout.on('error', (e) => {
    if (!isBrokenPipe(e)) throw e;
  });
  const program = new Command();
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  // Until a command starts, the log options are read off the raw line, so that commander's own
  // refusal (an unknown option) is logged like every other error. A bad value waits for the command.
  try {
    configureRunLog(peekLogOptions(argv.slice(2)));
  } catch {
    configureRunLog({});
  }
  program
    .name('vric')
    .description('Monitoring digest of Venezuela, Russia, Iran and China in Latin America and the Caribbean')
    .version(vricVersion(), '-V, --version', 'print the versions of vric, Node, SQLite and (with --db postgres://…) the PostgreSQL server')
    .exitOverride()
    .showHelpAfterError('(run vric --help for usage)')
    // With --log-format json, commander's error text becomes one JSON record in reportError.
    .configureOutput({ writeErr: (s) => (runLogFormat() === 'json' ? undefined : process.stderr.write(s)) })
    .hook('preAction', async (_program, command) => {
      const o = command.opts<LogOptions & { environmentFile?: string; quiet?: boolean }>();
      configureRunLog(o, commandPath(command));
      // `vric schedule --environment-file` names the file the printed lines will read; it may not exist yet.
      if (o.environmentFile && command.name() !== 'schedule') {
        const { loadEnvFile } = await import('./env-file.js');
        const warning = loadEnvFile(o.environmentFile);
        if (warning) runLogger(o.quiet ?? false).warn(warning);
      }
    });

  // Commands are loaded lazily so that `vric --help` stays fast.
  const commands = await import('./commands.js');
  commands.register(program, setExit);

  try {
    await program.parseAsync(argv);
  } catch (e) {
    exitCode = reportError(e);
  }
  logEnd(exitCode);
  return exitCode;
}

/** `fetch`, `sources check`: the command as typed, without the program's name. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** `--version` (or -V) given to vric itself, before any command word (`vric --db URL --version` too). */
function asksVersion(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--version' || a === '-V') return true;
    if (a === '--db') i++;
    else if (!a.startsWith('-')) return false;
  }
  return false;
}

/** The reader of stdout has gone (EPIPE): what it read was what it wanted. */
function isBrokenPipe(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

function reportError(e: unknown): number {
  if (isBrokenPipe(e)) return EXIT.ok;
  if (e instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    if (e.exitCode === 0) return EXIT.ok;
    // Commander has printed its text already, unless the log is JSON: then this is its one record.
    logFatal({ message: e.message.replace(/^error: /, ''), exit: EXIT.usage, fields: { code: e.code }, stderr: runLogFormat() === 'json' });
    return EXIT.usage;
  }
  if (e instanceof VricError) {
    logFatal({ message: e.message, exit: e.exitCode, details: e.details });
    return e.exitCode;
  }
  const err = e as Error;
  const stack = err?.stack ?? String(e);
  logFatal({ message: `internal error: ${err?.message ?? String(e)}`, exit: EXIT.internal, fields: { stack }, text: `vric: internal error: ${stack}` });
  return EXIT.internal;
}
