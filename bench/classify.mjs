// Classifier throughput on one core. Build first: `npx tsc -p .`, then `node bench/classify.mjs [N]`.
// Classifies N items per round (default 100,000), cycled from the shared dev set (or a built-in
// sample when it is absent), for five rounds after a warm-up, and prints items per second of CPU
// time: best and median round. CPU time rather than wall time because on a shared machine the
// wall clock also counts other processes. Not a test: timings vary by machine.
import { existsSync, readFileSync } from 'node:fs';
import { createClassifier } from '../dist/classify/classify.js';

// The shared dev set where the reference corpus is beside the checkout, else the project's own
// labelled items (the figure then says which, since the two mixes differ).
const devSet = new URL('../../shared/reference/classify-dev.jsonl', import.meta.url);
const ownSet = new URL('../test/fixtures/classify/unseen-30.jsonl', import.meta.url);
const setFile = existsSync(devSet) ? devSet : ownSet;
const sample = readFileSync(setFile, 'utf8').split('\n').filter(Boolean).map((l) => {
  const { expect: _drop, ...item } = JSON.parse(l);
  return item;
});
if (setFile === ownSet) process.stderr.write('classify bench: no reference dev set beside the checkout; cycling test/fixtures/classify/unseen-30.jsonl\n');

const n = Number(process.argv[2] ?? 100_000);
const rounds = 5;
const classifier = createClassifier();
for (let i = 0; i < 20_000; i++) classifier.classify(sample[i % sample.length]);

const rates = [];
let relevant = 0;
for (let r = 0; r < rounds; r++) {
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < n; i++) if (classifier.classify(sample[i % sample.length]).relevant) relevant++;
  const cpu = process.cpuUsage(cpuStart);
  rates.push(n / ((cpu.user + cpu.system) / 1e6));
}
rates.sort((a, b) => b - a);
const fmt = (x) => Math.round(x).toLocaleString('en');
console.log(`${sample.length} distinct items, ${rounds} rounds of ${n} (${relevant / rounds} relevant a round)`);
console.log(`items per CPU second: best ${fmt(rates[0])}, median ${fmt(rates[Math.floor(rounds / 2)])}`);
