// A period larger than one page: the desk pages the candidates and filters them on the server, so
// a month of thousands of items stays a page of PAGE_ROWS; the filters and the pages combine.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemId } from '../../src/archive/ids.js';
import { PAGE_ROWS } from '../../src/desk/period-page.js';
import { runCli } from '../helpers/cli.js';
import { suiteTmpDir } from '../helpers/tmp.js';
import { cookie, fetchSample, request, SAMPLE_ENV, SAMPLE_PERIOD, startDesk, type Desk } from './desk-process.js';

const EXTRA = 250;
/** The page with Handlebars' escaping of = in attributes undone, to read its links. */
const get = async (d: Desk, url: string) => (await request(d.origin, url, { headers: cookie(d.token) })).body.replaceAll('&#x3D;', '=');
const rows = (html: string) => [...html.matchAll(/<li class="candidate (?:kept|left-out)"( hidden)?/g)];

describe('a period of more candidates than a page holds', () => {
  let desk: Desk;
  let total: number;

  beforeAll(async () => {
    const dir = suiteTmpDir();
    const db = await fetchSample(path.join(dir, 'archive.sqlite'));
    const lines = Array.from({ length: EXTRA }, (_, i) =>
      JSON.stringify({
        id: itemId('telesur', `extra-${i}`),
        sourceId: 'telesur',
        guid: `extra-${i}`,
        url: `https://www.telesurtv.net/news/extra-${i}.html`,
        title: i % 50 === 0 ? `Informe especial número ${i} sobre Quetzaltenango` : `Nota ${i} de la jornada`,
        summary: '',
        published: `2026-10-${String((i % 28) + 1).padStart(2, '0')}T12:00:00.000Z`,
        firstSeen: '2026-11-01T06:00:00.000Z',
        date: `2026-10-${String((i % 28) + 1).padStart(2, '0')}T12:00:00.000Z`,
        language: 'es',
        categories: [],
      }),
    );
    fs.writeFileSync(path.join(dir, 'extra.jsonl'), lines.join('\n') + '\n');
    const imp = await runCli(['import', '--config', 'sample/sources.yaml', '--db', db, path.join(dir, 'extra.jsonl'), '--quiet'], { env: SAMPLE_ENV });
    expect(imp.code, imp.stderr).toBe(0);
    desk = await startDesk(['--config', 'sample/sources.yaml', '--db', db, '--period', SAMPLE_PERIOD]);
    total = 66 + EXTRA;
  }, 120_000);
  afterAll(async () => {
    expect(await desk?.stop()).toBe(0);
  });

  it('shows one page of candidates at a time, none hidden, with the way to the next', async () => {
    const first = await get(desk, '/');
    expect(rows(first)).toHaveLength(PAGE_ROWS);
    expect(rows(first).filter((m) => m[1])).toHaveLength(0);
    expect(first).toContain(`data-paged="true"`);
    const pages = Math.ceil(total / PAGE_ROWS);
    expect(first).toContain(`Candidates 1–${PAGE_ROWS} of ${total} (page 1 of ${pages})`);
    expect(first).toContain('<a href="/?page=2" rel="next" id="next-page">next</a>');
    const second = await get(desk, '/?page=2');
    expect(rows(second)).toHaveLength(Math.min(PAGE_ROWS, total - PAGE_ROWS));
    expect(second).toContain('<a href="/" rel="prev">previous</a>');
    // A page past the last shows the last.
    const last = total - (pages - 1) * PAGE_ROWS;
    expect(rows(await get(desk, '/?page=99'))).toHaveLength(last);
    expect(await get(desk, `/?page=${pages}`)).not.toContain('rel="next"');
  });

  it('filters on the server before paging', async () => {
    const found = await get(desk, '/?q=quetzaltenango');
    expect(rows(found)).toHaveLength(EXTRA / 50);
    expect(found).toContain(`Candidates 1–${EXTRA / 50} of ${EXTRA / 50} (page 1 of 1)`);
    const state = await get(desk, '/?ownership=state&page=2');
    expect(state).toMatch(new RegExp(`Candidates ${PAGE_ROWS + 1}–\\d+ of \\d+ \\(page 2 of \\d+\\)`));
    expect(state).toContain('<a href="/?ownership=state" rel="prev">previous</a>');
  });
});
