// The default world teaches at a glance: it is valid, its root user gives the checklist something
// to say, and its policies do what their names promise (evaluated through the world).
import { describe, expect, it } from 'vitest';
import { authorize } from './authorize';
import { DEFAULT_ACCOUNT as A, defaultWorld, emptyWorld } from './default-world';
import { checkWorld, formatPath } from './schema';

const problems = (v: unknown) => {
  const r = checkWorld(v);
  return r.ok ? [] : r.errors.map((i) => `${formatPath(i.path)}: ${i.message}`);
};
const NOW = Date.UTC(2026, 11, 1, 12);
const DAY = 86_400_000;
const decide = (principal: string, action: string, resource: string) => {
  const r = authorize(defaultWorld(), { principal, action, resource }, { now: NOW, trace: false });
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.value.decision;
};

describe('defaultWorld', () => {
  it('is valid against the schema, in the current format', () => {
    expect(problems(defaultWorld())).toEqual([]);
    expect(defaultWorld().format).toBe(2);
  });

  it('has a root user without MFA and with an access key created over a year ago, last used months ago', () => {
    const root = defaultWorld().accounts[0].root!;
    expect(root.mfaEnabled).toBe(false);
    expect(root.accessKeys!.map((k) => [k.accessKeyId, k.status])).toEqual([['AKIAIOSFODNN7EXAMPLE', 'Active']]);
    const key = root.accessKeys![0];
    expect(NOW - Date.parse(key.createDate)).toBeGreaterThan(365 * DAY);
    expect(NOW - Date.parse(key.lastUsedDate!)).toBeGreaterThan(90 * DAY);
  });

  it('lists the teaching cast: users, groups, roles, resources and Cognito pools', () => {
    const w = defaultWorld();
    expect(w.users!.map((u) => [u.name, u.groups ?? [], u.managedPolicies ?? []])).toEqual([
      ['admin', [], ['arn:aws:iam::aws:policy/AdministratorAccess']],
      ['alice', ['developers'], []],
      ['bob', ['read-only'], []],
    ]);
    expect(w.groups!.map((g) => [g.name, g.managedPolicies])).toEqual([
      ['developers', [`arn:aws:iam::${A}:policy/DeveloperAccess`]],
      ['read-only', ['arn:aws:iam::aws:policy/ReadOnlyAccess']],
    ]);
    const dev = w.managedPolicies![0];
    expect([dev.versions.map((v) => v.versionId), dev.defaultVersion]).toEqual([['v1', 'v2'], 'v2']);
    expect(w.roles!.map((r) => r.name)).toEqual([
      'web-server',
      'image-resizer',
      'photos-app-authenticated',
      'photos-app-guest',
      'photos-app-editors',
    ]);
    expect(w.resources!.map((r) => [r.type, r.arn])).toEqual([
      ['s3-bucket', 'arn:aws:s3:::playground-photos'],
      ['dynamodb-table', `arn:aws:dynamodb:us-east-1:${A}:table/Notes`],
      ['lambda-function', `arn:aws:lambda:us-east-1:${A}:function:resize-image`],
      ['ec2-instance', `arn:aws:ec2:us-east-1:${A}:instance/i-0a1b2c3d4e5f67890`],
    ]);
    const pool = w.userPools![0];
    expect(pool.clients!.map((c) => [c.clientSecret, c.explicitAuthFlows])).toEqual([
      [undefined, ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']],
    ]);
    expect(pool.users!.map((u) => u.userStatus)).toEqual(['CONFIRMED', 'FORCE_CHANGE_PASSWORD']);
    expect(pool.groups!.map((g) => [g.groupName, g.roleArn])).toEqual([
      ['editors', `arn:aws:iam::${A}:role/photos-app-editors`],
    ]);
    expect(w.identityPools![0].roles).toEqual({
      authenticated: `arn:aws:iam::${A}:role/photos-app-authenticated`,
      unauthenticated: `arn:aws:iam::${A}:role/photos-app-guest`,
    });
  });

  it('trusts cognito-identity.amazonaws.com with the aud and amr conditions for the identity pool roles', () => {
    const w = defaultWorld();
    const trust = (name: string) => w.roles!.find((r) => r.name === name)!.trustPolicy as Record<string, unknown>;
    expect((trust('photos-app-guest').Statement as unknown[])[0]).toEqual({
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:7b0e4c1a-3f2d-4e6b-9a8c-5d1e2f3a4b6c' },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
      },
    });
    expect(JSON.stringify(trust('photos-app-authenticated'))).toContain(
      '"cognito-identity.amazonaws.com:amr":"authenticated"',
    );
  });

  it('lets users read and write their own home prefix of the photos bucket, and not another user’s', () => {
    const alice = `arn:aws:iam::${A}:user/alice`;
    expect(decide(alice, 's3:PutObject', 'arn:aws:s3:::playground-photos/home/alice/cat.png')).toBe('Allow');
    expect(decide(alice, 's3:PutObject', 'arn:aws:s3:::playground-photos/home/bob/cat.png')).toBe('ImplicitDeny');
    expect(
      decide(`arn:aws:iam::${A}:user/bob`, 's3:GetObject', 'arn:aws:s3:::playground-photos/home/bob/todo.txt'),
    ).toBe('Allow');
  });

  it('gives the guest role public images only, and the developers the newer policy version', () => {
    const guest = `arn:aws:sts::${A}:assumed-role/photos-app-guest/CognitoIdentityCredentials`;
    expect(decide(guest, 's3:GetObject', 'arn:aws:s3:::playground-photos/public/pixel.png')).toBe('Allow');
    expect(decide(guest, 's3:PutObject', 'arn:aws:s3:::playground-photos/public/pixel.png')).toBe('ImplicitDeny');
    // v2 (the default) lets developers invoke the resizer; v1 did not.
    const alice = `arn:aws:iam::${A}:user/alice`;
    expect(decide(alice, 'lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${A}:function:resize-image`)).toBe('Allow');
  });

  it('returns a fresh copy on every call', () => {
    const w = defaultWorld();
    w.users!.pop();
    expect(defaultWorld().users).toHaveLength(3);
  });
});

describe('emptyWorld', () => {
  it('is one valid account with nothing in it', () => {
    expect(problems(emptyWorld())).toEqual([]);
    expect(emptyWorld()).toEqual({
      format: 2,
      accounts: [{ id: A, name: 'playground', root: { mfaEnabled: false } }],
    });
  });
});
