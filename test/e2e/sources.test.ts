// vric sources list|status|check|discover through the real CLI, against a loopback server.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';
import { describeBackends } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const FEED = fs.readFileSync(path.join(ROOT, 'sample', 'feeds', 'stabroek.xml'));
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/feed.xml') return res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED);
    if (req.url === '/home') {
      return res.writeHead(200, { 'Content-Type': 'text/html' }).end(
        '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"><link rel="alternate" type="application/atom+xml" href="https://elsewhere.example/atom"></head><body>Hi</body></html>',
      );
    }
    res.writeHead(404).end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

function config(dir: string): string {
  const file = path.join(dir, 'sources.yaml');
  fs.writeFileSync(file, `policy:
  stateMediaCap: 0.2
sources:
  - id: good
    name: Good Paper
    url: ${base}/feed.xml
    language: en
    ownership: independent
  - id: dead
    name: Dead Feed
    url: ${base}/gone.xml
    language: es
    ownership: state
    owner: VE
    smm: ISFM
  - id: off
    name: Switched Off
    url: ${base}/feed.xml
    language: pt
    ownership: public
    enabled: false
`);
  return file;
}

describeBackends('vric sources status', (backend) => {
  it('status shows each source\'s health after a fetch, with the failing one backed off, and exits 3 while one fails', async () => {
    const d = tmpDir();
    const cfg = config(d);
    const db = await backend.newSpec();
    const env = { env: { VRIC_NOW: '2026-10-05T06:00:00Z' } };
    expect((await runCli(['fetch', '--config', cfg, '--db', db, '--quiet'], env)).code).toBe(3);
    const status = await runCli(['sources', 'status', '--config', cfg, '--db', db], env);
    // A monitoring probe: an enabled source failing is exit 3 (partial). The count is of failed
    // attempts (one, a 404), not the backoff weight it counts for (3), beside when it began.
    expect(status.code).toBe(3);
    const lines = status.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('good'))).toMatch(/^good +ok +2026-10-05T06:00 +- +0 +- +5$/);
    expect(lines.find((l) => l.startsWith('dead'))).toMatch(/^dead +failing +- +2026-10-05T06:00 +1 +2026-10-05T10:00 +0 +\[dead\] HTTP 404 Not Found$/);
    expect(lines.find((l) => l.startsWith('off'))).toMatch(/^off +disabled/);

    // Ownership and owner are two fields for a program (the table shows "state (VE)" for people).
    const list = JSON.parse((await runCli(['sources', 'list', '--config', cfg, '--db', db, '--json'], env)).stdout);
    expect(list.sources.map((s: { id: string; ownership: string; owner: string | null; totalItems: number }) => [s.id, s.ownership, s.owner, s.totalItems])).toEqual([
      ['good', 'independent', null, 5],
      ['dead', 'state', 'VE', 0],
      ['off', 'public', null, 0],
    ]);
    const health = JSON.parse((await runCli(['sources', 'status', '--config', cfg, '--db', db, '--json'], env)).stdout);
    expect(health.sources[1]).toMatchObject({ id: 'dead', lastSuccessAt: null, nextAttemptAt: '2026-10-05T10:00:00.000Z', failures: 3 });
    const table = await runCli(['sources', 'list', '--config', cfg, '--db', db], env);
    expect(table.stdout).toMatch(/\ndead +Dead Feed +state \(VE\) +es /);
  });
});

describe('vric sources', () => {
  it('check probes every enabled feed without storing and warns where SMM and ownership disagree', async () => {
    const d = tmpDir();
    const cfg = config(d);
    const r = await runCli(['sources', 'check', '--config', cfg]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('source "dead" (line 9): smm ISFM is editorially independent, but ownership is state; it will count toward the cap');
    expect(r.stdout).toMatch(/\ngood +ok +200 +5 /);
    expect(r.stdout).toMatch(/\ndead +error +404 +0 /);
    expect(r.stdout).not.toMatch(/\noff /);
    expect(fs.readdirSync(d)).toEqual(['sources.yaml']);
    // Each result once: in the table, not also as a log line per source on stderr.
    expect(r.stderr).not.toContain('[good]');
    expect(r.stderr).not.toContain('[dead]');
    expect(r.stdout.match(/^good /gm)).toHaveLength(1);
  });

  it('check --json names each source `id`, as fetch --json does, and logs nothing per source', async () => {
    const cfg = config(tmpDir());
    const r = await runCli(['sources', 'check', '--config', cfg, '--json', '--log-format', 'json']);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.sources.map((s: Record<string, unknown>) => [s.id, s.status, s.items, 'sourceId' in s])).toEqual([
      ['good', 'ok', 5, false],
      ['dead', 'error', 0, false],
    ]);
    const logged = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    // Warnings about the file itself only: the missing contact, and the SMM type against the ownership.
    expect(logged).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('fetch.contact is not set') }),
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('source "dead" (line 9): smm ISFM') }),
    ]);
  });

  it('discover prints the feeds a page advertises, as absolute addresses', async () => {
    const r = await runCli(['sources', 'discover', `${base}/home`]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([`${base}/feed.xml`, 'https://elsewhere.example/atom']);
  });
});

// An operator mistypes an address or a site is down: one line saying so, never a stack trace.
describe('vric sources discover, when it cannot', () => {
  it('a page that answers 404 is exit 3 with one line naming the address and the status', async () => {
    const r = await runCli(['sources', 'discover', `${base}/missing`]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual([`vric: cannot read ${base}/missing: HTTP 404 Not Found`]);
    expect(r.stdout).toBe('');
  });

  it('a refused connection is exit 3 with one line', async () => {
    // A port that was just free: bind, note it, close, so nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const r = await runCli(['sources', 'discover', `http://127.0.0.1:${port}/`]);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^vric: cannot read http://127\\.0\\.0\\.1:${port}/: .*refused`, 'i'));
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('an address without a scheme, or not http(s), is a usage error (exit 2) with one line', async () => {
    const bare = await runCli(['sources', 'discover', 'www.telesurtv.net']);
    expect(bare.code).toBe(2);
    expect(bare.stderr.trim()).toBe('vric: "www.telesurtv.net" is not an http or https address (did you mean https://www.telesurtv.net?)');
    const ftp = await runCli(['sources', 'discover', 'ftp://example.net/feeds']);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr.trim()).toBe('vric: "ftp://example.net/feeds" is not an http or https address (only http and https pages can be read)');
  });
});
