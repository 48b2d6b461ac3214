// The parsing worker must give exactly what inline parsing gives. The worker runs compiled code,
// so this test drives the pool from dist/ (npm test compiles before running the tests).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processBody } from '../../src/fetch/process.js';
import { ROOT, SHARED } from '../helpers/cli.js';

const FEEDS = path.join(SHARED, 'reference', 'feeds');
const NOW = new Date('2026-10-05T00:00:00Z');

describe('parsing worker pool', () => {
  it('returns the same items and errors as inline parsing, for real feeds', async () => {
    const { processPool, MIN_SOURCES_FOR_WORKERS } = await import(path.join(ROOT, 'dist', 'fetch', 'pool.js'));
    const pool = processPool(MIN_SOURCES_FOR_WORKERS, 2);
    expect(pool.constructor.name).toBe('WorkerPool');
    const files = fs.readdirSync(FEEDS).filter((f) => /\.(xml|rss|atom|rdf)$/.test(f)).slice(0, 40);
    try {
      for (const f of files) {
        const bytes = fs.readFileSync(path.join(FEEDS, f));
        const source = { id: f.slice(0, 20), language: 'en' };
        const url = `http://127.0.0.1/${encodeURIComponent(f)}`;
        const viaWorker = await pool.process(source, bytes, 'application/xml', url, { maxBytes: 10 << 20 }, NOW);
        const inline = await processBody(source, bytes, 'application/xml', url, { maxBytes: 10 << 20 }, NOW);
        expect(viaWorker, f).toEqual(inline);
      }
    } finally {
      await pool.close();
    }
  });

  it('parses inline for small runs, where a worker would cost more than it saves', async () => {
    const { processPool, MIN_SOURCES_FOR_WORKERS } = await import(path.join(ROOT, 'dist', 'fetch', 'pool.js'));
    expect(processPool(MIN_SOURCES_FOR_WORKERS - 1, 8).constructor.name).toBe('Object');
    expect(processPool(500, 1).constructor.name).toBe('Object');
  });
});
