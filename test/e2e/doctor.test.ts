// `vric doctor` through the real CLI, on a real archive (SQLite and PostgreSQL): one line per
// check with ok/warn/FAIL and the fix; exit 2 only when something FAILs; it changes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/archive/lock.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { describeBackends } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

interface Check { name: string; status: 'ok' | 'warn' | 'FAIL'; message: string; fix?: string }
const env = { VRIC_NO_DATA_CACHE: '1', VRIC_DB: '' };

function monitor(contact = 'newsdesk@vric-monitor.net'): { dir: string; cfg: string } {
  const dir = tmpDir();
  const cfg = path.join(dir, 'sources.yaml');
  fs.writeFileSync(cfg, `fetch:\n  contact: ${contact}\npolicy:\n  stateMediaCap: 0.2\nsources:\n  - id: stabroek\n    name: Stabroek News\n    file: ${path.join(ROOT, 'sample', 'feeds', 'stabroek.xml')}\n    language: en\n    ownership: independent\n`);
  return { dir, cfg };
}

async function doctor(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; checks: Map<string, Check>; stderr: string }> {
  const r = await runCli(['doctor', '--json', ...args], { env: { ...env, ...extraEnv } });
  const { checks } = JSON.parse(r.stdout) as { checks: Check[] };
  return { code: r.code, checks: new Map(checks.map((c) => [c.name, c])), stderr: r.stderr };
}

/** A PATH holding only fake programs, so the optional-component checks see what the test chose. */
function fakePath(programs: string[], modes: string[] = []): string {
  const prefix = tmpDir('vric-prefix-');
  fs.mkdirSync(path.join(prefix, 'bin'));
  for (const p of programs) fs.writeFileSync(path.join(prefix, 'bin', p), '#!/bin/sh\n', { mode: 0o755 });
  fs.mkdirSync(path.join(prefix, 'share', 'apertium', 'modes'), { recursive: true });
  for (const m of modes) fs.writeFileSync(path.join(prefix, 'share', 'apertium', 'modes', m), '');
  return path.join(prefix, 'bin');
}

describeBackends('vric doctor on a fetched archive', (backend) => {
  it('a sound monitor is ok line by line, exit 0, and the lines say what they checked', async () => {
    const { cfg } = monitor();
    const db = await backend.newSpec();
    expect((await runCli(['fetch', '--config', cfg, '--db', db, '--quiet'], { env })).code).toBe(0);
    const { code, checks } = await doctor(['--config', cfg, '--db', db]);
    expect(code).toBe(0);
    expect(checks.get('config')).toMatchObject({ status: 'ok', message: `${cfg} is valid: 1 sources, 1 enabled` });
    expect(checks.get('contact')).toMatchObject({ status: 'ok', message: 'publishers can reach you at newsdesk@vric-monitor.net' });
    expect(checks.get('archive')).toMatchObject({ status: 'ok', message: expect.stringMatching(/is reachable, schema step 7 \(current\)$/) });
    if (backend.kind === 'postgres') {
      expect(checks.get('archive')!.message).toMatch(/\(PostgreSQL \d+/);
      expect(checks.get('lock')).toMatchObject({ status: 'ok', message: expect.stringContaining('none: a PostgreSQL archive is shared') });
      expect(checks.has('postgres-client')).toBe(true);
    } else {
      expect(checks.get('lock')).toMatchObject({ status: 'ok', message: 'free' });
      expect(checks.has('postgres-client')).toBe(false);
    }
    expect(checks.get('cache')).toMatchObject({ status: 'ok', message: expect.stringMatching(/^off \(VRIC_NO_DATA_CACHE/) });
  });
});

describe('vric doctor', () => {
  it('an archive behind this vric is a warning, and doctor does not migrate it; one text line per check', async () => {
    const { dir, cfg } = monitor();
    expect((await runCli(['fetch', '--config', cfg, '--quiet'], { env })).code).toBe(0);
    const file = path.join(dir, 'data', 'archive.sqlite');
    const sqlite = new Database(file);
    sqlite.pragma('user_version = 5');
    sqlite.close();
    const r = await runCli(['doctor', '--config', cfg], { env });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(`ok    config     ${cfg} is valid: 1 sources, 1 enabled`);
    expect(lines.find((l) => l.startsWith('warn  archive'))).toBe(
      `warn  archive    ${file} is at schema step 5 of 7; fix: the next vric fetch (or any command that opens it) brings it up to date; back it up first with vric export`,
    );
    expect(lines.every((l) => /^(ok  |warn|FAIL)  \S+ +\S/.test(l))).toBe(true);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(5);
    after.close();
  });

  it('FAILs a broken sources.yaml and an output path that cannot be a folder: exit 2, with the fix', async () => {
    const { dir, cfg } = monitor();
    fs.appendFileSync(cfg, '    ownershp: state\n');
    fs.writeFileSync(path.join(dir, 'out'), 'a file where the output folder should be');
    const { code, checks } = await doctor(['--config', cfg]);
    expect(code).toBe(2);
    expect(checks.get('config')).toMatchObject({ status: 'FAIL', message: expect.stringContaining('sources.yaml:11: source "stabroek": unknown key "ownershp"') });
    expect(checks.get('config')!.fix).toMatch(/correct sources.yaml/);
    expect(checks.get('contact')!.status).toBe('FAIL');
    expect(checks.get('output')).toMatchObject({ status: 'FAIL', message: `${path.join(dir, 'out')} is not a folder, so ${path.join(dir, 'out')} cannot be made` });
    expect(checks.get('archive')).toMatchObject({ status: 'warn', message: `no archive yet at ${path.join(dir, 'data', 'archive.sqlite')}` });
  });

  it('a placeholder contact is a warning (exit 0); an unreachable PostgreSQL archive FAILs (exit 2) without its password', async () => {
    const { cfg } = monitor('monitor@example.org');
    // The contact matters for sources fetched over HTTP: add one (doctor fetches nothing).
    fs.appendFileSync(cfg, '  - id: online\n    name: Online Paper\n    url: http://127.0.0.1:9/feed.xml\n    language: es\n    ownership: independent\n');
    const placeholder = await doctor(['--config', cfg]);
    expect(placeholder.code).toBe(0);
    expect(placeholder.checks.get('contact')).toMatchObject({ status: 'warn', message: expect.stringContaining('fetch.contact is the placeholder monitor@example.org') });
    const pg = await doctor(['--config', cfg, '--db', 'postgres://vric:s3cret@127.0.0.1:9/monitor']);
    expect(pg.code).toBe(2);
    expect(pg.checks.get('archive')).toMatchObject({ status: 'FAIL', message: 'cannot connect to the PostgreSQL archive postgres://vric:***@127.0.0.1:9/monitor: connect ECONNREFUSED 127.0.0.1:9' });
    expect(JSON.stringify([...pg.checks.values()])).not.toContain('s3cret');
  });

  it('reports the lock: held by a live run, stale when only its record is left', async () => {
    const { dir, cfg } = monitor();
    const db = path.join(dir, 'data', 'archive.sqlite');
    // This test process takes the archive's lock as a run does (the kernel holds it until released).
    const held = acquireLock(db, 'fetch', new Date('2026-12-01T03:00:00.000Z'));
    expect((await doctor(['--config', cfg])).checks.get('lock')).toMatchObject({
      status: 'ok',
      message: `held by process ${process.pid} on ${os.hostname()} (fetch) since 2026-12-01T03:00:00.000Z: runs now wait for it or exit 75`,
    });
    held.release();
    // A record whose run is gone (even one naming a live pid, as after a reboot) is only a leftover.
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), since: '2026-12-01T03:00:00.000Z', command: 'run' }));
    expect((await doctor(['--config', cfg])).checks.get('lock')).toMatchObject({ status: 'warn', message: expect.stringContaining('stale: ') });
  });

  it('says what is off when optional programs are missing, and finds them (with apertium\'s pairs) when present', async () => {
    const { cfg } = monitor();
    const none = await doctor(['--config', cfg], { PATH: fakePath([]) });
    expect(none.code).toBe(0);
    expect(none.checks.get('apertium')).toMatchObject({ status: 'warn', message: 'not found: machine translation is off (items keep their own language)', fix: 'install apertium, apertium-eng-spa and apertium-es-pt' });
    expect(none.checks.get('pdftotext')).toMatchObject({ status: 'warn', fix: 'install poppler-utils' });
    expect(none.checks.get('chromium')).toMatchObject({ status: 'warn' });

    const half = await doctor(['--config', cfg], { PATH: fakePath(['apertium'], ['eng-spa.mode', 'spa-eng.mode']) });
    expect(half.checks.get('apertium')).toMatchObject({ status: 'warn', message: expect.stringContaining('apertium-es-pt missing'), fix: 'install apertium-es-pt' });

    const bin = fakePath(['apertium', 'pdftotext', 'chromium'], ['eng-spa.mode', 'spa-eng.mode', 'es-pt.mode', 'pt-es.mode']);
    const all = await doctor(['--config', cfg], { PATH: bin });
    for (const name of ['apertium', 'pdftotext', 'chromium']) expect(all.checks.get(name)).toMatchObject({ status: 'ok', message: expect.stringContaining(path.join(bin, name)) });
  });
});
