// Reaching the PostgreSQL server: the pool, what a failure to reach it tells the operator, and the
// two ways the archive talks to it (one query on a pooled connection; a transaction, retried when
// the server picks it as a deadlock victim).
import pg from 'pg';
import { VricError, EXIT } from '../../core/errors.js';
import { redactUrl } from '../spec.js';

/** Connections per archive: a collector writes one batch at a time, and a build reads one query at a time. */
const POOL_SIZE = 4;
/** Retries of a whole transaction the server aborted as a deadlock victim or serialization failure. */
const RETRIES = 2;
const RETRYABLE = new Set(['40P01', '40001']);

/** A driver or network error as one line: its code (ECONNREFUSED, 28P01…) and what it says. */
export function describeCause(e: unknown, password: string): string {
  const err = e as { code?: unknown; message?: unknown; errors?: { message?: string }[] };
  // Node reports a refused connection to a name with several addresses as an AggregateError
  // whose own message is empty.
  let message = typeof err?.message === 'string' && err.message ? err.message : (err?.errors?.[0]?.message ?? String(e));
  const code = typeof err?.code === 'string' ? err.code : undefined;
  if (code && !message.includes(code)) message = `${message} (${code})`;
  return password ? message.split(password).join('***') : message;
}

export function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

/**
 * Not reaching the server (refused, unknown host, timeout, wrong password, no such database) is a
 * problem of the environment, not of how vric was called: exit 1, like any failure that the same
 * command may not meet a minute later, not 2 ("fix the command line"), which scripts treat as final.
 */
export function connectionError(url: string, e: unknown): VricError {
  return new VricError(
    `cannot connect to the PostgreSQL archive ${redactUrl(url)}: ${describeCause(e, passwordOf(url))}`,
    EXIT.internal,
  );
}

export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The archive's connections to one server. */
export class PostgresConnections {
  private constructor(
    private readonly pool: pg.Pool,
    /** The archive's URL, for messages (redacted there). */
    readonly url: string,
  ) {}

  /** A pool and its first connection, which the caller releases (it migrates on it first). */
  static async open(url: string): Promise<{ connections: PostgresConnections; first: pg.PoolClient }> {
    const pool = new pg.Pool({
      connectionString: url,
      max: POOL_SIZE,
      application_name: 'vric',
      // A server that drops packets would otherwise leave vric waiting forever.
      connectionTimeoutMillis: 15_000,
      // Idle connections must not keep a finished command's process alive.
      allowExitOnIdle: true,
    });
    // An idle connection the server closes (a restart, an administrator) is reported here; without a
    // listener Node would end the process. The pool drops that connection and the next query opens another.
    pool.on('error', () => {});
    try {
      return { connections: new PostgresConnections(pool, url), first: await pool.connect() };
    } catch (e) {
      await pool.end().catch(() => {});
      throw connectionError(url, e);
    }
  }

  /** A pooled connection; failing to get one is reported like failing to open the archive. */
  async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw connectionError(this.url, e);
    }
  }

  async query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>> {
    const c = await this.connect();
    try {
      return await c.query<R>(config);
    } finally {
      c.release();
    }
  }

  /**
   * Runs `work` in a transaction, again from the start when the server aborted it to break a
   * deadlock or a serialization conflict (rows are locked in one order, so that is rare: a url
   * shared between two sources' batches, say). `work` must have no effect outside the database.
   */
  async transaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const c = await this.connect();
      let broken: Error | undefined;
      try {
        await c.query('BEGIN');
        const out = await work(c);
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        if (attempt >= RETRIES || !RETRYABLE.has(errorCode(e) ?? '')) throw e;
      } finally {
        c.release(broken);
      }
      // A short random pause, so the two transactions don't meet again at the same moment.
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (attempt + 1)));
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
