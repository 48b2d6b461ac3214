// The commander program. Each command lives in its own file and calls one stage function;
// this file only wires them and turns errors into exit codes (see README, "Exit codes").
import { Command, CommanderError } from 'commander';
import { EXIT, VricError } from '../core/errors.js';
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
  const program = new Command();
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  program
    .name('vric')
    .description('Monitoring digest of Venezuela, Russia, Iran and China in Latin America and the Caribbean')
    .version(vricVersion(), '-V, --version', 'print the versions of vric, Node, SQLite and (with --db postgres://…) the PostgreSQL server')
    .exitOverride()
    .showHelpAfterError('(run vric --help for usage)');

  // Commands are loaded lazily so that `vric --help` stays fast.
  const commands = await import('./commands.js');
  commands.register(program, setExit);

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    return reportError(e);
  }
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

function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    if (e.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }
  if (e instanceof VricError) {
    process.stderr.write(`vric: ${e.message}\n`);
    for (const d of e.details) process.stderr.write(`  ${d}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  process.stderr.write(`vric: internal error: ${err?.stack ?? String(e)}\n`);
  return EXIT.internal;
}
