// End to end through the real CLI: loopback feeds → fetch → archive (SQLite, PostgreSQL) → build → files.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli, ROOT } from '../helpers/cli.js';
import { serve, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { describeBackends, pgAvailable } from '../helpers/pg.js';
import { tmpDir } from '../helpers/tmp.js';

const SAMPLE = path.join(ROOT, 'sample');
const PERIOD = '2026-09..2026-10';
const NOW = { VRIC_NOW: '2026-11-02T06:00:00Z' };

interface DigestJson {
  period: { start: string; end: string; label: string };
  sections: { id: string; title: string; items: { title: string; url: string; source: { id: string; stateMedia: boolean } }[] }[];
  stats: { total: number; stateMedia: number; stateShare: number; cap: number };
  excluded: { title: string; url: string; source: string; reason: string }[];
}

let server: FeedServer;
let dir: string;
let config: string;

/** The sample's sources.yaml, with each local file served over loopback instead. */
function writeLoopbackConfig(target: string): void {
  const doc = parse(fs.readFileSync(path.join(SAMPLE, 'sources.yaml'), 'utf8'));
  for (const s of doc.sources) {
    s.url = server.url(`/${path.basename(s.file)}`);
    delete s.file;
  }
  // Fetched over HTTP, the sample's placeholder contact would be warned about (rightly); this run
  // stands for an operator who has set a real one.
  doc.fetch.contact = 'newsdesk@vric-monitor.net';
  fs.writeFileSync(target, stringify(doc));
}

beforeAll(async () => {
  server = await startFeedServer();
  const feeds = path.join(SAMPLE, 'feeds');
  for (const f of fs.readdirSync(feeds)) server.route(`/${f}`, serve(fs.readFileSync(path.join(feeds, f))));
});
afterAll(async () => {
  await server.close();
});

/** The digest each backend built, to compare them. */
const digests = new Map<string, string>();

describeBackends('vric end to end', (backend) => {
  it('fetches, archives idempotently, builds a capped digest and explains every exclusion', async () => {
    dir = tmpDir();
    config = path.join(dir, 'sources.yaml');
    writeLoopbackConfig(config);
    const db = await backend.newSpec();

    const first = await runCli(['fetch', '--config', config, '--db', db, '--json'], { env: NOW });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    const feeds = fs.readdirSync(path.join(SAMPLE, 'feeds')).length;
    expect(report.sources).toHaveLength(feeds);
    for (const s of report.sources) expect(s).toMatchObject({ status: 'ok', newItems: expect.any(Number) });
    const stored = report.sources.reduce((n: number, s: { newItems: number }) => n + s.newItems, 0);
    expect(stored).toBeGreaterThan(40);

    const second = await runCli(['fetch', '--config', config, '--db', db, '--json', '--force'], { env: NOW });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).totals.newItems).toBe(0);

    const out = path.join(dir, 'out');
    const build = await runCli(['build', '--config', config, '--db', db, '--period', PERIOD, '--out', out, '--format', 'html,md,json'], { env: NOW });
    expect(build.stderr).not.toMatch(/warn|error/);
    expect(build.code).toBe(0);
    const folder = path.join(out, '2026-09_2026-10');
    expect(fs.readdirSync(folder).sort()).toEqual(['digest.html', 'digest.json', 'digest.md']);

    const digest = JSON.parse(fs.readFileSync(path.join(folder, 'digest.json'), 'utf8')) as DigestJson;
    expect(digest.period).toMatchObject({ start: '2026-09-01', end: '2026-10-31', label: 'September to October 2026' });
    const entries = digest.sections.flatMap((s) => s.items);
    expect(entries.length).toBe(digest.stats.total);
    const state = entries.filter((e) => e.source.stateMedia).length;
    expect(digest.stats.stateMedia).toBe(state);
    expect(state).toBeGreaterThan(0);
    expect(state / entries.length).toBeLessThanOrEqual(0.2);
    expect(digest.stats.cap).toBe(0.2);
    expect(digest.sections.map((s) => s.id)).toEqual(['venezuela', 'russia', 'iran', 'china', 'medical-diplomacy']);
    for (const s of digest.sections) expect(s.items.length).toBeGreaterThan(0);

    // Every archived item of the period is either in the digest or excluded with a reason.
    const reasons = new Set(digest.excluded.map((e) => e.reason));
    for (const r of ['irrelevant', 'opinion', 'anti-western', 'state-cap']) expect(reasons).toContain(r);
    const html = fs.readFileSync(path.join(folder, 'digest.html'), 'utf8');
    expect(html).toContain('VRIC Monitor | September to October 2026');
    expect(html).toContain(entries[0]!.url.replace(/&/g, '&amp;'));
    digests.set(backend.kind, fs.readFileSync(path.join(folder, 'digest.md'), 'utf8') + fs.readFileSync(path.join(folder, 'digest.json'), 'utf8'));
  });
});

describe.skipIf(!pgAvailable())('either backend', () => {
  it('builds the same digest, byte for byte, from SQLite and from PostgreSQL', () => {
    expect(digests.get('sqlite')).toBeDefined();
    expect(digests.get('postgres')).toBe(digests.get('sqlite'));
  });
});

describe('vric end to end', () => {

  it('rejects a bad sources.yaml with the line and source id, exit 2, and fetches nothing', async () => {
    const d = tmpDir();
    const bad = path.join(d, 'sources.yaml');
    fs.writeFileSync(bad, `policy:\n  stateMediaCap: 0.2\nsources:\n  - id: tass\n    name: TASS\n    url: ${server.url('/x.xml')}\n    language: en\n    ownership: state\n`);
    const before = server.requests.length;
    const r = await runCli(['fetch', '--config', bad, '--db', path.join(d, 'a.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sources.yaml:4: source "tass": owner (the controlling state, e.g. RU) is required when ownership is state');
    expect(server.requests.length).toBe(before);
    expect(fs.existsSync(path.join(d, 'a.sqlite'))).toBe(false);
  });

  it('exits 3 when some sources fail, still storing the rest', async () => {
    const d = tmpDir();
    const cfg = path.join(d, 'sources.yaml');
    const doc = parse(fs.readFileSync(path.join(SAMPLE, 'sources.yaml'), 'utf8'));
    const good = doc.sources[0];
    good.url = server.url(`/${path.basename(good.file)}`);
    delete good.file;
    doc.sources = [good, { id: 'missing', name: 'Missing', url: server.url('/nope.xml'), language: 'es', ownership: 'independent' }];
    fs.writeFileSync(cfg, stringify(doc));
    const r = await runCli(['fetch', '--config', cfg, '--db', path.join(d, 'a.sqlite'), '--json']);
    expect(r.code).toBe(3);
    const rep = JSON.parse(r.stdout);
    expect(rep.sources.find((s: { id: string }) => s.id === 'missing')).toMatchObject({ status: 'error', error: expect.stringMatching(/404/) });
    expect(rep.sources.find((s: { id: string }) => s.id === good.id)).toMatchObject({ status: 'ok' });
    expect(r.stderr).toMatch(/\[missing\]/);
  });

  it('usage errors exit 2', async () => {
    const r = await runCli(['build', '--period', '2026-13', '--config', path.join(SAMPLE, 'sources.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid period "2026-13"/);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });

  it('answers --help quickly', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['fetch', 'build', 'classify', 'run', 'sources']) expect(r.stdout).toContain(c);
  });
});

describe('vric classify', () => {
  it('answers JSON Lines in the same order, with --explain', async () => {
    const lines = [
      { id: 'a', title: 'Rusia envía enfermeras a Caracas para apoyar hospitales venezolanos', lang: 'es' },
      { id: 'b', title: 'Wildfire forces evacuations in New Mexico', lang: 'en' },
      { id: 'c', title: 'Opinión: la nueva ruta de la seda en Sudamérica', lang: 'es' },
    ];
    const r = await runCli(['classify', '--explain'], { input: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(out[0]).toMatchObject({ relevant: true, countries: ['VE'], section: 'medical-diplomacy' });
    expect(out[0].actors).toContain('RU');
    expect(out[0].themes).toContain('health');
    expect(out[0].explain['actor:RU'][0]).toMatchObject({ where: 'title' });
    expect(out[1]).toMatchObject({ relevant: false, countries: [] });
    expect(out[2].opinion).toBe(true);
  });

  it('names the line of bad input', async () => {
    const r = await runCli(['classify'], { input: '{"id":"a","title":"ok"}\nnot json\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stdin line 2: not valid JSON/);
  });
});
