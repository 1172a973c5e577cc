#!/usr/bin/env node
// Graph layout figures (printed, never asserted): the layered layout (dagre, ranked by hops to
// admin) of 500 nodes and 2,000 edges, the force layout (d3-force, 300 ticks) of a 200-node
// neighbourhood, and bundling and collapsing 20,000 access edges. The graphs are made from a
// seeded generator, so every run lays out the same graph.
// Run: node scripts/bench/graph-layout.mjs [RUNS]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-bench-layout-'));
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'scripts/bench/graph-layout-entry.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'layout.mjs' } },
  },
  ssr: { noExternal: true },
});
const M = await import(pathToFileURL(join(work, 'layout.mjs')).href);
const runs = Number(process.argv[2] ?? 3);

function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** `n` nodes (the last is admin) and `m` edges, mostly towards later nodes, some back (cycles). */
function graph(n, m, seed) {
  const rnd = lcg(seed);
  const nodes = Array.from({ length: n }, (_, i) => ({ id: i === n - 1 ? 'admin' : `p${i}` }));
  const edges = [];
  for (let k = 0; k < m; k++) {
    const a = Math.floor(rnd() * (n - 1));
    const forward = rnd() < 0.9;
    const b = forward ? Math.min(n - 1, a + 1 + Math.floor(rnd() * 20)) : Math.floor(rnd() * (n - 1));
    if (a !== b) edges.push({ source: nodes[a].id, target: nodes[b].id });
  }
  return { nodes, edges };
}

function time(fn) {
  fn(); // warm up
  const t0 = performance.now();
  let result;
  for (let i = 0; i < runs; i++) result = fn();
  return { ms: (performance.now() - t0) / runs, result };
}

{
  const g = graph(500, 2000, 10);
  const { ms, result } = time(() => M.layered(g.nodes, g.edges));
  const ranks = Math.max(...result.nodes.map((x) => x.rank)) + 1;
  const points = result.edges.reduce((s, e) => s + e.points.length, 0);
  console.log(
    `    layered (dagre), ${g.nodes.length} nodes and ${g.edges.length} edges: ${ms.toFixed(0)} ms per layout (${runs} runs), ` +
      `${ranks} ranks, ${points.toLocaleString('en-US')} edge points, ${result.width.toFixed(0)} × ${result.height.toFixed(0)}`,
  );
}
{
  const g = graph(200, 600, 11);
  const { ms } = time(() => M.force(g.nodes, g.edges, { center: 'p0' }));
  console.log(
    `    force (d3-force, 300 ticks), a ${g.nodes.length}-node neighbourhood with ${g.edges.length} edges: ${ms.toFixed(0)} ms per layout`,
  );
}
{
  const rnd = lcg(12);
  const levels = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];
  const edges = Array.from({ length: 20000 }, () => ({
    principal: `p${Math.floor(rnd() * 1000)}`,
    resource: `r${Math.floor(rnd() * 2000)}`,
    level: levels[Math.floor(rnd() * 5)],
    holds: rnd() < 0.1 ? 'conditional' : 'always',
    actions: ['a:B'],
  }));
  const b = time(() => M.bundle(edges));
  const nodes = [
    ...Array.from({ length: 1000 }, (_, i) => ({ id: `p${i}`, account: `${100000000000 + (i % 10)}` })),
    ...Array.from({ length: 2000 }, (_, i) => ({ id: `r${i}`, account: `${100000000000 + (i % 10)}` })),
  ];
  const links = edges.map((e) => ({ source: e.principal, target: e.resource, level: e.level }));
  const c = time(() => M.collapse({ nodes, edges: links }, 'account'));
  console.log(
    `    bundle 20,000 access edges: ${b.ms.toFixed(1)} ms (${b.result.length.toLocaleString('en-US')} drawn edges); ` +
      `collapse 3,000 nodes by account: ${c.ms.toFixed(1)} ms (${c.result.nodes.length} clusters, ${c.result.edges.length} edges)`,
  );
}
