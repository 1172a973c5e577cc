#!/usr/bin/env node
// Identity flow figures (printed, never asserted): for every registered flow, the time of a whole
// run over the default world (every step against the simulated services, token views and their
// checks), first with new RSA signing keys, then warm (keys reused, as the worker does), and the
// size of the run the worker sends to the page.
// Run: node scripts/bench/flows.mjs [RUNS]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-bench-flows-'));
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'scripts/bench/flows-entry.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'flows.mjs' } },
  },
  ssr: { noExternal: true },
});
const M = await import(pathToFileURL(join(work, 'flows.mjs')).href);
const runs = Number(process.argv[2] ?? 10);
const managedPolicy = M.managedPolicyLookup(await M.loadManagedPolicies());
for (const flow of M.FLOWS) {
  const variant = flow.variants[0]?.id;
  const input = { flow, world: M.defaultWorld(), seed: 'bench', options: variant ? { variant } : {}, managedPolicy };
  let t0 = performance.now();
  const first = await M.runFlow(input);
  const cold = performance.now() - t0;
  t0 = performance.now();
  for (let i = 0; i < runs; i++) await M.runFlow({ ...input, keys: first.keys });
  const warm = (performance.now() - t0) / runs;
  const bytes = JSON.stringify(first.run).length;
  console.log(
    `    ${flow.order}. ${flow.id}: ${first.run.steps.length} steps, cold ${cold.toFixed(0)} ms (new RSA keys), ` +
      `warm ${warm.toFixed(1)} ms per run (${runs} runs), ${(bytes / 1024).toFixed(0)} kB to the page`,
  );
}
