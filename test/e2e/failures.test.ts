// Issue 15, point 4, through the real CLI on both backends: every source failing is not "some
// failed" (exit 6 with the likely cause), a source that keeps failing is told once a day under
// --quiet (also while it backs off) until it recovers, `sources status` is a monitoring probe, and
// a feed read only after repair says so in fetch --json, the log, the archive and sources status.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/open.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { serve, startFeedServer, status, type FeedServer } from '../helpers/feed-server.js';
import { describeBackends } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const FEED = fs.readFileSync(path.join(ROOT, 'sample', 'feeds', 'stabroek.xml'));
const BROKEN = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'feeds', 'broken-truncated.xml'));
let srv: FeedServer;
/** A loopback port nothing listens on: connections to it are refused. */
let refusedPort: number;

beforeAll(async () => {
  srv = await startFeedServer();
  srv.route('/feed.xml', serve(FEED, 'application/rss+xml'));
  srv.route('/broken.xml', serve(BROKEN, 'application/rss+xml'));
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  refusedPort = (closed.address() as { port: number }).port;
  await new Promise<void>((r) => closed.close(() => r()));
});
afterAll(async () => {
  await srv.close();
});

function writeConfig(dir: string, sources: { id: string; url: string }[]): string {
  const file = path.join(dir, 'sources.yaml');
  const list = sources.map((s) => `  - id: ${s.id}\n    name: ${s.id}\n    url: ${s.url}\n    language: es\n    ownership: independent`).join('\n');
  // No retries: a refused connection is refused again, and the test need not wait for it.
  fs.writeFileSync(file, `fetch:\n  retries: 0\n  contact: newsdesk@vric-monitor.net\npolicy:\n  stateMediaCap: 0.2\nsources:\n${list}\n`);
  return file;
}

const at = (iso: string) => ({ env: { VRIC_NOW: iso } });
const stderrLines = (s: string) => s.split('\n').filter(Boolean);

describeBackends('every source failing', (backend) => {
  it('exits 6 with one summary line asking whether the network is down, in text and in JSON', async () => {
    const d = tmpDir();
    const cfg = writeConfig(d, [
      { id: 'nodns', url: 'http://nosuch.invalid/feed.xml' },
      { id: 'refused', url: `http://127.0.0.1:${refusedPort}/feed.xml` },
    ]);
    const db = await backend.newSpec();
    const quiet = await runCli(['fetch', '--config', cfg, '--db', db, '--quiet'], at('2026-11-28T05:00:00Z'));
    expect(quiet.code).toBe(6);
    const summary = stderrLines(quiet.stderr).filter((l) => l.startsWith('error: fetched'));
    expect(summary).toEqual(['error: fetched 2 sources: 0 ok, 0 not modified, 2 failed; 0 new items; every source failed: DNS or connection failures on both hosts: is the network down?']);
    expect(quiet.stdout).toBe('');

    // Inside the backoff window nothing is due, and nothing works: still 6, still said.
    const json = await runCli(['fetch', '--config', cfg, '--db', db, '--quiet', '--log-format', 'json'], at('2026-11-28T05:30:00Z'));
    expect(json.code).toBe(6);
    const lines = stderrLines(json.stderr).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/^fetched 0 sources: .*2 not due \(2 backing off after failures\).*every source is failing and none was due/),
        exitCode: 6,
        sources: 0,
        skipped: 2,
        failing: 2,
      }),
    ]);

    // --json: the report says so too, and the summary still reaches stderr.
    const report = await runCli(['fetch', '--config', cfg, '--db', db, '--json', '--force'], at('2026-11-28T06:00:00Z'));
    expect(report.code).toBe(6);
    expect(JSON.parse(report.stdout).outcome).toEqual({ exitCode: 6, hint: 'every source failed: DNS or connection failures on both hosts: is the network down?' });
    expect(report.stderr).toMatch(/^error: fetched 2 sources: .*is the network down\?$/m);
  });

  it('vric run still builds from the archive after every source failed, but exits 6 and says so', async () => {
    const d = tmpDir();
    const feeds = await startFeedServer();
    feeds.route('/feed.xml', serve(FEED, 'application/rss+xml'));
    const cfg = writeConfig(d, [{ id: 'paper', url: feeds.url('/feed.xml') }]);
    const db = await backend.newSpec();
    expect((await runCli(['fetch', '--config', cfg, '--db', db, '--quiet'], at('2026-11-01T05:00:00Z'))).code).toBe(0);
    await feeds.close(); // now refused: the machine is "offline"
    const out = path.join(d, 'out');
    const run = await runCli(['run', '--config', cfg, '--db', db, '--period', '2026-10', '--out', out, '--quiet'], at('2026-11-02T05:00:00Z'));
    expect(run.code).toBe(6);
    expect(stderrLines(run.stderr).filter((l) => l.startsWith('error:'))).toEqual([
      'error: fetched 1 source: 0 ok, 0 not modified, 1 failed; 0 new items; every source failed: DNS or connection failures on its one host: is the network down?; building from what the archive already holds',
    ]);
    const digest = JSON.parse(fs.readFileSync(path.join(out, '2026-10', 'digest.json'), 'utf8')) as { stats: { total: number } };
    expect(digest.stats.total).toBeGreaterThan(0);
  });
});

describeBackends('a source that keeps failing', (backend) => {
  it('is told once a day under --quiet, backing off or not, until it recovers; sources status is the probe', async () => {
    const d = tmpDir();
    let dead = true;
    srv.route('/dying.xml', (req, res) => (dead ? status(404, {}, 'gone for now') : serve(FEED, 'application/rss+xml'))(req, res));
    const cfg = writeConfig(d, [
      { id: 'paper', url: srv.url('/feed.xml') },
      { id: 'dying', url: srv.url('/dying.xml') },
    ]);
    const db = await backend.newSpec();
    const fetch = (iso: string) => runCli(['fetch', '--config', cfg, '--db', db, '--quiet'], at(iso));
    const hits = () => srv.hits('/dying.xml');

    // Day 1: the first failure is told (some failed: exit 3).
    const day1 = await fetch('2026-11-28T05:00:00Z');
    expect(day1.code).toBe(3);
    expect(stderrLines(day1.stderr)).toEqual(['warn: [dying] failing since 2026-11-28 (less than an hour, 1 attempt): HTTP 404 Not Found']);

    const probe = await runCli(['sources', 'status', '--config', cfg, '--db', db], at('2026-11-28T05:30:00Z'));
    expect(probe.code).toBe(3);
    const table = probe.stdout.split('\n');
    expect(table[0]).toMatch(/^id +status +last success +failing since +failed attempts +backed off until +items 30d +last error or warning$/);
    expect(table.find((l) => l.startsWith('dying'))).toMatch(/^dying +failing +- +2026-11-28T05:00 +1 +2026-11-28T09:00 +0 +\[dying\] HTTP 404 Not Found$/);
    expect(table.find((l) => l.startsWith('paper'))).toMatch(/^paper +ok +2026-11-28T05:00 +- +0 +- +5$/);

    // Later on day 1: attempted again (the 4-hour backoff is over) and failing again; told already.
    const before = hits();
    const later = await fetch('2026-11-28T10:00:00Z');
    expect(hits()).toBe(before + 1);
    expect(later).toMatchObject({ code: 3, stderr: '' });

    // Day 2: inside its backoff window (until 10:00), not attempted, and told again with how long.
    const day2 = await fetch('2026-11-29T05:00:00Z');
    expect(hits()).toBe(before + 1);
    expect(day2.code).toBe(3);
    expect(stderrLines(day2.stderr)).toEqual(['warn: [dying] failing since 2026-11-28 (1 day, 2 attempts): HTTP 404 Not Found']);
    expect(await fetch('2026-11-29T06:00:00Z')).toMatchObject({ code: 3, stderr: '' });

    const json = JSON.parse((await runCli(['sources', 'status', '--config', cfg, '--db', db, '--json'], at('2026-11-29T06:00:00Z'))).stdout);
    const dying = json.sources.find((s: { id: string }) => s.id === 'dying');
    // Today's fields, and the new ones beside them.
    expect(dying).toEqual({
      id: 'dying', name: 'dying', ownership: 'independent', owner: null, language: 'es', enabled: true, status: 'DEAD?',
      lastSuccessAt: null, failures: 6, failingSince: '2026-11-28T05:00:00.000Z', failedAttempts: 2,
      nextAttemptAt: '2026-11-29T10:00:00.000Z', lastError: '[dying] HTTP 404 Not Found', warning: null,
      itemsLast30Days: 0, totalItems: 0,
    });

    // Day 3: it recovers; nothing to tell, nothing failing.
    dead = false;
    expect(await fetch('2026-11-30T11:00:00Z')).toMatchObject({ code: 0, stderr: '' });
    const healthy = await runCli(['sources', 'status', '--config', cfg, '--db', db], at('2026-11-30T11:00:00Z'));
    expect(healthy.code).toBe(0);
    expect(healthy.stdout.split('\n').find((l) => l.startsWith('dying'))).toMatch(/^dying +ok +2026-11-30T11:00 +- +0 +- +5$/);
    // Nothing due and nothing failing: 0, and silent.
    const idle = writeConfig(tmpDir(), [{ id: 'paper', url: srv.url('/feed.xml') }]);
    expect(await runCli(['fetch', '--config', idle, '--db', await backend.newSpec(), '--quiet'], at('2026-11-30T11:00:00Z'))).toMatchObject({ code: 0, stderr: '' });
  });
});

describeBackends('a feed read only after repair', (backend) => {
  it('is reported by fetch --json and the log, stored in the state and the fetch log, and shown by sources status', async () => {
    const d = tmpDir();
    const cfg = writeConfig(d, [
      { id: 'paper', url: srv.url('/feed.xml') },
      { id: 'broken', url: srv.url('/broken.xml') },
    ]);
    const db = await backend.newSpec();
    const r = await runCli(['fetch', '--config', cfg, '--db', db, '--json'], at('2026-11-28T05:00:00Z'));
    expect(r.code).toBe(0);
    const WARNING = /^read only after repair: malformed XML \(Invalid character in entity name; Line: 6; Column: 37; Char:\)$/;
    const sources = JSON.parse(r.stdout).sources as { id: string; status: string; warning?: string }[];
    expect(sources.find((s) => s.id === 'broken')).toMatchObject({ status: 'ok', warning: expect.stringMatching(WARNING) });
    expect(sources.find((s) => s.id === 'paper')).not.toHaveProperty('warning');
    expect(stderrLines(r.stderr)).toEqual([expect.stringMatching(/^warn: \[broken\] read only after repair: malformed XML \(/)]);

    const archive = await openArchive(db);
    try {
      expect((await archive.getSourceState('broken'))?.warning).toMatch(WARNING);
      expect((await archive.getSourceState('paper'))?.warning).toBeUndefined();
      expect((await archive.fetchLog({ sourceId: 'broken' })).map((e) => e.warning)).toEqual([expect.stringMatching(WARNING)]);
      expect((await archive.fetchLog({ sourceId: 'paper' })).map((e) => e.warning)).toEqual([null]);
    } finally {
      await archive.close();
    }

    const text = await runCli(['sources', 'status', '--config', cfg, '--db', db], at('2026-11-28T05:00:00Z'));
    expect(text.code).toBe(0); // read, so not failing: a warning is not a failure
    expect(text.stdout.split('\n').find((l) => l.startsWith('broken'))).toMatch(/^broken +ok +2026-11-28T05:00 +- +0 +- +2 +read only after repair: malformed XML \(/);
    const json = JSON.parse((await runCli(['sources', 'status', '--config', cfg, '--db', db, '--json'], at('2026-11-28T05:00:00Z'))).stdout);
    expect(json.sources.find((s: { id: string }) => s.id === 'broken').warning).toMatch(WARNING);
  });
});
