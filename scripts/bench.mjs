#!/usr/bin/env node
// `npm run bench`: prints evaluation throughput figures (never asserted by tests).
//  1. one request against a user with ten large AWS managed policies (ReadOnlyAccess among them),
//     policies compiled once: evaluations per second, single-threaded;
//  2. 20,000 varied requests through `iamplay eval` as a whole process;
//  3. adversarial wildcard patterns against long strings;
//  4. the time to parse and compile all 1,645 AWS managed policies.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { generateCases } from './bench/cases.mjs';

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

const managed = JSON.parse(readFileSync(join(root, 'data/aws-managed-policies.json'), 'utf8'));
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

// 4 first: parse + compile everything (cold).
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

// 2: 20,000 varied cases through `iamplay eval` as a whole process.
{
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  // Small AWS managed policies ride along in the cases; each case carries its policies inline.
  const extra = ['AmazonS3ReadOnlyAccess', 'AmazonDynamoDBReadOnlyAccess', 'AWSLambdaBasicExecutionRole'].map(
    (n) => managed.policies.find((p) => p.name === n).document,
  );
  const cases = generateCases(20000, extra);
  const file = join(work, 'cases.json');
  writeFileSync(file, JSON.stringify(cases));
  const size = JSON.stringify(cases).length;
  const t0 = now();
  const run = spawnSync(process.execPath, [join(root, 'bin/iamplay.mjs'), 'eval', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const t1 = now();
  const lines = run.stdout.trim().split('\n');
  const counts = {};
  for (const l of lines) {
    const o = JSON.parse(l);
    const k = o.decision ?? 'error';
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const start = now();
  spawnSync(process.execPath, [join(root, 'bin/iamplay.mjs'), '--version'], { encoding: 'utf8' });
  const startup = now() - start;
  console.log(
    `[2] iamplay eval, 20,000 varied cases (${(size / 1048576).toFixed(1)} MiB of JSON) as a whole process: ${(t1 - t0).toFixed(0)} ms, ${fmt(20000 / ((t1 - t0) / 1000))} cases/s`,
  );
  console.log(
    `    exit ${run.status}; ${JSON.stringify(counts)}; process start-up alone (iamplay --version): ${startup.toFixed(0)} ms`,
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
