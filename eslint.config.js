import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'models/**/*.py', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['main/**/*.ts', 'test/**/*.ts', 'preload/**/*.ts', '*.ts', '*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Main-process diagnostics go through the redacting logger (main/core/logging), never straight to the console.
    files: ['main/**/*.ts'],
    ignores: ['main/core/logging/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // The CLI's results and the benchmark reports are product output on stdout: console.log only; errors still
    // go through the logger.
    files: ['main/cli/**/*.ts', 'main/core/**/bench-*.ts', 'main/core/deid/evaluation/explain-deid.ts'],
    rules: { 'no-console': ['error', { allow: ['log'] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Only the de-identifier may turn raw text into redacted text.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/core/deid/**', 'main/core/text.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/text.js', '**/core/text', '../text.js', './text.js'],
              importNames: ['markRedacted'],
              message: 'Only main/core/deid may mark text as redacted.',
            },
          ],
        },
      ],
    },
  },
);
