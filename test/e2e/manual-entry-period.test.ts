// The sample's add: entry (overrides.yaml, dated 12 October 2026) through the real CLI: it is an
// entry of the October build only. November's digest neither shows it nor counts it toward the
// cap, and says nothing of it; its excluded list carries each item's date, outlet and section.
// An impossible date in an add: entry stops the build at its file and line.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { suiteTmpDir } from '../helpers/tmp.js';

const ENV = { env: { VRIC_NOW: '2026-12-02T06:00:00Z', VRIC_DB: '' } };
const SAMPLE_OVERRIDES = path.join(ROOT, 'sample', 'overrides.yaml');
const MANUAL_URL = 'https://confidencial.digital/nacion/rosatom-licencia-centro-medicina-nuclear-managua/';
/** The line of a sample overrides.yaml entry, as a note would name it. */
const lineOf = (text: string) => fs.readFileSync(SAMPLE_OVERRIDES, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
const ADD_LINE = lineOf('- title: Rosatom obtiene licencia');
const PIN_LINE = lineOf('- url: https://www.stabroeknews.com/2026/10/10/');

interface Digest {
  sections: { id: string; items: { url: string; manual?: boolean; source: { stateMedia: boolean } }[] }[];
  stats: { total: number; stateMedia: number; capVerdict: { used: number; allowed: number | null } };
  excluded: { title: string; url: string; source: string; reason: string; detail?: string; published: string; outlet: string; section: string | null }[];
}

let dir: string;
let common: string[];
const built: Record<string, { digest: Digest; stderr: string }> = {};

async function build(period: string): Promise<{ digest: Digest; stderr: string }> {
  const out = path.join(dir, 'out');
  const r = await runCli(['build', ...common, '--period', period, '--out', out, '--format', 'json'], ENV);
  expect(r.code, r.stderr).toBe(0);
  return { digest: JSON.parse(fs.readFileSync(path.join(out, period, 'digest.json'), 'utf8')) as Digest, stderr: r.stderr };
}

beforeAll(async () => {
  dir = suiteTmpDir();
  // sample/overrides.yaml is read from beside sample/sources.yaml, as `npm start` reads it.
  common = ['--config', 'sample/sources.yaml', '--db', path.join(dir, 'archive.sqlite')];
  const fetched = await runCli(['fetch', ...common, '--quiet'], ENV);
  expect(fetched.code, fetched.stderr).toBe(0);
  built['2026-10'] = await build('2026-10');
  built['2026-11'] = await build('2026-11');
});

const entries = (d: Digest) => d.sections.flatMap((s) => s.items.map((e) => ({ ...e, section: s.id })));

describe("the sample's add: entry of 12 October", () => {
  it('is an entry of the October digest', () => {
    const { digest } = built['2026-10']!;
    expect(entries(digest).filter((e) => e.manual)).toMatchObject([{ url: MANUAL_URL, section: 'medical-diplomacy' }]);
  });

  it('is not in the November digest, nor in its excluded list, nor in its cap arithmetic', () => {
    const { digest } = built['2026-11']!;
    expect(entries(digest).some((e) => e.manual || e.url === MANUAL_URL)).toBe(false);
    expect(digest.excluded.some((x) => x.url === MANUAL_URL)).toBe(false);
    // November's three non-state items allow no state item at 20%: the entry no longer makes room for
    // the RT report (it did when every add: entry was an entry of every period).
    expect(digest.stats).toMatchObject({ total: 3, stateMedia: 0, capVerdict: { used: 0, allowed: 0 } });
    expect(digest.excluded.map((x) => [x.reason, x.source])).toEqual([['state-cap', 'rt-es']]);
  });

  it('is not the subject of a note in November, where the pin and the exclusion of other periods are', () => {
    const { stderr } = built['2026-11']!;
    expect(stderr).toContain(`${SAMPLE_OVERRIDES}:${PIN_LINE}: matches no item of November 2026`);
    expect(stderr).not.toContain(`${SAMPLE_OVERRIDES}:${ADD_LINE}`);
    expect(stderr).not.toContain(MANUAL_URL);
  });
});

describe("digest.json's excluded list", () => {
  it("gives each left-out item its date, its outlet's name and the section it would have had", () => {
    const { digest } = built['2026-11']!;
    const x = digest.excluded[0]!;
    expect(Object.keys(x)).toEqual(['title', 'url', 'source', 'reason', 'detail', 'published', 'outlet', 'section']);
    expect(x).toMatchObject({ source: 'rt-es', outlet: 'RT en Español', section: 'russia', published: expect.stringMatching(/^2026-11-\d\dT.*Z$/) });
  });
});

describe('an impossible date in an add: entry', () => {
  it('stops the build with exit 2, naming the file and line, and writes nothing', async () => {
    const monitor = path.join(dir, 'bad-date');
    fs.cpSync(path.join(ROOT, 'sample'), monitor, { recursive: true });
    const overrides = path.join(monitor, 'overrides.yaml');
    fs.writeFileSync(overrides, fs.readFileSync(overrides, 'utf8').replace('date: 2026-10-12', 'date: 2026-02-30'));
    const out = path.join(dir, 'out-bad');
    const r = await runCli(['build', '--config', path.join(monitor, 'sources.yaml'), '--db', path.join(dir, 'archive.sqlite'), '--period', '2026-10', '--out', out], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${overrides}:${ADD_LINE + 3}: add: date "2026-02-30" does not exist: February 2026 has days 01 to 28`);
    expect(fs.existsSync(out)).toBe(false);
  });
});
