// The commander program. Each command lives in its own file and calls one stage function;
// this file only wires them and turns errors into exit codes (see README, "Exit codes").
import { Command, CommanderError } from 'commander';
import { EXIT, VricError } from '../core/errors.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  program
    .name('vric')
    .description('Monitoring digest of Venezuela, Russia, Iran and China in Latin America and the Caribbean')
    .version('0.1.0')
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
