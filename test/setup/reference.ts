// vitest globalSetup: says, once per run and one line per test, which tests are skipped because the
// reference corpus (../shared) is not beside the checkout, as the PostgreSQL setup does for its server.
import { hasReference, REFERENCE_TESTS, SHARED } from '../helpers/reference.js';

export default function setup(): void {
  if (hasReference) return;
  const why = `no reference corpus at ${SHARED} (it sits beside the checkout on the project's machines and CI)`;
  const lines = REFERENCE_TESTS.map((t) => `!!! SKIPPED ${t.test}: needs ${t.needs}; ${why}; covered here by ${t.coveredBy}`);
  process.stderr.write(`\n${lines.join('\n')}\n\n`);
}
