// The row mappings and the fetch-log query both backends share (rows.ts, log-query.ts): what one
// backend stores the other stores alike, field for field, and reads back the same way.
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/open.js';
import { itemToRow, logRow, rowToItem, rowToLogEntry, rowToState, stateToRow } from '../../src/archive/rows.js';
import type { FetchResult, SourceState } from '../../src/core/fetch-types.js';
import type { Item } from '../../src/core/item-types.js';
import { describeBackends } from '../helpers/pg.js';

const item: Item = {
  id: 'i1',
  sourceId: 'src-a',
  guid: 'g1',
  url: 'https://news.example.org/1',
  title: 'Título',
  summary: 'Resumen',
  published: null,
  firstSeen: '2026-10-05T08:00:00.000Z',
  date: '2026-10-05T08:00:00.000Z',
  language: 'es',
  categories: ['Mundo', 'Economía'],
  author: 'A. Autora',
  labels: { by: 'fp1', value: { relevant: true } as never },
};

describe('rows', () => {
  it('an item, a state and a log row go to their rows and come back as they were', () => {
    expect(itemToRow(item)).toMatchObject({ source_id: 'src-a', published: null, categories: '["Mundo","Economía"]', labels_by: 'fp1', labels: '{"relevant":true}' });
    expect(rowToItem(itemToRow(item))).toEqual(item);
    const bare: Item = { ...item, author: undefined, labels: undefined };
    delete bare.author;
    delete bare.labels;
    expect(itemToRow(bare)).toMatchObject({ author: null, labels_by: null, labels: null });
    expect(rowToItem(itemToRow(bare))).toEqual(bare);

    const state: SourceState = { sourceId: 'src-a', consecutiveFailures: 2, etag: '"v1"', lastError: 'boom', lastErrorKind: 'timeout', failingSince: '2026-10-01T00:00:00.000Z', warning: 'w' };
    expect(stateToRow(state)).toMatchObject({ source_id: 'src-a', consecutive_failures: 2, last_modified: null, next_attempt_at: null });
    expect(rowToState(stateToRow(state))).toEqual(state);

    const result: FetchResult = { sourceId: 'src-a', status: 'error', items: [], bytes: 10, durationMs: 41.6, error: 'boom', errorKind: 'timeout', repaired: 'malformed XML (y)' };
    expect(rowToLogEntry(logRow(result, 'r1', '2026-10-05T08:00:00.000Z', 0))).toEqual({
      runId: 'r1',
      sourceId: 'src-a',
      at: '2026-10-05T08:00:00.000Z',
      status: 'error',
      httpStatus: null,
      bytes: 10,
      durationMs: 42,
      newItems: 0,
      error: 'boom',
      errorKind: 'timeout',
      warning: 'read only after repair: malformed XML (y)',
    });
  });
});

const ok = (sourceId: string): FetchResult => ({ sourceId, status: 'ok', items: [], httpStatus: 200, bytes: 1, durationMs: 1 });
const stateOf = (sourceId: string): SourceState => ({ sourceId, consecutiveFailures: 0 });

describeBackends('fetch log query', (backend) => {
  it('filters by source and time, newest first, with a limit, alike on both backends', async () => {
    const archive = await openArchive(await backend.newSpec());
    try {
      for (let day = 1; day <= 4; day++) {
        const at = new Date(`2026-10-0${day}T08:00:00Z`);
        await archive.storeFetchResults([{ result: ok('src-a'), state: stateOf('src-a') }, { result: ok('src-b'), state: stateOf('src-b') }], `run${day}`, at);
      }
      const runs = (log: { runId: string; sourceId: string }[]) => log.map((e) => `${e.runId}:${e.sourceId}`);
      expect(runs(await archive.fetchLog())).toEqual(['run4:src-b', 'run4:src-a', 'run3:src-b', 'run3:src-a', 'run2:src-b', 'run2:src-a', 'run1:src-b', 'run1:src-a']);
      expect(runs(await archive.fetchLog({ sourceId: 'src-a' }))).toEqual(['run4:src-a', 'run3:src-a', 'run2:src-a', 'run1:src-a']);
      expect(runs(await archive.fetchLog({ sinceIso: '2026-10-03T00:00:00.000Z' }))).toEqual(['run4:src-b', 'run4:src-a', 'run3:src-b', 'run3:src-a']);
      expect(runs(await archive.fetchLog({ sourceId: 'src-b', sinceIso: '2026-10-02T08:00:00.000Z', limit: 2 }))).toEqual(['run4:src-b', 'run3:src-b']);
      expect(runs(await archive.fetchLog({ limit: 1 }))).toEqual(['run4:src-b']);
    } finally {
      await archive.close();
    }
  });
});
