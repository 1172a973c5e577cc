// Builds the `iamplay` command line into one ES module for Node (run by `npm install` via `prepare`).
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    target: 'node20',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    // The catalogue (only `lint` needs it) stays in its own chunk, so `eval` starts fast.
    rollupOptions: { output: { entryFileNames: 'iamplay.mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' } },
  },
  ssr: { noExternal: true },
});
