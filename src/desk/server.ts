// The desk's local web server (node:http): every request passes the guard (security.ts), then a
// route. Reading routes are GETs; every state-changing route is a POST behind the CSRF check, so
// every action is protected by construction. A decision is posted as a form, then the browser is
// sent back to the page it came from (post, redirect, get), with the outcome shown once on it.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VricError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { PeriodReview } from '../pipeline/review.js';
import type { DeskAssets } from './assets.js';
import { parseFilters } from './filters.js';
import { periodPageView } from './period-page.js';
import { csrfAllowed, guardRequest, newSession, refuse, SECURITY_HEADERS, type Session } from './security.js';

/** A form post is a few fields; anything bigger is not the desk's own page talking. */
const MAX_BODY_BYTES = 64 * 1024;

export interface DeskOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** The period as the desk shows it, as it stands now (decisions made since included). */
  review: () => Promise<PeriodReview>;
  /** Makes the decisions a posted form asks for; says what was stored, or throws a VricError saying why not. */
  decide: (form: URLSearchParams) => Promise<string>;
  /** The edition's page exactly as `vric build` would write it now. */
  preview: () => Promise<string>;
  assets: DeskAssets;
  logger: Logger;
}

export interface RunningDesk {
  /** http://HOST:PORT, the only origin the desk answers for. */
  origin: string;
  /** The address to open: the origin with the session token. */
  url: string;
  close(): Promise<void>;
}

interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  session: Session;
  opts: DeskOptions;
}

type Route = (ctx: Context, form: URLSearchParams) => Promise<void> | void;

const GET_ROUTES: Record<string, Route> = {
  /** Browsers ask for it unprompted; an empty answer keeps their console free of a 404. */
  '/favicon.ico': ({ res }) => {
    res.writeHead(204, SECURITY_HEADERS);
    res.end();
  },
  '/': async ({ res, url, session, opts }) => {
    const flash = session.flash;
    delete session.flash;
    const view = periodPageView(await opts.review(), parseFilters(url.searchParams), session.csrf, flash, url.search);
    send(res, 200, 'text/html; charset=utf-8', opts.assets.periodPage(view));
  },
  /** The edition as it would be published, under the edition's own policy: styles inline, no script at all. */
  '/preview': async ({ res, opts }) => {
    const body = await opts.preview();
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Security-Policy': PREVIEW_CSP, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  },
};

/** The published page's own policy (templates/digest.html.hbs), and no framing. */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Where to send the browser after a decision: the page's own filters, never another address. */
function backTo(form: URLSearchParams): string {
  const back = form.get('back') ?? '';
  const query = /^\?[A-Za-z0-9=&%+._~-]{0,2000}$/.test(back) ? back : '';
  const item = form.get('item') ?? '';
  return `/${query}${/^[A-Za-z0-9_-]{1,100}$/.test(item) ? `#item-${item}` : ''}`;
}

const POST_ROUTES: Record<string, Route> = {
  /** Harmless: lets the page (and the tests) check that a POST with the session's CSRF token gets through. */
  '/ping': ({ res }) => send(res, 200, 'text/plain; charset=utf-8', 'pong\n'),
  /** Every decision the page makes: stored, or refused with the reason, shown on the page it returns to. */
  '/decide': async ({ res, session, opts }, form) => {
    try {
      session.flash = { refused: false, text: await opts.decide(form) };
    } catch (e) {
      if (!(e instanceof VricError)) throw e;
      session.flash = { refused: true, text: e.message };
    }
    res.writeHead(303, { ...SECURITY_HEADERS, Location: backTo(form), 'Content-Length': 0 });
    res.end();
  },
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the bound the rest is read and dropped, so the 413 page can still be sent; the
      // connection is closed after it.
      if (size > MAX_BODY_BYTES) resolve(null);
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const type = req.headers['content-type'] ?? '';
      resolve(type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : new URLSearchParams());
    });
    req.on('error', reject);
  });
}

async function handle(ctx: Context, origin: string): Promise<void> {
  const { req, res, url, session } = ctx;
  if (!guardRequest(req, res, url, session, origin)) return;
  if (req.method === 'GET' || req.method === 'HEAD') {
    const asset = ctx.opts.assets.files.get(url.pathname);
    if (asset) return send(res, 200, asset.type, asset.body);
    const route = GET_ROUTES[url.pathname];
    return route ? route(ctx, new URLSearchParams()) : refuse(res, 404, 'not found');
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'GET, HEAD, POST');
    return refuse(res, 405, 'method not allowed');
  }
  const form = await readForm(req);
  if (!form) {
    res.setHeader('Connection', 'close');
    res.on('finish', () => req.destroy());
    return refuse(res, 413, 'request too large');
  }
  if (!csrfAllowed(req, form, session, origin)) return refuse(res, 403, 'missing or wrong CSRF token: reload the desk page');
  const route = POST_ROUTES[url.pathname];
  return route ? route(ctx, form) : refuse(res, 404, 'not found');
}

export function startDesk(opts: DeskOptions): Promise<RunningDesk> {
  const session = newSession();
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    handle({ req, res, url, session, opts }, origin).catch((e: unknown) => {
      opts.logger.error(`desk: ${(e as Error)?.message ?? String(e)}`);
      if (!res.headersSent) refuse(res, 500, 'the desk could not answer this request (see its log)');
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      // As a browser writes it (no :80), so the Origin and Host checks compare like with like.
      origin = new URL(`http://${host}:${port}`).origin;
      resolve({
        origin,
        url: `${origin}/?token=${session.token}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
