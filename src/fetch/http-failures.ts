// What a failed HTTP attempt is: its error kind, its one-line message, whether a new attempt may
// help and after how long (Retry-After). The messages are written here and read here too
// (isUnreachable), so what they say and how they are told apart stay side by side.
import { messageLine } from '../core/text.js';
import type { FetchErrorKind } from '../core/fetch-types.js';
import type { FetchSettings } from '../core/config-types.js';
import { TooLarge, UnsupportedEncoding } from './body.js';

/** A failure of one attempt; `retry` says whether a new attempt may help. */
export class AttemptError extends Error {
  constructor(
    readonly errorKind: FetchErrorKind,
    message: string,
    readonly retry: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now.getTime());
}

export function toAttemptError(e: unknown, s: FetchSettings): AttemptError {
  if (e instanceof AttemptError) return e;
  if (e instanceof TooLarge) return new AttemptError('too-large', e.message, false);
  if (e instanceof UnsupportedEncoding) return new AttemptError('network', e.message, false);
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new AttemptError('timeout', `${CONNECT_TIMEOUT} within ${seconds(s.connectTimeoutMs)}`, true);
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new AttemptError('timeout', `timeout: no response within ${seconds(s.idleTimeoutMs)}`, true);
    case 'UND_ERR_BODY_TIMEOUT':
      return new AttemptError('timeout', `timeout: body stalled for ${seconds(s.idleTimeoutMs)}`, true);
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
    case 'ERR__ERROR_FORMAT_PADDING_1':
      return new AttemptError('network', `corrupt compressed body: ${messageLine(err.message)}`, false);
    case 'ERR_INVALID_URL':
      return new AttemptError('network', `invalid URL: ${messageLine(err.message)}`, false);
  }
  if (code.startsWith('ERR__') || code.startsWith('ERR_BROTLI')) return new AttemptError('network', `corrupt compressed body: ${messageLine(err.message)}`, false);
  if (code.startsWith('HPE_')) return new AttemptError('network', `malformed HTTP response: ${messageLine(err.message)}`, true);
  const detail = [code, err.message ?? String(e)].filter(Boolean).join(' ');
  return new AttemptError('network', `network: ${messageLine(detail)}`, true);
}

/** System error codes that mean the host was never reached: no name resolution, or no route or listener. */
const UNREACHABLE_CODES = /\b(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NODATA|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)\b/;
const CONNECT_TIMEOUT = 'timeout: could not connect';

/**
 * Whether a failure means the host could not be reached at all (DNS, refused, unreachable, no
 * connection within the connect timeout), as opposed to a host that answered badly. It reads the
 * messages toAttemptError writes, so the two stay side by side. Every source failing so is what a
 * machine without network looks like.
 */
export function isUnreachable(errorKind: FetchErrorKind | undefined, message: string | undefined): boolean {
  if (errorKind === 'network') return UNREACHABLE_CODES.test(message ?? '');
  if (errorKind === 'timeout') return (message ?? '').includes(CONNECT_TIMEOUT);
  return false;
}
