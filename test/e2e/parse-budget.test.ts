// Issue 16, point 1: processing has a per-source budget. A body whose processing runs past it is
// reported parse-timeout, the worker processing it is terminated and replaced, and every other
// source of the run is still processed and stored. Through the real CLI into a real SQLite file.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

let srv: FeedServer;
/** Processing it (decode, parse, normalise, label 120,000 items) takes seconds, far over 300 ms. */
const HOSTILE_ITEMS = 120_000;
const BUDGET_MS = 300;

const good = (id: string) =>
  `<rss version="2.0"><channel><title>${id}</title>` +
  `<item><title>Primera nota de ${id}</title><link>https://${id}.example/1</link></item>` +
  `<item><title>Segunda nota de ${id}</title><link>https://${id}.example/2</link></item></channel></rss>`;

beforeAll(async () => {
  srv = await startFeedServer();
  let items = '';
  for (let i = 0; i < HOSTILE_ITEMS; i++) items += `<item><title>Nota ${i}</title><link>https://h.example/${i}</link></item>`;
  srv.route('/hostile', serve(`<rss version="2.0"><channel><title>h</title>${items}</channel></rss>`, 'application/rss+xml'));
  for (let i = 0; i < 40; i++) srv.route(`/good${i}`, serve(good(`good${i}`), 'application/rss+xml'));
});
afterAll(async () => {
  await srv.close();
});

const entry = (id: string, extra = '') =>
  `  - id: ${id}\n    name: ${id}\n    url: ${srv.url('/' + id)}\n    language: es\n    ownership: independent\n${extra}`;

/** A run of the hostile source (its budget lowered to BUDGET_MS) beside `goods` good ones. */
async function runWithHostile(goods: number) {
  const d = tmpDir();
  const cfg = path.join(d, 'sources.yaml');
  const ids = Array.from({ length: goods }, (_, i) => `good${i}`);
  // The hostile source is listed first, so that in a worker run the good ones queue behind it.
  const sources = [entry('hostile', `    fetch:\n      parseBudget: ${BUDGET_MS}ms\n`), ...ids.map((id) => entry(id))].join('');
  fs.writeFileSync(cfg, `fetch:\n  maxBytes: 20MiB\npolicy:\n  stateMediaCap: 0.2\nsources:\n${sources}`);
  const db = path.join(d, 'a.sqlite');
  const r = await runCli(['fetch', '--config', cfg, '--db', db, '--json']);
  const conn = new Database(db, { readonly: true });
  const rows = conn.prepare('SELECT source_id, title FROM items ORDER BY source_id, title').all() as { source_id: string; title: string }[];
  conn.close();
  return { r, ids, rows };
}

function expectHostileTimedOutAndGoodStored({ r, ids, rows }: Awaited<ReturnType<typeof runWithHostile>>) {
  expect(r.code, r.stderr).toBe(3);
  const byId = new Map(JSON.parse(r.stdout).sources.map((s: { id: string }) => [s.id, s]));
  expect(byId.get('hostile')).toMatchObject({ status: 'error', errorKind: 'parse-timeout' });
  expect((byId.get('hostile') as { error: string }).error).toMatch(/^\[hostile\] parse-timeout: .*0\.3 s/);
  expect(r.stderr).toMatch(/^warn: \[hostile\] .*parse-timeout: reading the feed took longer than 0.3 s/m);
  for (const id of ids) expect(byId.get(id), id).toMatchObject({ status: 'ok' });
  expect(rows.filter((t) => t.source_id === 'hostile')).toEqual([]);
  for (const id of ids) expect(rows.filter((t) => t.source_id === id).map((t) => t.title), id).toEqual([`Primera nota de ${id}`, `Segunda nota de ${id}`]);
}

describe('the processing budget', () => {
  it('stops a body that runs past it in a small run, which otherwise processes inline', async () => {
    const run = await runWithHostile(3);
    expectHostileTimedOutAndGoodStored(run);
    // Processing the hostile body to the end takes several seconds; the run does not wait for it.
    expect(run.r.ms).toBeLessThan(BUDGET_MS + 4000);
  });

  it('replaces the worker in a big run, and the sources queued behind it are all stored', async () => {
    const run = await runWithHostile(30);
    expectHostileTimedOutAndGoodStored(run);
    expect(run.r.ms).toBeLessThan(BUDGET_MS + 5000);
  });
});
