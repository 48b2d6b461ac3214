// The classifier on 30 labelled items written after it was built (never used to tune it when they
// were first scored), through the real CLI: a guard on generalisation, with the targets.
// The labelled file is the project's own, so this runs everywhere; where the reference corpus is
// beside the checkout, the shared scorer must agree with ours.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseLabelled, scoreClassifications, type Figures } from '../../src/classify/score.js';
import type { Classification } from '../../src/core/item-types.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { hasReference, SHARED_TOOLS } from '../helpers/reference.js';
import { tmpDir } from '../helpers/tmp.js';

const KEY = path.join(ROOT, 'test', 'fixtures', 'classify', 'unseen-30.jsonl');

function expectTargets(s: Figures): void {
  expect(s.missing).toBe(0);
  expect(s.relevance).toBeGreaterThanOrEqual(0.95);
  expect(s.actorsF1).toBeGreaterThanOrEqual(0.95);
  expect(s.countriesF1).toBeGreaterThanOrEqual(0.95);
  expect(s.themesF1).toBeGreaterThanOrEqual(0.85);
  expect(s.opinion).toBe(1);
  expect(s.antiWestern).toBe(1);
}

async function classifyThroughCli(): Promise<string> {
  const lines = fs.readFileSync(KEY, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const input = lines.map(({ expect: _e, ...item }) => JSON.stringify(item)).join('\n') + '\n';
  const r = await runCli(['classify'], { input });
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('classification of unseen items', () => {
  it('meets the targets on items written after the classifier (scored in-process)', async () => {
    const out = await classifyThroughCli();
    const key = parseLabelled(fs.readFileSync(KEY, 'utf8'));
    const got = out.trim().split('\n').map((l) => JSON.parse(l) as Classification);
    expect(got).toHaveLength(key.length);
    expectTargets(scoreClassifications(key, got).figures);
  });

  it.skipIf(!hasReference)('meets the targets as the shared scorer counts them', async () => {
    const out = path.join(tmpDir(), 'out.jsonl');
    fs.writeFileSync(out, await classifyThroughCli());
    const scored = spawnSync(process.execPath, [path.join(SHARED_TOOLS, 'score-classify.mjs'), KEY, out], { encoding: 'utf8' });
    expectTargets(JSON.parse(scored.stdout.trim().split('\n').pop()!));
  });
});
