// A loopback HTTP server for fetch tests: real sockets, real bytes, hostile behaviours on demand.
// Each route is a handler; the helpers below build the usual ones (hang, drip, redirect, bomb...).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface FeedServer {
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  route(path: string, handler: Handler): void;
  /** Requests seen per path (pathname + search), with their headers. */
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Handler>();
  const requests: FeedServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path) ?? routes.get(path.split('?')[0]!);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    handler(req, res);
  });
  // Hanging handlers keep sockets open; errors from clients that gave up are expected.
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    route: (p, h) => routes.set(p, h),
    requests,
    hits: (p) => requests.filter((r) => r.path === p).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of activeTimers) clearInterval(t);
        activeTimers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const activeTimers = new Set<NodeJS.Timeout>();

export function serve(body: Buffer | string, contentType = 'application/xml', headers: Record<string, string> = {}): Handler {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': String(bytes.length), ...headers });
    res.end(bytes);
  };
}

/** Accepts the request and never answers. */
export function hang(): Handler {
  return () => undefined;
}

/** Sends headers, then the body one byte every intervalMs (a server that never quite finishes). */
export function drip(body: Buffer | string, intervalMs = 1000): Handler {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.flushHeaders();
    let i = 0;
    const t = setInterval(() => {
      if (i >= bytes.length || res.destroyed) {
        clearInterval(t);
        activeTimers.delete(t);
        res.end();
        return;
      }
      res.write(bytes.subarray(i, ++i));
    }, intervalMs);
    activeTimers.add(t);
    res.on('close', () => {
      clearInterval(t);
      activeTimers.delete(t);
    });
  };
}

export function status(code: number, headers: Record<string, string> = {}, body = `status ${code}`): Handler {
  return (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  };
}

export function redirect(location: string, code = 302): Handler {
  return status(code, { location });
}

/** Serves the body only when If-None-Match does not match the ETag; 304 otherwise. */
export function conditional(body: Buffer | string, etag: string, lastModified = 'Mon, 03 Mar 2025 10:00:00 GMT'): Handler {
  const ok = serve(body, 'application/rss+xml', { etag, 'last-modified': lastModified });
  return (req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'last-modified': lastModified });
      res.end();
      return;
    }
    ok(req, res);
  };
}

/** 429 (or 503) with Retry-After on the first `times` requests, then the handler. */
export function rateLimited(retryAfter: string, then: Handler, times = 1, code = 429): Handler {
  let n = 0;
  return (req, res) => {
    if (n++ < times) status(code, { 'retry-after': retryAfter })(req, res);
    else then(req, res);
  };
}

/** A small gzip body that inflates to `decodedBytes` of zeros, made with zlib at test time. */
export async function makeGzipBomb(decodedBytes: number): Promise<Buffer> {
  const gz = zlib.createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    gz.on('end', resolve);
    gz.on('error', reject);
  });
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let left = decodedBytes; left > 0; left -= chunk.length) {
    if (!gz.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => gz.once('drain', r));
  }
  gz.end();
  await done;
  return Buffer.concat(out);
}

export function gzipped(body: Buffer, encoding = 'gzip', contentType = 'application/xml'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-encoding': encoding, 'content-length': String(body.length) });
    res.end(body);
  };
}
