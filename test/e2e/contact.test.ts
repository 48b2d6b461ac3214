// A contact address publishers cannot reach (the starter placeholder, any example.org/.com address,
// or none) is warned about by `sources check` and `fetch`, once per run, at sources.yaml's line.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { tmpDir } from '../helpers/tmp.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.route('/a.xml', serve(fs.readFileSync(path.join(ROOT, 'sample', 'feeds', 'stabroek.xml'))));
  server.route('/b.xml', serve(fs.readFileSync(path.join(ROOT, 'sample', 'feeds', 'folha.xml'))));
});
afterAll(() => server.close());

/** A monitor of two loopback feeds; `fetchBlock` is the top-level fetch: block, as written. */
function monitor(fetchBlock: string): { cfg: string; db: string } {
  const d = tmpDir();
  const cfg = path.join(d, 'sources.yaml');
  fs.writeFileSync(cfg, `${fetchBlock}policy:
  stateMediaCap: 0.2
sources:
  - id: a
    name: Paper A
    url: ${server.url('/a.xml')}
    language: en
    ownership: independent
  - id: b
    name: Paper B
    url: ${server.url('/b.xml')}
    language: pt
    ownership: independent
`);
  return { cfg, db: path.join(d, 'archive.sqlite') };
}

const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.includes('fetch.contact'));

describe('a contact publishers cannot reach', () => {
  it('the starter placeholder: fetch warns once (even --quiet), at its line, and sends it all the same', async () => {
    const { cfg, db } = monitor('fetch:\n  timeout: 10s\n  contact: monitor@example.org   # CHANGE THIS\n');
    const r = await runCli(['fetch', '--config', cfg, '--db', db, '--quiet']);
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toEqual([
      `warn: ${cfg}:3: fetch.contact is the placeholder monitor@example.org: publishers cannot reach you about your requests; set it to an address you read (it is sent in the User-Agent)`,
    ]);
    expect(server.requests.at(-1)!.headers['user-agent']).toContain('contact: monitor@example.org');
  });

  it('sources check warns too, and lists the warning in --json; a missing contact is the same problem', async () => {
    const { cfg } = monitor('');
    const r = await runCli(['sources', 'check', '--config', cfg, '--json']);
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toEqual([
      `warn: ${cfg}: fetch.contact is not set: publishers cannot reach you about your requests; set it to an address you read (it is sent in the User-Agent)`,
    ]);
    expect((JSON.parse(r.stdout) as { warnings: string[] }).warnings).toEqual([expect.stringContaining('fetch.contact is not set')]);
  });

  it('any example.com address, top-level or a source\'s own, is a placeholder', async () => {
    const { cfg } = monitor('fetch:\n  contact: https://www.example.com/contact\n');
    const r = await runCli(['sources', 'check', '--config', cfg]);
    expect(warnings(r.stderr)).toEqual([expect.stringContaining(`${cfg}:2: fetch.contact is the placeholder https://www.example.com/contact:`)]);
  });

  it('a real address: no warning', async () => {
    const { cfg, db } = monitor('fetch:\n  contact: newsdesk@vric-monitor.net\n');
    const check = await runCli(['sources', 'check', '--config', cfg]);
    const fetch = await runCli(['fetch', '--config', cfg, '--db', db]);
    expect(check.code).toBe(0);
    expect(fetch.code).toBe(0);
    expect(check.stderr + fetch.stderr).not.toMatch(/contact/);
  });
});
