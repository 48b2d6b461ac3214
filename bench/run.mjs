// `npm run bench`: measures vric end to end on this machine and prints a table against the targets.
// Loopback only: 20 HTTP hosts (127.0.0.2–21) with a fixed latency per response. Nothing here is a test:
// figures vary with the machine; the targets are for a 2-core machine.
//
//   node bench/run.mjs            all rows
//   node bench/run.mjs --quick    skip the 1,000,000-item scale run
//   node bench/run.mjs --keep     keep the temporary directory (archives, configs) for profiling
//   node bench/run.mjs --no-pg    SQLite only
//
// The archive-bound rows also run on PostgreSQL (a second column): on the server VRIC_BENCH_PG names
// (a postgres:// URL whose user may create databases), else on a throwaway loopback cluster
// started with .ci/pg-cluster when this machine has PostgreSQL's server installed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { headline, rng, rssFeed } from './feeds.mjs';
import { measureDesk } from './desk.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'vric.js');
const PROBE = path.join(ROOT, 'bench', 'rss-probe.cjs');
const QUICK = process.argv.includes('--quick');
const KEEP = process.argv.includes('--keep');
const NO_PG = process.argv.includes('--no-pg');

const FEEDS = 300;
const ITEMS_PER_FEED = 40;
const HOSTS = 20;
const LATENCY_MS = 200;
const RTT_MS = 20;
const PER_HOST = 2;
const CONCURRENCY = 40;
const MONTH = '2026-10';
const CLASSIFY_ITEMS = 100_000;
const SCALE_FEEDS = 1000;
const SCALE_ITEMS = 1_000_000;
const SCALE_MONTHS = 50; // 1,000 feeds × 20 items a month × 50 months
const MIB = 1024 * 1024;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vric-bench-'));
const rows = [];
const notes = [];
const row = (...args) => addRow(...args);

/** A measure on SQLite; `pg` adds its PostgreSQL figure (a row of its own when SQLite has none). */
function addRow(name, value, target, ok, rss, backend = 'sqlite') {
  const mib = rss === undefined ? '' : `${(rss / MIB).toFixed(0)} MiB`;
  let r = rows.find((x) => x.name === name);
  if (!r) rows.push((r = { name, target, sqlite: undefined, postgres: undefined }));
  r[backend] = { value, ok, rss: mib };
}

/** Runs the CLI, returning wall time, exit code and peak RSS. */
function cli(args, { input, stdoutFile } = {}) {
  const rssFile = path.join(tmp, `rss-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NODE_OPTIONS: `--require ${PROBE}`, VRIC_BENCH_RSS: rssFile },
      stdio: [input ? 'pipe' : 'ignore', stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    if (input) fs.createReadStream(input).pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : NaN;
      resolve({ code, ms, rss, stderr });
    });
  });
}

/**
 * Runs the same CLI command ROUNDS times. On a shared machine one run can take twice as long
 * as the next, so a row of rounds (fetches, builds, audits) shows the best wall time (what the
 * code costs) beside the median (what a user may see), and the peak memory of all rounds.
 */
const ROUNDS = 3;
async function rounds(args, opts) {
  const runs = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(await cli(args, opts));
  return summarise(runs);
}

/** Best and median wall time of some runs, the peak memory of all, and the first failure if any. */
function summarise(runs) {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const failed = runs.find((r) => r.code !== 0 && r.code !== 3);
  return { ...(failed ?? runs[0]), ms: ms[0], median: ms[Math.floor(runs.length / 2)], rss: Math.max(...runs.map((r) => r.rss)) };
}

const seconds = (r) => `${(r.ms / 1000).toFixed(2)} s (median ${(r.median / 1000).toFixed(2)} s)`;

function check(r, what) {
  if (r.code !== 0 && r.code !== 3) throw new Error(`${what} exited ${r.code}: ${r.stderr.slice(-500)}`);
}

async function startHosts() {
  const servers = [];
  // Feeds are prepared before the clock starts: on a 2-core machine a server building them per
  // request would compete for the CPU with the fetch it is measuring.
  const bodies = Array.from({ length: FEEDS }, (_, feed) => Buffer.from(rssFeed(feed, ITEMS_PER_FEED, MONTH, `news${feed % HOSTS}.example`)));
  for (let h = 0; h < HOSTS; h++) {
    const host = `127.0.0.${h + 2}`;
    const server = http.createServer((req, res) => {
      const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
      const feed = Number(m?.[1]);
      const etag = `"f${feed}-v1"`;
      // LATENCY_MS models a publisher producing and sending a full feed; a conditional hit is
      // answered from its cache after one round trip (RTT_MS).
      const notModified = m && req.headers['if-none-match'] === etag;
      setTimeout(() => {
        if (!m) return res.writeHead(404).end();
        if (notModified) return res.writeHead(304, { ETag: etag }).end();
        const body = bodies[feed];
        if (!body) return res.writeHead(404).end();
        res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag, 'Content-Length': body.length }).end(body);
      }, notModified ? RTT_MS : LATENCY_MS);
    });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, resolve);
    });
    servers.push({ host, port: server.address().port, server });
  }
  return servers;
}

function sourcesYaml(entries) {
  const lines = ['fetch:', `  concurrency: ${CONCURRENCY}`, `  perHost: ${PER_HOST}`, 'policy:', '  stateMediaCap: 0.2', 'sources:'];
  for (const e of entries) {
    lines.push(`  - id: ${e.id}`, `    name: Outlet ${e.id}`, `    url: ${e.url}`, '    language: es');
    lines.push(e.state ? `    ownership: state\n    owner: ${e.state}` : '    ownership: independent');
  }
  return lines.join('\n') + '\n';
}

/**
 * Cold fetch, warm re-fetch and build. Each cold round fetches into a new archive (`newDb`); the
 * first round also parses the new sources.yaml, which later rounds (like every cron run after the
 * first) read from the per-user cache. Warm rounds and builds use the last cold round's archive.
 */
async function fetchAndBuild(backend, newDb) {
  const row = (name, value, target, ok, rss) => addRow(name, value, target, ok, rss, backend);
  const servers = await startHosts();
  const entries = Array.from({ length: FEEDS }, (_, i) => {
    const s = servers[i % HOSTS];
    return { id: `feed-${i}`, url: `http://${s.host}:${s.port}/feed/${i}.xml`, state: i % 5 === 0 ? ['RU', 'CN', 'IR', 'VE'][i % 4] : null };
  });
  const config = path.join(tmp, 'sources.yaml');
  fs.writeFileSync(config, sourcesYaml(entries));

  // The latency-bound ideal: each host serves its feeds PER_HOST at a time, all hosts in parallel,
  // unless the global limit is tighter.
  const slots = Math.min(CONCURRENCY, HOSTS * PER_HOST);
  const ideal = Math.ceil(FEEDS / slots) * LATENCY_MS;

  let db;
  const coldRuns = [];
  for (let i = 0; i < ROUNDS; i++) {
    db = await newDb(i);
    const run = await cli(['fetch', '--config', config, '--db', db, '--quiet']);
    check(run, 'cold fetch');
    coldRuns.push(run);
  }
  const cold = summarise(coldRuns);
  // A slow round is shown, not hidden: its stderr says whether a feed was retried or timed out.
  for (const r of coldRuns) if (r.ms > 1.5 * cold.ms) notes.push(`${backend}: one cold fetch took ${(r.ms / 1000).toFixed(2)} s${r.stderr.trim() ? `; it said: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}` : ', with nothing on stderr'}`);
  row(`cold fetch: ${FEEDS} feeds × ${ITEMS_PER_FEED} items, ${HOSTS} hosts, ${LATENCY_MS} ms (best of ${ROUNDS})`, seconds(cold), `≤ ${(1.5 * ideal / 1000).toFixed(2)} s (1.5 × ideal ${(ideal / 1000).toFixed(2)} s)`, cold.ms <= 1.5 * ideal, cold.rss);

  const warm = await rounds(['fetch', '--config', config, '--db', db, '--quiet']);
  check(warm, 'warm fetch');
  row(`warm re-fetch, all 304 (best of ${ROUNDS})`, seconds(warm), '< a third of the cold fetch', warm.ms < cold.ms / 3, warm.rss);
  for (const s of servers) s.server.close();

  const out = path.join(tmp, `out-${backend}`);
  const build = await rounds(['build', '--config', config, '--db', db, '--period', MONTH, '--out', out, '--format', 'html,md,json,rss']);
  check(build, 'build');
  row(`build of the ${(FEEDS * ITEMS_PER_FEED).toLocaleString('en')}-item period (best of ${ROUNDS})`, seconds(build), '< 1 s', build.ms < 1000, build.rss);

  // The editors' desk on the same period: open, then filter every candidate in the browser.
  const desk = await measureDesk({ bin: BIN, config, db, period: MONTH, rounds: ROUNDS });
  row(`desk on the ${(FEEDS * ITEMS_PER_FEED).toLocaleString('en')}-item period: start to first page (best of ${ROUNDS}; page ${(desk.bytes / MIB).toFixed(1)} MiB)`, seconds({ ms: desk.openMs, median: desk.openMedian }), '< 2 s', desk.openMs < 2000);
  if (desk.filterMs === null) notes.push(`${backend}: the desk's filter row was not measured (${desk.why})`);
  else row(`desk: a search over ${desk.candidates.toLocaleString('en')} candidates, page loaded (best of 5, Chromium${desk.paged ? ', paged' : ''})`, `${desk.filterMs.toFixed(0)} ms`, '< 200 ms', desk.filterMs < 200);
}

async function classifyThroughput() {
  const file = path.join(tmp, 'classify.jsonl');
  const r = rng(42);
  const fd = fs.openSync(file, 'w');
  let buf = '';
  for (let i = 0; i < CLASSIFY_ITEMS; i++) {
    buf += JSON.stringify({ id: `c${i}`, ...headline(r, i), lang: 'es' }) + '\n';
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  const empty = path.join(tmp, 'empty.jsonl');
  fs.writeFileSync(empty, '');
  const startup = await cli(['classify'], { input: empty });
  const run = await cli(['classify'], { input: file, stdoutFile: path.join(tmp, 'classified.jsonl') });
  check(run, 'classify');
  const perSec = CLASSIFY_ITEMS / ((run.ms - startup.ms) / 1000);
  row(`classify ${CLASSIFY_ITEMS.toLocaleString('en')} items (CLI, JSON Lines)`, `${Math.round(perSec).toLocaleString('en')} items/s`, '≥ 50,000 items/s', perSec >= 50_000, run.rss);
}

async function scale(backend, db) {
  const row = (name, value, target, ok, rss) => addRow(name, value, target, ok, rss, backend);
  const { openArchive } = await import(path.join(ROOT, 'dist', 'archive', 'open.js'));
  const archive = await openArchive(db);
  const r = rng(7);
  const started = Date.now();
  const perMonth = SCALE_ITEMS / SCALE_MONTHS;
  let batch = [];
  for (let i = 0; i < SCALE_ITEMS; i++) {
    const month = Math.floor(i / perMonth);
    const y = 2022 + Math.floor(month / 12);
    const m = month % 12;
    const date = new Date(Date.UTC(y, m, 1 + Math.floor(r() * 28), Math.floor(r() * 24))).toISOString();
    const feed = i % SCALE_FEEDS;
    const { title, summary } = headline(r, i);
    batch.push({ id: `s${i}`, sourceId: `feed-${feed}`, guid: `g${i}`, url: `https://news${feed % 50}.example/n/${i}`, title, summary, published: date, firstSeen: date, date, language: 'es', categories: [] });
    if (batch.length === 10_000) {
      await archive.importItems(batch);
      batch = [];
    }
  }
  await archive.importItems(batch);
  await archive.close();
  const genSeconds = (Date.now() - started) / 1000;

  const config = path.join(tmp, 'scale.yaml');
  fs.writeFileSync(config, sourcesYaml(Array.from({ length: SCALE_FEEDS }, (_, i) => ({ id: `feed-${i}`, url: `https://news${i % 50}.example/feed/${i}.xml`, state: i % 5 === 0 ? 'RU' : null }))));
  const month = '2025-06';
  const out = path.join(tmp, `scale-out-${backend}`);
  const build = await rounds(['build', '--config', config, '--db', db, '--period', month, '--out', out, '--format', 'html,md,json,rss']);
  check(build, 'scale build');
  row(`one-month build over ${SCALE_ITEMS.toLocaleString('en')} items (${perMonth.toLocaleString('en')} in the month; best of ${ROUNDS})`, seconds(build), '< 3 s', build.ms < 3000, build.rss);
  notes.push(`${backend}: the ${SCALE_ITEMS.toLocaleString('en')}-item archive was generated in ${genSeconds.toFixed(0)} s`);
  const audit = await rounds(['audit', '--config', config, '--db', db, '--period', month, '--json'], { stdoutFile: path.join(tmp, 'audit.json') });
  if (audit.code === 0) row(`one-month audit over the same archive (best of ${ROUNDS})`, seconds(audit), '< 3 s', audit.ms < 3000, audit.rss);
  else row('one-month audit over the same archive', `failed (exit ${audit.code})`, '< 3 s', false, audit.rss);
}

async function startup() {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push((await cli(['--help'])).ms);
  runs.sort((a, b) => a - b);
  const median = runs[2];
  row('vric --help (median of 5)', `${(median / 1000).toFixed(3)} s`, '< 0.3 s', median < 300);
}

function printTable() {
  const backends = ['sqlite', ...(rows.some((r) => r.postgres) ? ['postgres'] : [])];
  const header = ['measure', 'target', ...backends.flatMap((b) => [`${b}`, 'met', 'peak RSS'])];
  const cell = (c) => (c ? [c.value, c.ok ? 'yes' : 'NO', c.rss] : ['', '', '']);
  const data = rows.map((r) => [r.name, r.target, ...backends.flatMap((b) => cell(r[b]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...data.map((d) => d[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const d of data) console.log(line(d));
  const all = rows.flatMap((r) => backends.map((b) => r[b]).filter(Boolean));
  const peak = Math.max(...all.map((c) => Number.parseFloat(c.rss) || 0));
  console.log(`\npeak memory of any run: ${peak} MiB (target < 300 MiB): ${peak < 300 ? 'met' : 'NOT met'}`);
  for (const n of notes) console.log(n);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  return all.every((c) => c.ok) && peak < 300;
}

/** A PostgreSQL server for the second column, or undefined (with the reason printed). */
async function postgres() {
  if (NO_PG) return undefined;
  if (process.env.VRIC_BENCH_PG) return { url: process.env.VRIC_BENCH_PG, stop: async () => {} };
  const script = path.join(ROOT, '.ci', 'pg-cluster');
  const dir = fs.mkdtempSync(path.join('/tmp', 'vric-bench-pg-'));
  const run = (args, env = {}) =>
    new Promise((resolve) => {
      const child = spawn(script, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ code, out: out.trim(), err }));
    });
  const started = await run(['start', dir], { PG_CLUSTER_NO_INSTALL: '1' });
  if (started.code !== 0) {
    console.error(`PostgreSQL column skipped: ${started.err.trim().split('\n').pop()}`);
    return undefined;
  }
  return { url: started.out, stop: () => run(['stop', dir]) };
}

/** A new database on the server, for one measurement. */
async function pgDatabase(baseUrl, name) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

const server = await postgres();
try {
  await startup();
  await fetchAndBuild('sqlite', (i) => path.join(tmp, `bench-${i}.sqlite`));
  if (server) await fetchAndBuild('postgres', (i) => pgDatabase(server.url, `vric_bench_${i}`));
  await classifyThroughput();
  if (!QUICK) {
    await scale('sqlite', path.join(tmp, 'scale.sqlite'));
    if (server) await scale('postgres', await pgDatabase(server.url, 'vric_bench_scale'));
  }
  const allMet = printTable();
  process.exitCode = allMet ? 0 : 1;
} finally {
  if (KEEP) console.log(`kept ${tmp}${server ? ` and the PostgreSQL databases at ${server.url}` : ''}`);
  else {
    fs.rmSync(tmp, { recursive: true, force: true });
    await server?.stop();
  }
}
