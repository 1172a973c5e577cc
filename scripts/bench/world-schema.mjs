#!/usr/bin/env node
// `node scripts/bench/world-schema.mjs`: prints what the world schema costs (figures only, never
// asserted by tests):
//  1. bundle size of the world's schema check (src/world/schema.ts with its references and
//     messages), minified for the browser, raw and gzipped, with zod bundled and with zod left
//     out: the difference is what zod adds;
//  2. the time `checkWorld` takes on a large account (5,000 roles, 2,000 managed policies,
//     1,000 users in 50 groups), valid and with one problem in each user, and `loadWorld` on the
//     same world as JSON text.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-world-schema-'));
const kb = (n) => (n / 1024).toFixed(1) + ' kB';

async function bundle(name, external) {
  const outDir = join(work, name);
  await build({
    configFile: false,
    logLevel: 'error',
    root,
    publicDir: false,
    build: {
      lib: { entry: join(root, 'src/world/schema.ts'), formats: ['es'], fileName: 'schema' },
      outDir,
      minify: true,
      emptyOutDir: true,
      rollupOptions: { external },
    },
  });
  const code = readdirSync(outDir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(outDir, f)))
    .reduce((a, b) => Buffer.concat([a, b]), Buffer.alloc(0));
  return { raw: code.length, gz: gzipSync(code).length };
}

const withZod = await bundle('with-zod', []);
const withoutZod = await bundle('without-zod', ['zod']);
console.log('world schema check, minified (browser):');
console.log(`  with zod:        ${kb(withZod.raw)} raw, ${kb(withZod.gz)} gzipped`);
console.log(`  without zod:     ${kb(withoutZod.raw)} raw, ${kb(withoutZod.gz)} gzipped`);
console.log(`  zod adds:        ${kb(withZod.raw - withoutZod.raw)} raw, ${kb(withZod.gz - withoutZod.gz)} gzipped`);

// Load the TypeScript modules for Node through a bundle, as scripts/bench.mjs does.
const nodeDir = join(work, 'node');
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'src/world/index.ts'),
    outDir: nodeDir,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { entryFileNames: 'world.mjs' } },
  },
  ssr: { noExternal: true },
});
const W = await import(pathToFileURL(join(nodeDir, 'world.mjs')).href);

const A = '111122223333';
const doc = (i) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'dynamodb:Query'], Resource: `arn:aws:s3:::b${i}/*` }],
});
function bigWorld() {
  const policies = Array.from({ length: 2000 }, (_, i) => ({
    arn: `arn:aws:iam::${A}:policy/P${i}`,
    versions: [
      { versionId: 'v1', document: doc(i) },
      { versionId: 'v2', document: doc(i + 1) },
    ],
    defaultVersion: 'v2',
  }));
  const groups = Array.from({ length: 50 }, (_, i) => ({
    account: A,
    name: `g${i}`,
    managedPolicies: [`arn:aws:iam::${A}:policy/P${i}`],
  }));
  const users = Array.from({ length: 1000 }, (_, i) => ({
    account: A,
    name: `u${i}`,
    groups: [`g${i % 50}`],
    tags: { team: `t${i % 7}` },
    accessKeys: [
      {
        accessKeyId: `AKIA${String(i).padStart(16, '0')}`,
        secretAccessKey: 'x'.repeat(40),
        status: 'Active',
        createDate: '2025-01-01T00:00:00Z',
      },
    ],
  }));
  const roles = Array.from({ length: 5000 }, (_, i) => ({
    account: A,
    name: `r${i}`,
    path: '/app/',
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    managedPolicies: [`arn:aws:iam::${A}:policy/P${i % 2000}`, 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
    inlinePolicies: [{ name: 'inline', document: doc(i) }],
    instanceProfiles: [`r${i}`],
    maxSessionDuration: 3600,
  }));
  return {
    format: 2,
    accounts: [{ id: A, root: { mfaEnabled: true } }],
    managedPolicies: policies,
    groups,
    users,
    roles,
  };
}

function time(label, fn, runs = 5) {
  fn(); // warm up
  const ms = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`  ${label}: median ${ms[runs >> 1].toFixed(0)} ms (best ${ms[0].toFixed(0)} ms)`);
  return out;
}

const world = bigWorld();
const text = JSON.stringify(world, null, 2);
console.log(`checkWorld on 5,000 roles, 2,000 policies, 1,000 users (${kb(text.length)} of JSON):`);
const ok = time('valid world', () => W.checkWorld(world));
if (!ok.ok) throw new Error(`the bench world is not valid: ${ok.errors[0].message}`);
const bad = structuredClone(world);
for (const u of bad.users) u.groups = ['nope'];
const r = time('one problem per user', () => W.checkWorld(bad));
console.log(`    (${r.ok ? 0 : r.errors.length} issues)`);
time('loadWorld (parse, migrate, check)', () => W.loadWorld(text));
