// `npm run eval [FILE]`: classifies a labelled JSON Lines file (default: the shared dev set) and
// prints the figures score-classify.mjs prints, then every error, one per line.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VricError } from '../core/errors.js';
import { createClassifier, type Classifier } from './classify.js';
import { parseLabelledFile } from './labelled-file.js';
import { scoreClassifications, type ScoreReport } from './score.js';

/** ../shared/reference/classify-dev.jsonl relative to the repository root. */
export const DEFAULT_DEV_SET = fileURLToPath(new URL('../../../shared/reference/classify-dev.jsonl', import.meta.url));

/** Classifies every item of a labelled file and scores the labels; a malformed line is exit 2 naming it. */
export function evaluateFile(path: string, classifier: Classifier = createClassifier()): ScoreReport {
  const key = parseLabelledFile(readFileSync(path, 'utf8'), path);
  return scoreClassifications(key, key.map((item) => classifier.classify(item)));
}

/** What `npm run eval` and `vric eval` print: the figures, the same as JSON, then every error. */
export function reportLines(path: string, { figures, errors }: ScoreReport): string[] {
  const pct = (x: number): string => x.toFixed(3);
  return [
    `file: ${path}`,
    `relevance accuracy   ${pct(figures.relevance)}`,
    `actors micro-F1      ${pct(figures.actorsF1)}`,
    `countries micro-F1   ${pct(figures.countriesF1)}`,
    `themes micro-F1      ${pct(figures.themesF1)}   (relevant items only)`,
    `opinion accuracy     ${pct(figures.opinion)}`,
    `anti-Western acc.    ${pct(figures.antiWestern)}`,
    ...(figures.missing ? [`missing              ${figures.missing}`] : []),
    JSON.stringify(figures),
    '',
    `${errors.length} errors${errors.length ? ':' : ''}`,
    ...errors.map((e) => `  ${e}`),
  ];
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
  try {
    for (const line of reportLines(path, evaluateFile(path))) console.log(line);
  } catch (e) {
    if (!(e instanceof VricError)) throw e;
    process.stderr.write(`eval: ${e.message}\n`);
    process.exitCode = e.exitCode;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
