#!/usr/bin/env node
// `node scripts/bench/lint-growth.mjs`: how lint's time grows with the size of the policy. Prints
// the time to validate one policy whose Action list holds 1,000, 10,000 and 100,000 values, for
// two shapes of list (figures only, never asserted by a test):
//  - mixed: 70% actions of the catalogue, 10% typos of them (unknown actions, each with its
//    did-you-mean), 10% unknown service prefixes, 10% wildcards such as `s3:Get*`;
//  - typos: every value a distinct unknown action, next to 1% distinct wildcards of the same
//    services (the check of each unknown value against the list's wildcards, and the did-you-mean
//    per value, were quadratic / unmemoised before).
// Time per value should stay flat from 1k to 100k when lint is linear.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-lint-growth-'));
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: true,
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: {
      input: { validate: join(root, 'src/engine/validate/index.ts'), catalog: join(root, 'src/catalog/index.ts') },
      output: { entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
  ssr: { noExternal: true },
});
const { validatePolicy } = await import(pathToFileURL(join(work, 'validate.mjs')).href);
const { loadCatalog } = await import(pathToFileURL(join(work, 'catalog.mjs')).href);
const catalog = await loadCatalog();

// A deterministic generator (xorshift32), so every run lints the same policies.
let seed = 0x9e3779b9;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const pick = (list) => list[Math.floor(rand() * list.length)];
const all = catalog.services.flatMap((s) => s.actions.map((a) => [s.prefix, a.name]));
const typo = (name) => {
  const i = 1 + Math.floor(rand() * (name.length - 1));
  return name.slice(0, i) + 'x' + name.slice(i + 1);
};

function mixed(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const [prefix, name] = pick(all);
    const r = rand();
    if (r < 0.7) out.push(`${prefix}:${name}`);
    else if (r < 0.8) out.push(`${prefix}:${typo(name)}`);
    else if (r < 0.9) out.push(`${typo(prefix)}q:${name}`);
    else out.push(`${prefix}:${name.slice(0, 1 + Math.floor(rand() * 4))}*`);
  }
  return out;
}

function typos(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const [prefix, name] = pick(all);
    out.push(i % 100 === 0 ? `${prefix}:${name.slice(0, 3)}*${i}*` : `${prefix}:${name}Zz${i}`);
  }
  return out;
}

const policy = (actions) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }, null, 1);

const fmt = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
console.log('lint growth: validatePolicy on one statement whose Action list has n values (catalogue loaded)');
console.log('shape   n         time        per value   findings    heap used after');
for (const [shapeName, shape] of [
  ['mixed', mixed],
  ['typos', typos],
]) {
  for (const n of [1_000, 10_000, 100_000]) {
    const text = policy(shape(n));
    globalThis.gc?.();
    const t0 = performance.now();
    const findings = validatePolicy(text, { catalog });
    const ms = performance.now() - t0;
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(
      `${shapeName.padEnd(8)}${fmt(n).padEnd(10)}${(fmt(ms) + ' ms').padEnd(12)}${(fmt((ms * 1000) / n, 1) + ' µs').padEnd(12)}${fmt(findings.length).padEnd(12)}${fmt(heap)} MiB`,
    );
  }
}
rmSync(work, { recursive: true, force: true });
