// The desk is safe by construction: without the session token, with a foreign Host header (DNS
// rebinding) or a POST without the CSRF token it refuses; the token in the URL becomes an HttpOnly
// SameSite=Strict cookie and is dropped from the address; every answer carries the strict headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suiteTmpDir } from '../helpers/tmp.js';
import { cookie, fetchSample, request, SAMPLE_PERIOD, startDesk, type Desk } from './desk-process.js';
import path from 'node:path';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

let desk: Desk;
let csrf: string;

beforeAll(async () => {
  const db = await fetchSample(path.join(suiteTmpDir(), 'archive.sqlite'));
  desk = await startDesk(['--config', 'sample/sources.yaml', '--db', db, '--period', SAMPLE_PERIOD]);
  const page = await request(desk.origin, '/', { headers: cookie(desk.token) });
  csrf = /<meta name="csrf-token" content="([\w-]+)">/.exec(page.body)?.[1] ?? '';
  expect(csrf).toMatch(/^[\w-]{40,}$/);
  expect(csrf).not.toBe(desk.token);
}, 120_000);
afterAll(async () => {
  // SIGTERM stops it cleanly: exit 0.
  expect(await desk?.stop()).toBe(0);
  expect(desk.stderr()).toContain('desk: stopped');
});

const form = (fields: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded', ...fields });

describe('the session token', () => {
  it('is required: no token, a wrong token in the URL or in the cookie get 403 and no page', async () => {
    for (const r of [
      await request(desk.origin, '/'),
      await request(desk.origin, '/?token=wrong'),
      await request(desk.origin, `/?token=${desk.token}x`),
      await request(desk.origin, '/', { headers: cookie('wrong') }),
      await request(desk.origin, '/desk.js'),
    ]) {
      expect(r.status).toBe(403);
      expect(r.body).not.toContain('<li');
      expect(r.headers['set-cookie']).toBeUndefined();
    }
  });

  it('in the URL becomes an HttpOnly SameSite=Strict cookie and a redirect to the address without it', async () => {
    const r = await request(desk.origin, `/?reason=kept&token=${desk.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/?reason=kept');
    expect(r.headers['set-cookie']).toEqual([`vric_desk=${desk.token}; HttpOnly; SameSite=Strict; Path=/`]);
    const page = await request(desk.origin, r.headers.location!, { headers: cookie(desk.token) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<li class="candidate kept"');
  });
});

describe('the Host header', () => {
  it('must name the bound address and port: a rebinding name, another port or none is refused', async () => {
    const port = new URL(desk.origin).port;
    for (const host of ['evil.example', `evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:${Number(port) + 1}`]) {
      const r = await request(desk.origin, `/?token=${desk.token}`, { headers: { host, ...cookie(desk.token) } });
      expect(r.status, host).toBe(421);
      expect(r.headers['set-cookie']).toBeUndefined();
    }
  });
});

describe('a POST', () => {
  it('without the CSRF token, or with a wrong one, is refused with 403 even with the session cookie', async () => {
    for (const headers of [form({}), form({ 'x-csrf-token': 'nope' })]) {
      const r = await request(desk.origin, '/ping', { method: 'POST', headers: { ...headers, ...cookie(desk.token) }, body: 'csrf=nope' });
      expect(r.status).toBe(403);
      expect(r.body).toContain('CSRF');
    }
    const noSession = await request(desk.origin, '/ping', { method: 'POST', headers: form({}), body: `csrf=${csrf}` });
    expect(noSession.status).toBe(403);
  });

  it('from another origin is refused even with the token', async () => {
    const r = await request(desk.origin, '/ping', { method: 'POST', headers: { ...form({ origin: 'http://evil.example' }), ...cookie(desk.token) }, body: `csrf=${csrf}` });
    expect(r.status).toBe(403);
  });

  it('with the CSRF token (form field or header) gets through; a decision the desk cannot make is refused on the page it returns to', async () => {
    const field = await request(desk.origin, '/ping', { method: 'POST', headers: { ...form({ origin: desk.origin }), ...cookie(desk.token) }, body: `csrf=${csrf}` });
    expect([field.status, field.body]).toEqual([200, 'pong\n']);
    const header = await request(desk.origin, '/ping', { method: 'POST', headers: { 'x-csrf-token': csrf, ...cookie(desk.token) } });
    expect(header.status).toBe(200);
    const action = await request(desk.origin, '/decide', { method: 'POST', headers: { ...form({}), ...cookie(desk.token) }, body: `csrf=${csrf}&action=bogus&back=https://evil.example/` });
    // Post, redirect, get: back to the desk's own page (never the address a form names), told why.
    expect(action.status).toBe(303);
    expect(action.headers.location).toBe('/');
    const page = await request(desk.origin, '/', { headers: cookie(desk.token) });
    expect(page.body).toMatch(/<p class="flash refused" id="flash" role="status">unknown action &quot;bogus&quot;<\/p>/);
    // Shown once.
    expect((await request(desk.origin, '/', { headers: cookie(desk.token) })).body).not.toContain('id="flash"');
  });

  it('too large a body gets its 413 page, not a reset connection', async () => {
    const r = await request(desk.origin, '/decide', { method: 'POST', headers: { ...form({}), ...cookie(desk.token) }, body: `csrf=${csrf}&text=${'x'.repeat(70 * 1024)}` });
    expect(r.status).toBe(413);
    expect(r.body).toContain('request too large');
  });

  it('other methods get 405', async () => {
    const r = await request(desk.origin, '/', { method: 'PUT', headers: cookie(desk.token) });
    expect(r.status).toBe(405);
  });
});

describe('the headers', () => {
  it('carry the strict CSP, nosniff and a same-origin referrer policy on pages, assets and refusals alike', async () => {
    const replies = {
      page: await request(desk.origin, '/', { headers: cookie(desk.token) }),
      script: await request(desk.origin, '/desk.js', { headers: cookie(desk.token) }),
      style: await request(desk.origin, '/desk.css', { headers: cookie(desk.token) }),
      refused: await request(desk.origin, '/'),
      rebound: await request(desk.origin, '/', { headers: { host: 'evil.example' } }),
    };
    for (const [what, r] of Object.entries(replies)) {
      expect(r.headers['content-security-policy'], what).toBe(CSP);
      expect(r.headers['x-content-type-options'], what).toBe('nosniff');
      expect(r.headers['referrer-policy'], what).toBe('same-origin');
      expect(r.headers['cache-control'], what).toBe('no-store');
    }
    expect(replies.script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(replies.style.headers['content-type']).toBe('text/css; charset=utf-8');
    // No external resource: what the page loads is the desk's own stylesheet and script; no image or frame.
    const loads = [...replies.page.body.matchAll(/<(?:link|script|img|iframe)\b[^>]*(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(loads).toEqual(['/desk.css', '/desk.js']);
    expect(replies.page.body).toContain('<script src="/desk.js" defer></script>');
    expect(replies.page.body).not.toMatch(/<script>|<style>| style="/);
  });
});
