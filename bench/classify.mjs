// Classifier throughput on one core. Build first: `npx tsc -p .`, then `node bench/classify.mjs [N]`.
// Classifies N items (default 200,000) cycled from the shared dev set (or a built-in sample when
// it is absent) after a warm-up, and prints items per second. Not a test: timings vary by machine.
import { existsSync, readFileSync } from 'node:fs';
import { createClassifier } from '../dist/classify/classify.js';

const devSet = new URL('../../shared/reference/classify-dev.jsonl', import.meta.url);
const sample = existsSync(devSet)
  ? readFileSync(devSet, 'utf8').split('\n').filter(Boolean).map((l) => {
      const { expect: _drop, ...item } = JSON.parse(l);
      return item;
    })
  : [
      { id: 'a', title: 'Russian navy frigate docks in Havana', summary: 'The ship arrived for a five-day visit.' },
      { id: 'b', title: 'Chile pepper festival draws crowds in New Mexico', summary: 'Growers sold Hatch chile.' },
    ];

const n = Number(process.argv[2] ?? 200_000);
const classifier = createClassifier();
for (let i = 0; i < 20_000; i++) classifier.classify(sample[i % sample.length]);

// CPU time as well as wall time: on a shared machine the wall clock includes other processes.
const started = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let relevant = 0;
for (let i = 0; i < n; i++) if (classifier.classify(sample[i % sample.length]).relevant) relevant++;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const rate = (s) => Math.round(n / s).toLocaleString('en');
console.log(`${n} items (${relevant} relevant): wall ${seconds.toFixed(2)} s = ${rate(seconds)} items/s; CPU ${cpuSeconds.toFixed(2)} s = ${rate(cpuSeconds)} items/s`);
