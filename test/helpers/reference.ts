// The reference corpus (../shared beside the checkout: real feeds from other parsers' test suites,
// the labelled development set, the shared scoring tools) is on the project's own machines and CI,
// not on a user's. Every test that needs it is listed here, so the run can say in one line each what
// it skipped and why (test/setup/reference.ts), and each such test skips on `!hasReference`.
// What those tests guard is also covered by the project's own fixtures in test/fixtures.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const SHARED = path.resolve(ROOT, '..', 'shared');
export const REFERENCE_FEEDS = path.join(SHARED, 'reference', 'feeds');
export const DEV_SET = path.join(SHARED, 'reference', 'classify-dev.jsonl');
export const SHARED_TOOLS = path.join(SHARED, 'tools');

export const hasReference = [REFERENCE_FEEDS, DEV_SET, SHARED_TOOLS].every((p) => fs.existsSync(p));

/** Each test that needs the corpus: where it is, and what covers its ground without it. */
export const REFERENCE_TESTS: { test: string; needs: string; coveredBy: string }[] = [
  { test: 'test/fetch/realfeeds.test.ts: real feeds over loopback', needs: 'reference/feeds', coveredBy: 'the golden feed pairs in test/fixtures/feeds' },
  { test: 'test/e2e/realfeeds-check.test.ts: shared realfeeds-check', needs: 'tools/realfeeds-check.mjs and reference/feeds', coveredBy: 'test/fetch/golden.test.ts and the hostile-feed suite' },
  { test: 'test/fetch/pool.test.ts: worker equals inline on real feeds', needs: 'reference/feeds', coveredBy: 'the same comparison on test/fixtures/feeds' },
  { test: 'test/classify/eval.test.ts: dev set meets the targets', needs: 'reference/classify-dev.jsonl', coveredBy: 'the unseen-item targets on test/fixtures/classify/unseen-30.jsonl' },
  { test: 'test/e2e/classify-unseen.test.ts: scored by the shared scorer', needs: 'tools/score-classify.mjs', coveredBy: 'the same targets scored in-process' },
];
