// `vric eval FILE [--config PATH]`: scores the classifier against a labelled JSON Lines file (the
// dev set, or the editors' corrections from `vric decisions export --labels`) with the figures
// `npm run eval` prints. Named for its command, as every file in cli/ is; the scoring is
// classify/eval.ts's and classify/score.ts's.
import fs from 'node:fs';
import type { Command } from 'commander';
import { usageError } from '../core/errors.js';
import { addLogOptions, readConfig } from './context.js';

interface EvalOptions {
  config?: string;
}

export function registerEval(program: Command): void {
  addLogOptions(
    program
      .command('eval <file>')
      .description("score the classifier against a labelled JSON Lines file (the labelling guide's format, as vric decisions export --labels writes it)"),
  )
    .option('--config <path>', "sources.yaml whose classify: block extends the lexicons (the classifier the build uses)")
    .action(async (file: string, o: EvalOptions) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw usageError(`no labelled file at ${file}`);
      const [{ classifierFor }, { evaluateFile, reportLines }] = await Promise.all([import('../pipeline/classifier.js'), import('../classify/eval.js')]);
      const classifier = classifierFor(o.config ? await readConfig({ config: o.config }) : undefined);
      process.stdout.write(reportLines(file, evaluateFile(file, classifier)).join('\n') + '\n');
    });
}
