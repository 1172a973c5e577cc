#!/usr/bin/env node
// `node scripts/bench/iam-sts.mjs`: prints the IAM and STS handlers' costs (never asserted by tests),
// in process, one call at a time as the simulator answers them:
//  1. AssumeRole (validation, the engine's decision over the trust and identity policies, a new
//     session): calls per second and p50/p99 latency;
//  2. CreateUser into a growing account (each call makes a new world), 2,000 users;
//  3. GetAccountAuthorizationDetails of an account of 1,000 users, 1,000 roles and 300 policies.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-bench-iamsts-'));
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'scripts/bench/iam-sts-entry.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'iam-sts.mjs' } },
  },
  ssr: { noExternal: true },
});
const M = await import(pathToFileURL(join(work, 'iam-sts.mjs')).href);

const A = '111122223333';
const all = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const read = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }],
};
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const form = (p) => new URLSearchParams(p).toString();
const admin = M.userPrincipal(A, 'admin');
const headers = { 'content-type': 'application/x-www-form-urlencoded' };
const send = (svc, ctx, params) => svc.handle(M.call(M.request({ body: form(params), headers }), admin), ctx);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

console.log(`iamplay IAM/STS bench  (node ${process.version}, ${process.platform}/${process.arch})\n`);

{
  const ctx = M.testContext({
    accounts: [{ id: A }],
    users: [{ account: A, name: 'admin', inlinePolicies: [{ name: 'all', document: all }] }],
    roles: [{ account: A, name: 'reader', trustPolicy: trust, inlinePolicies: [{ name: 'read', document: read }] }],
  });
  const params = {
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: `arn:aws:iam::${A}:role/reader`,
    RoleSessionName: 'bench',
  };
  for (let i = 0; i < 300; i++) await send(M.sts, ctx, params);
  const n = 3000;
  const times = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const r = await send(M.sts, ctx, params);
    times.push(performance.now() - s);
    if (r.response.status !== 200) throw new Error(M.text(r.response.body));
    // Keep the session table from growing without bound, as expiry would.
    if (i % 500 === 0) ctx.state.sts.sessions = {};
  }
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  console.log(
    `[1] AssumeRole: ${fmt((n * 1000) / total)} calls/s; p50 ${pct(times, 50).toFixed(3)} ms, p90 ${pct(times, 90).toFixed(3)} ms, p99 ${pct(times, 99).toFixed(3)} ms (${n} calls)`,
  );
}

{
  const ctx = M.testContext({
    accounts: [{ id: A }],
    users: [{ account: A, name: 'admin', inlinePolicies: [{ name: 'all', document: all }] }],
  });
  const n = 2000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await send(M.iam, ctx, { Action: 'CreateUser', Version: '2010-05-08', UserName: `user-${i}` });
    if (r.response.status !== 200) throw new Error(M.text(r.response.body));
  }
  const total = performance.now() - t0;
  console.log(
    `[2] CreateUser into a growing account: ${n} users in ${fmt(total)} ms (${(total / n).toFixed(3)} ms per call on average)`,
  );
}

{
  const policies = Array.from({ length: 300 }, (_, i) => ({
    arn: `arn:aws:iam::${A}:policy/p${i}`,
    versions: [{ versionId: 'v1', document: read }],
    defaultVersion: 'v1',
  }));
  const users = Array.from({ length: 1000 }, (_, i) => ({
    account: A,
    name: `u${i}`,
    inlinePolicies: [{ name: 'read', document: read }],
    managedPolicies: [`arn:aws:iam::${A}:policy/p${i % 300}`],
  }));
  users.push({ account: A, name: 'admin', inlinePolicies: [{ name: 'all', document: all }] });
  const roles = Array.from({ length: 1000 }, (_, i) => ({
    account: A,
    name: `r${i}`,
    trustPolicy: trust,
    managedPolicies: [`arn:aws:iam::${A}:policy/p${i % 300}`],
  }));
  const ctx = M.testContext({ accounts: [{ id: A }], managedPolicies: policies, users, roles });
  const params = { Action: 'GetAccountAuthorizationDetails', Version: '2010-05-08' };
  await send(M.iam, ctx, params);
  const n = 5;
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes = (await send(M.iam, ctx, params)).response.body.length;
  const each = (performance.now() - t0) / n;
  console.log(
    `[3] GetAccountAuthorizationDetails, 1,000 users, 1,000 roles, 300 policies: ${fmt(each)} ms per call, ${(bytes / 1024 / 1024).toFixed(1)} MB of XML`,
  );
}
