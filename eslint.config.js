import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// The pure core (everything under src/ but ui/ and worker/) runs the same in Node and in the
// worker: it may not import Svelte, Monaco or comlink, nor touch window or document.
const pureModuleRules = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['svelte', 'svelte/*'], message: 'pure modules must not import Svelte: only src/ui may' },
        {
          group: ['monaco-editor', 'monaco-editor/*'],
          message: 'pure modules must not import Monaco: only src/ui may',
        },
        { group: ['comlink', 'comlink/*'], message: 'pure modules must not import comlink: only src/worker may' },
        { group: ['**/ui/*', '**/worker/*'], message: 'pure modules must not import from src/ui or src/worker' },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'window', message: 'pure modules must not use `window`: they also run in Node and in the worker' },
    { name: 'document', message: 'pure modules must not use `document`: they also run in Node and in the worker' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'globalThis', property: 'window', message: 'pure modules must not use `window`' },
    { object: 'globalThis', property: 'document', message: 'pure modules must not use `document`' },
  ],
};

export default ts.config(
  {
    ignores: [
      'dist/',
      'dist-cli/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'src/catalog/generated/',
      'data/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, __CATALOG_VERSION__: 'readonly', __CATALOG_DATE__: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/**', 'src/worker/**', 'src/main.ts', 'src/env.d.ts'],
    rules: pureModuleRules,
  },
  {
    // The command line is pure core plus Node's own modules; it still may not reach for the DOM.
    files: ['src/cli/**/*.ts'],
    rules: pureModuleRules,
  },
);
