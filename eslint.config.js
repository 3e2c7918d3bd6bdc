import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.data/',
      '.tmp/',
      'data/demo/',
      'test-artifacts/',
      'coverage/',
      'public/vendor/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The web console's ES modules run in the browser (no build step).
    files: ['src/console/public/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'document',
          'localStorage',
          'location',
          'navigator',
          'fetch',
          'crypto',
          'URLSearchParams',
          'addEventListener',
          'removeEventListener',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // The solver is pure: no I/O, no clock, no ambient randomness, nothing from the service.
    files: ['solver/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**', '../src/*'], message: 'solver/ must not import from src/' },
            {
              group: ['knex', 'express', 'pg', 'node-cron', 'node:fs', 'fs', 'node:http', 'http'],
              message: 'solver/ is pure: no I/O',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'use the seeded generator from the options' },
        { object: 'Date', property: 'now', message: 'the problem says what now is' },
        { object: 'process', property: 'env', message: 'no configuration inside the solver' },
      ],
    },
  },
);
