// What vric writes for machines and log files: with --log-format json every stderr line is one JSON
// object, fatal errors included, with the exit code on the one that ends the run; --log-file keeps
// every message with its time; on a terminal the progress counter never runs into a log line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/archive/lock.js';
import { BIN, runCli, ROOT } from '../helpers/cli.js';
import { serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { tmpDir } from '../helpers/tmp.js';

const SAMPLE = path.join(ROOT, 'sample', 'sources.yaml');

/** Every stderr line parsed as JSON (a line that is not JSON fails the test, naming it). */
function records(stderr: string): Record<string, unknown>[] {
  const lines = stderr.split('\n').filter(Boolean);
  return lines.map((l) => {
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line on stderr: ${l}`);
    }
  });
}

describe('--log-format json: the lines that end a run', () => {
  const cases: [string, () => string[], number, RegExp][] = [
    ['a configuration error, with its problems', () => {
      const f = path.join(tmpDir(), 'sources.yaml');
      fs.writeFileSync(f, 'sources: [\n');
      return ['fetch', '--config', f];
    }, 2, /is not valid YAML/],
    ['a period error', () => ['build', '--period', '2026-13', '--config', SAMPLE], 2, /invalid period "2026-13"/],
    ['a missing archive', () => ['audit', '--period', '2026-10', '--config', SAMPLE, '--db', path.join(tmpDir(), 'none.sqlite')], 2, /^no archive at /],
    ['an option commander does not know', () => ['fetch', '--bogus', '--config', SAMPLE], 2, /^unknown option '--bogus'$/],
    ['a missing required option', () => ['build', '--config', SAMPLE], 2, /required option '--period <spec>' not specified/],
    ['the lock refusal', () => {
      const db = path.join(tmpDir(), 'a.sqlite');
      // Held by this test process as a run holds it (a record alone is only a leftover); freed when it exits.
      acquireLock(db, 'fetch');
      return ['fetch', '--config', SAMPLE, '--db', db];
    }, 75, /^another vric run holds the archive lock /],
    ['a log file that cannot be opened', () => {
      const file = path.join(tmpDir(), 'plain-file');
      fs.writeFileSync(file, '');
      return ['fetch', '--config', SAMPLE, '--log-file', path.join(file, 'vric.log')];
    }, 2, /^cannot open the log file /],
  ];
  for (const [what, args, exit, message] of cases) {
    it(`${what}: one JSON object a line, the last with the exit code ${exit}`, async () => {
      const r = await runCli([...args(), '--log-format', 'json']);
      expect(r.code).toBe(exit);
      const rs = records(r.stderr);
      expect(rs.length).toBeGreaterThan(0);
      for (const rec of rs) expect(rec).toMatchObject({ time: expect.stringMatching(/Z$/), level: expect.any(String), message: expect.any(String) });
      expect(rs.at(-1)).toMatchObject({ level: 'error', exit, message: expect.stringMatching(message) });
      expect(rs.filter((x) => 'exit' in x)).toHaveLength(1);
    });
  }

  it('keeps a configuration error\'s problems in the record, and the text form for people', async () => {
    const f = path.join(tmpDir(), 'sources.yaml');
    fs.writeFileSync(f, 'sources:\n  - id: x\n');
    const json = await runCli(['fetch', '--config', f, '--log-format', 'json']);
    const [rec] = records(json.stderr);
    expect(rec).toMatchObject({ command: 'fetch', exit: 2, details: expect.arrayContaining([expect.stringMatching(/sources\.yaml:2: source "x": "name" is required$/)]) });
    const text = await runCli(['fetch', '--config', f]);
    expect(text.stderr.split('\n')[0]).toMatch(/^vric: .* problem/);
    expect(text.stderr.split('\n')[1]).toMatch(/^ {2}\S/);
  });
});

describe('--log-file', () => {
  it('keeps every message with its time (info too under --quiet), in a folder it makes, ending with the exit code', async () => {
    const d = tmpDir();
    const log = path.join(d, 'logs', 'deeper', 'vric.log');
    const r = await runCli(['fetch', '--config', SAMPLE, '--db', path.join(d, 'a.sqlite'), '--quiet', '--log-file', log]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = fs.readFileSync(log, 'utf8').trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);
    expect(lines).toContainEqual(expect.stringMatching(/Z \[telesur\] ok: 7 items$/));
    expect(lines.at(-1)).toMatch(/Z fetch ended with exit 0 \(\d+\.\d s\)$/);
    // Appends: a second run adds its own lines after the first's.
    await runCli(['fetch', '--config', SAMPLE, '--db', path.join(d, 'a.sqlite'), '--quiet', '--log-file', log]);
    expect(fs.readFileSync(log, 'utf8').trimEnd().split('\n').filter((l) => / ended with exit /.test(l))).toHaveLength(2);
  });

  it('takes the JSON format too, and gets the fatal error (not a second end line)', async () => {
    const d = tmpDir();
    const log = path.join(d, 'vric.log');
    const r = await runCli(['build', '--period', '2026-13', '--config', SAMPLE, '--log-format', 'json', '--log-file', log]);
    expect(r.code).toBe(2);
    const rs = records(fs.readFileSync(log, 'utf8'));
    expect(rs).toEqual([expect.objectContaining({ level: 'error', command: 'build', exit: 2, message: expect.stringMatching(/invalid period/) })]);
  });
});

describe('on a terminal', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
    const feed = fs.readFileSync(path.join(ROOT, 'sample', 'feeds', 'stabroek.xml'));
    // Answers spread over time, so that log lines arrive while the counter is on screen.
    for (let n = 0; n < 8; n++) {
      server.route(`/${n}.xml`, (req, res) => setTimeout(() => serve(feed, 'application/rss+xml')(req, res), 150 * n));
    }
  });
  afterAll(() => server.close());

  /** The lines a terminal shows after these bytes: \r returns, ESC[2K erases the line, \n ends it. */
  function screen(raw: string): string[] {
    const shown: string[] = [];
    let line: string[] = [];
    let col = 0;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (c === '\r') col = 0;
      else if (c === '\n') {
        shown.push(line.join(''));
        line = [];
        col = 0;
      } else if (c === '\x1b') {
        const m = /^\x1b\[(\d*)([A-Za-z])/.exec(raw.slice(i))!;
        if (m[2] === 'K' && m[1] === '2') line = [];
        i += m[0].length - 1;
      } else line[col++] = c;
    }
    shown.push(line.join(''));
    return shown;
  }

  it('erases the progress counter before each log line and draws it again after', async () => {
    const d = tmpDir();
    const cfg = path.join(d, 'sources.yaml');
    const sources = Array.from({ length: 8 }, (_, n) => `  - id: s${n}\n    name: S${n}\n    url: ${server.url(`/${n}.xml`)}\n    language: en\n    ownership: independent`).join('\n');
    fs.writeFileSync(cfg, `fetch:\n  concurrency: 1\npolicy:\n  stateMediaCap: 0.2\nsources:\n${sources}\n`);
    const command = [process.execPath, BIN, 'fetch', '--config', cfg, '--db', path.join(d, 'a.sqlite')].map((w) => `'${w}'`).join(' ');
    // script(1) runs the command on a pseudo-terminal: stderr is a TTY, as in an operator's shell.
    const raw = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (b) => (out += b));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    const bar = /fetching \[[#.]+\] \d+\/\d+/;
    // The counter was on screen when later log lines came (else this test would show nothing).
    const firstBar = raw.search(bar);
    expect(firstBar).toBeGreaterThan(-1);
    expect(raw.slice(firstBar)).toMatch(/\[s\d\] ok: 5 items/);
    const lines = screen(raw);
    for (const l of lines) if (bar.test(l)) expect(l).toBe(bar.exec(l)![0]);
    expect(lines.filter((l) => /^\[s\d\] ok: 5 items$/.test(l))).toHaveLength(8);
    // Redrawn after a log line: the bytes after a log line's newline are the counter again.
    expect(raw).toMatch(/ok: 5 items\r?\n(\r|\x1b\[2K)*fetching \[/);
  });
});
