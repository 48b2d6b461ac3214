// PostgreSQL for tests: whether a server is there (test/setup/postgres.ts starts one or learns of
// it), a fresh database per test, and describeBackends to run one suite on SQLite and PostgreSQL.
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { suiteTmpDir } from './tmp.js';

export function pgAvailable(): boolean {
  return Boolean(process.env.VRIC_TEST_PG) && !process.env.VRIC_TEST_PG_UNAVAILABLE;
}

/** Why the PostgreSQL tests are skipped ('' when they aren't). */
export const skipReason: string = pgAvailable()
  ? ''
  : (process.env.VRIC_TEST_PG_UNAVAILABLE ?? 'VRIC_TEST_PG is not set (is test/setup/postgres.ts the globalSetup?)');

let made = 0;

/**
 * The URL of a new, empty database on the test server. `icuLocale` gives it a language's
 * collation as its default (ICU, e.g. 'en-US'), to show the archive does not depend on the default.
 */
export async function freshPgUrl(opts: { icuLocale?: string } = {}): Promise<string> {
  const base = process.env.VRIC_TEST_PG;
  if (!base || !pgAvailable()) throw new Error(`no PostgreSQL server for tests: ${skipReason}`);
  // Unique across forked workers (pid) and, on a shared server, across runs (the setup's tag).
  const name = `vric_t_${process.env.VRIC_TEST_PG_RUN ?? 'x'}_${process.pid}_${++made}`;
  const locale = opts.icuLocale
    ? ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE ${pg.escapeLiteral(opts.icuLocale)}`
    : '';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${locale}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface Backend {
  kind: 'sqlite' | 'postgres';
  /** A new, empty archive's spec: a SQLite path or a PostgreSQL URL. */
  newSpec(): Promise<string>;
}

/** `describe(name)` once per backend; the PostgreSQL one is skipped, with the reason in its title, without a server. */
export function describeBackends(name: string, fn: (backend: Backend) => void): void {
  describe(`${name} [sqlite]`, () =>
    fn({ kind: 'sqlite', newSpec: async () => path.join(suiteTmpDir('vric-archive-'), 'archive.sqlite') }),
  );
  const title = pgAvailable() ? `${name} [postgres]` : `${name} [postgres skipped: ${skipReason}]`;
  describe.skipIf(!pgAvailable())(title, () => fn({ kind: 'postgres', newSpec: () => freshPgUrl() }));
}
