// The classifier on 30 labelled items written after it was built (never used to tune it when they
// were first scored), through the real CLI and the shared scorer: a guard on generalisation, with
// the targets.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT, SHARED } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const KEY = path.join(ROOT, 'test', 'fixtures', 'classify', 'unseen-30.jsonl');

describe('classification of unseen items', () => {
  it('meets the targets on items written after the classifier', async () => {
    const lines = fs.readFileSync(KEY, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const input = lines.map(({ expect: _e, ...item }) => JSON.stringify(item)).join('\n') + '\n';
    const r = await runCli(['classify'], { input });
    expect(r.code).toBe(0);
    const out = path.join(tmpDir(), 'out.jsonl');
    fs.writeFileSync(out, r.stdout);
    const scored = spawnSync(process.execPath, [path.join(SHARED, 'tools', 'score-classify.mjs'), KEY, out], { encoding: 'utf8' });
    const s = JSON.parse(scored.stdout.trim().split('\n').pop()!);
    expect(s.missing).toBe(0);
    expect(s.relevance).toBeGreaterThanOrEqual(0.95);
    expect(s.actorsF1).toBeGreaterThanOrEqual(0.95);
    expect(s.countriesF1).toBeGreaterThanOrEqual(0.95);
    expect(s.themesF1).toBeGreaterThanOrEqual(0.85);
    expect(s.opinion).toBe(1);
    expect(s.antiWestern).toBe(1);
  });
});
