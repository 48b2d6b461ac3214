// `npm run eval [FILE]`: classifies a labelled JSON Lines file (default: the shared dev set) and
// prints the figures score-classify.mjs prints, then every error, one per line.

import { readFileSync } from 'node:fs';
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
