#!/usr/bin/env node
// `node scripts/bench/account-save.mjs`: prints how long the account's saved state takes for a
// large account (5,000 roles, 2,000 customer managed policies, 500 users): writing the autosave,
// opening it again (parse, migration hook, the world's strict check), and the share link's size
// and encode/decode times. Figures only; nothing is asserted.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-account-bench-'));
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'scripts/bench/account-entry.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'account.mjs' } },
  },
  ssr: { noExternal: true },
});
const A = await import(pathToFileURL(join(work, 'account.mjs')).href);

const ACCT = '111122223333';
const doc = (i) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::bucket-${i}/*` }],
});
const world = {
  accounts: [{ id: ACCT, name: 'large' }],
  managedPolicies: Array.from({ length: 2000 }, (_, i) => ({
    arn: `arn:aws:iam::${ACCT}:policy/policy-${i}`,
    defaultVersion: 'v1',
    versions: [{ versionId: 'v1', document: doc(i) }],
  })),
  groups: Array.from({ length: 50 }, (_, i) => ({ account: ACCT, name: `group-${i}` })),
  users: Array.from({ length: 500 }, (_, i) => ({
    account: ACCT,
    name: `user-${i}`,
    groups: [`group-${i % 50}`],
    managedPolicies: [`arn:aws:iam::${ACCT}:policy/policy-${i % 2000}`],
  })),
  roles: Array.from({ length: 5000 }, (_, i) => ({
    account: ACCT,
    name: `role-${i}`,
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    managedPolicies: [`arn:aws:iam::${ACCT}:policy/policy-${i % 2000}`],
  })),
};

class MapStorage {
  map = new Map();
  get length() {
    return this.map.size;
  }
  key(i) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k) {
    return this.map.get(k) ?? null;
  }
  setItem(k, v) {
    this.map.set(k, v);
  }
  removeItem(k) {
    this.map.delete(k);
  }
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn, runs = 5) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out).toFixed(0);
}
async function timeAsync(fn, runs = 5) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return median(out).toFixed(0);
}

console.log(`account saved state  (node ${process.version}; 5,000 roles, 2,000 policies, 500 users; median of 5)\n`);
const storage = new MapStorage();
const store = new A.AccountStore(storage);
console.log(
  `autosave write:        ${time(() => store.save(world))} ms  (${(storage.getItem(A.ACCOUNT_KEY).length / 1e6).toFixed(2)} MB of JSON)`,
);
let opened;
console.log(
  `open the save:         ${time(() => (opened = new A.AccountStore(storage).open()))} ms  (${opened.world ? 'read' : 'refused: ' + opened.unreadable[0]?.why})`,
);
console.log(`  of which the world's check (migrateWorld + loadWorld): ${time(() => A.checkSavedWorld(world))} ms`);
let hash = '';
console.log(
  `share link, encode:    ${await timeAsync(async () => (hash = await A.encodeWorld(world)))} ms  (${(hash.length / 1000).toFixed(0)} k characters; limit ${A.MAX_HASH / 1000} k)`,
);
let decoded;
console.log(
  `share link, decode:    ${await timeAsync(async () => (decoded = await A.decodeWorld(hash)))} ms  (${decoded?.ok ? 'read' : 'refused: ' + decoded?.error})`,
);
