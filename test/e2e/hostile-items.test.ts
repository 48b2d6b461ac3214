// Issue 16, point 2, through the real CLI into a real SQLite file: a feed with one reference to a
// forbidden character, one with an entry nested 100,000 deep, and a UTF-8 feed with one stray
// byte are each stored with every other item intact, and the run says what was dropped.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

let srv: FeedServer;
const feed = (id: string, ...titles: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${id}</title>` +
  titles.map((t, i) => `<item><title>${t}</title><link>https://${id}.example/${i}</link></item>`).join('') +
  '</channel></rss>';

beforeAll(async () => {
  srv = await startFeedServer();
  srv.route('/ref', serve(feed('ref', 'Primera nota', 'Antes&#x1B;después', 'Tercera nota')));
  srv.route('/deep', serve(feed('deep', 'Primera nota', '<b>'.repeat(100_000) + 'x' + '</b>'.repeat(100_000), 'Tercera nota')));
  const cyr = Buffer.from(feed('stray', 'Москва и Каракас подписали соглашение', 'Второе сообщение агентства'), 'utf8');
  const at = cyr.indexOf(Buffer.from('агентства', 'utf8'));
  srv.route('/stray', serve(Buffer.concat([cyr.subarray(0, at), Buffer.from([0xff]), cyr.subarray(at)]), 'application/rss+xml; charset=utf-8'));
});
afterAll(async () => {
  await srv.close();
});

describe('vric fetch with one bad item per feed', () => {
  it('stores every other item of each feed and warns about the one it dropped', async () => {
    const d = tmpDir();
    const cfg = path.join(d, 'sources.yaml');
    const sources = ['ref', 'deep', 'stray']
      .map((id) => `  - id: ${id}\n    name: ${id}\n    url: ${srv.url('/' + id)}\n    language: es\n    ownership: independent\n`)
      .join('');
    fs.writeFileSync(cfg, `fetch:\n  contact: ops@example.org\npolicy:\n  stateMediaCap: 0.2\nsources:\n${sources}`);
    const db = path.join(d, 'a.sqlite');
    const logFile = path.join(d, 'fetch.log');
    const r = await runCli(['fetch', '--config', cfg, '--db', db, '--log-file', logFile]);
    expect(r.code, r.stderr).toBe(0);
    const log = fs.readFileSync(logFile, 'utf8').replace(/^\S+ /gm, ''); // without the time stamps
    expect(log).toMatch(/^\[ref\] ok: 3 items$/m);
    expect(log).toMatch(/^\[deep\] ok: 2 items$/m);
    expect(log).toMatch(/^\[stray\] ok: 2 items$/m);
    // Each drop is told, one line naming the source.
    expect(log).toMatch(/^\[ref\] note: dropped 1 character reference to characters XML forbids/m);
    expect(log).toMatch(/^\[deep\] note: dropped 1 entry nested deeper than 1000 elements$/m);
    expect(log).toMatch(/^\[stray\] note: 1 byte sequence is not valid UTF-8 in otherwise UTF-8 text; replaced with U\+FFFD$/m);

    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT source_id, title FROM items ORDER BY source_id, url').all() as { source_id: string; title: string }[];
    conn.close();
    const of = (id: string) => rows.filter((t) => t.source_id === id).map((t) => t.title);
    expect(of('ref')).toEqual(['Primera nota', 'Antesdespués', 'Tercera nota']);
    expect(of('deep')).toEqual(['Primera nota', 'Tercera nota']);
    expect(of('stray')).toEqual(['Москва и Каракас подписали соглашение', 'Второе сообщение \uFFFDагентства']);
  });
});
