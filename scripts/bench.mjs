#!/usr/bin/env node
// `npm run bench`: prints evaluation throughput figures (never asserted by tests).
//  1. one request against a user with ten large AWS managed policies (ReadOnlyAccess among them),
//     policies compiled once: evaluations per second, single-threaded;
//  2. `iamplay eval` as a whole process, with cases/s and peak RSS: 20,000 varied cases that repeat
//     a few documents; 20,000 cases of distinct documents (scripts/bench/distinct.mjs, seed 8);
//     the growth points: 100 policies per case, and one policy of 10,000 statements;
//  3. adversarial wildcard patterns against long strings, and the growth of time and memory for
//     1k, 10k, 100k and 1M-character hostile patterns (each in its own process);
//  4. the time to parse and compile all 1,594 AWS managed policies;
//  5. the generated data's sizes (the catalogue's lookups and descriptions, the managed-policy
//     library, gzipped as the browser fetches them), and the library's costs: inflate and read it,
//     rebuild the oldest of ReadOnlyAccess's 151 versions, diff its oldest and newest;
//  6. importing a 5,000-role, 2,000-policy account (scripts/bench/import.mjs, its own process).
//  7. `iamplay serve` (scripts/bench/serve.mjs, its own processes): requests/s and p50/p99 latency of
//     50 concurrent signed S3 GetObject clients, and 10,000 concurrent PutObject calls then a restart
//     with --state, counting lost writes.
// 10. the access graph's layouts (scripts/bench/graph-layout.mjs): layered for 500 nodes and 2,000
//     edges, force for a 200-node neighbourhood, bundling and collapsing 20,000 edges.
import { execFileSync, spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { generateCases } from './bench/cases.mjs';
import { generateDistinct } from './bench/distinct.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-bench-'));

// Bundle the engine for plain Node (the same way the CLI is built).
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'scripts/bench/entry.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'engine.mjs' } },
  },
  ssr: { noExternal: true },
});
const E = await import(pathToFileURL(join(work, 'engine.mjs')).href);

// The AWS managed policies' default versions, from the generated library (src/catalog/managed-types.ts).
const managed = {
  policies: JSON.parse(readFileSync(join(root, 'src/catalog/generated/managed-policies.json'), 'utf8')).policies.map(
    ([name, path, , , versions]) => ({ name, arn: `arn:aws:iam::aws:policy${path}${name}`, document: versions[0][2] }),
  ),
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const now = () => performance.now();

/** Runs `fn` repeatedly for about `ms` milliseconds; returns calls per second. */
function rate(fn, ms = 1500) {
  for (let i = 0; i < 2000; i++) fn(i); // warm up
  let calls = 0;
  const start = now();
  let t = start;
  while (t - start < ms) {
    for (let i = 0; i < 1000; i++) fn(calls + i);
    calls += 1000;
    t = now();
  }
  return (calls * 1000) / (t - start);
}

console.log(`iamplay bench  (node ${process.version}, ${process.platform}/${process.arch})\n`);

// 5: the generated data, as the browser fetches it, and the library's costs.
{
  const gen = (f) => readFileSync(join(root, 'src/catalog/generated', f));
  const kb = (f) => `${(gen(f).length / 1024).toFixed(0)} kB`;
  console.log(
    `[5] generated data, gzipped: catalogue lookups ${kb('catalog.json.gz')} (evaluation and lint), descriptions ${kb('catalog-docs.json.gz')} (hover and completion), managed-policy library ${kb('managed-policies.json.gz')} (${(gen('managed-policies.json').length / 1024).toFixed(0)} kB raw)`,
  );
  const t0 = now();
  const data = E.ManagedPolicyData.fromCompact(
    JSON.parse(gunzipSync(gen('managed-policies.json.gz')).toString('utf8')),
  );
  const library = new E.ManagedPolicyLibrary(data);
  const t1 = now();
  const ro = data.byName('ReadOnlyAccess');
  const oldest = ro.versions.at(-1).versionId;
  const t2 = now();
  const text = data.versionText(ro, oldest);
  const t3 = now();
  const d = library.diff('ReadOnlyAccess', oldest, ro.version);
  const t4 = now();
  console.log(
    `    inflate + read the library (${data.count} policies, ${data.meta.versions} versions): ${(t1 - t0).toFixed(0)} ms; ` +
      `rebuild ReadOnlyAccess ${oldest} (${ro.versions.length - 1} deltas, ${text.split('\n').length} lines): ${(t3 - t2).toFixed(1)} ms; ` +
      `diff ${oldest} → ${ro.version} (+${d.added} −${d.removed} lines): ${(t4 - t3).toFixed(0)} ms`,
  );
}

// 4: parse + compile everything (cold).
{
  const t0 = now();
  let statements = 0;
  for (const p of managed.policies) {
    const parsed = E.parsePolicyValue(p.document);
    const c = E.compilePolicy(parsed.policy, { policyId: p.arn, policyType: 'identity' });
    statements += c.statements.length;
  }
  const t1 = now();
  console.log(
    `[4] parse + compile all ${managed.policies.length} AWS managed policies: ${(t1 - t0).toFixed(0)} ms (${statements} statements; target < 1000 ms)`,
  );
}

// 1: a user with ten large managed policies.
{
  const names = [
    'ReadOnlyAccess',
    'SecurityAudit',
    'ViewOnlyAccess',
    'AWSSupportServiceRolePolicy',
    'AWSConfigServiceRolePolicy',
    'AWS_ConfigRole',
    'AWSPartnerLedSupportReadOnlyAccess',
    'AmazonS3FullAccess',
    'AmazonDynamoDBReadOnlyAccess',
    'PowerUserAccess',
  ];
  const identity = names.map((name) => {
    const p = managed.policies.find((x) => x.name === name);
    return { id: p.arn, policy: E.parsePolicyValue(p.document).policy };
  });
  const bytes = names.reduce(
    (n, name) => n + JSON.stringify(managed.policies.find((x) => x.name === name).document).length,
    0,
  );
  const caller = E.parseCaller('arn:aws:iam::111122223333:user/alice').value;
  const mk = (action, resource) => ({
    caller,
    action,
    resource,
    context: E.buildContext(caller, resource, { 'aws:SourceIp': '203.0.113.7' }),
  });
  const requests = [
    mk('s3:GetObject', 'arn:aws:s3:::data-bucket/reports/q1.csv'),
    mk('iam:CreateUser', 'arn:aws:iam::111122223333:user/x'),
    mk('dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders'),
    mk('ec2:DescribeInstances', '*'),
    mk('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/1'),
  ];
  const set = { identity };
  E.evaluate(set, requests[0], { trace: false }); // compiles once
  const decisions = requests.map((r) => `${r.action}=${E.evaluate(set, r, { trace: false }).decision}`);
  const one = rate(() => E.evaluate(set, requests[0], { trace: false }));
  const mixed = rate((i) => E.evaluate(set, requests[i % requests.length], { trace: false }));
  const traced = rate((i) => E.evaluate(set, requests[i % requests.length]), 800);
  const withContext = rate((i) => {
    const r = requests[i % requests.length];
    return E.evaluate(
      set,
      { ...r, context: E.buildContext(caller, r.resource, { 'aws:SourceIp': '203.0.113.7' }) },
      { trace: false },
    );
  }, 800);
  console.log(
    `[1] one user, ten large AWS managed policies (${(bytes / 1024).toFixed(0)} KiB of JSON, ReadOnlyAccess among them), compiled:`,
  );
  console.log(`    ${fmt(one)} evaluations/s (s3:GetObject, trace off; target >= 100,000)`);
  console.log(`    ${fmt(mixed)} evaluations/s (five requests in turn: ${decisions.join(', ')})`);
  console.log(`    ${fmt(withContext)} evaluations/s including building the request context`);
  console.log(`    ${fmt(traced)} evaluations/s with the full trace recorded`);
}

// 2: `iamplay eval` as a whole process (scripts/bench/run-eval.mjs measures it from inside).
{
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const evalFile = (name, cases) => {
    const file = join(work, name);
    const text = JSON.stringify(cases);
    writeFileSync(file, text);
    const run = spawnSync(process.execPath, [join(root, 'scripts/bench/run-eval.mjs'), file], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0 && !run.stdout) throw new Error(run.stderr);
    return { ...JSON.parse(run.stdout.trim().split('\n').pop()), mib: text.length / 1048576, n: cases.length };
  };
  const line = (label, r) =>
    console.log(
      `    ${label}: ${fmt(r.n)} cases, ${r.mib.toFixed(1)} MiB: ${r.ms.toFixed(0)} ms (${r.cpuMs.toFixed(0)} ms CPU), ${fmt(r.n / (r.ms / 1000))} cases/s, peak RSS ${r.maxRssMb.toFixed(0)} MB, exit ${r.status}`,
    );
  console.log('[2] iamplay eval as a whole process:');
  // Small AWS managed policies ride along in the cases; each case carries its policies inline.
  const extra = ['AmazonS3ReadOnlyAccess', 'AmazonDynamoDBReadOnlyAccess', 'AWSLambdaBasicExecutionRole'].map(
    (n) => managed.policies.find((p) => p.name === n).document,
  );
  line('varied requests over a few repeated documents', evalFile('repeated.json', generateCases(20000, extra)));
  line('distinct documents (bench/distinct.mjs, seed 8)', evalFile('distinct.json', generateDistinct(20000, 8)));
  // 100 distinct identity policies per case.
  const many = generateDistinct(20000, 9);
  const wide = [];
  for (let i = 0; i + 50 <= many.length && wide.length < 400; i += 50) {
    const c = { ...many[i], id: `w${wide.length}` };
    c.identityPolicies = many.slice(i, i + 50).flatMap((x) => x.identityPolicies);
    wide.push(c);
  }
  line('100 policies per case', evalFile('wide.json', wide));
  // One policy of 10,000 statements (compiled once), in this process: the cost of one evaluation.
  const big = generateDistinct(10000, 10);
  const statements = big.flatMap((c) => c.identityPolicies[0].Statement).slice(0, 10000);
  const doc = { Version: '2012-10-17', Statement: statements.map((st, i) => ({ ...st, Sid: `S${i}` })) };
  const set = { identity: [{ id: 'tall', policy: E.parsePolicyValue(doc).policy }] };
  const requests = big.slice(0, 1000).map((c) => {
    const caller = E.parseCaller(c.request.principal).value;
    return {
      caller,
      action: c.request.action,
      resource: c.request.resource,
      context: E.buildContext(caller, c.request.resource, c.request.context),
    };
  });
  const decisions = {};
  for (const r of requests) {
    const d = E.evaluate(set, r, { trace: false }).decision;
    decisions[d] = (decisions[d] ?? 0) + 1;
  }
  const perSec = rate((i) => E.evaluate(set, requests[i % requests.length], { trace: false }), 1500);
  console.log(
    `    one 10,000-statement policy, compiled, 1,000 requests in turn: ${(1000 / perSec).toFixed(3)} ms per evaluation (${JSON.stringify(decisions)})`,
  );
  // The same 10,000 statements as a document each case carries once (its own Id): read, screened
  // and evaluated in one go, only the statements that name the case's action are compiled.
  const tallCases = big.slice(0, 20).map((c, i) => ({
    id: `t${i}`,
    request: c.request,
    identityPolicies: [{ ...doc, Id: `tall-${i}` }],
  }));
  const t = evalFile('tall.json', tallCases);
  console.log(
    `    one 10,000-statement policy per case, each read once: ${fmt(t.n)} cases, ${t.mib.toFixed(1)} MiB: ${(t.ms / t.n).toFixed(1)} ms per case, peak RSS ${t.maxRssMb.toFixed(0)} MB`,
  );
}

// 3: adversarial wildcard patterns against long strings.
{
  const n = 100_000;
  const text = 'a'.repeat(n);
  const patterns = [
    ['*a*a*a*a*a*a*a*a*a*a*b', text],
    ['a?a?a?a?*a?a?a?a?b*', text],
    [`*${'a'.repeat(40)}?b`, text],
    ['*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?b', text],
    [`arn:aws:s3:::${'*x'.repeat(50)}`, `arn:aws:s3:::${'x'.repeat(n)}`],
    [`*${'a*'.repeat(20)}c*`, text],
    [`*${'a'.repeat(30)}b*`, text],
    [`*${'a?'.repeat(15)}c*`, text],
  ];
  console.log(`[3] adversarial wildcard patterns against ${fmt(n)}-character strings (no backtracking):`);
  for (const [pattern, t] of patterns) {
    const m = E.compileWildcard(pattern, false);
    const result = m.test(t);
    const perSec = rate(() => m.test(t), 500);
    const big = t + t.slice(-n).repeat(9);
    const perSecBig = rate(() => m.test(big), 500);
    console.log(
      `    ${pattern.length > 44 ? pattern.slice(0, 41) + '...' : pattern.padEnd(44)} ${String(result).padEnd(5)} ${(1000 / perSec).toFixed(3)} ms/match at ${fmt(t.length)} chars, ${(1000 / perSecBig).toFixed(3)} ms at ${fmt(big.length)}`,
    );
  }
  const longArn = `arn:aws:s3:::bucket/${'ab/'.repeat(30000)}end`;
  const policy = E.parsePolicyValue({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: '*',
        Resource: [`arn:aws:s3:::*${'*b'.repeat(200)}*z`, 'arn:aws:s3:::bucket/*a*b*a*b*a*b*x'],
      },
    ],
  }).policy;
  const caller = E.parseCaller('arn:aws:iam::111122223333:user/alice').value;
  const req = { caller, action: 's3:GetObject', resource: longArn, context: E.buildContext(caller, longArn, {}) };
  const set = { identity: [{ id: 'adversarial', policy }] };
  const perSec = rate(() => E.evaluate(set, req, { trace: false }), 500);
  console.log(
    `    a full evaluation of a ${fmt(longArn.length)}-character ARN against two adversarial resource patterns: ${(1000 / perSec).toFixed(3)} ms (${E.evaluate(set, req, { trace: false }).decision})`,
  );
}

// 3b: growth of time and memory with the size of a hostile pattern (each size in its own process).
{
  console.log('[3] hostile wildcard patterns of growing size, against a text of the same length:');
  for (const kind of ['a?', 'distinct']) {
    const cells = [];
    for (const n of [1000, 10000, 100000, 1000000]) {
      const run = spawnSync(
        process.execPath,
        [join(root, 'scripts/bench/wildcard-growth.mjs'), join(work, 'engine.mjs'), kind, String(n)],
        { encoding: 'utf8', timeout: 120000 },
      );
      if (run.status !== 0) {
        cells.push(`${fmt(n)}: failed (${run.signal ?? run.status})`);
        continue;
      }
      const r = JSON.parse(run.stdout);
      cells.push(`${fmt(n)}: ${r.ms.toFixed(1)} ms, +${(r.maxRssMb - r.baseRssMb).toFixed(0)} MB (${r.result})`);
    }
    console.log(
      `    ${kind === 'a?' ? '`*a?a?…a?b*` on `aaa…`' : '`?` between 30,000 distinct characters'}: ${cells.join('; ')}`,
    );
  }
}

// 6: importing a large account from get-account-authorization-details output.
{
  console.log('[6] import of `aws iam get-account-authorization-details` output (scripts/bench/import.mjs):');
  const run = spawnSync(process.execPath, [join(root, 'scripts/bench/import.mjs')], {
    encoding: 'utf8',
    timeout: 300000,
  });
  process.stdout.write(run.status === 0 ? run.stdout : `    failed (${run.signal ?? run.status}): ${run.stderr}\n`);
}

// 7: iamplay serve under concurrent signed clients, and writes across a restart with --state.
{
  console.log('[7] iamplay serve on loopback (scripts/bench/serve.mjs):');
  const run = spawnSync(process.execPath, [join(root, 'scripts/bench/serve.mjs')], {
    encoding: 'utf8',
    timeout: 600000,
  });
  process.stdout.write(run.status === 0 ? run.stdout : `    failed (${run.signal ?? run.status}): ${run.stderr}\n`);
}

// 8: the simulated services one by one, in process: an SRP sign-in (server and client sides),
// IAM and STS calls, identity-pool flows, S3 puts and gets.
for (const [label, script, args] of [
  ['one USER_SRP_AUTH sign-in, amazon-cognito-identity-js against cognito-idp', 'srp.mjs', ['10']],
  ['IAM and STS through their handlers', 'iam-sts.mjs', []],
  ['identity pools: role resolution and credentials', 'identity.mjs', []],
  ['S3 PutObject and GetObject through the handler', 's3.mjs', []],
  ['identity flows, each run whole over the default world', 'flows.mjs', ['10']],
]) {
  console.log(`[8] ${label} (scripts/bench/${script}):`);
  const run = spawnSync(process.execPath, [join(root, 'scripts/bench', script), ...args], {
    encoding: 'utf8',
    timeout: 300000,
  });
  process.stdout.write(run.status === 0 ? run.stdout : `    failed (${run.signal ?? run.status}): ${run.stderr}\n`);
}

// 10: the access graph's layouts: layered (dagre) for 500 nodes and 2,000 edges, force (d3-force)
// for a 200-node neighbourhood, bundling and collapsing (scripts/bench/graph-layout.mjs).
{
  console.log('[10] graph layouts (scripts/bench/graph-layout.mjs):');
  const run = spawnSync(process.execPath, [join(root, 'scripts/bench/graph-layout.mjs')], {
    encoding: 'utf8',
    timeout: 300000,
  });
  process.stdout.write(run.status === 0 ? run.stdout : `    failed (${run.signal ?? run.status}): ${run.stderr}\n`);
}
