// The fetch-log query, written once for both backends: they differ only in how a statement marks
// its parameters (SQLite's `?`, PostgreSQL's `$1`).

export interface LogQuery {
  sourceId?: string;
  sinceIso?: string;
  limit?: number;
}

/** Log rows read when the caller names no limit. */
const DEFAULT_LOG_LIMIT = 1000;

/** Newest first: the statement, with `mark(n)` for its n-th (1-based) parameter, and the parameters. */
export function fetchLogQuery(q: LogQuery, mark: (n: number) => string): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.sourceId) {
    params.push(q.sourceId);
    where.push(`source_id = ${mark(params.length)}`);
  }
  if (q.sinceIso) {
    params.push(q.sinceIso);
    where.push(`at >= ${mark(params.length)}`);
  }
  params.push(q.limit ?? DEFAULT_LOG_LIMIT);
  return { sql: `SELECT * FROM fetch_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ${mark(params.length)}`, params };
}
