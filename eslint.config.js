// @ts-check
/**
 * A small rule set (npm run lint): ESLint's and typescript-eslint's recommended rules, minus what
 * is deliberate here, plus the promise rules (a dropped promise is a lost dispatch or save) and
 * `import type` for imports used only as types. The import direction between folders is not
 * here: test/architecture.test.ts owns it.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The entry layer (docs/architecture.md): the only place that may choose to load `@actions/core`. */
const ENTRY = ['src/modes/**', 'src/cli/**', 'src/main.ts', 'src/index.ts', 'src/cli.ts', 'src/action-io.ts', 'src/action-settings.ts'];

export default defineConfig(
  { ignores: ['dist/', 'build/', 'coverage/', '.tmp/', 'schema/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `import('...').T` types are how a test names a type of a module it imports lazily.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', disallowTypeAnnotations: false }],
      // A leading underscore drops a field on purpose (`const { _s, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests tamper with saved states and answers as untyped JSON on purpose (a ledger edited by hand).
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The untrusted-text guards match control characters on purpose.
    files: ['src/report/**', 'src/action-settings.ts', 'test/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // src/runner/io.ts writes what `@actions/core` writes without its module graph (cold start).
    files: ['src/**'],
    ignores: ENTRY,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@actions/core', message: 'Use src/runner/io.ts: @actions/core costs cold start; only the entry layer may choose it.' }] },
      ],
    },
  },
);
