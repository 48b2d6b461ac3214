// `vric doctor`: checks the set-up and says what to fix, one line per check. Exit 2 when any check
// FAILs (vric cannot do its job as set up); warnings alone exit 0, so it can gate a deployment.
// Named for its command, as every file in cli/ is; the checks themselves are doctor/doctor.ts.
import type { Command } from 'commander';
import { EXIT } from '../core/errors.js';
import type { SetExit } from './exit.js';
import { addCommonOptions, type CommonOptions } from './context.js';

interface DoctorCliOptions extends CommonOptions {
  out?: string;
  json?: boolean;
}

export function registerDoctor(program: Command, setExit: SetExit): void {
  addCommonOptions(program.command('doctor').description('check the set-up (config, archive, output, lock, optional programs) and say what to fix'))
    .option('--out <dir>', 'output folder to check (default: out/ beside sources.yaml)')
    .option('--json', 'print {"checks":[{"name","status","message","fix"?}],"failed":N} instead of lines')
    .action(async (o: DoctorCliOptions) => {
      const { runDoctor } = await import('../doctor/doctor.js');
      const checks = await runDoctor({ configPath: o.config, ...(o.db ? { db: o.db } : {}), ...(o.out ? { out: o.out } : {}) });
      const failed = checks.filter((c) => c.status === 'FAIL').length;
      if (o.json) process.stdout.write(JSON.stringify({ checks, failed }) + '\n');
      else {
        const width = Math.max(...checks.map((c) => c.name.length));
        for (const c of checks) {
          if (o.quiet && c.status === 'ok') continue;
          process.stdout.write(`${c.status.padEnd(4)}  ${c.name.padEnd(width)}  ${c.message}${c.fix ? `; fix: ${c.fix}` : ''}\n`);
        }
      }
      setExit(failed ? EXIT.usage : EXIT.ok);
    });
}
