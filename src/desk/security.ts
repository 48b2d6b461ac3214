// The desk's guard, applied to every request before any route sees it: the Host header must name
// the address the desk is bound to (a DNS-rebinding page gets 421), the session token must come
// with the request (once in ?token=, then in an HttpOnly SameSite=Strict cookie; else 403), and
// every POST must carry the session's CSRF token (else 403). Every response, refusals included,
// carries the headers that keep the page from loading, framing or leaking anything.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const COOKIE = 'vric_desk';
export const CSRF_FIELD = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Nothing from elsewhere, no inline script or style, no framing, no form posting elsewhere. */
export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  // same-origin, not no-referrer: under no-referrer a browser posts the desk's own forms with
  // "Origin: null", and the origin check below would refuse them. Nothing leaves for other sites:
  // links out carry rel=noreferrer, and the token is gone from the address after the first visit.
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** One desk run's secrets: made at start, never written anywhere but the printed URL. */
export interface Session {
  token: string;
  csrf: string;
  /** The outcome of the last decision, shown once on the next page. */
  flash?: { refused: boolean; text: string };
}

export function newSession(): Session {
  return { token: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url') };
}

/**
 * Constant-time comparison. Both sides are hashed first, so the comparison takes the same time
 * whatever the given value's length (timingSafeEqual itself needs equal lengths).
 */
export function sameSecret(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

/**
 * Checks Host, then the session token (query or cookie). A valid ?token= sets the cookie and
 * redirects to the same address without it, so the token does not stay in the address bar,
 * the history or a copied link. False: the request is answered already (refused or redirected).
 */
export function guardRequest(req: IncomingMessage, res: ServerResponse, url: URL, session: Session, origin: string): boolean {
  if (req.headers.host !== new URL(origin).host) {
    refuse(res, 421, 'this desk answers only at its own address');
    return false;
  }
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) {
    if (!sameSecret(fromQuery, session.token)) {
      refuse(res, 403, 'wrong session token: open the address vric desk printed');
      return false;
    }
    url.searchParams.delete('token');
    res.writeHead(303, {
      ...SECURITY_HEADERS,
      'Set-Cookie': `${COOKIE}=${session.token}; HttpOnly; SameSite=Strict; Path=/`,
      Location: url.pathname + url.search,
    });
    res.end();
    return false;
  }
  if (!sameSecret(cookieValue(req.headers.cookie, COOKIE), session.token)) {
    refuse(res, 403, 'no session: open the address vric desk printed');
    return false;
  }
  return true;
}

/** A state-changing request: same origin (when the browser says), and the session's CSRF token. */
export function csrfAllowed(req: IncomingMessage, form: URLSearchParams, session: Session, origin: string): boolean {
  const from = req.headers.origin;
  if (from !== undefined && from !== origin) return false;
  const header = req.headers[CSRF_HEADER];
  const given = typeof header === 'string' ? header : form.get(CSRF_FIELD);
  return sameSecret(given, session.csrf);
}
