// The feed-parser decision, measured: rss-parser (what vric uses, through src/fetch/raw-feed.ts)
// against feedsmith and @rowanmanning/feed-parser, on the same decoded and prepared texts in the
// same run: speed (best of several passes, MB/s and items/s), items found, fields agreeing with
// what vric ships (title, link, date, summary, each compared after vric's own cleaning), and the
// feeds each fails. The candidates are not dependencies of vric; install them anywhere:
//
//   npm run build
//   npm install --prefix /tmp/feed-parsers feedsmith@3 @rowanmanning/feed-parser@2
//   FEED_PARSERS_DIR=/tmp/feed-parsers node bench/feed-parsers.mjs [DIR ...]
//
// DIRs default to ../shared/reference/feeds and test/fixtures/feeds. RUNS=5 sets the passes.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(pathToFileURL(join(root, 'dist/fetch', p)).href);
const [{ decodeBytes }, { prepareXml }, { parseFeed }, { tryParse }, items, { parseFeedDate }] = await Promise.all([
  dist('charset.js'),
  dist('xml-prepare.js'),
  dist('parse.js'),
  dist('raw-feed.js'),
  dist('items.js'),
  dist('dates.js'),
]);
const { toFeedItems, plainText, canonicalUrl, SUMMARY_MAX_CHARS, TITLE_MAX_CHARS } = items;

/** A package from the project, else from FEED_PARSERS_DIR; undefined when neither has it. */
async function optional(name) {
  for (const from of [root, process.env.FEED_PARSERS_DIR].filter(Boolean)) {
    try {
      const path = createRequire(join(from, 'package.json')).resolve(name);
      const mod = await import(pathToFileURL(path).href);
      const pkg = JSON.parse(readFileSync(join(from, 'node_modules', name, 'package.json'), 'utf8'));
      return { mod, version: pkg.version };
    } catch {
      /* not there */
    }
  }
  return undefined;
}

const NOW = new Date('2026-12-01T00:00:00Z');
const FEED_EXT = /\.(xml|rss|atom|rdf)$/i;
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [join(root, '../shared/reference/feeds'), join(root, 'test/fixtures/feeds')];
const inputs = [];
for (const dir of dirs) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    console.error(`skipped ${dir}: not readable`);
    continue;
  }
  for (const name of names.sort()) {
    const file = join(dir, name);
    if (!FEED_EXT.test(name) || !statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    const text = decodeBytes(bytes, 'application/xml').text;
    inputs.push({ name, path: file, url: `https://feeds.example.org/${encodeURIComponent(name)}`, bytes: bytes.length, text, prepared: prepareXml(text.replace(/^[\s\uFEFF]+/, '')) });
  }
}
const totalBytes = inputs.reduce((n, i) => n + i.bytes, 0);

// What vric ships for each input (preparation, strict parse, repair after a failure, items): the reference.
for (const input of inputs) {
  const parsed = await parseFeed(input.text, input.url);
  input.vric = parsed.ok ? toFeedItems(parsed.feed, { source: { id: 'bench', language: 'es' }, feedUrl: input.url, now: NOW, maxItems: Infinity }).items : [];
}

const first = (v) => (Array.isArray(v) ? v[0] : v);
const text = (v) => (v && typeof v === 'object' ? (v.value ?? v.text ?? '') : (v ?? ''));

/** Each parser: what it makes of one prepared text, as plain {title, link, date, summary} entries; throws on failure. */
const parsers = [];
parsers.push({
  name: 'rss-parser (vric)',
  version: JSON.parse(readFileSync(join(root, 'node_modules/rss-parser/package.json'), 'utf8')).version,
  async entries(input) {
    const r = await tryParse(input.prepared);
    if (!r.ok) throw new Error(r.reason);
    return r.feed.entries.map((e) => ({ title: e.title, link: e.link, date: e.dates[0], summary: e.summaryFields.description ?? e.summaryFields.summary ?? e.summaryFields.content ?? e.summaryFields.contentEncoded ?? e.summaryFields.rawContent }));
  },
});
const feedsmith = await optional('feedsmith');
if (feedsmith) {
  parsers.push({
    name: 'feedsmith',
    version: feedsmith.version,
    async entries(input) {
      const { format, feed } = feedsmith.mod.parseFeed(input.prepared);
      if (format === 'atom') {
        return (feed.entries ?? []).map((e) => ({
          title: text(e.title),
          link: (e.links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href,
          date: e.published ?? e.updated ?? first(e.dc?.dates),
          summary: text(e.summary) || text(e.content),
        }));
      }
      return (feed.items ?? []).map((e) => ({
        title: e.title ?? first(e.dc?.titles),
        link: e.link ?? (e.guid?.isPermaLink !== false ? text(e.guid) : undefined),
        date: e.pubDate ?? first(e.dc?.dates),
        summary: e.description ?? e.content?.encoded,
      }));
    },
  });
}
const rowan = await optional('@rowanmanning/feed-parser');
if (rowan) {
  parsers.push({
    name: '@rowanmanning/feed-parser',
    version: rowan.version,
    async entries(input) {
      return rowan.mod.parseFeed(input.prepared).items.map((e) => ({ title: e.title, link: e.url, date: e.published, summary: e.description ?? e.content }));
    },
  });
}

const RUNS = Number(process.env.RUNS ?? 5);
const rows = [];
for (const p of parsers) {
  // Correctness once, then timing passes; the best pass is the one least disturbed by the machine.
  let found = 0;
  let compared = 0;
  const agree = { title: 0, link: 0, date: 0, summary: 0 };
  const failed = [];
  const missing = [];
  for (const input of inputs) {
    let entries;
    try {
      entries = await p.entries(input);
    } catch (e) {
      failed.push(input.name);
      continue;
    }
    const mine = entries
      .map((e) => ({
        title: plainText(e.title ?? '', TITLE_MAX_CHARS),
        url: canonicalUrl(e.link, input.url),
        published: e.date instanceof Date ? (Number.isNaN(e.date.getTime()) ? null : parseFeedDate(e.date.toISOString(), NOW)) : e.date ? parseFeedDate(String(e.date), NOW) : null,
        summary: plainText(e.summary ?? '', SUMMARY_MAX_CHARS),
      }))
      .filter((e) => e.title || e.url || e.summary);
    found += mine.length;
    if (mine.length === 0 && input.vric.length > 0) missing.push(input.name);
    // Entries are compared in feed order (vric drops exact duplicates, so a feed with some is compared up to them).
    const n = Math.min(mine.length, input.vric.length);
    for (let i = 0; i < n; i++) {
      const a = mine[i];
      const b = input.vric[i];
      compared++;
      if (a.title === b.title) agree.title++;
      if (a.url === b.url) agree.link++;
      if (a.published === b.published) agree.date++;
      if (a.summary === b.summary) agree.summary++;
    }
  }
  rows.push({ p, found, compared, agree, failed, missing });
}

// Timing on the files every parser reads, so that a quick throw does not pass for speed.
const common = inputs.filter((i) => rows.every((r) => !r.failed.includes(i.name)));
const commonBytes = common.reduce((n, i) => n + i.bytes, 0);
// Passes alternate between the parsers, so a burst of load on the machine does not fall on one only.
for (const r of rows) Object.assign(r, { best: Infinity, count: 0 });
for (let run = 0; run < RUNS; run++) {
  for (const r of rows) {
    const t0 = performance.now();
    let count = 0;
    for (const input of common) count += (await r.p.entries(input)).length;
    r.best = Math.min(r.best, performance.now() - t0);
    r.count = count;
  }
}
// The whole CPU step vric runs per body (decode, prepare, parse, repair if needed, items), for the
// share of it a faster parser could save.
let wholeBest = Infinity;
const raw = common.map((i) => ({ ...i, file: readFileSync(i.path) }));
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  for (const input of raw) {
    const parsed = await parseFeed(decodeBytes(input.file, 'application/xml').text, input.url);
    if (parsed.ok) toFeedItems(parsed.feed, { source: { id: 'bench', language: 'es' }, feedUrl: input.url, now: NOW, maxItems: Infinity });
  }
  wholeBest = Math.min(wholeBest, performance.now() - t0);
}
const strictOk = new Set(inputs.filter((i) => !rows[0].failed.includes(i.name)).map((i) => i.name));

const vricItems = inputs.reduce((n, i) => n + i.vric.length, 0);
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
console.log(`${inputs.length} feed files, ${(totalBytes / 1e6).toFixed(2)} MB; vric ships ${vricItems} items from them (after repair; ${inputs.filter((i) => i.vric.length === 0).length} files give none: not feeds, empty or hopeless).`);
console.log(`Speed: best of ${RUNS} passes of the parse step alone (vric's: rss-parser plus its RawFeed conversion), on the ${common.length} files (${(commonBytes / 1e6).toFixed(2)} MB) every parser reads, as vric's preparation leaves them.`);
console.log('| parser | version | ms | MB/s | items/s | items found (all files) | title | link | date | summary | files it throws on | of them, read by rss-parser | files with items for vric, none here |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const s = r.best / 1000;
  console.log(
    `| ${r.p.name} | ${r.p.version} | ${r.best.toFixed(0)} | ${(commonBytes / 1e6 / s).toFixed(1)} | ${Math.round(r.count / s)} | ${r.found} | ${pct(r.agree.title, r.compared)} | ${pct(r.agree.link, r.compared)} | ${pct(r.agree.date, r.compared)} | ${pct(r.agree.summary, r.compared)} | ${r.failed.length} | ${r.failed.filter((n) => strictOk.has(n)).length} | ${r.missing.length} |`,
  );
}
console.log(`The whole processing of the same files (decode, prepare, parse, items) takes ${wholeBest.toFixed(0)} ms: the parse step is ${pct(rows[0].best, wholeBest)} of it.`);
console.log('Fields: share of entries (in feed order, up to the shorter list) whose value, cleaned as vric cleans it, equals what vric ships.');
if (process.env.SHOW_FAILURES) {
  for (const r of rows) console.log(`${r.p.name}: throws on ${r.failed.join(', ') || 'none'}; none found in ${r.missing.join(', ') || 'none'}`);
}
