// What the fetch log's bound (LOG_ROWS_PER_SOURCE rows per source, src/archive/retention.ts) costs
// a large fetch: 5,000 sources stored in batches of 50, as a collector stores them, for 110 runs, so
// the log fills up to the bound and then trims a row per source on every run. Prints the time
// per run at the start, at the bound, and past it, and the rows the log ends with.
//
//   npm run build && node bench/log-bound.mjs [ARCHIVE] [DIST]
//
// ARCHIVE is a SQLite file (default: a temporary one) or a postgres:// URL of an empty database;
// DIST is the compiled vric to measure (default dist/), so two builds can be compared.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = 5000;
const BATCH = 50;
const RUNS = 110;

const spec = process.argv[2] || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vric-logbound-')), 'archive.sqlite');
const dist = path.resolve(process.argv[3] ?? path.join(ROOT, 'dist'));
const { openArchive } = await import(pathToFileURL(path.join(dist, 'archive', 'open.js')).href);

const archive = await openArchive(spec);
const ids = Array.from({ length: SOURCES }, (_, i) => `source-${String(i).padStart(4, '0')}`);
const perRun = [];
const cpu = [];
for (let run = 1; run <= RUNS; run++) {
  const at = new Date(Date.UTC(2026, 0, 1) + run * 3_600_000);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < SOURCES; i += BATCH) {
    const batch = ids.slice(i, i + BATCH).map((sourceId) => ({
      result: { sourceId, status: 'not-modified', items: [], httpStatus: 304, bytes: 0, durationMs: 80 },
      state: { sourceId, consecutiveFailures: 0, lastSuccessAt: at.toISOString() },
    }));
    await archive.storeFetchResults(batch, `run-${run}`, at);
  }
  perRun.push(performance.now() - started);
  const used = process.cpuUsage(cpuBefore);
  cpu.push((used.user + used.system) / 1000);
}
const rows = (await archive.fetchLog({ sourceId: ids[0], limit: 10_000 })).length;
await archive.close();

const mean = (xs, from, to) => (xs.slice(from - 1, to).reduce((a, b) => a + b, 0) / (to - from + 1)).toFixed(0);
console.log(`${spec.startsWith('postgres') ? 'postgres' : 'sqlite'}, ${dist}`);
// Wall time includes the database server's work; CPU time is this process's (vric's own, and all of SQLite's).
for (const [name, xs] of [['wall', perRun], ['cpu', cpu]]) {
  console.log(`${name} ms per run of ${SOURCES} sources: runs 1-10 ${mean(xs, 1, 10)}, runs 91-100 ${mean(xs, 91, 100)}, runs 101-110 ${mean(xs, 101, 110)}`);
}
console.log(`log rows of one source after ${RUNS} runs: ${rows}`);
