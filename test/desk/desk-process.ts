// Starts the real `vric desk` as a subprocess (bin/vric.js over dist/) and reads the address it
// prints as its first stdout line; a small HTTP client that can send any Host header and cookie.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { BIN, ROOT, runCli } from '../helpers/cli.js';

export const SAMPLE_PERIOD = '2026-09..2026-10';
export const SAMPLE_ENV = { VRIC_NOW: '2026-11-02T06:00:00Z', VRIC_DB: '' };

export interface Desk {
  child: ChildProcess;
  /** http://127.0.0.1:PORT/?token=… as printed. */
  url: string;
  origin: string;
  token: string;
  stderr: () => string;
  /** SIGTERM (or the signal given), then the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `vric fetch` of the bundled sample into the archive DB (a SQLite path or a postgres:// URL). */
export async function fetchSample(db: string): Promise<string> {
  const r = await runCli(['fetch', '--config', 'sample/sources.yaml', '--db', db, '--quiet'], { env: SAMPLE_ENV });
  if (r.code !== 0) throw new Error(`sample fetch failed (${r.code}): ${r.stderr}`);
  return db;
}

export function startDesk(args: string[], env: Record<string, string> = SAMPLE_ENV): Promise<Desk> {
  // No display: even a forgotten --no-open could not open anything here.
  const child = spawn(process.execPath, [BIN, 'desk', '--port', '0', '--no-open', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`desk printed no address in 30 s; stderr: ${err}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`desk exited (${code}) before printing its address; stderr: ${err}`));
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const first = out.slice(0, nl);
      const m = /^desk: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)$/.exec(first);
      if (!m) return reject(new Error(`unexpected first line: ${first}`));
      resolve({
        child,
        url: first.slice('desk: '.length),
        origin: m[1]!,
        token: m[2]!,
        stderr: () => err,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
  });
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with full control of the headers (fetch refuses to send a foreign Host). */
export function request(origin: string, pathAndQuery: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const u = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: pathAndQuery, method: opts.method ?? 'GET', headers: { host: u.host, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The session cookie, as the redirect from ?token= sets it. */
export const cookie = (token: string) => ({ cookie: `vric_desk=${token}` });
