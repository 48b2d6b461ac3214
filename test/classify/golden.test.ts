// Golden pairs: invented items (golden/items.jsonl) and the labels the guide gives them
// (golden/expected.jsonl, checked by hand). A behaviour change shows as a readable diff.
// The score is left out: it is a ranking number, tested on its own in rules.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/classify.js';
import type { ClassifyInput } from '../../src/core/item-types.js';

const read = (name: string): Record<string, unknown>[] =>
  readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const items = read('items.jsonl') as unknown as ClassifyInput[];
const expected = new Map(read('expected.jsonl').map((e) => [e['id'], e]));
const classifier = createClassifier();

describe('golden items', () => {
  it.each(items.map((i) => [i.id, i] as const))('%s', (_id, item) => {
    const { score, ...got } = classifier.classify(item);
    expect(typeof score).toBe('number');
    expect(got).toEqual(expected.get(item.id));
  });
});
