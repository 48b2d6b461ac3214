// Every numeric fetch setting has bounds, checked when sources.yaml is read: exit 2 before anything
// is fetched, one line per problem naming the file, the line, the source and the limit.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const CONFIG = `fetch:
  timeout: 25d
  maxBytes: 0
sources:
  - id: zero
    name: Zero
    url: https://example.org/feed.xml
    language: es
    ownership: independent
    every: 0s
    fetch:
      timeout: 0
      connectTimeout: 2h
      idleTimeout: 50ms
      concurrency: 0
      perHost: 100
      retries: 50
      maxRetryAfter: 2d
      maxRedirects: 99
      maxBytes: 2GiB
  - id: fine
    name: Fine
    url: https://example.org/other.xml
    language: es
    ownership: independent
    every: 6h
    fetch:
      timeout: 30s
      maxRetryAfter: 0s
      retries: 0
`;

describe('fetch settings out of bounds', () => {
  it('are each refused with the limit, the file:line and the source, exit 2, nothing fetched', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'sources.yaml'), CONFIG);
    const r = await runCli(['fetch', '--config', 'sources.yaml', '--db', 'a.sqlite'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      `vric: sources.yaml has 12 problems; nothing was done`,
      `  sources.yaml:10: source "zero": every must be from 1m to 366d (got 0s)`,
      `  sources.yaml:13: source "zero": fetch.connectTimeout must be from 100ms to 1h (got 2h)`,
      `  sources.yaml:12: source "zero": fetch.timeout must be from 100ms to 1h (got 0)`,
      `  sources.yaml:14: source "zero": fetch.idleTimeout must be from 100ms to 1h (got 50ms)`,
      `  sources.yaml:20: source "zero": fetch.maxBytes must be from 1KiB to 1GiB (got 2GiB)`,
      `  sources.yaml:15: source "zero": fetch.concurrency must be from 1 to 256 (got 0)`,
      `  sources.yaml:16: source "zero": fetch.perHost must be from 1 to 64 (got 100)`,
      `  sources.yaml:17: source "zero": fetch.retries must be from 0 to 10 (got 50)`,
      `  sources.yaml:18: source "zero": fetch.maxRetryAfter must be from 0s to 1h (got 2d)`,
      `  sources.yaml:19: source "zero": fetch.maxRedirects must be from 0 to 20 (got 99)`,
      `  sources.yaml:2: fetch.timeout must be from 100ms to 1h (got 25d)`,
      `  sources.yaml:3: fetch.maxBytes must be from 1KiB to 1GiB (got 0)`,
      '',
    ]);
    expect(fs.existsSync(path.join(dir, 'a.sqlite'))).toBe(false);
  });
});
