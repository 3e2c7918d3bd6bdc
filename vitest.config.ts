import { defineConfig } from 'vitest/config';

/**
 * Pure tests run once. Tests that need a database (test/api, test/db) run on the embedded PGlite
 * database and, when DATABASE_URL is set (CI sets it), a second time on that PostgreSQL server.
 */
const databaseTests = ['test/api/**/*.test.ts', 'test/db/**/*.test.ts'];
const shared = { testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...databaseTests, 'test/browser/**'],
        },
      },
      { test: { ...shared, name: 'pglite', include: databaseTests, env: { TEST_DATABASE: 'pglite' } } },
      {
        // The web console in Debian's Chromium against the running service (its own embedded
        // database), once whatever DATABASE_URL says; files one after another, each starts a service.
        test: {
          ...shared,
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      ...(process.env.DATABASE_URL
        ? [
            {
              test: {
                ...shared,
                name: 'postgres',
                include: databaseTests,
                env: { TEST_DATABASE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
