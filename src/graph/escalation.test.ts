import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import { loadCatalog } from '../catalog';
import { checkWorld } from '../world';
import type { Resource, World } from '../world/types';
import { findEscalations } from './escalation';
import { TECHNIQUES, techniqueList } from './escalation/techniques';
import {
  ACCT,
  adminRole,
  allow,
  deny,
  groupArn,
  managed,
  policyArn,
  role,
  roleArn,
  user,
  userArn,
  withScp,
  world,
} from './testdata/build';

const NOW = Date.parse('2026-12-02T00:00:00Z');
let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

function escalations(w: World) {
  const checked = checkWorld(w);
  expect(checked.ok ? [] : checked.errors.map((e) => e.message)).toEqual([]);
  return findEscalations(w, catalog, { now: NOW });
}
/** The edges of one kind, as `from -> to (holds)` with short names. */
function edgesOf(w: World, kind: string): string[] {
  return escalations(w)
    .edges.filter((e) => e.kind === kind)
    .map((e) => `${short(e.from)} -> ${short(e.to)} (${e.holds})`);
}
const short = (arn: string) => arn.replace(/^arn:aws:iam::\d{12}:(user|role|root)\/?/, '');

const ATTACKER = userArn('attacker');

describe('the technique catalogue', () => {
  it('holds the 31 paths of IAM Vulnerable and three more, in pathfinding.cloud’s categories', () => {
    const count = (c: string) => TECHNIQUES.filter((t) => t.category === c).length;
    expect(TECHNIQUES.length).toBe(34);
    expect(new Set(TECHNIQUES.map((t) => t.id)).size).toBe(34);
    expect(
      ['principal-access', 'self-escalation', 'new-passrole', 'existing-passrole', 'credential-access'].map(count),
    ).toEqual([7, 9, 10, 7, 1]);
    expect(techniqueList()[0]).toEqual({
      id: 'iam:CreateAccessKey',
      category: 'principal-access',
      title: 'Create an access key for another user',
      actions: ['iam:CreateAccessKey'],
    });
  });
});

describe('another user’s credentials', () => {
  const victim = (extra = {}) => user('victim', [allow('*')], extra);

  it('iam:CreateAccessKey on another user: become that user; only on oneself: nothing', () => {
    expect(
      edgesOf(
        world({ users: [user('attacker', [allow('iam:CreateAccessKey', userArn('victim'))]), victim()] }),
        'iam:CreateAccessKey',
      ),
    ).toEqual(['attacker -> victim (always)']);
    const self = user('attacker', [allow('iam:CreateAccessKey', 'arn:aws:iam::*:user/${aws:username}')]);
    expect(edgesOf(world({ users: [self, victim()] }), 'iam:CreateAccessKey')).toEqual([]);
  });

  it('a user with two keys: the step needs iam:DeleteAccessKey first', () => {
    const key = (id: string) => ({
      accessKeyId: `AKIA${id}`,
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      status: 'Active' as const,
      createDate: '2026-01-01T00:00:00Z',
    });
    const full = victim({ accessKeys: [key('AAAAAAAAAAAAAAAA'), key('BBBBBBBBBBBBBBBB')] });
    const w = world({ users: [user('attacker', [allow('iam:CreateAccessKey', userArn('victim'))]), full] });
    expect(edgesOf(w, 'iam:CreateAccessKey')).toEqual([]);
    const both = world({
      users: [user('attacker', [allow(['iam:CreateAccessKey', 'iam:DeleteAccessKey'], userArn('victim'))]), full],
    });
    expect(escalations(both).edges.map((e) => e.actions)).toEqual([['iam:DeleteAccessKey', 'iam:CreateAccessKey']]);
  });

  it('iam:CreateLoginProfile for a user without a password; not for one with an MFA device', () => {
    const a = user('attacker', [allow('iam:CreateLoginProfile')]);
    expect(edgesOf(world({ users: [a, victim()] }), 'iam:CreateLoginProfile')).toEqual(['attacker -> victim (always)']);
    const mfa = victim({ mfaDevices: [{ serialNumber: `arn:aws:iam::${ACCT}:mfa/victim` }] });
    expect(edgesOf(world({ users: [a, mfa] }), 'iam:CreateLoginProfile')).toEqual([]);
  });

  it('iam:UpdateLoginProfile for a user with a password; not for one without', () => {
    const a = user('attacker', [allow('iam:UpdateLoginProfile')]);
    const withPassword = victim({ loginProfile: { createDate: '2026-01-01T00:00:00Z' } });
    expect(edgesOf(world({ users: [a, withPassword] }), 'iam:UpdateLoginProfile')).toEqual([
      'attacker -> victim (always)',
    ]);
    expect(edgesOf(world({ users: [a, victim()] }), 'iam:UpdateLoginProfile')).toEqual([]);
  });
});

describe('roles', () => {
  it('sts:AssumeRole where the trust policy lets the principal in; not where it names another', () => {
    const a = user('attacker', [allow('sts:AssumeRole')]);
    expect(edgesOf(world({ users: [a], roles: [adminRole('ops', ATTACKER)] }), 'sts:AssumeRole')).toEqual([
      'attacker -> ops (always)',
    ]);
    // A trust policy that names a user of the account lets it in without an identity allow.
    const w = world({ users: [a, user('other', [])], roles: [adminRole('ops', userArn('other'))] });
    expect(edgesOf(w, 'sts:AssumeRole')).toEqual(['other -> ops (always)']);
    // Naming the account lets in those whose own policies allow it.
    const acct = world({ users: [a, user('other', [])], roles: [adminRole('ops', `arn:aws:iam::${ACCT}:root`)] });
    expect(edgesOf(acct, 'sts:AssumeRole')).toEqual(['attacker -> ops (always)']);
  });

  it('iam:UpdateAssumeRolePolicy then assume; not when sts:AssumeRole is denied', () => {
    const a = user('attacker', [allow(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'])]);
    const r = adminRole('ops', 'ec2.amazonaws.com');
    expect(edgesOf(world({ users: [a], roles: [r] }), 'iam:UpdateAssumeRolePolicy')).toEqual([
      'attacker -> ops (always)',
    ]);
    const denied = user('attacker', [allow(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole']), deny('sts:AssumeRole')]);
    expect(edgesOf(world({ users: [denied], roles: [r] }), 'iam:UpdateAssumeRolePolicy')).toEqual([]);
  });
});

describe('changing a role one can assume', () => {
  for (const action of ['iam:AttachRolePolicy', 'iam:PutRolePolicy'])
    it(`${action} on a role it can assume, then assume it: admin; on a role it cannot assume nothing`, () => {
      const a = user('attacker', [allow([action, 'sts:AssumeRole'])]);
      const weak = (trusts: string) => role('app', trusts, [allow('s3:GetObject')]);
      expect(edgesOf(world({ users: [a], roles: [weak(ATTACKER)] }), `${action}+sts:AssumeRole`)).toEqual([
        'attacker -> admin (always)',
      ]);
      expect(edgesOf(world({ users: [a], roles: [weak('ec2.amazonaws.com')] }), `${action}+sts:AssumeRole`)).toEqual(
        [],
      );
    });
});

describe('self-escalation', () => {
  it('iam:AttachUserPolicy and iam:PutUserPolicy on oneself lead to admin; on another user they do not', () => {
    for (const action of ['iam:AttachUserPolicy', 'iam:PutUserPolicy']) {
      expect(edgesOf(world({ users: [user('attacker', [allow(action, ATTACKER)])] }), action)).toEqual([
        'attacker -> admin (always)',
      ]);
      const other = world({ users: [user('attacker', [allow(action, userArn('other'))]), user('other', [])] });
      expect(edgesOf(other, action)).toEqual([]);
    }
  });

  it('a permissions boundary that keeps the principal from everything else removes the self step', () => {
    const boundary = managed('boundary', [allow('iam:PutUserPolicy')]);
    const a = user('attacker', [allow('iam:PutUserPolicy', ATTACKER)], { permissionsBoundary: policyArn('boundary') });
    const e = escalations(world({ users: [a], managedPolicies: [boundary] }));
    expect([e.edges, e.paths]).toEqual([[], []]);
  });

  it('iam:AttachRolePolicy and iam:PutRolePolicy on its own role; on another role nothing', () => {
    for (const action of ['iam:AttachRolePolicy', 'iam:PutRolePolicy']) {
      const own = role('app', 'lambda.amazonaws.com', [allow(action, roleArn('app'))]);
      expect(edgesOf(world({ roles: [own] }), action)).toEqual(['app -> admin (always)']);
      const other = role('app', 'lambda.amazonaws.com', [allow(action, roleArn('other'))]);
      expect(edgesOf(world({ roles: [other, role('other', 'ec2.amazonaws.com', [])] }), action)).toEqual([]);
    }
  });

  it('iam:AttachGroupPolicy and iam:PutGroupPolicy on its own group; on a group it is not in nothing', () => {
    const groups = [
      { account: ACCT, name: 'devs' },
      { account: ACCT, name: 'ops' },
    ];
    for (const action of ['iam:AttachGroupPolicy', 'iam:PutGroupPolicy']) {
      const mine = user('attacker', [allow(action, groupArn('devs'))], { groups: ['devs'] });
      expect(edgesOf(world({ users: [mine], groups }), action)).toEqual(['attacker -> admin (always)']);
      const theirs = user('attacker', [allow(action, groupArn('ops'))], { groups: ['devs'] });
      expect(edgesOf(world({ users: [theirs], groups }), action)).toEqual([]);
    }
  });

  it('iam:CreatePolicyVersion on a policy it holds; on a policy it does not hold nothing', () => {
    const held = managed('team', [allow('iam:CreatePolicyVersion', policyArn('team'))]);
    const a = user('attacker', [], { managedPolicies: [policyArn('team')] });
    expect(edgesOf(world({ users: [a], managedPolicies: [held] }), 'iam:CreatePolicyVersion')).toEqual([
      'attacker -> admin (always)',
    ]);
    const b = user('attacker', [allow('iam:CreatePolicyVersion', policyArn('other'))], {
      managedPolicies: [policyArn('team')],
    });
    const weak = managed('team', [allow('s3:GetObject')]);
    const w = world({ users: [b], managedPolicies: [weak, managed('other', [allow('s3:GetObject')])] });
    expect(edgesOf(w, 'iam:CreatePolicyVersion')).toEqual([]);
  });

  it('iam:SetDefaultPolicyVersion when another version makes it an administrator; not when the versions are weak', () => {
    const strong = managed('team', [allow('iam:SetDefaultPolicyVersion', policyArn('team'))], [allow('*')]);
    const a = user('attacker', [], { managedPolicies: [policyArn('team')] });
    expect(edgesOf(world({ users: [a], managedPolicies: [strong] }), 'iam:SetDefaultPolicyVersion')).toEqual([
      'attacker -> admin (always)',
    ]);
    const weak = managed('team', [allow('iam:SetDefaultPolicyVersion', policyArn('team'))], [allow('s3:GetObject')]);
    expect(edgesOf(world({ users: [a], managedPolicies: [weak] }), 'iam:SetDefaultPolicyVersion')).toEqual([]);
  });

  it('iam:AddUserToGroup into an administrators’ group; into a weak group nothing', () => {
    const a = user('attacker', [allow('iam:AddUserToGroup')]);
    const admins = {
      account: ACCT,
      name: 'admins',
      inlinePolicies: [{ name: 'all', document: { Version: '2012-10-17', Statement: [allow('*')] } }],
    };
    expect(edgesOf(world({ users: [a], groups: [admins] }), 'iam:AddUserToGroup')).toEqual([
      'attacker -> admin (always)',
    ]);
    const readers = {
      ...admins,
      name: 'readers',
      inlinePolicies: [{ name: 'r', document: { Version: '2012-10-17', Statement: [allow('s3:GetObject')] } }],
    };
    expect(edgesOf(world({ users: [a], groups: [readers] }), 'iam:AddUserToGroup')).toEqual([]);
  });
});

describe('passing a role to a new resource', () => {
  for (const t of TECHNIQUES.filter((x) => x.category === 'new-passrole')) {
    it(`${t.id}: to a role that trusts ${t.service}; not to one that trusts another service`, () => {
      const a = user('attacker', [allow(t.required.map((r) => r.action))]);
      expect(edgesOf(world({ users: [a], roles: [adminRole('target', t.service!)] }), t.id)).toEqual([
        'attacker -> target (always)',
      ]);
      expect(edgesOf(world({ users: [a], roles: [adminRole('target', 'ecs-tasks.amazonaws.com')] }), t.id)).toEqual([]);
    });
  }

  it('PassRole without RunInstances is no step; RunInstances and PassRole together are, each decided on its resource', () => {
    const r = adminRole('target', 'ec2.amazonaws.com');
    expect(
      edgesOf(
        world({ users: [user('attacker', [allow('iam:PassRole')])], roles: [r] }),
        'iam:PassRole+ec2:RunInstances',
      ),
    ).toEqual([]);
    const e = escalations(
      world({ users: [user('attacker', [allow(['iam:PassRole', 'ec2:RunInstances'])])], roles: [r] }),
    );
    expect(e.paths.map((p) => [short(p.principal), p.path.map((s) => s.required)])).toEqual([
      [
        'attacker',
        [
          [
            {
              action: 'iam:PassRole',
              resource: roleArn('target'),
              holds: 'always',
              context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
            },
            { action: 'ec2:RunInstances', resource: '*', holds: 'always' },
          ],
        ],
      ],
    ]);
  });

  it('PassRole limited by iam:PassedToService to another service is no EC2 step', () => {
    const a = user('attacker', [
      allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }),
      allow('ec2:RunInstances'),
    ]);
    expect(
      edgesOf(
        world({ users: [a], roles: [adminRole('target', 'ec2.amazonaws.com')] }),
        'iam:PassRole+ec2:RunInstances',
      ),
    ).toEqual([]);
  });

  it('a role without an instance profile: the EC2 step needs one made first', () => {
    const r = adminRole('target', 'ec2.amazonaws.com', { instanceProfiles: [] });
    const a = user('attacker', [allow(['iam:PassRole', 'ec2:RunInstances'])]);
    expect(edgesOf(world({ users: [a], roles: [r] }), 'iam:PassRole+ec2:RunInstances')).toEqual([]);
    const b = user('attacker', [
      allow(['iam:PassRole', 'ec2:RunInstances', 'iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile']),
    ]);
    expect(escalations(world({ users: [b], roles: [r] })).edges.map((e) => e.actions)).toEqual([
      ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile', 'iam:PassRole', 'ec2:RunInstances'],
    ]);
  });

  it('an SCP that denies iam:PassRole removes the path', () => {
    const w = world({
      users: [user('attacker', [allow(['iam:PassRole', 'ec2:RunInstances'])])],
      roles: [adminRole('target', 'ec2.amazonaws.com')],
    });
    expect(escalations(w).paths.length).toBe(1);
    const e = escalations(withScp(w, deny('iam:PassRole')));
    expect([e.edges.filter((x) => x.from === ATTACKER), e.paths]).toEqual([[], []]);
    // Nobody can do everything under that SCP: the role is no administrator either.
    expect(e.admins).toEqual([]);
  });
});

describe('driving an existing resource that runs as a role', () => {
  const region = 'us-east-1';
  const cases: { kind: string; resource: Resource }[] = [
    {
      kind: 'lambda:UpdateFunctionCode',
      resource: {
        type: 'lambda-function',
        arn: `arn:aws:lambda:${region}:${ACCT}:function:job`,
        role: roleArn('target'),
      },
    },
    ...['ssm:SendCommand', 'ssm:StartSession', 'ec2-instance-connect:SendSSHPublicKey'].map((kind) => ({
      kind,
      resource: {
        type: 'ec2-instance' as const,
        arn: `arn:aws:ec2:${region}:${ACCT}:instance/i-0123456789abcdef0`,
        instanceProfile: `arn:aws:iam::${ACCT}:instance-profile/target`,
        httpTokens: 'required' as const,
      },
    })),
    {
      kind: 'cloudformation:UpdateStack',
      resource: {
        arn: `arn:aws:cloudformation:${region}:${ACCT}:stack/app/1a2b3c`,
        tags: { 'iamplay:role': 'target' },
      },
    },
    {
      kind: 'glue:UpdateDevEndpoint',
      resource: { arn: `arn:aws:glue:${region}:${ACCT}:devEndpoint/dev`, tags: { 'iamplay:role': roleArn('target') } },
    },
    {
      kind: 'sagemaker:CreatePresignedNotebookInstanceUrl',
      resource: { arn: `arn:aws:sagemaker:${region}:${ACCT}:notebook-instance/nb`, tags: { 'iamplay:role': 'target' } },
    },
  ];
  for (const c of cases) {
    it(`${c.kind} on ${c.resource.arn.split(':')[2]}: become its role; on another resource nothing`, () => {
      const r = adminRole('target', 'ec2.amazonaws.com');
      const on = world({
        users: [user('attacker', [allow(c.kind, c.resource.arn)])],
        roles: [r],
        resources: [c.resource],
      });
      expect(edgesOf(on, c.kind)).toEqual(['attacker -> target (always)']);
      const off = world({
        users: [user('attacker', [allow(c.kind, `${c.resource.arn}9`)])],
        roles: [r],
        resources: [c.resource],
      });
      expect(edgesOf(off, c.kind)).toEqual([]);
    });
  }

  it('a function policy alone can grant lambda:UpdateFunctionCode: the step is found without an identity allow', () => {
    const fn = `arn:aws:lambda:${region}:${ACCT}:function:job`;
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: ATTACKER }, Action: 'lambda:UpdateFunctionCode', Resource: fn }],
    };
    const w = world({
      users: [user('attacker', [])],
      roles: [adminRole('target', 'lambda.amazonaws.com')],
      resources: [{ type: 'lambda-function', arn: fn, role: roleArn('target'), policy }],
    });
    expect(edgesOf(w, 'lambda:UpdateFunctionCode')).toEqual(['attacker -> target (always)']);
  });

  it('an access key kept on an instance: whoever can run commands there becomes its user; an inactive key does not count', () => {
    const key = (status: 'Active' | 'Inactive') => ({
      accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      status,
      createDate: '2026-01-01T00:00:00Z',
    });
    const instance: Resource = {
      type: 'ec2-instance',
      arn: `arn:aws:ec2:${region}:${ACCT}:instance/i-0123456789abcdef0`,
      httpTokens: 'required',
      storedAccessKeys: ['AKIAAAAAAAAAAAAAAAAA'],
    };
    const w = (status: 'Active' | 'Inactive') =>
      world({
        users: [user('attacker', [allow('ssm:SendCommand')]), user('ci', [allow('*')], { accessKeys: [key(status)] })],
        resources: [instance],
      });
    expect(edgesOf(w('Active'), 'ssm:SendCommand+stored-access-key')).toEqual(['attacker -> ci (always)']);
    expect(edgesOf(w('Inactive'), 'ssm:SendCommand+stored-access-key')).toEqual([]);
  });

  it('an instance without an instance profile, or a stack that names no role, gives no step', () => {
    const a = user('attacker', [allow(['ssm:SendCommand', 'cloudformation:UpdateStack'])]);
    const w = world({
      users: [a],
      roles: [adminRole('target', 'ec2.amazonaws.com')],
      resources: [
        {
          type: 'ec2-instance',
          arn: `arn:aws:ec2:${region}:${ACCT}:instance/i-0123456789abcdef0`,
          httpTokens: 'required',
        },
        { arn: `arn:aws:cloudformation:${region}:${ACCT}:stack/app/1a2b3c` },
      ],
    });
    expect(escalations(w).edges).toEqual([]);
  });
});

describe('paths', () => {
  it('are shortest, through roles, and end at admin or at an administrator', () => {
    const w = world({
      users: [user('attacker', [allow('sts:AssumeRole')]), user('admin', [allow('*')])],
      roles: [
        role('hop', `arn:aws:iam::${ACCT}:root`, [allow('iam:PutRolePolicy', roleArn('hop'))]),
        role('slow', ATTACKER, [allow('sts:AssumeRole')]),
      ],
    });
    const e = escalations(w);
    expect(e.admins).toEqual([userArn('admin')]);
    expect(e.paths.map((p) => [short(p.principal), p.path.map((s) => `${s.kind} -> ${short(s.to)}`)])).toEqual([
      ['hop', ['iam:PutRolePolicy -> admin']],
      ['attacker', ['sts:AssumeRole -> hop', 'iam:PutRolePolicy -> admin']],
      ['slow', ['sts:AssumeRole -> hop', 'iam:PutRolePolicy -> admin']],
    ]);
    expect(e.paths[1].path[0].description).toBe('attacker can assume hop');
    expect(e.paths[1].path[1].description).toBe('hop can write its own role an inline policy that allows everything');
  });
});

describe('conditions and other accounts', () => {
  const mfaRole = () =>
    world({
      users: [user('attacker', [allow('sts:AssumeRole', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })])],
      roles: [adminRole('ops', `arn:aws:iam::${ACCT}:root`)],
    });

  it('an AssumeRole that needs MFA stays as a conditional edge with its condition; the context decides it', () => {
    const e = escalations(mfaRole());
    expect(e.paths.map((p) => p.path.map((s) => `${s.kind} -> ${short(s.to)} (${s.holds})`))).toEqual([
      ['sts:AssumeRole -> ops (conditional)'],
    ]);
    expect(e.edges[0].required[0].conditions?.map((c) => [c.effect, c.keys])).toEqual([
      ['Allow', ['aws:MultiFactorAuthPresent']],
    ]);
    const withMfa = findEscalations(mfaRole(), catalog, { now: NOW, context: { mfa: true } });
    expect(withMfa.edges.map((s) => s.holds)).toEqual(['always']);
    const without = findEscalations(mfaRole(), catalog, { now: NOW, context: { mfa: false } });
    expect(without.edges).toEqual([]);
  });

  it('another account that a trust policy names can assume the role: a path from outside', () => {
    const w = world({ roles: [adminRole('ops', 'arn:aws:iam::444455556666:root')] });
    const e = escalations(w);
    expect(e.paths.map((p) => [p.principal, p.path.map((s) => s.description)])).toEqual([
      ['arn:aws:iam::444455556666:root', ['account 444455556666 can assume ops']],
    ]);
  });
});
