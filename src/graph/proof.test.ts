import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import { loadCatalog, loadManagedPolicies } from '../catalog';
import { defaultWorld, managedPolicyLookup } from '../world';
import type { ManagedPolicy, World } from '../world/types';
import { conditionSentence, policyPlace, proveAccess, proveStep, statementPhrase } from './proof';
import { findEscalations } from './escalation';
import { DEMO_DEPLOYER, escalationDemoWorld } from './testdata/demo';

const A = '111122223333';
const P = '444455556666';
const NOW = Date.UTC(2026, 11, 1, 12);
const OBJECT = 'arn:aws:s3:::playground-photos/public/welcome.txt';
const user = (name: string, account = A) => `arn:aws:iam::${account}:user/${name}`;

let catalog: Catalog;
let managedPolicy: (arn: string) => ManagedPolicy | undefined;

beforeAll(async () => {
  catalog = await loadCatalog();
  managedPolicy = managedPolicyLookup(await loadManagedPolicies());
});

/** The default world with alice's MFA-conditioned inline policy, a partner account's carol, and an SCP denying PassRole. */
function world(): World {
  const w = defaultWorld();
  w.users!.find((u) => u.name === 'alice')!.inlinePolicies = [
    {
      name: 'S3Notes',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DeleteWithMfa',
            Effect: 'Allow',
            Action: 's3:DeleteObject',
            Resource: 'arn:aws:s3:::playground-photos/public/*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      },
    },
  ];
  w.accounts.push({ id: P, name: 'partner' });
  w.users!.push({
    account: P,
    name: 'carol',
    inlinePolicies: [
      {
        name: 'AllS3',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
      },
    ],
  });
  w.organization = {
    id: 'o-a1b2c3d4e5',
    managementAccount: '999988887777',
    root: { id: 'r-ab12', scps: ['FullAWSAccess', 'p-nopass'], accounts: [A, P] },
    policies: [
      {
        id: 'p-nopass',
        name: 'DenyPassRole',
        type: 'SCP',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }] },
      },
    ],
  };
  return w;
}

describe('the proof of an edge', () => {
  it('bob reads a public object: allowed by the bucket policy’s PublicImages, every SCP level allowing', () => {
    const p = proveAccess(
      world(),
      catalog,
      { principal: user('bob'), actions: ['s3:GetObject'], resource: OBJECT },
      { managedPolicy, now: NOW },
    );
    expect(p.title).toBe('bob → playground-photos/public/welcome.txt');
    const a = p.actions[0];
    expect(a.decision).toBe('Allow');
    expect(a.holds).toBe('always');
    expect(a.deciding.map((s) => [s.policyType, s.policyId, s.statementIndex, s.sid ?? null, s.effect])).toEqual([
      ['scp', 'FullAWSAccess', 0, null, 'Allow'],
      ['scp', 'FullAWSAccess', 0, null, 'Allow'],
      ['resource', 'arn:aws:s3:::playground-photos', 0, 'PublicImages', 'Allow'],
    ]);
    const bucket = a.deciding[2];
    expect(bucket.from).toBe('arn:aws:s3:::playground-photos');
    expect(JSON.parse(bucket.text)).toEqual({
      Sid: 'PublicImages',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::playground-photos/public/*',
    });
    expect(a.reasons).toEqual([
      'Allowed by the statement `PublicImages` of the bucket policy of playground-photos',
      'Every level of the principal’s organization allows it: the SCP `FullAWSAccess` of the root, the SCP `FullAWSAccess` of the account playground',
    ]);
    expect(a.context['aws:username']).toBe('bob');
    expect(a.request).toEqual({ principal: user('bob'), action: 's3:GetObject', resource: OBJECT, context: {} });
  });

  it('alice is denied a write nothing allows: implicit deny', () => {
    const p = proveAccess(
      world(),
      catalog,
      { principal: user('alice'), actions: ['s3:PutObject'], resource: OBJECT },
      { managedPolicy, now: NOW },
    );
    const a = p.actions[0];
    expect([a.decision, a.holds, a.deciding, a.conditions]).toEqual(['ImplicitDeny', 'never', [], []]);
    expect(a.reasons).toEqual(['No statement allows `s3:PutObject`: implicit deny']);
  });

  it('an MFA-conditioned statement: its condition row, the statement it stopped, and the allow once MFA is fixed', () => {
    const access = { principal: user('alice'), actions: ['s3:DeleteObject'], resource: OBJECT };
    const open = proveAccess(world(), catalog, access, { managedPolicy, now: NOW }).actions[0];
    expect(open.decision).toBe('ImplicitDeny');
    expect(open.conditions).toEqual([
      {
        operator: 'Bool',
        key: 'aws:MultiFactorAuthPresent',
        values: ['true'],
        actual: null,
        result: false,
        policyId: 'user/alice:inline/S3Notes',
        statementIndex: 0,
        sid: 'DeleteWithMfa',
        effect: 'Allow',
        deciding: false,
        rule: 'the missing-key rule',
      },
    ]);
    expect(open.stopped?.map((s) => [s.where, s.from, s.name])).toEqual([
      ['the inline policy `S3Notes` of alice', 'alice', 'inline S3Notes'],
    ]);
    expect(open.reasons).toEqual([
      'No statement allows `s3:DeleteObject`: implicit deny',
      'The statement `DeleteWithMfa` of the inline policy `S3Notes` of alice would allow it, but its condition fails: `Bool` on `aws:MultiFactorAuthPresent` expects `true`; the request does not have this key: it fails',
      'The graph holds it only when a condition on `aws:MultiFactorAuthPresent` holds; the context leaves it open',
    ]);
    // Conditional: the checker names the open key, and the proof decides again with its witness.
    expect(open.holds).toBe('conditional');
    expect(open.openConditions?.map((n) => [n.sid, n.effect, n.keys])).toEqual([
      ['DeleteWithMfa', 'Allow', ['aws:MultiFactorAuthPresent']],
    ]);
    expect(open.witness?.values).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
    expect(open.witness?.decision).toBe('Allow');
    expect(open.witness?.reasons[0]).toBe(
      'Allowed by the statement `DeleteWithMfa` of the inline policy `S3Notes` of alice',
    );
    expect(open.witness?.conditions.map((c) => [c.key, c.actual, c.result])).toEqual([
      ['aws:MultiFactorAuthPresent', 'true', true],
    ]);

    const mfa = proveAccess(world(), catalog, access, { managedPolicy, now: NOW, context: { mfa: true } }).actions[0];
    expect([mfa.decision, mfa.holds]).toEqual(['Allow', 'always']);
    expect(mfa.conditions.map((c) => [c.key, c.actual, c.result, c.deciding])).toEqual([
      ['aws:MultiFactorAuthPresent', 'true', true, true],
    ]);
    expect(mfa.reasons[0]).toBe('Allowed by the statement `DeleteWithMfa` of the inline policy `S3Notes` of alice');
    expect(mfa.request.context).toEqual({ 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' });

    const no = proveAccess(world(), catalog, access, { managedPolicy, now: NOW, context: { mfa: false } }).actions[0];
    expect([no.decision, no.holds, no.conditions[0].actual]).toEqual(['ImplicitDeny', 'never', 'false']);
  });

  it('across accounts: carol’s own policy allows it, the bucket policy does not', () => {
    const p = proveAccess(
      world(),
      catalog,
      {
        principal: user('carol', P),
        actions: ['s3:PutObject'],
        resource: 'arn:aws:s3:::playground-photos/home/alice/a.txt',
      },
      { managedPolicy, now: NOW },
    );
    expect(p.actions[0].decision).toBe('ImplicitDeny');
    expect(p.actions[0].reasons).toEqual(['Across accounts, the bucket policy must also allow it: it does not']);
  });

  it('an SCP deny: named by its organization name and level, for an escalation step too', () => {
    const step = {
      from: user('admin'),
      to: `arn:aws:iam::${A}:role/web-server`,
      kind: 'iam:PassRole+ec2:RunInstances',
      category: 'new-passrole' as const,
      actions: ['iam:PassRole'],
      required: [{ action: 'iam:PassRole', resource: `arn:aws:iam::${A}:role/web-server`, holds: 'always' as const }],
      holds: 'always' as const,
      description: 'admin can pass web-server to a new EC2 instance',
    };
    const p = proveStep(world(), catalog, step, { managedPolicy, now: NOW });
    expect([p.title, p.from, p.to]).toEqual([step.description, step.from, step.to]);
    const a = p.actions[0];
    expect(a.decision).toBe('ExplicitDeny');
    expect(a.deciding.map((s) => [s.policyType, s.policyId, s.name, s.from, s.effect])).toEqual([
      ['scp', 'p-nopass', 'p-nopass', 'root', 'Deny'],
    ]);
    expect(a.reasons).toEqual([
      'Denied by the SCP `DenyPassRole` of the root',
      'An explicit deny wins over every allow',
    ]);
  });

  it('a PassRole step limited to one service: the proof asks with the step’s `iam:PassedToService`, as the step did', () => {
    const w = escalationDemoWorld();
    const deployer = w.users!.find((u) => u.name === 'deployer')!;
    deployer.inlinePolicies![0].document = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Launch', Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
        {
          Sid: 'PassToEc2',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: '*',
          Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
        },
      ],
    };
    const step = findEscalations(w, catalog, { managedPolicy, now: NOW }).edges.find(
      (e) => e.from === DEMO_DEPLOYER && e.kind === 'iam:PassRole+ec2:RunInstances',
    )!;
    expect(step.holds).toBe('always');
    const pass = proveStep(w, catalog, step, { managedPolicy, now: NOW }).actions.find(
      (a) => a.action === 'iam:PassRole',
    )!;
    expect([pass.decision, pass.holds, pass.context['iam:PassedToService']]).toEqual([
      'Allow',
      'always',
      'ec2.amazonaws.com',
    ]);
    expect(pass.deciding.map((d) => d.sid)).toEqual(['PassToEc2']);
  });

  it('words places, statements and conditions', () => {
    expect(
      policyPlace('identity', 'x', {
        id: 'x',
        type: 'identity',
        document: {},
        from: 'developers (group)',
        name: 'DeveloperAccess',
        storedAs: 'managed',
      }),
    ).toBe('the managed policy `DeveloperAccess` of the group developers');
    expect(
      policyPlace('identity', 'x', {
        id: 'x',
        type: 'identity',
        document: {},
        from: 'read-only (group)',
        name: 'ReadOnlyAccess',
        storedAs: 'aws-managed',
      }),
    ).toBe('the AWS managed policy `ReadOnlyAccess` of the group read-only');
    expect(
      policyPlace('trust', 'role/web-server:trust', {
        id: 'x',
        type: 'trust',
        document: {},
        from: 'web-server',
        name: 'trust policy',
      }),
    ).toBe('the trust policy of the role web-server');
    expect(
      policyPlace(
        'scp',
        'p-1',
        { id: 'p-1', type: 'scp', document: {}, from: 'Workloads', name: 'p-1', pathLevel: { index: 1, of: 3 } },
        'DenyAll',
      ),
    ).toBe('the SCP `DenyAll` of the OU Workloads');
    expect(statementPhrase({ statementIndex: 2, where: 'the inline policy `X` of bob' }, 3)).toBe(
      'statement 3 of the inline policy `X` of bob',
    );
    expect(
      conditionSentence({
        operator: 'IpAddress',
        key: 'aws:SourceIp',
        values: ['203.0.113.0/24'],
        actual: '198.51.100.7',
        result: false,
      }),
    ).toBe('`IpAddress` on `aws:SourceIp` expects `203.0.113.0/24`; the request has `198.51.100.7`: it fails');
  });
});
