// The parsing worker must give exactly what inline parsing gives. The worker runs compiled code,
// so this test drives the pool from dist/ (npm test compiles before running the tests).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processBody } from '../../src/fetch/process.js';
import { ROOT } from '../helpers/cli.js';
import { hasReference, REFERENCE_FEEDS } from '../helpers/reference.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'feeds');
const SAMPLE_FEEDS = path.join(ROOT, 'sample', 'feeds');
const NOW = new Date('2026-10-05T00:00:00Z');

/** Each file of a folder through a worker and inline: the two must agree, items and errors alike. */
async function compareWorkerWithInline(dir: string, limit: number): Promise<number> {
  const { processPool, MIN_SOURCES_FOR_WORKERS } = await import(path.join(ROOT, 'dist', 'fetch', 'pool.js'));
  const pool = processPool(MIN_SOURCES_FOR_WORKERS, 2);
  expect(pool.constructor.name).toBe('WorkerPool');
  const files = fs.readdirSync(dir).filter((f) => /\.(xml|rss|atom|rdf|html)$/.test(f)).slice(0, limit);
  let items = 0;
  try {
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(dir, f));
      const source = { id: f.slice(0, 20), language: 'en' };
      const url = `http://127.0.0.1/${encodeURIComponent(f)}`;
      const viaWorker = await pool.process(source, bytes, 'application/xml', url, { maxBytes: 10 << 20 }, NOW);
      const inline = await processBody(source, bytes, 'application/xml', url, { maxBytes: 10 << 20 }, NOW);
      expect(viaWorker, f).toEqual(inline);
      items += 'items' in inline ? inline.items.length : 0;
    }
  } finally {
    await pool.close();
  }
  return items;
}

describe('parsing worker pool', () => {
  it('returns the same items and errors as inline parsing, for the project\'s own feeds', async () => {
    // Every shape the fixtures hold (RSS 0.9x-2.0, Atom, RDF, legacy charsets, UTF-16, broken XML, an
    // HTML page), and the sample monitor's 13 feeds in three languages.
    expect(await compareWorkerWithInline(FIXTURES, Infinity)).toBeGreaterThan(10);
    expect(await compareWorkerWithInline(SAMPLE_FEEDS, Infinity)).toBeGreaterThan(60);
  });

  it.skipIf(!hasReference)('returns the same items and errors as inline parsing, for real feeds', async () => {
    expect(await compareWorkerWithInline(REFERENCE_FEEDS, 40)).toBeGreaterThan(0);
  });

  it('labels items in the collection worker exactly as the classifier does inline', async () => {
    const { processPool, MIN_SOURCES_FOR_WORKERS } = await import(path.join(ROOT, 'dist', 'fetch', 'pool.js'));
    const { ingestProcessor } = await import(path.join(ROOT, 'dist', 'pipeline', 'ingest.js'));
    const { classifierFingerprint } = await import(path.join(ROOT, 'dist', 'classify', 'fingerprint.js'));
    const { createClassifier } = await import(path.join(ROOT, 'dist', 'classify', 'classify.js'));
    const overrides = { actors: { CN: { state: ['Zhenhua Logistics'] } } };
    const pool = processPool(MIN_SOURCES_FOR_WORKERS, 2, ingestProcessor(overrides));
    expect(pool.constructor.name).toBe('WorkerPool');
    const feed = Buffer.from(
      '<rss version="2.0"><channel><title>T</title>' +
        '<item><title>Zhenhua Logistics abre una oficina en el puerto del Callao</title><link>https://n.example/1</link></item>' +
        '<item><title>Rusia envía buques de guerra a La Habana</title><link>https://n.example/2</link></item>' +
        '</channel></rss>',
    );
    try {
      const r = await pool.process({ id: 'n', language: 'es' }, feed, 'application/rss+xml', 'https://n.example/feed', { maxBytes: 1 << 20 }, NOW);
      const classifier = createClassifier({ extraLexicon: overrides });
      expect(r.items).toHaveLength(2);
      for (const item of r.items) {
        const { id: _id, ...value } = classifier.classify({ id: '', title: item.title, summary: item.summary, url: item.url, lang: item.language, categories: item.categories });
        expect(item.labels).toEqual({ by: classifierFingerprint(overrides), value });
      }
      expect(r.items[0].labels.value).toMatchObject({ relevant: true, actors: ['CN'], section: 'china' });
    } finally {
      await pool.close();
    }
  });

  it('parses small bodies inline for small runs, where a worker would cost more than it saves', async () => {
    const { processPool, MIN_SOURCES_FOR_WORKERS } = await import(path.join(ROOT, 'dist', 'fetch', 'pool.js'));
    // Small runs (or a machine without a core to spare) process inline, except bodies too large
    // for their cost to be bounded by their size: those go to a worker under the budget.
    expect(processPool(MIN_SOURCES_FOR_WORKERS - 1, 8).constructor.name).toBe('InlineUnlessLarge');
    expect(processPool(500, 1).constructor.name).toBe('InlineUnlessLarge');
  });

  it('reports a body over its processing budget as parse-timeout and goes on with a fresh worker', async () => {
    const { processPool, MIN_SOURCES_FOR_WORKERS, INLINE_MAX_BYTES } = await import(path.join(ROOT, 'dist', 'fetch', 'pool.js'));
    let items = '';
    for (let i = 0; i < 30_000; i++) items += `<item><title>n ${i}</title><link>https://h.example/${i}</link></item>`;
    const hostile = Buffer.from(`<rss version="2.0"><channel><title>h</title>${items}</channel></rss>`);
    const small = fs.readFileSync(path.join(FIXTURES, 'rss2-es-hostile.xml'));
    const source = { id: 'h', language: 'es' };
    for (const [pool, name] of [[processPool(MIN_SOURCES_FOR_WORKERS, 2), 'worker pool'], [processPool(1, 2), 'small run']] as const) {
      try {
        expect(hostile.length, name).toBeGreaterThan(INLINE_MAX_BYTES);
        // The budgeted body, and behind it a good one that has to wait for the same single worker.
        const [timedOut, after] = await Promise.all([
          pool.process(source, hostile, 'application/xml', 'http://h.example/', { maxBytes: 10 << 20, parseBudgetMs: 50 }, NOW),
          pool.process(source, Buffer.concat([small, Buffer.alloc(INLINE_MAX_BYTES, 0x20)]), 'application/xml', 'http://h.example/', { maxBytes: 10 << 20 }, NOW),
        ]);
        expect(timedOut, name).toEqual({ errorKind: 'parse-timeout', reason: expect.stringMatching(/^parse-timeout: reading the feed took longer than 0\.05 s/) });
        const inline = await processBody(source, small, 'application/xml', 'http://h.example/', { maxBytes: 10 << 20 }, NOW);
        expect(after, name).toMatchObject({ status: 'ok', items: (inline as { items: unknown[] }).items });
        // And once more, on the worker that replaced the terminated one.
        const again = await pool.process(source, hostile, 'application/xml', 'http://h.example/', { maxBytes: 10 << 20 }, NOW);
        expect((again as { items: unknown[] }).items, name).toHaveLength(30_000);
      } finally {
        await pool.close();
      }
    }
  });
});
