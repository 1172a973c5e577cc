#!/usr/bin/env node
// `node scripts/bench/import.mjs`: the time to import an account of 5,000 roles and 2,000
// customer managed policies from `aws iam get-account-authorization-details` output (figures
// only, never asserted by a test). The account is generated with a fixed seed and realistic
// sizes: 2-5 versions per policy, URL-encoded documents of a few statements (as the IAM API
// returns them), trust policies, instance profiles with their nested role copies, inline and
// attached policies, tags and last-used dates; plus 500 users and 40 groups. The import runs in a
// fresh Node process (the same pure function the engine worker runs), three times on the same
// text; it prints the best time, and the peak RSS of that process. Target: under 2 s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROLES = 5000;
const POLICIES = 2000;
const USERS = 500;
const GROUPS = 40;
const A = '123456789012';

if (process.argv[2] === '--measure') {
  // Child: read the file, import it three times, report the best and the peak RSS.
  const [, , , file, module] = process.argv;
  const { importAuthorizationDetails } = await import(pathToFileURL(module).href);
  const text = readFileSync(file, 'utf8');
  const times = [];
  const cpu = [];
  let result;
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = importAuthorizationDetails(text);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const w = result.ok ? result.value : {};
  process.stdout.write(
    JSON.stringify({
      times,
      cpu,
      ok: result.ok,
      findings: result.findings.length,
      roles: w.roles?.length ?? 0,
      users: w.users?.length ?? 0,
      policies: w.managedPolicies?.length ?? 0,
      versions: (w.managedPolicies ?? []).reduce((n, m) => n + m.versions.length, 0),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
  process.exit(0);
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-import-bench-'));
const { build } = await import('vite');
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'src/world/import/authorization-details.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'import.mjs' } },
  },
  ssr: { noExternal: true },
});

// A deterministic generator (xorshift32), so every run imports the same account.
let seed = 0x2545f491;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (list) => list[Math.floor(rand() * list.length)];
const enc = (doc) => encodeURIComponent(JSON.stringify(doc, null, 4));
const date = (y) =>
  `${y}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}T${String(int(0, 23)).padStart(2, '0')}:${String(int(10, 59))}:${String(int(10, 59))}Z`;
const id = (prefix, n) => `${prefix}${String(n).padStart(17, '0')}`;

const SERVICES = {
  s3: ['GetObject', 'PutObject', 'ListBucket', 'DeleteObject', 'GetBucketPolicy'],
  dynamodb: ['GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem'],
  lambda: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage'],
  logs: ['CreateLogStream', 'PutLogEvents', 'CreateLogGroup'],
  kms: ['Decrypt', 'Encrypt', 'GenerateDataKey'],
  ec2: ['DescribeInstances', 'StartInstances', 'StopInstances'],
};
const resourceFor = (svc, n) =>
  ({
    s3: `arn:aws:s3:::bucket-${n}/*`,
    dynamodb: `arn:aws:dynamodb:us-east-1:${A}:table/table-${n}`,
    lambda: `arn:aws:lambda:us-east-1:${A}:function:fn-${n}`,
    sqs: `arn:aws:sqs:us-east-1:${A}:queue-${n}`,
    logs: `arn:aws:logs:us-east-1:${A}:log-group:/app/${n}:*`,
    kms: `arn:aws:kms:us-east-1:${A}:key/${n}`,
    ec2: '*',
  })[svc];
function statement(n) {
  const svc = pick(Object.keys(SERVICES));
  const st = {
    Sid: `S${n}`,
    Effect: rand() < 0.9 ? 'Allow' : 'Deny',
    Action: Array.from({ length: int(1, 4) }, () => `${svc}:${pick(SERVICES[svc])}`),
    Resource: resourceFor(svc, int(1, 999)),
  };
  if (rand() < 0.25) st.Condition = { StringEquals: { 'aws:ResourceTag/team': pick(['web', 'data', 'ops', 'ml']) } };
  return st;
}
const policyDoc = () => ({
  Version: '2012-10-17',
  Statement: Array.from({ length: int(2, 5) }, (_, i) => statement(i)),
});
const trust = () =>
  rand() < 0.7
    ? {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: pick(['ec2.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com']) },
            Action: 'sts:AssumeRole',
          },
        ],
      }
    : {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${int(100000000000, 999999999999)}:root` },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': `ext-${int(1000, 9999)}` } },
          },
        ],
      };

const policies = [];
for (let p = 0; p < POLICIES; p++) {
  const n = int(2, 5);
  const def = int(1, n);
  policies.push({
    PolicyName: `policy-${p}`,
    PolicyId: id('ANPA', p),
    Arn: `arn:aws:iam::${A}:policy/team-${p % 20}/policy-${p}`,
    Path: `/team-${p % 20}/`,
    DefaultVersionId: `v${def}`,
    AttachmentCount: int(0, 5),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: date(2021),
    UpdateDate: date(2024),
    PolicyVersionList: Array.from({ length: n }, (_, i) => ({
      Document: enc(policyDoc()),
      VersionId: `v${n - i}`,
      IsDefaultVersion: n - i === def,
      CreateDate: date(2021 + i),
    })),
  });
}
const attach = (k) =>
  Array.from({ length: k }, () => {
    const p = pick(policies);
    return { PolicyName: p.PolicyName, PolicyArn: p.Arn };
  });
const tags = () => Array.from({ length: int(0, 4) }, (_, i) => ({ Key: `tag-${i}`, Value: `value-${int(1, 99)}` }));
const groups = Array.from({ length: GROUPS }, (_, g) => ({
  Path: '/',
  GroupName: `group-${g}`,
  GroupId: id('AGPA', g),
  Arn: `arn:aws:iam::${A}:group/group-${g}`,
  CreateDate: date(2022),
  GroupPolicyList: rand() < 0.5 ? [{ PolicyName: `inline-${g}`, PolicyDocument: enc(policyDoc()) }] : [],
  AttachedManagedPolicies: [
    ...attach(int(1, 3)),
    { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
  ],
}));
const users = Array.from({ length: USERS }, (_, u) => ({
  Path: '/',
  UserName: `user-${u}`,
  UserId: id('AIDA', u),
  Arn: `arn:aws:iam::${A}:user/user-${u}`,
  CreateDate: date(2022),
  UserPolicyList: rand() < 0.3 ? [{ PolicyName: `own-${u}`, PolicyDocument: enc(policyDoc()) }] : [],
  GroupList: Array.from(new Set(Array.from({ length: int(1, 3) }, () => `group-${int(0, GROUPS - 1)}`))),
  AttachedManagedPolicies: attach(int(0, 2)),
  Tags: tags(),
}));
const roles = [];
for (let r = 0; r < ROLES; r++) {
  const name = `role-${r}`;
  const base = {
    Path: r % 50 === 0 ? '/aws-service-role/' : '/',
    RoleName: name,
    RoleId: id('AROA', r),
    Arn: `arn:aws:iam::${A}:role/${name}`,
    CreateDate: date(2022),
    AssumeRolePolicyDocument: enc(trust()),
  };
  roles.push({
    ...base,
    InstanceProfileList:
      rand() < 0.3
        ? [
            {
              Path: '/',
              InstanceProfileName: name,
              InstanceProfileId: id('AIPA', r),
              Arn: `arn:aws:iam::${A}:instance-profile/${name}`,
              CreateDate: base.CreateDate,
              Roles: [base],
            },
          ]
        : [],
    RolePolicyList: Array.from({ length: int(0, 2) }, (_, i) => ({
      PolicyName: `inline-${i}`,
      PolicyDocument: enc(policyDoc()),
    })),
    AttachedManagedPolicies: attach(int(1, 3)),
    Tags: tags(),
    RoleLastUsed: rand() < 0.6 ? { LastUsedDate: date(2026), Region: 'us-east-1' } : {},
  });
}
const text = JSON.stringify(
  { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies, IsTruncated: false },
  null,
  4,
);
const file = join(work, 'details.json');
writeFileSync(file, text);

const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', file, join(work, 'import.mjs')], {
  encoding: 'utf8',
  maxBuffer: 1 << 20,
});
rmSync(work, { recursive: true, force: true });
if (run.status !== 0) {
  console.log(`    import failed: ${run.stderr}`);
  process.exit(1);
}
const r = JSON.parse(run.stdout);
const best = Math.min(...r.times);
const bestCpu = r.cpu[r.times.indexOf(best)];
console.log(
  `    ${ROLES.toLocaleString('en-US')} roles, ${POLICIES.toLocaleString('en-US')} policies (${r.versions.toLocaleString('en-US')} versions), ${USERS} users, ${(text.length / 1048576).toFixed(1)} MiB: ` +
    `${best.toFixed(0)} ms best of 3 (${r.times.map((t) => t.toFixed(0)).join(', ')} ms; ${bestCpu.toFixed(0)} ms CPU), peak RSS ${r.maxRssMb.toFixed(0)} MB; ` +
    `${r.ok ? 'ok' : 'FAILED'}, ${r.roles} roles and ${r.policies} policies in the world, ${r.findings} findings (target < 2000 ms)`,
);
