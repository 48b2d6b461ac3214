// `vric desk` on the fetched sample, as an editor opens it: the period page lists every candidate
// a build of the same period weighs (selected + excluded of its digest.json), each left-out item
// with its reason, the cap line from the digest's verdict, and narrows by GET filters without script.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeBackends } from '../helpers/pg.js';
import { suiteTmpDir, tmpDir } from '../helpers/tmp.js';
import { cookie, fetchSample, request, SAMPLE_ENV, SAMPLE_PERIOD, startDesk, type Desk } from './desk-process.js';

interface DigestJson {
  sections: { items: { title: string }[] }[];
  excluded: { reason: string; title: string }[];
  stats: { total: number; capVerdict: { used: number; allowed: number | null } };
}

const rowsOf = (html: string) => [...html.matchAll(/<li class="candidate (kept|left-out)"( hidden)?/g)];
const shown = (html: string) => rowsOf(html).filter((m) => !m[2]).length;

describeBackends('the desk\'s period page', (backend) => {
  let desk: Desk;
  let digest: DigestJson;
  let page: string;

  beforeAll(async () => {
    const db = await fetchSample(await backend.newSpec());
    const out = suiteTmpDir();
    const b = await runCli(['build', '--config', 'sample/sources.yaml', '--db', db, '--period', SAMPLE_PERIOD, '--format', 'json', '--out', out, '--quiet'], { env: SAMPLE_ENV });
    expect(b.stderr).toBe('');
    digest = JSON.parse(fs.readFileSync(path.join(out, '2026-09_2026-10', 'digest.json'), 'utf8')) as DigestJson;
    desk = await startDesk(['--config', 'sample/sources.yaml', '--db', db, '--period', SAMPLE_PERIOD]);
    const r = await request(desk.origin, '/', { headers: cookie(desk.token) });
    expect(r.status).toBe(200);
    page = r.body;
  }, 120_000);
  afterAll(async () => {
    expect(await desk?.stop()).toBe(0);
  });

  it('lists every candidate of the period: the selected and the excluded of the same build', () => {
    const selected = digest.sections.reduce((n, s) => n + s.items.length, 0);
    expect(selected).toBe(digest.stats.total);
    expect(digest.excluded.length).toBeGreaterThan(10);
    const rows = rowsOf(page);
    expect(rows.length).toBe(selected + digest.excluded.length);
    expect(rows.filter((m) => m[1] === 'kept').length).toBe(selected);
    expect(shown(page)).toBe(rows.length);
    expect(desk.stderr()).toContain(`${rows.length} candidates (${selected} selected)`);
  });

  it('shows each left-out item\'s reason, as many times as digest.json gives it', () => {
    const byReason = new Map<string, number>();
    for (const e of digest.excluded) byReason.set(e.reason, (byReason.get(e.reason) ?? 0) + 1);
    expect(byReason.size).toBeGreaterThan(2);
    for (const [reason, n] of byReason) {
      expect(page.split(`<span class="badge reason">${reason}</span>`).length - 1, reason).toBe(n);
    }
  });

  it('shows the cap line from the digest\'s verdict', () => {
    const v = digest.stats.capVerdict;
    expect(page).toContain(`state media ${v.used} of ${digest.stats.total}, cap allows ${v.allowed}</p>`);
  });

  it('shows per item the terms that fired, the other versions of its story and, for state media, whether it is eligible', () => {
    const items = page.split('<li class="candidate ').slice(1);
    const withEvidence = items.filter((li) => li.includes('<summary>terms that fired</summary>'));
    expect(withEvidence.length).toBeGreaterThan(items.length / 2);
    expect(page).toMatch(/<li><code>actor:(VE|RU|IR|CN)<\/code>: [^<]+<\/li>/);
    // Every "also reported by" of digest.json is a story with other versions on the desk.
    expect(items.filter((li) => li.includes('other versions of this story')).length).toBeGreaterThan(0);
    const duplicates = items.filter((li) => li.startsWith('left-out') && li.includes('<span class="badge reason">duplicate</span>'));
    expect(duplicates.some((li) => li.includes('(shown)'))).toBe(true);
    const state = items.filter((li) => li.includes('<span class="badge state"'));
    expect(state.length).toBeGreaterThan(0);
    expect(state.every((li) => /<p class="eligibility (eligible|not-eligible)">/.test(li))).toBe(true);
    const notEligible = items.filter((li) => li.includes('<span class="badge reason">state-not-eligible</span>'));
    expect(notEligible.every((li) => li.includes('<p class="eligibility not-eligible">not eligible: themes ['))).toBe(true);
  });

  it('narrows the list by GET filters (fate, outlet, search) without script', async () => {
    const capped = digest.excluded.filter((e) => e.reason === 'duplicate').length;
    expect(capped).toBeGreaterThan(0);
    const byReason = await request(desk.origin, '/?reason=duplicate', { headers: cookie(desk.token) });
    expect(shown(byReason.body)).toBe(capped);
    expect(byReason.body).toContain('<option value="duplicate" selected>');
    const kept = await request(desk.origin, '/?reason=kept&ownership=state', { headers: cookie(desk.token) });
    expect(shown(kept.body)).toBe(digest.stats.capVerdict.used);
    // The search folds case and accents: "MOSCU" finds "Moscú".
    const search = await request(desk.origin, '/?q=MOSCU', { headers: cookie(desk.token) });
    expect(shown(search.body)).toBeGreaterThan(0);
    expect(shown(search.body)).toBeLessThan(rowsOf(page).length);
    expect(search.body).toContain('value="MOSCU"');
  });
});

describe('vric desk refuses what it cannot show', () => {
  it('exits 2 naming the missing archive, and 2 on a bad period, printing no address', async () => {
    const d = tmpDir();
    const db = path.join(d, 'none.sqlite');
    const r = await runCli(['desk', '--no-open', '--config', 'sample/sources.yaml', '--db', db, '--period', SAMPLE_PERIOD], { env: SAMPLE_ENV });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`no archive at ${db}`);
    expect(fs.existsSync(db)).toBe(false);
    const p = await runCli(['desk', '--no-open', '--config', 'sample/sources.yaml', '--db', db, '--period', '2026-13'], { env: SAMPLE_ENV });
    expect(p.code).toBe(2);
    expect(p.stdout).toBe('');
    const h = await runCli(['desk', '--no-open', '--host', '0.0.0.0', '--config', 'sample/sources.yaml', '--period', SAMPLE_PERIOD], { env: SAMPLE_ENV });
    expect(h.code).toBe(2);
    expect(h.stderr).toContain('--host needs the one address');
  });
});
