import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importAuthorizationDetails } from './authorization-details';
import type { ImportResult } from './authorization-details';
import { authorize } from '../authorize';
import type { World } from '../types';

const FIXTURE = 'tests/fixtures/import/authorization-details.json';
const text = readFileSync(FIXTURE, 'utf8');
const A = '123456789012';

function world(r: ImportResult): World {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}
const brief = (r: ImportResult) =>
  r.findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.code} ${f.message}`);

/** A minimal valid output around the given lists. */
const details = (parts: Record<string, unknown>) => ({
  UserDetailList: [],
  GroupDetailList: [],
  RoleDetailList: [],
  Policies: [],
  ...parts,
});
const ec2Trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const role = (name: string, extra: Record<string, unknown> = {}) => ({
  Path: '/',
  RoleName: name,
  RoleId: 'AROA5555555555EXAMPLE',
  Arn: `arn:aws:iam::${A}:role/${name}`,
  CreateDate: '2025-01-01T00:00:00Z',
  AssumeRolePolicyDocument: ec2Trust,
  ...extra,
});

describe('importing get-account-authorization-details', () => {
  it('reads the real-format fixture: users with groups, inline policies (URL-encoded), boundary and tags', () => {
    const r = importAuthorizationDetails(text);
    expect(r.findings).toEqual([]);
    const w = world(r);
    expect(w.accounts).toEqual([{ id: A }]);
    expect(w.users).toEqual([
      {
        account: A,
        name: 'alice',
        id: 'AIDA1111111111EXAMPLE',
        createDate: '2023-05-02T14:02:51Z',
        groups: ['Admins'],
        tags: { team: 'platform', 'cost-center': '4410' },
      },
      {
        account: A,
        name: 'bob',
        path: '/engineering/',
        id: 'AIDA2222222222EXAMPLE',
        createDate: '2024-01-08T10:15:00Z',
        groups: ['Developers', 'ReadOnly'],
        inlinePolicies: [
          {
            name: 'ManageOwnAccessKeys',
            document: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey'],
                  Resource: 'arn:aws:iam::*:user/${aws:username}',
                },
              ],
            },
          },
        ],
        permissionsBoundary: `arn:aws:iam::${A}:policy/DeveloperBoundary`,
      },
      {
        account: A,
        name: 'ci-deployer',
        path: '/automation/',
        id: 'AIDA3333333333EXAMPLE',
        createDate: '2022-11-30T18:44:07Z',
        managedPolicies: [`arn:aws:iam::${A}:policy/DeployArtifacts`],
        tags: { owner: 'release-team' },
      },
    ]);
    expect(w.groups!.map((g) => [g.name, g.managedPolicies, g.inlinePolicies?.map((p) => p.name)])).toEqual([
      ['Admins', ['arn:aws:iam::aws:policy/AdministratorAccess'], undefined],
      ['Developers', [`arn:aws:iam::${A}:policy/engineering/DevelopersS3Access`], ['DenyProductionDelete']],
      ['ReadOnly', ['arn:aws:iam::aws:policy/ReadOnlyAccess'], undefined],
    ]);
  });

  it('reads roles: trust policy, instance profiles, last use, the service-linked path, boundary', () => {
    const w = world(importAuthorizationDetails(text));
    expect(
      w.roles!.map((r) => [r.name, r.path, r.instanceProfiles, r.lastUsedDate, r.serviceLinked, r.permissionsBoundary]),
    ).toEqual([
      ['EC2-WebServer', undefined, ['EC2-WebServer'], '2026-11-28T07:41:03Z', undefined, undefined],
      ['orders-function', '/service-role/', undefined, undefined, undefined, undefined],
      [
        'AWSServiceRoleForSupport',
        '/aws-service-role/support.amazonaws.com/',
        undefined,
        '2026-11-30T22:03:51Z',
        true,
        undefined,
      ],
      ['partner-audit', undefined, undefined, undefined, undefined, `arn:aws:iam::${A}:policy/DeveloperBoundary`],
    ]);
    expect(w.roles![0].trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: '', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(w.roles![0].id).toBe('AROA1234567890EXAMPLE');
    expect(w.roles![2].description).toBe(
      'Enables resource access for AWS to provide billing, administrative and support services',
    );
  });

  it('keeps every version of a customer managed policy and its default, and only the default of an AWS managed one', () => {
    const w = world(importAuthorizationDetails(text));
    expect(w.managedPolicies!.map((m) => [m.arn, m.defaultVersion, m.versions.map((v) => v.versionId)])).toEqual([
      [`arn:aws:iam::${A}:policy/DeployArtifacts`, 'v3', ['v3', 'v2', 'v1']],
      [`arn:aws:iam::${A}:policy/engineering/DevelopersS3Access`, 'v1', ['v2', 'v1']],
      [`arn:aws:iam::${A}:policy/DeveloperBoundary`, 'v1', ['v1']],
      ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 'v3', ['v3']],
    ]);
    const deploy = w.managedPolicies![0];
    expect(deploy.createDate).toBe('2022-11-30T18:50:13Z');
    expect(deploy.versions[2]).toEqual({
      versionId: 'v1',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
      createDate: '2022-11-30T18:50:13Z',
    });
    expect(w.managedPolicies![1].description).toBe('Read and write the team bucket; v2 is a draft');
  });

  it('gives a world the engine decides on: the default version applies, the draft does not', () => {
    const w = world(importAuthorizationDetails(text));
    const ask = (action: string, resource: string) => {
      const r = authorize(w, { principal: `arn:aws:iam::${A}:user/engineering/bob`, action, resource });
      if (!r.ok) throw new Error(r.errors[0].message);
      return r.value.decision;
    };
    expect(ask('s3:PutObject', 'arn:aws:s3:::example-dev-team/notes.txt')).toBe('Allow');
    // v2 (not the default) would allow it; v1 does not.
    expect(ask('s3:DeleteObject', 'arn:aws:s3:::example-dev-team/notes.txt')).toBe('ImplicitDeny');
  });

  it('reads the same world from the parsed value, and from documents the AWS CLI has already decoded', () => {
    const parsed = JSON.parse(text);
    const expected = world(importAuthorizationDetails(text));
    expect(world(importAuthorizationDetails(parsed))).toEqual(expected);
    const decode = (v: unknown): unknown =>
      typeof v === 'string' && v.startsWith('%7B') ? JSON.parse(decodeURIComponent(v)) : v;
    const cli = JSON.parse(text, (key, v) =>
      ['PolicyDocument', 'Document', 'AssumeRolePolicyDocument'].includes(key) ? decode(v) : v,
    );
    expect(JSON.stringify(cli)).not.toContain('%7B');
    expect(world(importAuthorizationDetails(cli))).toEqual(expected);
    // and documents as plain JSON text
    const plain = JSON.parse(text, (key, v) =>
      ['PolicyDocument', 'Document', 'AssumeRolePolicyDocument'].includes(key) && typeof v === 'string'
        ? decodeURIComponent(v)
        : v,
    );
    expect(world(importAuthorizationDetails(plain))).toEqual(expected);
  });

  it('names the spot of a document that cannot be read, keeps it as text for the editor, and goes on', () => {
    const input = JSON.stringify(
      details({
        RoleDetailList: [role('ok'), role('broken', { AssumeRolePolicyDocument: '%7B%22Version%22%3A%ZZ' })],
        UserDetailList: [
          {
            UserName: 'carol',
            Arn: `arn:aws:iam::${A}:user/carol`,
            UserPolicyList: [{ PolicyName: 'half', PolicyDocument: '%7B%22Version%22%3A%222012-10-17%22' }],
          },
        ],
      }),
      null,
      2,
    );
    const r = importAuthorizationDetails(input);
    expect(brief(r)).toEqual([
      '9:29 ERROR parse.import.document the inline policy `half` at `UserDetailList[0].UserPolicyList[0].PolicyDocument` cannot be read: it is not JSON after URL-decoding: close brace expected at line 1, column 24',
      '41:35 ERROR parse.import.document the trust policy of `broken` at `RoleDetailList[1].AssumeRolePolicyDocument` cannot be read: it is neither JSON nor URL-encoded JSON (a `%` escape is malformed)',
    ]);
    expect(r.findings[1].help).toBe(
      'it is kept as text, so the editor shows where; a request that needs it is denied until it is fixed',
    );
    const w = world(r);
    expect(w.roles!.map((x) => [x.name, x.trustPolicy])).toEqual([
      ['ok', ec2Trust],
      ['broken', '%7B%22Version%22%3A%ZZ'],
    ]);
    expect(w.users![0].inlinePolicies).toEqual([{ name: 'half', document: '{"Version":"2012-10-17"' }]);
  });

  it('leaves out a role without a trust policy, and a document that is not text or an object', () => {
    const r = importAuthorizationDetails(
      details({
        RoleDetailList: [
          role('none', { AssumeRolePolicyDocument: undefined }),
          role('number', { AssumeRolePolicyDocument: 42 }),
        ],
        UserDetailList: [{ UserName: 'x', Arn: `arn:aws:iam::${A}:user/x` }],
      }),
    );
    expect(r.findings.map((f) => f.message)).toEqual([
      'the role `none` has no trust policy at `RoleDetailList[0].AssumeRolePolicyDocument`; it is left out',
      'the trust policy of `number` at `RoleDetailList[1].AssumeRolePolicyDocument` cannot be read: it is a number, not a policy document',
    ]);
    expect(world(r).roles).toBeUndefined();
  });

  it('drops a customer managed policy or group that the file does not list, and says so', () => {
    const r = importAuthorizationDetails(
      details({
        UserDetailList: [
          {
            UserName: 'dave',
            Arn: `arn:aws:iam::${A}:user/dave`,
            GroupList: ['Ghosts'],
            AttachedManagedPolicies: [
              { PolicyName: 'Missing', PolicyArn: `arn:aws:iam::${A}:policy/Missing` },
              { PolicyName: 'ViewOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' },
            ],
          },
        ],
      }),
    );
    expect(r.findings.map((f) => [f.severity, f.code, f.message])).toEqual([
      [
        'WARNING',
        'parse.import.missing-group',
        'the group `Ghosts` of `dave` is not among the groups imported from `GroupDetailList`; the membership is left out',
      ],
      [
        'ERROR',
        'parse.import.missing-policy',
        'the managed policy `arn:aws:iam::123456789012:policy/Missing` of `dave` is not in `Policies`; it is left out',
      ],
    ]);
    expect(world(r).users).toEqual([
      { account: A, name: 'dave', managedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'] },
    ]);
  });

  it('drops a reference to a managed policy that could not be read, pointing at both places', () => {
    const r = importAuthorizationDetails(
      details({
        Policies: [
          {
            PolicyName: 'Odd',
            Arn: `arn:aws:iam::${A}:policy/Odd`,
            DefaultVersionId: 'v1',
            PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: 7 }],
          },
        ],
        RoleDetailList: [
          role('r', { AttachedManagedPolicies: [{ PolicyName: 'Odd', PolicyArn: `arn:aws:iam::${A}:policy/Odd` }] }),
        ],
      }),
    );
    expect(r.findings.map((f) => f.message)).toEqual([
      'version `v1` of `arn:aws:iam::123456789012:policy/Odd` at `Policies[0].PolicyVersionList[0].Document` cannot be read: it is a number, not a policy document',
      'the managed policy `arn:aws:iam::123456789012:policy/Odd` has no readable default version; it is left out',
      'the managed policy `arn:aws:iam::123456789012:policy/Odd` of `r` could not be read from `Policies`; it is left out',
    ]);
    const w = world(r);
    expect([w.managedPolicies, w.roles![0].managedPolicies]).toEqual([undefined, undefined]);
  });

  it('keeps MaxSessionDuration when the file has it, and refuses one out of range', () => {
    const r = importAuthorizationDetails(
      details({
        RoleDetailList: [role('long', { MaxSessionDuration: 43200 }), role('odd', { MaxSessionDuration: 60 })],
      }),
    );
    expect(world(r).roles!.map((x) => x.maxSessionDuration)).toEqual([43200, undefined]);
    expect(r.findings.map((f) => f.message)).toEqual([
      '`RoleDetailList[1].MaxSessionDuration` is 60, not a number of seconds from 3600 to 43200; it is left out',
    ]);
  });

  it('warns about one page of a truncated output, and about ARNs of several accounts', () => {
    const r = importAuthorizationDetails(
      details({
        RoleDetailList: [role('a'), { ...role('b'), Arn: 'arn:aws:iam::444455556666:role/b' }],
        IsTruncated: true,
        Marker: 'AAEAAQ',
      }),
    );
    expect(r.findings.map((f) => [f.code, f.message])).toEqual([
      [
        'parse.import.truncated',
        'the output is one page of several (`IsTruncated` is true); what the other pages hold is missing',
      ],
      [
        'parse.import.accounts',
        'the ARNs name more than one account (`123456789012` and `444455556666`); the world has one per account',
      ],
    ]);
    expect(world(r).accounts).toEqual([{ id: A }, { id: '444455556666' }]);
  });

  it('keeps a tag key such as `__proto__` as a plain tag', () => {
    const r = importAuthorizationDetails(
      '{"UserDetailList":[{"UserName":"eve","Arn":"arn:aws:iam::123456789012:user/eve","Tags":[{"Key":"__proto__","Value":"x"}]}]}',
    );
    const tags = world(r).users![0].tags!;
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
    expect(Object.entries(tags)).toEqual([['__proto__', 'x']]);
  });

  it('refuses text that is not JSON, or not this command’s output, with the place', () => {
    const bad = importAuthorizationDetails('{\n  "UserDetailList": [\n    { "UserName": }\n  ]\n}');
    expect(bad.ok).toBe(false);
    expect(brief(bad)).toEqual(['3:19 ERROR parse.json-syntax the file is not valid JSON: value expected']);
    expect(brief(importAuthorizationDetails('[1, 2]'))).toEqual([
      '1:1 ERROR parse.import.shape this is not the output of `aws iam get-account-authorization-details`',
    ]);
    expect(brief(importAuthorizationDetails(details({})))).toEqual([
      '1:1 ERROR parse.import.no-account no ARN in the file names an account, so there is no account to import',
    ]);
  });

  it('refuses hostile nesting before parsing, in the text and in a value handed over already parsed', () => {
    const deep = '{"RoleDetailList":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}';
    expect(brief(importAuthorizationDetails(deep))).toEqual([
      '1:82 ERROR parse.too-deep the file nests deeper than 64 levels',
    ]);
    let doc: Record<string, unknown> = { Version: '2012-10-17' };
    for (let i = 0; i < 100_000; i++) doc = { a: doc };
    const cyclic: Record<string, unknown> = { Version: '2012-10-17', Statement: [] };
    (cyclic.Statement as unknown[]).push(cyclic);
    const r = importAuthorizationDetails(
      details({
        RoleDetailList: [
          role('deep', { AssumeRolePolicyDocument: doc }),
          role('loop', { AssumeRolePolicyDocument: cyclic }),
        ],
      }),
    );
    expect(r.findings.map((f) => f.message)).toEqual([
      'the trust policy of `deep` at `RoleDetailList[0].AssumeRolePolicyDocument` cannot be read: it nests deeper than 64 levels',
      'the trust policy of `loop` at `RoleDetailList[1].AssumeRolePolicyDocument` cannot be read: it contains itself',
    ]);
  });
});
