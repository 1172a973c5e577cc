import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
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

// The layers of ../shared/DESIGN.md: imports point one way, `catalog ← engine ← world ← aws ←
// flows`, `engine ← lang`, `engine/world ← graph, curriculum`, everything pure ← `worker`, `cli`,
// `ui`. src/workbench holds the workbench's pure services over engine, lang, world and catalog.
// Each layer names what it may import besides itself; an import against the order is an error.
const PURE = ['catalog', 'engine', 'world', 'aws', 'flows', 'lang', 'graph', 'curriculum', 'share', 'workbench'];
const LAYERS = {
  catalog: [],
  engine: ['catalog'],
  world: ['engine', 'catalog'],
  aws: ['world', 'engine', 'catalog'],
  flows: ['aws', 'world', 'engine', 'catalog'],
  lang: ['engine', 'catalog'],
  graph: ['world', 'engine', 'catalog'],
  curriculum: ['graph', 'flows', 'world', 'engine', 'catalog'],
  share: ['world', 'engine', 'catalog'],
  workbench: ['lang', 'world', 'engine', 'catalog'],
  worker: PURE,
  cli: PURE,
  ui: [...PURE, 'worker'],
};
const layerRules = {
  'boundaries/dependencies': [
    'error',
    {
      default: 'disallow',
      message: '`{{from.type}}` may not import `{{to.type}}`: layers import one way (see DESIGN.md)',
      policies: Object.entries(LAYERS).map(([from, to]) => ({
        from: { element: { type: from } },
        allow: { to: { element: { types: { anyOf: [from, ...to] } } } },
      })),
    },
  ],
  'import-x/no-cycle': ['error', { ignoreExternal: true }],
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
  {
    // Layers and cycles, over the TypeScript sources (Svelte components are leaves of src/ui).
    files: ['src/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      // one element per folder of src/; the root files (main.ts, version.ts, env.d.ts) are outside the layers
      'boundaries/elements': Object.keys(LAYERS).map((type) => ({ type, pattern: `src/${type}` })),
      'boundaries/include': ['src/**/*'],
      'import/resolver': { node: { extensions: ['.ts', '.js', '.json', '.svelte'] } },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.svelte'] })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/ignore': ['\\.svelte$', '\\.json$'],
    },
    rules: layerRules,
  },
);
