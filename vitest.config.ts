import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Database suites share one embedded or real database per file; files run in parallel
    // processes, each with its own schema (see test/support/database.ts).
    pool: 'forks',
  },
});
