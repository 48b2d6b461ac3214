// Several collectors, one archive: `fetch --shard K/N` divides the sources, leases keep two
// collectors off the same source at once, and `vric migrate` moves an archive between backends.
// Real CLI processes, a loopback feed server, real SQLite files and a real PostgreSQL server.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/open.js';
import { inShard, parseShard, shardOf } from '../../src/pipeline/shard.js';
import { runCli } from '../helpers/cli.js';
import { startFeedServer, type FeedServer, type Handler } from '../helpers/feed-server.js';
import { describeBackends, freshPgUrl, pgAvailable, skipReason } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const FEEDS = 24;
const ITEMS = 15;

function rss(feed: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const day = String(1 + ((feed + i) % 28)).padStart(2, '0');
    return `<item><title>Noticia ${feed}-${i}: China y Brasil firman un acuerdo</title><link>https://n${feed}.example/a/${i}</link><guid>f${feed}-i${i}</guid><pubDate>${new Date(`2026-10-${day}T10:00:00Z`).toUTCString()}</pubDate><description>Texto ${i} con acentos: São Paulo.</description></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>https://n${feed}.example/</link>${items}</channel></rss>`;
}

/** Serves each feed after `delayMs`, so that two collectors started together overlap. */
function slow(body: string, delayMs: number): Handler {
  return (_req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(body);
    }, delayMs);
  };
}

async function feeds(delayMs = 0): Promise<{ server: FeedServer; config: string }> {
  const server = await startFeedServer();
  const lines = ['fetch:', '  concurrency: 4', '  perHost: 4', 'sources:'];
  for (let f = 0; f < FEEDS; f++) {
    server.route(`/feed/${f}.xml`, slow(rss(f), delayMs));
    lines.push(`  - id: feed-${f}`, `    name: Feed ${f}`, `    url: ${server.url(`/feed/${f}.xml`)}`, '    language: es', '    ownership: independent');
  }
  const config = path.join(tmpDir(), 'sources.yaml');
  fs.writeFileSync(config, lines.join('\n') + '\n');
  return { server, config };
}

async function itemIds(spec: string): Promise<string[]> {
  const archive = await openArchive(spec);
  try {
    const ids: string[] = [];
    for await (const item of archive.allItems()) ids.push(item.id);
    return ids;
  } finally {
    await archive.close();
  }
}

describe('shards', () => {
  it('reads K/N and refuses anything else, naming the option', () => {
    expect(parseShard('2/3')).toEqual({ k: 2, n: 3 });
    for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0', '']) expect(() => parseShard(bad)).toThrow(/--shard takes K\/N/);
  });

  it('puts every source in exactly one shard, the same on every run, roughly evenly', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `source-${i}`);
    const sizes = [0, 0, 0];
    for (const id of ids) {
      const owners = [1, 2, 3].filter((k) => inShard(id, { k, n: 3 }));
      expect(owners).toHaveLength(1);
      expect(shardOf(id, 3)).toBe(owners[0]);
      sizes[owners[0]! - 1]!++;
    }
    for (const size of sizes) expect(size).toBeGreaterThan(900);
    // Stable across versions: cron lines on different machines must agree.
    expect(shardOf('telesur-es', 4)).toBe(shardOf('telesur-es', 4));
  });
});

describeBackends('several collectors on one archive', (backend) => {
  it('fetch --shard 1/3, 2/3 and 3/3 each take their own sources and together take all, once', async () => {
    const { server, config } = await feeds();
    const db = await backend.newSpec();
    try {
      const reports = [];
      for (const k of [1, 2, 3]) {
        const r = await runCli(['fetch', '--config', config, '--db', db, '--shard', `${k}/3`, '--json']);
        expect(r.code, r.stderr).toBe(0);
        reports.push(JSON.parse(r.stdout) as { sources: { id: string }[] });
      }
      const taken = reports.map((r) => r.sources.map((s) => s.id).sort());
      for (const [i, ids] of taken.entries()) for (const id of ids) expect(shardOf(id, 3)).toBe(i + 1);
      expect(taken.flat().sort()).toEqual(Array.from({ length: FEEDS }, (_, f) => `feed-${f}`).sort());
      for (let f = 0; f < FEEDS; f++) expect(server.hits(`/feed/${f}.xml`)).toBe(1);
      const ids = await itemIds(db);
      expect(ids).toHaveLength(FEEDS * ITEMS);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await server.close();
    }
  });

  it('refuses a malformed --shard with exit 2', async () => {
    const { server, config } = await feeds();
    try {
      const r = await runCli(['fetch', '--config', config, '--db', await backend.newSpec(), '--shard', '4/3']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--shard takes K/N');
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(!pgAvailable())(`two collectors at once on one PostgreSQL archive${pgAvailable() ? '' : ` (SKIPPED: ${skipReason})`}`, () => {
  it('split the sources through leases and store every item exactly once', async () => {
    // 400 ms a feed, 4 at a time: both collectors have started (and read the archive's state)
    // before the first feed arrives, and their runs overlap throughout.
    const { server, config } = await feeds(400);
    const db = await freshPgUrl();
    try {
      const [a, b] = await Promise.all([
        runCli(['fetch', '--config', config, '--db', db, '--json']),
        runCli(['fetch', '--config', config, '--db', db, '--json']),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const ra = JSON.parse(a.stdout) as { sources: { id: string; newItems: number }[]; held: string[] };
      const rb = JSON.parse(b.stdout) as { sources: { id: string; newItems: number }[]; held: string[] };
      // Each source was fetched by one collector and left to it by the other.
      const fetchedA = ra.sources.map((s) => s.id);
      const fetchedB = rb.sources.map((s) => s.id);
      expect([...fetchedA, ...fetchedB].sort()).toEqual(Array.from({ length: FEEDS }, (_, f) => `feed-${f}`).sort());
      expect(fetchedA.filter((id) => fetchedB.includes(id))).toEqual([]);
      // Claimed source by source, so both did part of the work, and each left the rest to the other.
      expect(fetchedA.length).toBeGreaterThan(0);
      expect(fetchedB.length).toBeGreaterThan(0);
      expect(ra.held.sort()).toEqual(fetchedB.sort());
      expect(rb.held.sort()).toEqual(fetchedA.sort());
      for (let f = 0; f < FEEDS; f++) expect(server.hits(`/feed/${f}.xml`)).toBe(1);
      expect([...ra.sources, ...rb.sources].reduce((n, s) => n + s.newItems, 0)).toBe(FEEDS * ITEMS);

      const ids = await itemIds(db);
      expect(ids).toHaveLength(FEEDS * ITEMS);
      expect(new Set(ids).size).toBe(FEEDS * ITEMS);

      // Both done: the leases are gone, so a third run takes every source (all not modified or ok, none held).
      const c = await runCli(['fetch', '--config', config, '--db', db, '--json']);
      expect(JSON.parse(c.stdout).held).toEqual([]);
      expect(await itemIds(db)).toHaveLength(FEEDS * ITEMS);
    } finally {
      await server.close();
    }
  });
});

describeBackends('vric migrate', (backend) => {
  it('moves an archive from SQLite to the backend and back, with the counts checked and nothing changed', async () => {
    const { server, config } = await feeds();
    try {
      const dir = tmpDir();
      const original = path.join(dir, 'original.sqlite');
      expect((await runCli(['fetch', '--config', config, '--db', original, '--quiet'])).code).toBe(0);
      const middle = await backend.newSpec();
      const there = await runCli(['migrate', '--from', original, '--to', middle, '--json']);
      expect(there.code, there.stderr).toBe(0);
      expect(JSON.parse(there.stdout)).toMatchObject({ sourceCount: FEEDS * ITEMS, read: FEEDS * ITEMS, added: FEEDS * ITEMS, targetAfter: FEEDS * ITEMS, ok: true });
      const back = path.join(dir, 'back.sqlite');
      const home = await runCli(['migrate', '--from', middle, '--to', back]);
      expect(home.code, home.stderr).toBe(0);
      expect(home.stderr).toContain(`copied ${FEEDS * ITEMS} items`);
      expect(home.stderr).toContain('counts checked');

      const exportOf = async (db: string) => (await runCli(['export', '--db', db, '--config', config])).stdout;
      const before = await exportOf(original);
      expect(before.split('\n').filter(Boolean)).toHaveLength(FEEDS * ITEMS);
      expect(await exportOf(back)).toBe(before);

      // Again: nothing new, everything already there.
      const again = await runCli(['migrate', '--from', original, '--to', middle, '--json']);
      expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, alreadyThere: FEEDS * ITEMS, ok: true });
      expect((await runCli(['migrate', '--from', back, '--to', back])).code).toBe(2);
    } finally {
      await server.close();
    }
  });
});
