// vitest globalSetup: a PostgreSQL server for the archive tests. CI may start one and say where
// in VRIC_TEST_PG; otherwise this starts a throwaway cluster with .ci/pg-cluster (never installing
// packages) and stops it after the run. The URL goes into process.env, which the forked test
// workers inherit. Without a server the PostgreSQL tests are skipped, and the run says so loudly.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../.ci/pg-cluster', import.meta.url));

/** Names test databases of this run, so a teardown on a server we didn't start drops only ours. */
const RUN_TAG = `${process.pid.toString(36)}${Date.now().toString(36)}`;

function unavailable(reason: string): void {
  process.env.VRIC_TEST_PG_UNAVAILABLE = reason;
  delete process.env.VRIC_TEST_PG;
  process.stderr.write(`\n!!! PostgreSQL tests SKIPPED: ${reason}\n\n`);
}

export default async function setup(): Promise<(() => Promise<void>) | void> {
  process.env.VRIC_TEST_PG_RUN = RUN_TAG;
  const given = process.env.VRIC_TEST_PG;
  if (given === 'off') return unavailable('VRIC_TEST_PG=off');
  // A server someone else runs is theirs to stop; we only drop the databases this run made.
  if (given) return () => dropRunDatabases(given);

  // Directly under /tmp: the cluster's socket path must stay short, and the postgres user must reach it.
  const dir = fs.mkdtempSync(path.join('/tmp', 'vric-pg-'));
  try {
    const { stdout } = await run(script, ['start', dir], {
      env: { ...process.env, PG_CLUSTER_NO_INSTALL: '1' },
      timeout: 120_000,
    });
    const url = stdout.trim().split('\n').pop() ?? '';
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`pg-cluster printed no URL (${JSON.stringify(stdout)})`);
    process.env.VRIC_TEST_PG = url;
  } catch (e) {
    await run(script, ['stop', dir]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim();
    const said = stderr.split('\n').filter((l) => l.startsWith('pg-cluster:')).pop();
    return unavailable(said ?? (e as Error).message.split('\n')[0]!);
  }
  return async () => {
    await run(script, ['stop', dir]).catch((e: Error) => process.stderr.write(`pg-cluster stop: ${e.message}\n`));
  };
}

async function dropRunDatabases(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
      `vric_t_${RUN_TAG}_`,
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } catch (e) {
    process.stderr.write(`could not drop this run's test databases: ${(e as Error).message}\n`);
  } finally {
    await admin.end().catch(() => {});
  }
}
