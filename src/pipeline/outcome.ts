// What a collection run comes to, for the exit code and the one summary line: every source
// failing is not the same as some failing, and the summary says what the failures have in common.
import { EXIT } from '../core/errors.js';
import type { FetchErrorKind } from '../core/fetch-types.js';
import { isUnreachable } from '../fetch/http-failures.js';

export interface RunOutcome {
  /** 0: nothing failing; 3 (partial): some failing; 6 (allFailed): none working. */
  exitCode: typeof EXIT.ok | typeof EXIT.partial | typeof EXIT.allFailed;
  /** With exit 6: the likely cause, for the operator to act on. */
  hint?: string;
}

export interface Failure {
  errorKind?: FetchErrorKind;
  error?: string;
  /** The host the source is fetched from ('file:' for a file source). */
  host: string;
}

/**
 * The rule: every source attempted failed -> 6; nothing attempted and every source (not left to
 * another collector) failing, backing off -> 6; any source failing, attempted now or backing off
 * -> 3; otherwise 0. A failing source not due this run still counts: the run did not get it.
 */
export function runOutcome(run: { attempted: number; failed: Failure[]; inScope: number; failing: number }): RunOutcome {
  if (run.attempted > 0 && run.failed.length === run.attempted) {
    return { exitCode: EXIT.allFailed, hint: `every source failed: ${likelyCause(run.failed)}` };
  }
  if (run.attempted === 0 && run.inScope > 0 && run.failing === run.inScope) {
    return {
      exitCode: EXIT.allFailed,
      hint: 'every source is failing and none was due (they are backing off); see vric sources status, and vric fetch --force once the cause is fixed',
    };
  }
  return { exitCode: run.failing > 0 || run.failed.length > 0 ? EXIT.partial : EXIT.ok };
}

/** What the failures of a run in which every source failed have in common. */
export function likelyCause(failed: readonly Failure[]): string {
  const hosts = new Set(failed.map((f) => f.host)).size;
  const on = hosts === 1 ? 'its one host' : hosts === 2 ? 'both hosts' : `all ${hosts} hosts`;
  const count = (p: (f: Failure) => boolean) => failed.filter(p).length;
  if (failed.every((f) => isUnreachable(f.errorKind, f.error))) {
    return `DNS or connection failures on ${on}: is the network down?`;
  }
  if (failed.every((f) => f.errorKind === 'timeout' || isUnreachable(f.errorKind, f.error))) {
    return `timeouts or connection failures on ${on}: is the network down or very slow, or a firewall dropping connections?`;
  }
  if (failed.every((f) => f.errorKind === 'network' || f.errorKind === 'timeout')) {
    return `network errors on ${on} (resets, TLS): a proxy or firewall in the way?`;
  }
  if (failed.every((f) => f.errorKind === 'file-error')) {
    return 'no feed file could be read: check the file: paths in sources.yaml (relative to it)';
  }
  if (failed.every((f) => f.errorKind === 'not-a-feed' || f.errorKind === 'parse-error')) {
    return 'no answer was a readable feed: a captive portal or proxy answering in the sites\' place?';
  }
  if (failed.every((f) => f.errorKind === 'http-4xx' || f.errorKind === 'http-5xx' || f.errorKind === 'gone')) {
    const c4 = count((f) => f.errorKind !== 'http-5xx');
    return `every server answered with an HTTP error (${c4} 4xx, ${failed.length - c4} 5xx): a proxy refusing, or the addresses changed? see vric sources status`;
  }
  const kinds = new Map<string, number>();
  for (const f of failed) kinds.set(f.errorKind ?? 'error', (kinds.get(f.errorKind ?? 'error') ?? 0) + 1);
  const mix = [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${n} ${k}`).join(', ');
  return `no common cause (${mix}); see vric sources status`;
}
