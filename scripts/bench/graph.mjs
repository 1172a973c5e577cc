#!/usr/bin/env node
// Access graph figures (printed, never asserted): the indexed access relation of a generated world
// of 1,000 principals and about 10,000 resources (scripts/bench/graph-entry.ts): build time,
// decisions, bundled edges, memory, how many cells were asked of the checker, and the agreement of
// a random sample of triples with `authorize`.
// Run: node scripts/bench/graph.mjs [SAMPLE]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-bench-graph-'));
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'scripts/bench/graph-entry.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'graph.mjs' } },
  },
  ssr: { noExternal: true },
});
const M = await import(pathToFileURL(join(work, 'graph.mjs')).href);
const sample = Number(process.argv[2] ?? 2000);
const catalog = await M.loadCatalog();
const managedPolicy = M.managedPolicyLookup(await M.loadManagedPolicies());
const now = Date.parse('2026-06-01T12:00:00Z');
const world = M.benchWorld();

// A warm-up on a small world, so the figure is the relation's and not the first compilation's.
M.buildAccess(M.benchWorld({ users: 20, roles: 10, buckets: 4, objectsPerBucket: 5, tables: 20 }), catalog, {
  now,
  managedPolicy,
});
globalThis.gc?.();
const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
const rel = M.buildAccess(world, catalog, { now, managedPolicy });
const ms = performance.now() - t0;
const heap1 = process.memoryUsage().heapUsed;
const types = new Map();
for (const r of rel.resources) types.set(r.type, (types.get(r.type) ?? 0) + 1);
console.log(
  `    world: ${rel.stats.principals} principals, ${rel.stats.resources} resources (` +
    [...types].map(([t, n]) => `${n} ${t}`).join(', ') +
    ')',
);
console.log(
  `    build: ${ms.toFixed(0)} ms for ${(rel.stats.decisions / 1e6).toFixed(1)} M decisions ` +
    `(${rel.counts.classes} action classes; ${rel.counts.checked} cells asked of the checker, ${rel.counts.shared} shared answers); ` +
    `heap +${((heap1 - heap0) / 1048576).toFixed(0)} MB`,
);
// Edges are built on demand: every 10th principal's, as the page asks for them.
let edges = 0;
let conditional = 0;
let asked = 0;
const t1 = performance.now();
for (let i = 0; i < rel.principals.length; i += 10) {
  asked++;
  for (const e of rel.edgesFrom(rel.principals[i].id)) {
    edges++;
    if (e.holds === 'conditional') conditional++;
  }
}
console.log(
  `    edges: ${edges} bundled (principal, resource, access level) from ${asked} principals, ${conditional} conditional; ` +
    `${((performance.now() - t1) / asked).toFixed(1)} ms per edgesFrom`,
);
const t2 = performance.now();
const who = rel.whoCan('s3:GetObject', 'arn:aws:s3:::bench-red-000/data/2.csv');
console.log(
  `    whoCan s3:GetObject on one object: ${who.length} principals, ${(performance.now() - t2).toFixed(1)} ms`,
);

// A random sample of triples, each decided again by authorize.
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
let agree = 0;
asked = 0;
const disagreements = [];
const t3 = performance.now();
while (asked < sample) {
  const p = rel.principals[Math.floor(rnd() * rel.principals.length)];
  const r = rel.resources[Math.floor(rnd() * rel.resources.length)];
  const actions = M.actionsFor(catalog, r.type);
  if (actions.length === 0) continue;
  const a = actions[Math.floor(rnd() * actions.length)].action;
  asked++;
  const answer = rel.check(p.id, a, r.arn);
  const req = M.graphRequest(p, a, r.arn, undefined, now);
  if (answer.holds === 'conditional') req.context = { ...req.context, ...(answer.witness ?? {}) };
  const d = M.authorize(world, req, { now, trace: false, message: false, managedPolicy });
  const allow = d.ok && d.value.decision === 'Allow';
  if (allow === (answer.holds !== 'never')) agree++;
  else if (disagreements.length < 5)
    disagreements.push(`${p.id} ${a} ${r.arn}: relation ${answer.holds}, authorize ${allow ? 'Allow' : 'deny'}`);
}
console.log(
  `    agreement with authorize on ${asked} random triples (a conditional one under its witness): ${agree}/${asked} ` +
    `(${(performance.now() - t3).toFixed(0)} ms)`,
);
for (const d of disagreements) console.log(`      differs: ${d}`);
