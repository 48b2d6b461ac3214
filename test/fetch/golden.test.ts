// Golden pairs (feedsmith style): each fixture feed in test/fixtures/feeds has the expected
// normalised result beside it, so a behaviour change shows up as a readable JSON diff.
// Regenerate after an intended change with UPDATE_GOLDEN=1 npx vitest run test/fetch/golden.test.ts
// and review the diff before committing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/core/config-types.js';
import { fetchSources } from '../../src/fetch/fetcher.js';
import { DEFAULT_FETCH_SETTINGS } from '../../src/fetch/settings.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/feeds');
const NOW = new Date('2025-03-10T12:00:00Z');
const feeds = fs.readdirSync(dir).filter((f) => !f.endsWith('.expected.json')).sort();

function source(file: string): Source {
  return { id: 'golden', name: file, file: path.join(dir, file), language: 'es', ownership: 'independent', tags: [], enabled: true, fetch: {} };
}

describe('golden pairs', () => {
  it('has a fixture set to compare', () => {
    expect(feeds.length).toBeGreaterThanOrEqual(10);
  });
  for (const file of feeds) {
    it(file, async () => {
      const { results } = await fetchSources([source(file)], { settings: DEFAULT_FETCH_SETTINGS, states: new Map(), now: () => NOW });
      const r = results[0]!;
      const actual = {
        status: r.status,
        ...(r.errorKind ? { errorKind: r.errorKind, error: r.error!.replace(dir, '<fixtures>') } : {}),
        ...(r.feedLinks ? { feedLinks: r.feedLinks } : {}),
        ...(r.warnings ? { warnings: r.warnings } : {}),
        ...(r.repaired ? { repaired: r.repaired } : {}),
        items: r.items,
      };
      const expectedPath = path.join(dir, file.replace(/\.[a-z]+$/, '') + '.expected.json');
      if (process.env.UPDATE_GOLDEN === '1') {
        fs.writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
      }
      expect(actual).toEqual(JSON.parse(fs.readFileSync(expectedPath, 'utf8')));
    });
  }
});
