// `vric classify`: JSON Lines on stdin → JSON Lines on stdout, one output line per input line, same order.
// Named for its command, as every file in cli/ is; the classifier itself is classify/classify.ts.
import readline from 'node:readline';
import type { Command } from 'commander';
import { usageError } from '../core/errors.js';
import type { ClassifyInput } from '../core/item-types.js';
import { addLogOptions, readConfig } from './context.js';

interface ClassifyOptions {
  explain?: boolean;
  config?: string;
}

export function registerClassify(program: Command): void {
  addLogOptions(program
    .command('classify')
    .description('label news items read as JSON Lines on stdin; write JSON Lines to stdout in the same order'))
    .option('--explain', 'add, for every label, the terms that fired and where')
    .option('--config <path>', 'sources.yaml whose classify: block extends the lexicons')
    .action(async (o: ClassifyOptions) => {
      const { classifierFor } = await import('../pipeline/classifier.js');
      const classifier = classifierFor(o.config ? await readConfig({ config: o.config }) : undefined);
      const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
      let lineNo = 0;
      const out: string[] = [];
      const flush = () => {
        if (out.length) process.stdout.write(out.join(''));
        out.length = 0;
      };
      for await (const line of rl) {
        lineNo++;
        if (!line.trim()) continue;
        const input = parseLine(line, lineNo);
        const { score: _score, ...labels } = classifier.classify(input, { explain: o.explain ?? false });
        out.push(JSON.stringify(labels) + '\n');
        if (out.length >= 512) flush();
      }
      flush();
    });
}

function parseLine(line: string, lineNo: number): ClassifyInput {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    throw usageError(`stdin line ${lineNo}: not valid JSON (${(e as Error).message})`);
  }
  const o = v as Record<string, unknown>;
  if (!o || typeof o !== 'object' || (typeof o.id !== 'string' && typeof o.id !== 'number') || typeof o.title !== 'string') {
    throw usageError(`stdin line ${lineNo}: expected an object with "id" and "title"`);
  }
  return {
    id: String(o.id),
    title: o.title,
    ...(typeof o.summary === 'string' ? { summary: o.summary } : {}),
    ...(typeof o.url === 'string' ? { url: o.url } : {}),
    ...(typeof o.lang === 'string' ? { lang: o.lang } : {}),
    ...(Array.isArray(o.categories) ? { categories: o.categories.map(String) } : {}),
  };
}
