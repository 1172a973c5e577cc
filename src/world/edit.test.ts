import { describe, expect, it } from 'vitest';
import type { World } from './types';
import {
  addGroup,
  addPolicy,
  addRole,
  addUser,
  addUserToGroup,
  attachPolicy,
  detachPolicy,
  ensurePolicy,
  nameProblem,
  addBucket,
  bucketNameProblem,
  removeResource,
  removeGroup,
  removeInlinePolicy,
  removePolicy,
  removeRole,
  removeUser,
  removeUserFromGroup,
  renameGroup,
  renamePolicy,
  renameRole,
  renameUser,
  setBoundary,
  setInlinePolicy,
  setPolicyDocument,
  setResourcePolicy,
  setTrustPolicy,
  trustPolicyFor,
} from './edit';

const A = '111122223333';
const READ = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const POLICY = `arn:aws:iam::${A}:policy/ReadReports`;

function world(): World {
  return {
    accounts: [{ id: A }],
    users: [
      { account: A, name: 'alice', groups: ['developers'], managedPolicies: [POLICY], permissionsBoundary: POLICY },
      { account: A, name: 'bob' },
    ],
    groups: [
      { account: A, name: 'developers', managedPolicies: [POLICY] },
      { account: A, name: 'readers' },
    ],
    roles: [{ account: A, name: 'app', trustPolicy: trustPolicyFor({ Service: 'lambda.amazonaws.com' }) }],
    managedPolicies: [{ arn: POLICY, versions: [{ versionId: 'v1', document: READ }], defaultVersion: 'v1' }],
    resources: [
      { type: 'lambda-function', arn: `arn:aws:lambda:us-east-1:${A}:function:fn`, role: `arn:aws:iam::${A}:role/app` },
      { type: 's3-bucket', arn: 'arn:aws:s3:::photos', account: A },
    ],
    identityPools: [
      {
        account: A,
        identityPoolId: 'us-east-1:1',
        identityPoolName: 'pool',
        allowUnauthenticatedIdentities: true,
        roles: { authenticated: `arn:aws:iam::${A}:role/app` },
      },
    ],
    userPools: [
      { account: A, id: 'us-east-1_X', name: 'p', groups: [{ groupName: 'g', roleArn: `arn:aws:iam::${A}:role/app` }] },
    ],
  };
}

describe('nameProblem', () => {
  const w = world();
  it('accepts a new IAM name of letters, digits and +=,.@_-', () => {
    expect(nameProblem(w, 'user', A, 'carol.o+1@ex_ample-2=x,y')).toBeUndefined();
  });
  it('asks for a name when empty', () => {
    expect(nameProblem(w, 'group', A, '')).toBe('enter a group name');
  });
  it('names the first character IAM does not allow', () => {
    expect(nameProblem(w, 'user', A, 'bad/name')).toBe(
      '`/` cannot be used in a user name: use letters, digits and `+=,.@_-`',
    );
    expect(nameProblem(w, 'role', A, 'two words')).toBe(
      '`space` cannot be used in a role name: use letters, digits and `+=,.@_-`',
    );
  });
  it('holds users and roles to 64 characters, groups and policies to 128', () => {
    expect(nameProblem(w, 'user', A, 'u'.repeat(65))).toBe('a user name has at most 64 characters; this one has 65');
    expect(nameProblem(w, 'user', A, 'u'.repeat(64))).toBeUndefined();
    expect(nameProblem(w, 'policy', A, 'p'.repeat(128))).toBeUndefined();
    expect(nameProblem(w, 'group', A, 'g'.repeat(129))).toBe(
      'a group name has at most 128 characters; this one has 129',
    );
  });
  it('refuses a name already used in the account, whatever its case', () => {
    expect(nameProblem(w, 'user', A, 'ALICE')).toBe(
      'a user named `alice` already exists in this account (names are unique regardless of case)',
    );
    expect(nameProblem(w, 'policy', A, 'readreports')).toBe(
      'a policy named `ReadReports` already exists in this account (names are unique regardless of case)',
    );
    // The same name in another account is free.
    expect(nameProblem(w, 'user', '444455556666', 'alice')).toBeUndefined();
  });
  it('lets a rename keep its own name or change only its case', () => {
    expect(nameProblem(w, 'group', A, 'developers', 'developers')).toBeUndefined();
    expect(nameProblem(w, 'group', A, 'Developers', 'developers')).toBeUndefined();
    expect(nameProblem(w, 'group', A, 'readers', 'developers')).toBe(
      'a group named `readers` already exists in this account (names are unique regardless of case)',
    );
  });
});

describe('users and groups', () => {
  it('adds a user without changing the world it was given', () => {
    const w = world();
    const before = JSON.stringify(w);
    const next = addUser(w, A, 'carol', '2026-12-01T00:00:00Z');
    expect(next.users?.map((u) => u.name)).toEqual(['alice', 'bob', 'carol']);
    expect(next.users?.[2]).toEqual({ account: A, name: 'carol', createDate: '2026-12-01T00:00:00Z' });
    expect(JSON.stringify(w)).toBe(before);
  });
  it('renames and removes a user', () => {
    expect(renameUser(world(), A, 'bob', 'robert').users?.map((u) => u.name)).toEqual(['alice', 'robert']);
    expect(removeUser(world(), A, 'alice').users?.map((u) => u.name)).toEqual(['bob']);
  });
  it('adds a user to a group once, and takes them out again', () => {
    const w = addUserToGroup(addUserToGroup(world(), A, 'bob', 'readers'), A, 'bob', 'readers');
    expect(w.users?.[1].groups).toEqual(['readers']);
    const out = removeUserFromGroup(w, A, 'bob', 'readers');
    expect(out.users?.[1]).toEqual({ account: A, name: 'bob' });
  });
  it('does not add a user to a group the account does not have', () => {
    const w = world();
    expect(addUserToGroup(w, A, 'bob', 'nope')).toBe(w);
  });
  it('renaming a group renames it in its users', () => {
    const w = renameGroup(world(), A, 'developers', 'engineers');
    expect(w.groups?.map((g) => g.name)).toEqual(['engineers', 'readers']);
    expect(w.users?.[0].groups).toEqual(['engineers']);
  });
  it('removing a group takes its users out of it', () => {
    const w = removeGroup(world(), A, 'developers');
    expect(w.groups?.map((g) => g.name)).toEqual(['readers']);
    expect(w.users?.[0].groups).toBeUndefined();
  });
  it('adds a group', () => {
    expect(addGroup(world(), A, 'ops').groups?.at(-1)).toEqual({ account: A, name: 'ops' });
  });
});

describe('roles', () => {
  it('adds a role with its trust policy', () => {
    const trust = trustPolicyFor({ Service: 'ec2.amazonaws.com' });
    const w = addRole(world(), A, 'web', trust);
    expect(w.roles?.at(-1)).toEqual({ account: A, name: 'web', trustPolicy: trust });
    expect(trust).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });
  it('renaming a role renames its ARN in functions, identity pools and user pool groups', () => {
    const w = renameRole(world(), A, 'app', 'worker');
    const arn = `arn:aws:iam::${A}:role/worker`;
    expect(w.roles?.[0].name).toBe('worker');
    expect(w.resources?.[0]).toMatchObject({ role: arn });
    expect(w.identityPools?.[0].roles).toEqual({ authenticated: arn });
    expect(w.userPools?.[0].groups?.[0].roleArn).toBe(arn);
  });
  it('sets a trust policy and removes a role', () => {
    const w = setTrustPolicy(world(), A, 'app', '{"Version":"2012-10-17","Statement":[]}');
    expect(w.roles?.[0].trustPolicy).toBe('{"Version":"2012-10-17","Statement":[]}');
    expect(removeRole(w, A, 'app').roles).toEqual([]);
  });
});

describe('managed policies', () => {
  it('adds a customer managed policy with version v1 as the default', () => {
    const w = addPolicy(world(), A, 'WriteLogs', READ);
    expect(w.managedPolicies?.at(-1)).toEqual({
      arn: `arn:aws:iam::${A}:policy/WriteLogs`,
      versions: [{ versionId: 'v1', document: READ }],
      defaultVersion: 'v1',
    });
  });
  it('attaches once and detaches', () => {
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const t = { kind: 'group', account: A, name: 'readers' } as const;
    const w = attachPolicy(attachPolicy(world(), t, arn), t, arn);
    expect(w.groups?.[1].managedPolicies).toEqual([arn]);
    expect(detachPolicy(w, t, arn).groups?.[1]).toEqual({ account: A, name: 'readers' });
  });
  it('removing a policy detaches it from users and groups and drops it as a boundary', () => {
    const w = removePolicy(world(), POLICY);
    expect(w.managedPolicies).toEqual([]);
    expect(w.users?.[0]).toEqual({ account: A, name: 'alice', groups: ['developers'] });
    expect(w.groups?.[0]).toEqual({ account: A, name: 'developers' });
  });
  it('renaming a policy changes its ARN and every attachment follows', () => {
    const w = renamePolicy(world(), POLICY, 'ReadAll');
    const arn = `arn:aws:iam::${A}:policy/ReadAll`;
    expect(w.managedPolicies?.[0].arn).toBe(arn);
    expect(w.users?.[0].managedPolicies).toEqual([arn]);
    expect(w.users?.[0].permissionsBoundary).toBe(arn);
    expect(w.groups?.[0].managedPolicies).toEqual([arn]);
  });
  it('does not rename an AWS managed policy', () => {
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const w = ensurePolicy(world(), { arn, versions: [{ versionId: 'v9', document: READ }], defaultVersion: 'v9' });
    expect(renamePolicy(w, arn, 'Mine')).toBe(w);
    expect(ensurePolicy(w, { arn, versions: [], defaultVersion: 'v1' })).toBe(w);
  });
  it('edits the default version of a policy', () => {
    const w = setPolicyDocument(world(), POLICY, '{}');
    expect(w.managedPolicies?.[0].versions).toEqual([{ versionId: 'v1', document: '{}' }]);
  });
  it('sets and removes a boundary', () => {
    const t = { kind: 'user', account: A, name: 'bob' } as const;
    expect(setBoundary(world(), t, POLICY).users?.[1].permissionsBoundary).toBe(POLICY);
    expect(setBoundary(world(), { ...t, name: 'alice' }, undefined).users?.[0].permissionsBoundary).toBeUndefined();
  });
});

describe('inline and resource policies', () => {
  const t = { kind: 'user', account: A, name: 'bob' } as const;
  it('adds an inline policy, then replaces its document', () => {
    const w = setInlinePolicy(world(), t, 'Notes', READ);
    expect(w.users?.[1].inlinePolicies).toEqual([{ name: 'Notes', document: READ }]);
    const w2 = setInlinePolicy(w, t, 'Notes', '{}');
    expect(w2.users?.[1].inlinePolicies).toEqual([{ name: 'Notes', document: '{}' }]);
    expect(removeInlinePolicy(w2, t, 'Notes').users?.[1]).toEqual({ account: A, name: 'bob' });
  });
  it('sets and removes a bucket policy', () => {
    const w = setResourcePolicy(world(), 'arn:aws:s3:::photos', READ);
    expect(w.resources?.[1]).toEqual({ type: 's3-bucket', arn: 'arn:aws:s3:::photos', account: A, policy: READ });
    expect(setResourcePolicy(w, 'arn:aws:s3:::photos', undefined).resources?.[1]).toEqual({
      type: 's3-bucket',
      arn: 'arn:aws:s3:::photos',
      account: A,
    });
  });
  it('answers the world unchanged when the subject is not in it', () => {
    const w = world();
    expect(setInlinePolicy(w, { ...t, name: 'nobody' }, 'x', '{}')).toBe(w);
    expect(setResourcePolicy(w, 'arn:aws:s3:::none', READ)).toBe(w);
    expect(renameGroup(w, A, 'none', 'x')).toBe(w);
  });
});

describe('buckets', () => {
  it('checks a bucket name as S3 does', () => {
    const w = world();
    expect(bucketNameProblem(w, 'my-logs.2026')).toBeUndefined();
    expect(bucketNameProblem(w, 'ab')).toBe('a bucket name has 3 to 63 characters; this one has 2');
    expect(bucketNameProblem(w, 'My-Logs')).toBe(
      '`M` cannot be used in a bucket name: use lowercase letters, digits, `.` and `-`',
    );
    expect(bucketNameProblem(w, '-logs')).toBe('a bucket name begins and ends with a letter or digit');
    expect(bucketNameProblem(w, 'a..b')).toBe('a bucket name cannot have two dots in a row');
    expect(bucketNameProblem(w, '192.168.1.1')).toBe('a bucket name cannot look like an IP address');
    expect(bucketNameProblem(w, 'photos')).toBe(
      'a bucket named `photos` already exists (bucket names are unique across all accounts)',
    );
  });
  it('adds a bucket with Block Public Access on, and removes it', () => {
    const w = addBucket(world(), A, 'logs');
    expect(w.resources?.at(-1)).toEqual({
      type: 's3-bucket',
      arn: 'arn:aws:s3:::logs',
      account: A,
      blockPublicAccess: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      },
    });
    expect(removeResource(w, 'arn:aws:s3:::logs').resources?.map((r) => r.arn)).toEqual([
      `arn:aws:lambda:us-east-1:${A}:function:fn`,
      'arn:aws:s3:::photos',
    ]);
  });
});
