// `npm run eval [FILE]`: classifies a labelled JSON Lines file (default: the shared dev set) and
// prints the figures score-classify.mjs prints, then every error, one per line.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClassifier } from './classify.js';
import { parseLabelled, scoreClassifications } from './score.js';

/** ../shared/reference/classify-dev.jsonl relative to the repository root. */
export const DEFAULT_DEV_SET = fileURLToPath(new URL('../../../shared/reference/classify-dev.jsonl', import.meta.url));

export function evaluateFile(path: string): ReturnType<typeof scoreClassifications> {
  const key = parseLabelled(readFileSync(path, 'utf8'));
  const classifier = createClassifier();
  return scoreClassifications(key, key.map((item) => classifier.classify(item)));
}

function main(): void {
  const path = process.argv[2] ?? DEFAULT_DEV_SET;
  if (!existsSync(path)) {
    // A user's clone has no reference corpus beside it: say what is needed instead of a stack trace.
    const what = process.argv[2]
      ? `no labelled file at ${path}`
      : `the development set is not here: ${path} is part of the reference corpus, which sits beside the checkout on the project's machines`;
    process.stderr.write(
      `eval: ${what}.\n` +
        'Give a labelled JSON Lines file (one {"id","title","summary"?,"expect":{...}} a line, as the labelling guide describes):\n' +
        '  npm run eval -- test/fixtures/classify/unseen-30.jsonl\n',
    );
    process.exitCode = 2;
    return;
  }
  const { figures, errors } = evaluateFile(path);
  const pct = (x: number): string => x.toFixed(3);
  console.log(`file: ${path}`);
  console.log(`relevance accuracy   ${pct(figures.relevance)}`);
  console.log(`actors micro-F1      ${pct(figures.actorsF1)}`);
  console.log(`countries micro-F1   ${pct(figures.countriesF1)}`);
  console.log(`themes micro-F1      ${pct(figures.themesF1)}   (relevant items only)`);
  console.log(`opinion accuracy     ${pct(figures.opinion)}`);
  console.log(`anti-Western acc.    ${pct(figures.antiWestern)}`);
  if (figures.missing) console.log(`missing              ${figures.missing}`);
  console.log(JSON.stringify(figures));
  console.log(`\n${errors.length} errors${errors.length ? ':' : ''}`);
  for (const e of errors) console.log(`  ${e}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
