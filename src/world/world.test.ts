import { describe, expect, it } from 'vitest';
import { authorize } from './authorize';
import { checkWorld, formatPath } from './schema';
import { loadWorld } from './load';
import { placement } from './organization';
import { managedPolicyLookup } from './managed';
import { loadManagedPolicies } from '../catalog';
import type { World } from './types';
import { derivedUniqueId } from '../engine/context';

const A = '111122223333';
const B = '444455556666';
const M = '999988887777';
const allow = (action: string | string[], resource: string | string[] = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
const NOW = Date.UTC(2026, 0, 15, 12);

function world(): World {
  return {
    accounts: [
      { id: A, name: 'dev' },
      { id: B, name: 'partner' },
      { id: M, name: 'management' },
    ],
    organization: {
      id: 'o-a1b2c3d4e5',
      managementAccount: M,
      root: {
        id: 'r-ab12',
        children: [
          {
            id: 'ou-ab12-11111111',
            name: 'Workloads',
            scps: ['FullAWSAccess', 'p-region'],
            rcps: ['p-perimeter'],
            accounts: [A],
          },
        ],
        accounts: [M],
      },
      policies: [
        {
          id: 'p-region',
          type: 'SCP',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Deny',
                Action: 'ec2:*',
                Resource: '*',
                Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
              },
            ],
          },
        },
        {
          id: 'p-perimeter',
          type: 'RCP',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: '*',
                Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
              },
            ],
          },
        },
      ],
    },
    managedPolicies: [
      {
        arn: `arn:aws:iam::${A}:policy/S3Read`,
        versions: [
          { versionId: 'v1', document: allow('s3:ListBucket') },
          { versionId: 'v2', document: allow('s3:GetObject') },
        ],
        defaultVersion: 'v2',
      },
      {
        arn: `arn:aws:iam::${A}:policy/Boundary`,
        versions: [{ versionId: 'v1', document: allow(['s3:*', 'sts:AssumeRole', 'ec2:*']) }],
        defaultVersion: 'v1',
      },
    ],
    groups: [{ account: A, name: 'Readers', managedPolicies: [`arn:aws:iam::${A}:policy/S3Read`] }],
    users: [
      {
        account: A,
        name: 'alice',
        groups: ['Readers'],
        tags: { team: 'web' },
        inlinePolicies: [{ name: 'ec2', document: allow('ec2:*') }],
      },
      {
        account: A,
        name: 'bounded',
        path: '/eng/',
        inlinePolicies: [{ name: 'all', document: allow('*') }],
        permissionsBoundary: `arn:aws:iam::${A}:policy/Boundary`,
      },
      { account: B, name: 'bob', inlinePolicies: [{ name: 's3', document: JSON.stringify(allow('s3:*')) }] },
    ],
    roles: [
      {
        account: A,
        name: 'Admin',
        path: '/ops/',
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'sts:AssumeRole' },
          ],
        },
        inlinePolicies: [{ name: 'admin', document: allow('*') }],
        tags: { team: 'ops' },
        maxSessionDuration: 7200,
      },
    ],
    resources: [
      {
        arn: 'arn:aws:s3:::shared',
        account: A,
        policy: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: B }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' },
          ],
        },
        tags: { env: 'prod' },
      },
    ],
  };
}

describe('checkWorld', () => {
  it('accepts a well-formed world', () => {
    expect(checkWorld(world())).toEqual({ ok: true, value: world() });
  });
  it('explains every problem with its path', () => {
    const w = world() as unknown as Record<string, unknown>;
    const bad = {
      ...w,
      accounts: [{ id: '123' }, { id: A }, { id: A }],
      users: [
        {
          account: A,
          name: 'x',
          groups: ['Nope'],
          managedPolicies: [`arn:aws:iam::${A}:policy/Missing`],
          tags: { k: 1 },
        },
        { account: '000000000000', name: 'y' },
      ],
      roles: [{ account: A, name: 'r', maxSessionDuration: 60 }],
      managedPolicies: [
        { arn: `arn:aws:iam::${A}:policy/P`, versions: [{ versionId: 'v1', document: {} }], defaultVersion: 'v3' },
      ],
      extra: true,
    };
    const r = checkWorld(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual([
      'extra: unknown key `extra` in `the world`',
      'accounts[0].id: `123` is not a 12-digit account id',
      'accounts[2].id: the account `111122223333` is listed twice',
      'managedPolicies[0].defaultVersion: the default version `v3` is not one of the versions',
      'groups[0].managedPolicies[0]: the managed policy `arn:aws:iam::111122223333:policy/S3Read` is not in `managedPolicies`',
      'users[0].managedPolicies[0]: the managed policy `arn:aws:iam::111122223333:policy/Missing` is not in `managedPolicies`',
      'users[0].groups[0]: the group `Nope` is not in account 111122223333',
      'users[0].tags.k: tag `k` must have a string value',
      'users[1].account: the account `000000000000` is not in `accounts`',
      'roles[0].trustPolicy: `roles[0].trustPolicy` is required',
      'roles[0].maxSessionDuration: `maxSessionDuration` must be a whole number of seconds from 3600 to 43200',
      'organization.managementAccount: the account `999988887777` is not in `accounts`',
      'organization.root.accounts[0]: the account `999988887777` is not in `accounts`',
    ]);
  });
  it('checks organization references and policy types', () => {
    const w = world();
    w.organization!.root.scps = ['p-perimeter', 'p-nope'];
    w.organization!.accountRcps = { [A]: ['p-region'] };
    const r = checkWorld(w);
    expect(r.ok ? [] : r.errors.map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual([
      'organization.root.scps[0]: `p-perimeter` is an RCP, not an SCP',
      'organization.root.scps[1]: the SCP `p-nope` is not in `organization.policies`',
      'organization.accountRcps.111122223333[0]: `p-region` is an SCP, not an RCP',
    ]);
  });
  it('rejects a value that is not an object', () => {
    expect(checkWorld([])).toEqual({
      ok: false,
      errors: [{ code: 'validate.world.type', message: '`the world` must be an object', path: [] }],
    });
  });
});

describe('loadWorld', () => {
  it('answers malformed JSON with a ranged finding', () => {
    const r = loadWorld('{"accounts": [}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].code).toBe('parse.json-syntax');
    expect(r.errors[0].range.start).toEqual({ line: 1, column: 15, offset: 14 });
  });
  it('points schema problems at their line', () => {
    const r = loadWorld('{\n  "accounts": [\n    { "id": "12" }\n  ]\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((f) => [f.message, f.range.start.line, f.range.start.column])).toEqual([
      ['`12` is not a 12-digit account id', 3, 13],
    ]);
  });
  it('loads a valid world', () => {
    expect(loadWorld(JSON.stringify(world())).ok).toBe(true);
  });
});

describe('placement in the organization', () => {
  it('lists SCP and RCP levels root first, the account last', () => {
    expect(placement(world().organization, A)).toEqual({
      orgId: 'o-a1b2c3d4e5',
      path: 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/',
      management: false,
      scpLevels: [['FullAWSAccess'], ['FullAWSAccess', 'p-region'], ['FullAWSAccess']],
      rcpLevels: [[], ['p-perimeter'], []],
      levelNames: ['root', 'Workloads', A],
      scpDefault: [true, false, true],
      rcpDefault: [true, false, true],
    });
    expect(placement(world().organization, A, 'dev')?.levelNames).toEqual(['root', 'Workloads', 'dev']);
  });
  it('knows the management account and non-members', () => {
    expect(placement(world().organization, M)?.management).toBe(true);
    expect(placement(world().organization, B)).toBeUndefined();
  });
});

describe('authorize(world, request)', () => {
  const decide = (principal: string, action: string, resource: string, extra: object = {}) => {
    const r = authorize(world(), { principal, action, resource, ...extra }, { now: NOW, trace: false });
    if (!r.ok) throw new Error(r.errors[0].message);
    return r.value;
  };
  it('gathers user inline policies and group managed policies (default version)', () => {
    const r = decide(`arn:aws:iam::${A}:user/alice`, 's3:GetObject', 'arn:aws:s3:::bucket/k');
    expect(r.decision).toBe('Allow');
    expect(r.deciding.map((d) => d.policyId)).toEqual([
      'FullAWSAccess',
      'FullAWSAccess',
      'FullAWSAccess',
      `arn:aws:iam::${A}:policy/S3Read`,
    ]);
    expect(decide(`arn:aws:iam::${A}:user/alice`, 's3:ListBucket', 'arn:aws:s3:::bucket').decision).toBe(
      'ImplicitDeny',
    );
    expect(r.policies.identity?.map((p) => p.id)).toEqual(['user/alice:inline/ec2', `arn:aws:iam::${A}:policy/S3Read`]);
  });
  it('fills principal tags, org id and path from the world', () => {
    const r = decide(`arn:aws:iam::${A}:user/alice`, 's3:GetObject', 'arn:aws:s3:::bucket/k');
    expect(r.request.context['aws:principaltag/team']?.value).toBe('web');
    expect(r.request.context['aws:principalorgid']?.value).toBe('o-a1b2c3d4e5');
    expect(r.request.context['aws:principalorgpaths']?.value).toEqual(['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/']);
  });
  it('applies the organization SCPs on the account path', () => {
    expect(
      decide(`arn:aws:iam::${A}:user/alice`, 'ec2:RunInstances', `arn:aws:ec2:eu-west-1:${A}:instance/*`).decision,
    ).toBe('ExplicitDeny');
    expect(
      decide(`arn:aws:iam::${A}:user/alice`, 'ec2:RunInstances', `arn:aws:ec2:us-east-1:${A}:instance/*`).decision,
    ).toBe('Allow');
  });
  it('applies the permissions boundary', () => {
    expect(decide(`arn:aws:iam::${A}:user/eng/bounded`, 'iam:CreateUser', `arn:aws:iam::${A}:user/x`).decision).toBe(
      'ImplicitDeny',
    );
    expect(decide(`arn:aws:iam::${A}:user/eng/bounded`, 's3:PutObject', 'arn:aws:s3:::b/k').decision).toBe('Allow');
  });
  it('uses the role trust policy for sts:AssumeRole', () => {
    const ok = decide(`arn:aws:iam::${A}:user/alice`, 'sts:AssumeRole', `arn:aws:iam::${A}:role/ops/Admin`);
    expect(ok.decision).toBe('Allow');
    expect(ok.deciding.map((d) => d.policyId)).toEqual([
      'FullAWSAccess',
      'FullAWSAccess',
      'FullAWSAccess',
      'role/ops/Admin:trust',
    ]);
    const no = decide(`arn:aws:iam::${A}:user/eng/bounded`, 'sts:AssumeRole', `arn:aws:iam::${A}:role/ops/Admin`);
    expect(no.message).toBe(
      `User: arn:aws:iam::${A}:user/eng/bounded is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/ops/Admin`,
    );
  });
  it('gives a role session its role policies, path and tags', () => {
    const r = decide(`arn:aws:sts::${A}:assumed-role/Admin/s1`, 'iam:CreateUser', `arn:aws:iam::${A}:user/x`, {
      session: { tags: { team: 'sec' } },
    });
    expect(r.decision).toBe('Allow');
    expect(r.request.caller.roleArn).toBe(`arn:aws:iam::${A}:role/ops/Admin`);
    expect(r.request.context['aws:principaltag/team']?.value).toBe('sec');
  });
  it('caps a role session with its session policies', () => {
    const r = decide(`arn:aws:sts::${A}:assumed-role/Admin/s1`, 'iam:CreateUser', `arn:aws:iam::${A}:user/x`, {
      session: { policies: [allow('s3:*')] },
    });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('session');
  });
  it('finds the bucket policy of an object, its tags, and the RCP perimeter', () => {
    // bob (account B, outside the organization) is allowed by the bucket policy but the RCP perimeter denies him.
    const r = decide(`arn:aws:iam::${B}:user/bob`, 's3:GetObject', 'arn:aws:s3:::shared/k');
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deniedBy).toBe('rcp');
    expect(r.policies.resource?.id).toBe('arn:aws:s3:::shared');
    const inOrg = decide(`arn:aws:iam::${B}:user/bob`, 's3:GetObject', 'arn:aws:s3:::shared/k', {
      context: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
    });
    expect(inOrg.decision).toBe('Allow');
    expect(
      decide(`arn:aws:iam::${A}:user/alice`, 's3:GetBucketTagging', 'arn:aws:s3:::shared').request.context[
        'aws:resourcetag/env'
      ]?.value,
    ).toBe('prod');
  });
  it('answers unknown principals and bad ARNs with errors', () => {
    const r = authorize(world(), { principal: `arn:aws:iam::${A}:user/nobody`, action: 's3:GetObject', resource: '*' });
    expect(r.ok ? '' : r.errors[0].message).toBe(`the user \`arn:aws:iam::${A}:user/nobody\` is not in the world`);
    const g = authorize(world(), {
      principal: `arn:aws:iam::${A}:group/Readers`,
      action: 's3:GetObject',
      resource: '*',
    });
    expect(g.ok ? '' : g.errors[0].code).toBe('evaluate.request.principal');
  });
  it('reports a policy document that does not parse and leaves it out', () => {
    const w = world();
    w.users![0].inlinePolicies = [{ name: 'broken', document: '{"Statement": [' }];
    const r = authorize(
      w,
      { principal: `arn:aws:iam::${A}:user/alice`, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
      { now: NOW },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.decision).toBe('Allow');
    expect(r.value.refused.map((x) => [x.id, x.finding.code, x.unreadable])).toEqual([
      ['user/alice:inline/broken', 'parse.json-syntax', true],
    ]);
  });
});

describe('authorize: unique ids and level names', () => {
  const ALICE_ID = 'AIDAALICEEXAMPLE00001';
  const ADMIN_ID = 'AROAADMINEXAMPLE00001';
  function idWorld(): World {
    const w = world();
    w.users![0].id = ALICE_ID;
    w.roles![0].id = ADMIN_ID;
    w.roles!.push({
      account: A,
      name: 'Target',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: ADMIN_ID }, Action: 'sts:AssumeRole' }],
      },
    });
    w.resources!.push({
      arn: 'arn:aws:s3:::private',
      account: A,
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: [ALICE_ID, derivedUniqueId('AIDA', `arn:aws:iam::${A}:user/eng/bounded`)] },
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::private/*',
          },
        ],
      },
    });
    return w;
  }
  const run = (w: World, principal: string, action: string, resource: string) => {
    const r = authorize(w, { principal, action, resource }, { now: NOW });
    if (!r.ok) throw new Error(r.errors[0].message);
    return r.value;
  };
  it('a resource policy naming a user by its unique id (AIDA…) matches that user only', () => {
    const w = idWorld();
    const alice = run(w, `arn:aws:iam::${A}:user/alice`, 's3:PutObject', 'arn:aws:s3:::private/k');
    expect(alice.decision).toBe('Allow');
    expect(alice.request.caller.uniqueId).toBe(ALICE_ID);
    expect(alice.deciding.map((d) => d.policyId)).toEqual([
      'FullAWSAccess',
      'FullAWSAccess',
      'FullAWSAccess',
      'arn:aws:s3:::private',
    ]);
    // bounded has no id in the world: its derived id is the one the policy lists.
    const bounded = run(w, `arn:aws:iam::${A}:user/eng/bounded`, 's3:PutObject', 'arn:aws:s3:::private/k');
    expect(bounded.decision).toBe('Allow');
    const other = run(w, `arn:aws:iam::${A}:user/alice`, 's3:PutObject', 'arn:aws:s3:::shared/k');
    expect(other.decision).toBe('ImplicitDeny');
  });
  it('a trust policy naming a role by its unique id (AROA…) matches the sessions of that role', () => {
    const w = idWorld();
    const ok = run(w, `arn:aws:sts::${A}:assumed-role/Admin/s1`, 'sts:AssumeRole', `arn:aws:iam::${A}:role/Target`);
    expect(ok.decision).toBe('Allow');
    expect(ok.deciding.map((d) => d.policyId)).toContain('role/Target:trust');
    const alice = run(w, `arn:aws:iam::${A}:user/alice`, 'sts:AssumeRole', `arn:aws:iam::${A}:role/Target`);
    expect(alice.decision).toBe('ImplicitDeny');
    expect(alice.deniedBy).toBe('trust');
  });
  it('names SCP levels root, the OU, the account in notes and trace', () => {
    const w = world();
    w.organization!.root.children![0].scps = ['p-region'];
    const r = run(w, `arn:aws:iam::${A}:user/alice`, 's3:GetObject', 'arn:aws:s3:::bucket/k');
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('scp');
    const scpStep = r.trace.find((e) => e.kind === 'step' && e.step === 'scp');
    expect(scpStep?.kind === 'step' && scpStep.note).toBe(
      'no service control policy at `Workloads` of the organization path allows the request',
    );
    expect(
      r.trace.flatMap((e) => (e.kind === 'policy' && e.policyType === 'scp' ? [`${e.policyId}@${e.levelName}`] : [])),
    ).toEqual(['FullAWSAccess@root', 'p-region@Workloads', 'FullAWSAccess@dev']);
  });
});

describe('AWS managed policies from the shipped data', () => {
  it('resolves an attached AWS managed policy through the lookup', async () => {
    const data = await loadManagedPolicies();
    const w = world();
    w.users![0].managedPolicies = ['arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess'];
    expect(checkWorld(w).ok).toBe(true);
    const req = {
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 'dynamodb:GetItem',
      resource: `arn:aws:dynamodb:us-east-1:${A}:table/T`,
    };
    const without = authorize(w, req, { now: NOW });
    expect(without.ok && without.value.decision).toBe('ImplicitDeny');
    expect(without.ok && without.value.errors[0].message).toBe(
      'the managed policy `arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess` is not in the world',
    );
    const withData = authorize(w, req, { now: NOW, managedPolicy: managedPolicyLookup(data) });
    expect(withData.ok && withData.value.decision).toBe('Allow');
  });
});
