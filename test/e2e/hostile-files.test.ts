// `file:` sources are bounded like HTTP ones: a FIFO, a device, a directory and a file over
// maxBytes, each beside a good file, through the real CLI. Before, the FIFO held the run (and the
// archive's lock) forever and /dev/zero grew the process by gigabytes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

describe('vric fetch on hostile files', () => {
  it('refuses what is not a regular file, caps the size, ends promptly, and stores the good file', async () => {
    const d = tmpDir();
    const fifo = path.join(d, 'feed.fifo');
    execFileSync('mkfifo', [fifo]);
    const big = path.join(d, 'big.xml');
    fs.writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 0x20));
    const good = path.join(ROOT, 'test', 'fixtures', 'feeds', 'rss2-es-hostile.xml');
    const files: Record<string, string> = { good, fifo, zero: '/dev/zero', dir: d, big };
    const sources = Object.entries(files)
      .map(([id, file]) => `  - id: ${id}\n    name: ${id}\n    file: ${file}\n    language: es\n    ownership: independent`)
      .join('\n');
    const cfg = path.join(d, 'sources.yaml');
    fs.writeFileSync(cfg, `fetch:\n  timeout: 3s\n  maxBytes: 1MiB\nsources:\n${sources}\n`);
    const db = path.join(d, 'a.sqlite');
    const rssFile = path.join(d, 'rss');
    const r = await runCli(['fetch', '--config', cfg, '--db', db, '--json'], {
      timeoutMs: 30_000,
      env: { NODE_OPTIONS: `--require ${path.join(ROOT, 'bench', 'rss-probe.cjs')}`, VRIC_BENCH_RSS: rssFile },
    });
    expect(r.signal, r.stderr).toBeNull();
    expect(r.code, r.stderr).toBe(3);
    expect(r.ms).toBeLessThan(10_000);
    // /dev/zero read to the end would take every byte of memory; a bounded read keeps it small.
    expect(Number(fs.readFileSync(rssFile, 'utf8'))).toBeLessThan(300 * 1024 * 1024);

    const byId = new Map<string, { status: string; errorKind?: string; error?: string }>(JSON.parse(r.stdout).sources.map((s: { id: string }) => [s.id, s]));
    expect(Object.fromEntries([...byId].map(([id, s]) => [id, s.errorKind ?? s.status]))).toEqual({
      good: 'ok', fifo: 'file-error', zero: 'file-error', dir: 'file-error', big: 'too-large',
    });
    expect(byId.get('fifo')!.error).toBe(`[fifo] file-error: ${fifo} is a FIFO (named pipe), not a regular file; only a regular file is read`);
    expect(byId.get('zero')!.error).toContain('/dev/zero is a character device, not a regular file');
    expect(byId.get('dir')!.error).toContain(`${d} is a directory, not a regular file`);
    expect(byId.get('big')!.error).toBe(`[big] too-large: ${big} has 2097152 bytes, more than the 1048576-byte limit`);
    for (const id of ['fifo', 'zero', 'dir', 'big']) expect(r.stderr).toMatch(new RegExp(`^warn: \\[${id}\\] .+$`, 'm'));

    const conn = new Database(db, { readonly: true });
    const counts = conn.prepare('SELECT source_id, count(*) AS n FROM items GROUP BY source_id').all() as { source_id: string; n: number }[];
    conn.close();
    expect(counts.map((c) => c.source_id)).toEqual(['good']);
    expect(counts[0]!.n).toBeGreaterThan(0);
  }, 40_000);
});
