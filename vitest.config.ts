import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI and loopback-server tests spawn processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A PostgreSQL server for the archive tests (started here unless CI gives one in VRIC_TEST_PG).
    // Says which tests need the reference corpus (../shared) when it is not there.
    globalSetup: ['test/setup/postgres.ts', 'test/setup/reference.ts'],
  },
});
