// The archive's lock is one the kernel holds: a record left by a run that is gone (a pid reused
// after a reboot, another container's hostname) never blocks a run, a live run is still refused
// with exit 75 naming it, and two runs racing for a free lock never both get it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { tmpDir } from '../helpers/tmp.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Venezuela y China firman acuerdo</title><link>https://example.org/a</link><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>';
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/fast.xml', serve(RSS));
  // Answers after a while: a fetch of it holds the archive's lock meanwhile.
  server.route('/slow.xml', (req, res) => setTimeout(() => serve(RSS)(req, res), 2500));
});
afterAll(() => server.close());

function monitor(feed: string): { config: string; db: string } {
  const dir = tmpDir();
  const config = path.join(dir, 'sources.yaml');
  fs.writeFileSync(config, `fetch:\n  contact: monitor@vric.test\n  retries: 0\nsources:\n  - id: feed\n    name: Feed\n    url: ${server.url(feed)}\n    language: es\n    ownership: independent\n`);
  return { config, db: path.join(dir, 'archive.sqlite') };
}

/** A fetch started in the background, with its pid and a promise of its end. */
function startFetch(m: { config: string; db: string }) {
  const child = spawn(process.execPath, [BIN, 'fetch', '--config', m.config, '--db', m.db, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { pid: child.pid!, done };
}

async function until(test: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const record = (db: string) => `${db}.lock`;
const write = (db: string, holder: object) => fs.writeFileSync(record(db), JSON.stringify(holder));

describe('a lock record left behind', () => {
  it('naming a pid that is running again after a reboot (another start time) does not block a run', async () => {
    const m = monitor('/fast.xml');
    // This test's own pid is alive on this host: the old check by pid alone took it for a live holder.
    write(m.db, { pid: process.pid, host: (await import('node:os')).hostname(), since: '2020-01-01T00:00:00Z', command: 'fetch', started: '2020-01-01T00:00:00Z' });
    const r = await runCli(['fetch', '--config', m.config, '--db', m.db, '--quiet']);
    expect(r.stderr).not.toMatch(/lock/);
    expect(r.code).toBe(0);
    // The run released the lock: no record is left.
    expect(fs.existsSync(record(m.db))).toBe(false);
  });

  it('written under another hostname (a container) does not block a run', async () => {
    const m = monitor('/fast.xml');
    write(m.db, { pid: 1, host: 'another-container', since: '2020-01-01T00:00:00Z', command: 'run' });
    const r = await runCli(['fetch', '--config', m.config, '--db', m.db, '--quiet']);
    expect(r.stderr).not.toMatch(/lock/);
    expect(r.code).toBe(0);
  });
});

describe('a live holder', () => {
  it('is still refused with exit 75, its pid and its start time', async () => {
    const m = monitor('/slow.xml');
    const holder = startFetch(m);
    await until(() => fs.existsSync(record(m.db)));
    const r = await runCli(['fetch', '--config', m.config, '--db', m.db]);
    expect(r.code).toBe(75);
    expect(r.stderr).toMatch(new RegExp(`^vric: another vric run holds the archive lock .+\\.lock: process ${holder.pid} on .+ \\(fetch\\) since 20\\S+, started 20\\S+\\n$`));
    expect((await holder.done).code).toBe(0);
  });
});

describe('two runs taking a stale lock at once', () => {
  it('never both get it: one runs, the other exits 75', async () => {
    for (let round = 0; round < 2; round++) {
      const m = monitor('/slow.xml');
      write(m.db, { pid: 999_999, host: 'gone', since: '2020-01-01T00:00:00Z', command: 'fetch' });
      const [a, b] = [startFetch(m), startFetch(m)];
      const codes = [(await a.done).code, (await b.done).code].sort();
      expect(codes).toEqual([0, 75]);
    }
  }, 30_000);
});
