// `vric --version`: vric's version from package.json, Node, the bundled SQLite and, when the
// archive is PostgreSQL, the server's version (or why it cannot be reached), through the real CLI.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { freshPgUrl, pgAvailable, skipReason } from '../helpers/pg.js';

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('vric --version', () => {
  it('prints vric (from package.json), Node and SQLite; no PostgreSQL line for a SQLite archive', async () => {
    const r = await runCli(['--version'], { env: { VRIC_DB: '' } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(`vric ${PKG.version}`);
    expect(lines[1]).toBe(`node ${process.versions.node}`);
    expect(lines[2]).toMatch(/^sqlite 3\.\d+\.\d+ \(better-sqlite3\)$/);
    expect(lines).toHaveLength(3);
    const short = await runCli(['-V', '--db', '/tmp/some.sqlite'], { env: { VRIC_DB: '' } });
    expect(short.stdout).toBe(r.stdout);
  });

  it('a PostgreSQL archive that does not answer: "unreachable" and why, quickly, exit 0, password hidden', async () => {
    const probe = http.createServer();
    await new Promise<void>((res) => probe.listen(0, '127.0.0.1', res));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((res) => probe.close(() => res()));
    const r = await runCli(['--version'], { env: { VRIC_DB: `postgres://vric:s3cret@127.0.0.1:${port}/monitor` } });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')[3]).toBe(`postgresql unreachable: connect ECONNREFUSED 127.0.0.1:${port} (postgres://vric:***@127.0.0.1:${port}/monitor)`);
    expect(r.stdout).not.toContain('s3cret');
  });

  it.skipIf(!pgAvailable())(`the PostgreSQL server's version when --db names one${pgAvailable() ? '' : ` [skipped: ${skipReason}]`}`, async () => {
    const url = await freshPgUrl();
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: url });
    await client.connect();
    const server = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    await client.end();
    const r = await runCli(['--db', url, '--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')[3]!.startsWith(`postgresql ${server} (postgres://`)).toBe(true);
  });
});
