// `vric init [DIR]`: writes a starter monitor into DIR (default: the current folder).
import type { Command } from 'commander';

export function registerInit(program: Command): void {
  program
    .command('init [dir]')
    .description('write a starter monitor (sources.yaml with the outlets, notes/ and overrides.yaml examples, a README) into DIR')
    .option('--force', 'overwrite those files where they already exist')
    .action(async (dir: string | undefined, o: { force?: boolean }) => {
      const path = await import('node:path');
      const { writeStarter } = await import('../config/starter.js');
      const target = path.resolve(dir ?? '.');
      const written = writeStarter(target, o.force ?? false);
      const lines = [
        `wrote a starter monitor in ${target}:`,
        ...written.map((f) => `  ${path.relative(target, f)}`),
        'next: set fetch.contact in sources.yaml to an address you read, then',
        `  vric doctor --config ${path.join(target, 'sources.yaml')}`,
        `  vric fetch --config ${path.join(target, 'sources.yaml')}`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}
