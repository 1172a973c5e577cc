#!/usr/bin/env node
// Prints how long the Account section's lists take for a large account (never asserted by tests):
// the rows of each list for 2,000 users, 500 groups, 5,000 roles and 2,000 policies, and one
// keystroke of the filter box over each. Run: node scripts/bench/account-lists.mjs
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
    ssr: join(root, 'src/ui/account/rows.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'rows.mjs' } },
  },
  ssr: { noExternal: true },
});
const { rowsOf, filterRows } = await import(pathToFileURL(join(work, 'rows.mjs')).href);

const A = '111122223333';
const doc = (i) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: `s3:GetObject`, Resource: `arn:aws:s3:::bucket-${i}/*` }],
});
const policies = Array.from({ length: 2000 }, (_, i) => ({
  arn: `arn:aws:iam::${A}:policy/policy-${i}`,
  versions: [{ versionId: 'v1', document: doc(i) }],
  defaultVersion: 'v1',
}));
const world = {
  accounts: [{ id: A }],
  groups: Array.from({ length: 500 }, (_, i) => ({
    account: A,
    name: `group-${i}`,
    managedPolicies: [policies[i % 2000].arn],
  })),
  users: Array.from({ length: 2000 }, (_, i) => ({
    account: A,
    name: `user-${i}`,
    groups: [`group-${i % 500}`, `group-${(i + 1) % 500}`],
    managedPolicies: [policies[(i * 7) % 2000].arn],
    loginProfile: { createDate: '2026-01-01T00:00:00Z', passwordLastUsed: '2026-11-01T00:00:00Z' },
    accessKeys: [
      {
        accessKeyId: `AKIA${String(i).padStart(16, '0')}`,
        secretAccessKey: 'x'.repeat(40),
        status: 'Active',
        createDate: '2026-01-01T00:00:00Z',
      },
    ],
  })),
  roles: Array.from({ length: 5000 }, (_, i) => ({
    account: A,
    name: `role-${i}`,
    trustPolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
    managedPolicies: [policies[i % 2000].arn],
  })),
  managedPolicies: policies,
};

const now = Date.parse('2026-12-01T00:00:00Z');
function time(fn, runs = 5) {
  fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(runs / 2)];
}
for (const [kind, query] of [
  ['users', 'user-19'],
  ['groups', 'group-4'],
  ['roles', 'role-49'],
  ['policies', 'policy-1'],
]) {
  let rows = [];
  const build = time(() => (rows = rowsOf(world, kind, now)));
  const filter = time(() => filterRows(rows, query), 11);
  console.log(
    `${kind.padEnd(9)} ${String(rows.length).padStart(5)} rows: built in ${build.toFixed(1)} ms; filter \`${query}\` in ${filter.toFixed(2)} ms (${filterRows(rows, query).length} shown)`,
  );
}
