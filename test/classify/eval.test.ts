// The dev-set figures must meet the project's targets. Skipped, and said so by the run, when the
// reference corpus is not beside the checkout (test/helpers/reference.ts).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/classify.js';
import { DEFAULT_DEV_SET, evaluateFile } from '../../src/classify/eval.js';
import { parseLabelled, scoreClassifications } from '../../src/classify/score.js';
import { hasReference } from '../helpers/reference.js';

describe.skipIf(!hasReference)('dev set', () => {
  it('meets the targets', () => {
    const { figures } = evaluateFile(DEFAULT_DEV_SET);
    expect(figures.missing).toBe(0);
    expect(figures.relevance).toBeGreaterThanOrEqual(0.95);
    expect(figures.actorsF1).toBeGreaterThanOrEqual(0.95);
    expect(figures.countriesF1).toBeGreaterThanOrEqual(0.95);
    expect(figures.themesF1).toBeGreaterThanOrEqual(0.85);
    expect(figures.opinion).toBeGreaterThanOrEqual(0.95);
    expect(figures.antiWestern).toBeGreaterThanOrEqual(0.9);
  });
});

describe('scoring', () => {
  it('counts optional labels as neither right nor wrong, and themes only on relevant items', () => {
    const key = parseLabelled(
      [
        '{"id":"a","title":"x","expect":{"relevant":true,"actors":["RU"],"countries":["CU"],"optionalCountries":["VE"],"themes":["energy"],"opinion":false,"antiWestern":false}}',
        '{"id":"b","title":"y","expect":{"relevant":false,"actors":[],"countries":["BR"],"themes":[],"opinion":true,"antiWestern":false}}',
      ].join('\n'),
    );
    const base = { section: null, score: 0 } as const;
    const { figures, errors } = scoreClassifications(key, [
      { ...base, id: 'a', relevant: true, actors: ['RU'], countries: ['CU', 'VE'], themes: ['energy', 'economic'], opinion: false, antiWestern: false },
      { ...base, id: 'b', relevant: false, actors: [], countries: [], themes: ['crime'], opinion: false, antiWestern: false },
    ]);
    expect(figures.relevance).toBe(1);
    expect(figures.actorsF1).toBe(1);
    expect(figures.countriesF1).toBeCloseTo(2 / 3);
    expect(figures.themesF1).toBeCloseTo(2 / 3);
    expect(figures.opinion).toBe(0.5);
    expect(errors).toEqual(['a themes +economic', 'b opinion=false', 'b countries -BR']);
  });

  it('classifies the dev set file format directly', () => {
    if (!existsSync(DEFAULT_DEV_SET)) return;
    const first = parseLabelled(readFileSync(DEFAULT_DEV_SET, 'utf8'))[0];
    expect(first && createClassifier().classify(first).id).toBe(first?.id);
  });
});
