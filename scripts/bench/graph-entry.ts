// The graph bench's entry: `scripts/bench/graph.mjs` bundles it (with `vite build --ssr`) and
// imports it in plain Node. `benchWorld` makes the generated world the bench measures: 1,000
// principals (users in groups that share managed policies, roles; some with conditions, some
// with a permissions boundary; an SCP over the account) and about 10,000 resources (buckets and
// their objects, tables), with resource policies on some buckets.
import type { World } from '../../src/world/types';

export { buildAccess } from '../../src/graph/access';
export { graphRequest } from '../../src/graph/request';
export { actionsFor } from '../../src/graph/actions';
export { authorize } from '../../src/world/authorize';
export { managedPolicyLookup } from '../../src/world/managed';
export { loadCatalog, loadManagedPolicies } from '../../src/catalog';

const A = '111122223333';
const OTHER = '444455556666';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });

export interface BenchShape {
  users: number;
  roles: number;
  buckets: number;
  objectsPerBucket: number;
  tables: number;
}

export const BENCH_SHAPE: BenchShape = { users: 700, roles: 300, buckets: 100, objectsPerBucket: 69, tables: 3000 };

export function benchWorld(shape: BenchShape = BENCH_SHAPE, seed = 13): World {
  const rnd = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const teams = ['red', 'blue', 'green', 'gold'];
  const bucketName = (i: number) => `bench-${teams[i % teams.length]}-${String(i).padStart(3, '0')}`;
  const managed: { arn: string; document: Record<string, unknown> }[] = [];
  const policy = (name: string, document: Record<string, unknown>) => {
    const arn = `arn:aws:iam::${A}:policy/${name}`;
    managed.push({ arn, document });
    return arn;
  };
  // Managed policies the groups and roles share.
  const readTeam = teams.map((t) =>
    policy(
      `read-${t}`,
      doc({
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation'],
        Resource: [`arn:aws:s3:::bench-${t}-*`, `arn:aws:s3:::bench-${t}-*/*`],
      }),
    ),
  );
  const writeTeam = teams.map((t) =>
    policy(
      `write-${t}`,
      doc(
        { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: `arn:aws:s3:::bench-${t}-*/*` },
        { Effect: 'Deny', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::bench-${t}-*/keep/*` },
      ),
    ),
  );
  const tables = policy(
    'tables-read',
    doc({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
      Resource: `arn:aws:dynamodb:us-east-1:${A}:table/*`,
    }),
  );
  const tablesTeam = teams.map((t) =>
    policy(
      `tables-${t}`,
      doc({ Effect: 'Allow', Action: 'dynamodb:*', Resource: `arn:aws:dynamodb:us-east-1:${A}:table/${t}-*` }),
    ),
  );
  const home = policy(
    'home',
    doc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bench-red-000/home/${aws:username}/*' }),
  );
  const mfaAdmin = policy(
    'mfa-admin',
    doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
  );
  const officeOnly = policy(
    'office-only',
    doc({
      Effect: 'Deny',
      Action: 's3:*',
      Resource: '*',
      Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } },
    }),
  );
  const tagged = policy(
    'tagged',
    doc({
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'gold' } },
    }),
  );
  const boundary = policy(
    'boundary',
    doc({ Effect: 'Allow', Action: ['s3:*', 'dynamodb:Get*', 'dynamodb:Query'], Resource: '*' }),
  );
  const groups = [
    ...teams.map((t, i) => ({ name: `${t}-readers`, account: A, managedPolicies: [readTeam[i], tables] })),
    ...teams.map((t, i) => ({
      name: `${t}-writers`,
      account: A,
      managedPolicies: [readTeam[i], writeTeam[i], tablesTeam[i]],
    })),
    { name: 'homes', account: A, managedPolicies: [home] },
    { name: 'admins', account: A, managedPolicies: [mfaAdmin] },
    { name: 'office', account: A, managedPolicies: [officeOnly, readTeam[0]] },
    { name: 'gold-tagged', account: A, managedPolicies: [tagged] },
  ];
  const users = [];
  for (let i = 0; i < shape.users; i++) {
    const team = pick(teams);
    const gs = [pick(groups).name];
    if (rnd() < 0.5) gs.push(pick(groups).name);
    if (i % 50 === 0) gs.push('admins');
    const u: Record<string, unknown> = {
      name: `user-${String(i).padStart(4, '0')}`,
      account: A,
      groups: [...new Set(gs)],
      tags: { team },
    };
    if (i % 10 === 3) u.permissionsBoundary = boundary;
    if (i % 7 === 0)
      u.inlinePolicies = [
        {
          name: 'own-table',
          document: doc({
            Effect: 'Allow',
            Action: 'dynamodb:PutItem',
            Resource: `arn:aws:dynamodb:us-east-1:${A}:table/${team}-${i % 100}`,
          }),
        },
      ];
    users.push(u);
  }
  const trust = doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
  const roles = [];
  for (let i = 0; i < shape.roles; i++) {
    const t = i % teams.length;
    const r: Record<string, unknown> = {
      name: `role-${String(i).padStart(4, '0')}`,
      account: A,
      trustPolicy: trust,
      managedPolicies:
        i % 3 === 0 ? [readTeam[t], tablesTeam[t]] : i % 3 === 1 ? [writeTeam[t], readTeam[t]] : [tables],
      tags: { team: teams[t] },
    };
    if (i % 5 === 0) r.permissionsBoundary = boundary;
    roles.push(r);
  }
  const resources: Record<string, unknown>[] = [];
  for (let b = 0; b < shape.buckets; b++) {
    const arn = `arn:aws:s3:::${bucketName(b)}`;
    const objects = [];
    for (let o = 0; o < shape.objectsPerBucket; o++)
      objects.push({
        key:
          o % 10 === 0
            ? `keep/${o}.txt`
            : o % 10 === 1
              ? `home/user-${String(o).padStart(4, '0')}/${o}.txt`
              : `data/${o}.csv`,
        body: '',
      });
    const bucket: Record<string, unknown> = { type: 's3-bucket', arn, account: A, objects };
    if (b % 4 === 0)
      bucket.policy = doc(
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [arn, `${arn}/*`],
        },
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${A}:role/role-${String(b).padStart(4, '0')}` },
          Action: 's3:*',
          Resource: [arn, `${arn}/*`],
        },
      );
    else if (b % 4 === 1)
      bucket.policy = doc(
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn}/data/*` },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:DeleteObject',
          Resource: `${arn}/*`,
          Condition: { StringNotEquals: { 'aws:PrincipalAccount': A } },
        },
      );
    resources.push(bucket);
  }
  for (let i = 0; i < shape.tables; i++)
    resources.push({
      type: 'dynamodb-table',
      arn: `arn:aws:dynamodb:us-east-1:${A}:table/${teams[i % teams.length]}-${i}`,
      account: A,
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
    });
  return {
    accounts: [
      { id: A, name: 'bench' },
      { id: '999988887777', name: 'management' },
    ],
    managedPolicies: managed.map((m) => ({
      arn: m.arn,
      defaultVersion: 'v1',
      versions: [{ versionId: 'v1', document: m.document }],
    })),
    groups,
    users,
    roles,
    resources,
    organization: {
      id: 'o-a1b2c3d4e5',
      managementAccount: '999988887777',
      root: { id: 'r-a1b2', scps: ['FullAWSAccess'], accounts: [A] },
      accountScps: { [A]: ['FullAWSAccess', 'no-deletes'] },
      policies: [
        {
          id: 'no-deletes',
          type: 'SCP',
          document: doc({ Effect: 'Deny', Action: ['dynamodb:DeleteTable', 's3:DeleteBucket'], Resource: '*' }),
        },
      ],
    },
  } as unknown as World;
}
