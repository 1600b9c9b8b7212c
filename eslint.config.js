// The lint gate of `npm test` (see docs/decisions.md): typescript-eslint's recommended rules on src/, web/ and
// test/, no `any`, and formatting left to Prettier. Import cycles and layers are checked by scripts/check-architecture.mjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', 'segmenta-out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    rules: {
      // Off: hot loops update several accumulators in one statement, `if (s < bestD) (bestD = s), (best = j);`,
      // a deliberate idiom of this code base that the rule reports as an unused sequence expression.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    // Tests read parsed JSON outputs loosely; the library and the studio may not use `any`.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        fetch: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
  },
);
