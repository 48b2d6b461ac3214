// Text from outside (here a feed's charset name) never reaches the terminal or the log file with
// its escape sequences: text lines lose them, JSON lines carry them escaped.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { tmpDir } from '../helpers/tmp.js';

const HOSTILE = '\x1b]0;pwned\x07\x1b[2J\x9b31m';
const RSS = `<?xml version="1.0" encoding="x${HOSTILE}y"?><rss version="2.0"><channel><title>t</title><item><title>Venezuela y China</title><link>https://example.org/a</link></item></channel></rss>`;
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.route('/feed.xml', serve(RSS));
});
afterAll(() => server.close());

describe('a hostile charset name', () => {
  it('is logged without control characters, on stderr and in the log file, text and JSON', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'sources.yaml'), `sources:\n  - id: evil\n    name: Evil\n    url: ${server.url('/feed.xml')}\n    language: es\n    ownership: independent\n`);
    const text = await runCli(['fetch', '--config', 'sources.yaml', '--log-file', 'run.log'], { cwd: dir });
    const log = fs.readFileSync(path.join(dir, 'run.log'), 'utf8');
    for (const out of [text.stderr, log]) {
      expect(out).toMatch(/\[evil\] note: unknown encoding "x[^"]*y" in the XML declaration, ignored/);
      expect(out).not.toContain('pwned\x07');
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    }
    const json = await runCli(['fetch', '--config', 'sources.yaml', '--log-format', 'json'], { cwd: dir });
    expect(json.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    const warned = json.stderr.trim().split('\n').map((l) => JSON.parse(l)).find((r) => /unknown encoding/.test(r.message));
    // Escaped, not lost: the JSON line still says exactly what the feed declared.
    expect(warned.message).toContain('"x\x1b]0;pwned\x07\x1b[2J');
  });
});
