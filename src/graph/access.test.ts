import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, loadManagedPolicies } from '../catalog';
import type { Catalog } from '../catalog/types';
import { defaultWorld, managedPolicyLookup } from '../world';
import type { ManagedPolicy, World } from '../world/types';
import { buildAccess } from './access';

const A = '111122223333';
const B = '444455556666';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const PHOTOS = 'arn:aws:s3:::playground-photos';

let catalog: Catalog;
let managedPolicy: (arn: string) => ManagedPolicy | undefined;
beforeAll(async () => {
  catalog = await loadCatalog();
  managedPolicy = managedPolicyLookup(await loadManagedPolicies());
});

describe('the access relation of the default account', () => {
  it('says who can read the bucket’s objects, what bob can write, and that anyone reads public/*', () => {
    const rel = buildAccess(defaultWorld(), catalog, { now: NOW, managedPolicy });
    expect(rel.stats).toMatchObject({ principals: 13, resources: 19, decisions: 9568 });
    const readers = rel.whoCan('s3:GetObject', `${PHOTOS}/public/welcome.txt`);
    expect(readers.map((r) => [r.principal, r.answer.holds])).toEqual([
      [`arn:aws:iam::${A}:user/admin`, 'always'],
      [`arn:aws:iam::${A}:user/alice`, 'always'],
      [`arn:aws:iam::${A}:user/bob`, 'always'],
      [`arn:aws:iam::${A}:role/web-server`, 'always'],
      [`arn:aws:iam::${A}:role/service-role/image-resizer`, 'always'],
      // The bucket policy's `Principal: "*"` on public/* names everyone: the app's roles, services, anyone.
      [`arn:aws:iam::${A}:role/photos-app-authenticated`, 'always'],
      [`arn:aws:iam::${A}:role/photos-app-guest`, 'always'],
      [`arn:aws:iam::${A}:role/photos-app-editors`, 'always'],
      [`arn:aws:iam::${A}:root`, 'always'],
      ['ec2.amazonaws.com', 'always'],
      ['lambda.amazonaws.com', 'always'],
      ['s3.amazonaws.com', 'always'],
      ['anonymous', 'always'],
    ]);
    const anyone = rel.edgesFrom('anonymous');
    expect(anyone.map((e) => [e.resource, e.level, e.holds, e.actions])).toEqual([
      [`${PHOTOS}/public/pixel.png`, 'Read', 'always', ['s3:GetObject']],
      [`${PHOTOS}/public/welcome.txt`, 'Read', 'always', ['s3:GetObject']],
    ]);
    const bobWrites = rel.edgesFrom(`arn:aws:iam::${A}:user/bob`).filter((e) => e.level === 'Write');
    expect(bobWrites.map((e) => [e.resource, e.actions])).toEqual([
      [`${PHOTOS}/home/bob/todo.txt`, ['s3:DeleteObject', 's3:PutObject']],
    ]);
  });

  it('keeps the bucket policy’s s3:prefix condition on the roles’ ListBucket edges', () => {
    const rel = buildAccess(defaultWorld(), catalog, { now: NOW, managedPolicy });
    const edge = rel
      .edgesTo(PHOTOS)
      .find((e) => e.principal === `arn:aws:iam::${A}:role/web-server` && e.level === 'List');
    expect(edge).toMatchObject({
      holds: 'conditional',
      actions: ['s3:ListBucket'],
      conditionalActions: ['s3:ListBucket'],
    });
    expect(edge!.conditions!.map((c) => [c.policyId, c.effect, c.keys])).toEqual([[PHOTOS, 'Allow', ['s3:prefix']]]);
    const answer = rel.check(`arn:aws:iam::${A}:role/web-server`, 's3:ListBucket', PHOTOS);
    expect(answer.witness).toEqual({ 's3:prefix': 'public/*' });
  });
});

const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const BUCKET = 'arn:aws:s3:::shared-data';
const OBJECT = `${BUCKET}/report.csv`;

function small(
  opts: { bucketAccount?: string; bucketPolicy?: Record<string, unknown>; extra?: Partial<World> } = {},
): World {
  return {
    accounts: [{ id: A, name: 'one' }],
    users: [
      {
        name: 'carol',
        account: A,
        inlinePolicies: [
          { name: 'read', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }) },
        ],
      },
      { name: 'dave', account: A },
    ],
    resources: [
      {
        type: 's3-bucket',
        arn: BUCKET,
        account: opts.bucketAccount ?? A,
        objects: [{ key: 'report.csv' }],
        ...(opts.bucketPolicy ? { policy: opts.bucketPolicy } : {}),
      },
    ],
    ...opts.extra,
  } as World;
}

const carol = `arn:aws:iam::${A}:user/carol`;
const dave = `arn:aws:iam::${A}:user/dave`;

describe('the access relation on small worlds', () => {
  it('across accounts, the identity policy and the bucket policy must both allow', () => {
    const naming = doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${A}:root` },
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
    });
    const none = buildAccess(small({ bucketAccount: B }), catalog, { now: NOW });
    expect(none.check(carol, 's3:GetObject', OBJECT)).toEqual({ holds: 'never' });
    const both = buildAccess(small({ bucketAccount: B, bucketPolicy: naming }), catalog, { now: NOW });
    expect(both.check(carol, 's3:GetObject', OBJECT)).toEqual({ holds: 'always' });
    expect(both.check(dave, 's3:GetObject', OBJECT)).toEqual({ holds: 'never' });
    // The bucket policy names account A: its root user, and carol, whose own policy allows.
    expect(both.whoCan('s3:GetObject', OBJECT).map((w) => w.principal)).toEqual([carol, `arn:aws:iam::${A}:root`]);
    // In the same account, a bucket policy naming dave is enough on its own.
    const direct = doc({ Effect: 'Allow', Principal: { AWS: dave }, Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    const same = buildAccess(small({ bucketPolicy: direct }), catalog, { now: NOW });
    expect(same.whoCan('s3:GetObject', OBJECT).map((w) => w.principal)).toEqual([
      carol,
      dave,
      `arn:aws:iam::${A}:root`,
    ]);
  });

  it('an SCP that denies the action removes the edge', () => {
    const open = buildAccess(small(), catalog, { now: NOW });
    expect(open.edgesFrom(carol).map((e) => [e.resource, e.level, e.actions])).toEqual([
      [OBJECT, 'Read', ['s3:GetObject']],
    ]);
    const scp = {
      organization: {
        id: 'o-a1b2c3d4e5',
        managementAccount: '999988887777',
        root: { id: 'r-a1b2', scps: ['FullAWSAccess', 'no-get'], accounts: [A] },
        policies: [
          { id: 'no-get', type: 'SCP', document: doc({ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }) },
        ],
      },
    } as Partial<World>;
    const blocked = buildAccess(small({ extra: scp }), catalog, { now: NOW });
    expect(blocked.edgesFrom(carol)).toEqual([]);
    expect(blocked.check(carol, 's3:GetObject', OBJECT)).toEqual({ holds: 'never' });
  });

  it('a permissions boundary without the action removes the edge; one with it keeps it', () => {
    const boundary = (action: string): Partial<World> => ({
      managedPolicies: [
        {
          arn: `arn:aws:iam::${A}:policy/b`,
          defaultVersion: 'v1',
          versions: [{ versionId: 'v1', document: doc({ Effect: 'Allow', Action: action, Resource: '*' }) }],
        },
      ],
    });
    const w1 = small({ extra: boundary('dynamodb:*') });
    w1.users![0].permissionsBoundary = `arn:aws:iam::${A}:policy/b`;
    expect(buildAccess(w1, catalog, { now: NOW }).edgesFrom(carol)).toEqual([]);
    const w2 = small({ extra: boundary('s3:Get*') });
    w2.users![0].permissionsBoundary = `arn:aws:iam::${A}:policy/b`;
    expect(buildAccess(w2, catalog, { now: NOW }).check(carol, 's3:GetObject', OBJECT)).toEqual({ holds: 'always' });
  });

  it('an MFA condition keeps the edge conditional, and the context decides it', () => {
    const w = small();
    w.users![1].inlinePolicies = [
      {
        name: 'mfa',
        document: doc({
          Effect: 'Allow',
          Action: 's3:*',
          Resource: `${BUCKET}/*`,
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        }),
      },
    ];
    const rel = buildAccess(w, catalog, { now: NOW });
    const edges = rel.edgesFrom(dave).filter((e) => e.level === 'Write');
    expect(edges.map((e) => [e.resource, e.holds, e.conditions?.map((c) => c.keys)])).toEqual([
      [OBJECT, 'conditional', [['aws:MultiFactorAuthPresent']]],
    ]);
    expect(buildAccess(w, catalog, { now: NOW, context: { mfa: true } }).check(dave, 's3:PutObject', OBJECT)).toEqual({
      holds: 'always',
    });
    expect(buildAccess(w, catalog, { now: NOW, context: { mfa: false } }).edgesFrom(dave)).toEqual([]);
  });
});
