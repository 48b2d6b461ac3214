// Real-world feeds: every file of ../shared/reference/feeds (captures and edge cases from other
// feed projects' test suites; never copied into this repository) served over loopback as
// application/xml without a charset, so each file's BOM or prolog decides. The stage must not
// crash, must give every file items or an error with a reason, and must read every well-formed one.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchResult } from '../../src/core/fetch-types.js';
import type { Source } from '../../src/core/config-types.js';
import { fetchSources } from '../../src/fetch/fetcher.js';
import { DEFAULT_FETCH_SETTINGS } from '../../src/fetch/settings.js';
import { serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { hasReference, REFERENCE_FEEDS } from '../helpers/reference.js';

const dir = REFERENCE_FEEDS;
const available = hasReference;
const files = available ? fs.readdirSync(dir).filter((f) => f !== 'MANIFEST.tsv' && f !== 'README.md' && !f.startsWith('.')).sort() : [];

function manifestKinds(): Map<string, string> {
  const kinds = new Map<string, string>();
  const p = path.join(dir, 'MANIFEST.tsv');
  if (!fs.existsSync(p)) return kinds;
  const [head, ...rows] = fs.readFileSync(p, 'utf8').split(/\r?\n/).filter(Boolean);
  const cols = head!.split('\t');
  const fi = cols.indexOf('file');
  const ki = cols.indexOf('kind');
  for (const r of rows) {
    const c = r.split('\t');
    kinds.set(c[fi]!, c[ki]!);
  }
  return kinds;
}

describe.skipIf(!available)('real feeds over loopback', () => {
  let srv: FeedServer;
  let results: FetchResult[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  const idToFile = new Map<string, string>();

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    srv = await startFeedServer();
    const sources: Source[] = files.map((f, i) => {
      const id = `f${i + 1}`;
      idToFile.set(id, f);
      srv.route(`/f/${encodeURIComponent(f)}`, serve(fs.readFileSync(path.join(dir, f)), 'application/xml'));
      return { id, name: f, url: srv.url(`/f/${encodeURIComponent(f)}`), language: 'en', ownership: 'independent', tags: [], enabled: true, fetch: {} };
    });
    const settings = { ...DEFAULT_FETCH_SETTINGS, timeoutMs: 10_000, idleTimeoutMs: 5_000, retries: 0 };
    ({ results } = await fetchSources(sources, { settings, states: new Map(), now: () => new Date('2026-11-01T00:00:00Z') }));
  }, 120_000);

  afterAll(async () => {
    // One line for the record: how the stage fares on the real files.
    const byKind: Record<string, number> = {};
    for (const r of results) {
      const k = r.status === 'error' ? (r.errorKind ?? 'unknown') : r.status;
      byKind[k] = (byKind[k] ?? 0) + 1;
    }
    const items = results.reduce((n, r) => n + r.items.length, 0);
    console.info(`realfeeds: ${results.length} files, ${items} items; ${JSON.stringify(byKind)}`);
    process.off('unhandledRejection', onUnhandled);
    await srv?.close();
  });

  it('serves a substantial set of files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(results).toHaveLength(files.length);
  });

  it('gives every file items or an error with a one-line reason naming the source', () => {
    for (const r of results) {
      if (r.status === 'error') {
        expect(r.errorKind, idToFile.get(r.sourceId)).toBeDefined();
        expect(r.error, idToFile.get(r.sourceId)).toMatch(new RegExp(`^\\[${r.sourceId}\\] \\S.*$`));
      } else {
        expect(r.status).toBe('ok');
      }
    }
    expect(unhandled).toEqual([]);
  });

  it('reads every well-formed feed, with its text intact', () => {
    const kinds = manifestKinds();
    const failing = results
      .filter((r) => kinds.get(idToFile.get(r.sourceId)!) === 'wellformed' && r.status !== 'ok')
      .map((r) => `${idToFile.get(r.sourceId)}: ${r.error}`);
    expect(failing).toEqual([]);
    const garbled = results
      .filter((r) => kinds.get(idToFile.get(r.sourceId)!) === 'wellformed')
      // U+FFFD (a wrong charset) or double-encoded UTF-8 ("AdemÃ¡s", "weâ€™re"), which several
      // captured news feeds carry and normalise.ts repairs.
      .flatMap((r) => r.items.filter((i) => /\uFFFD|Ã[\u0080-\u00BF]|â€/.test(i.title + i.summary)).map((i) => `${idToFile.get(r.sourceId)}: ${i.title}`));
    expect(garbled).toEqual([]);
  });

  it('reports pages and other XML as not a feed', () => {
    const kinds = manifestKinds();
    const notfeeds = results.filter((r) => kinds.get(idToFile.get(r.sourceId)!) === 'notfeed');
    expect(notfeeds.length).toBeGreaterThan(0);
    for (const r of notfeeds) expect(r.errorKind, idToFile.get(r.sourceId)).toBe('not-a-feed');
  });

  it('produces items with the archive\'s invariants', () => {
    for (const r of results) {
      const guids = new Set<string>();
      for (const i of r.items) {
        expect(i.guid.length, idToFile.get(r.sourceId)).toBeGreaterThan(0);
        expect(guids.has(i.guid), `${idToFile.get(r.sourceId)} duplicate guid ${i.guid}`).toBe(false);
        guids.add(i.guid);
        if (i.url) expect(i.url).toMatch(/^https?:\/\//);
        if (i.published) expect(i.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(i.title).not.toMatch(/<\/?[a-z][^>]*>/i);
      }
    }
  });
});
