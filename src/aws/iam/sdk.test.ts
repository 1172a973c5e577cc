/**
 * The real AWS SDK v3 IAM client parses every answer: its request handler hands the signed
 * request to the IAM handler directly (no network), and the SDK's own Query deserializer reads
 * the XML.
 */
import { describe, expect, it } from 'vitest';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
  EntityAlreadyExistsException,
  NoSuchEntityException,
  MalformedPolicyDocumentException,
  LimitExceededException,
} from '@aws-sdk/client-iam';
import { importAuthorizationDetails } from '../../world/import/authorization-details';
import type { World } from '../../world/types';
import { testContext, userPrincipal } from '../testing';
import { iam } from './index';
import { serviceHandler } from '../sdk.test-helper';

const A = '111122223333';
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }],
});

function setup() {
  const world: World = {
    accounts: [{ id: A }],
    users: [
      {
        account: A,
        name: 'admin',
        id: 'AIDAADMINADMINADMIN1',
        createDate: '2025-05-01T08:00:00Z',
        inlinePolicies: [
          {
            name: 'all',
            document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
          },
        ],
      },
    ],
  };
  const ctx = testContext(world);
  const client = new IAMClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:4566',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    requestHandler: serviceHandler(iam, ctx, () => userPrincipal(A, 'admin')),
    maxAttempts: 1,
  });
  return { ctx, client };
}

describe('the AWS SDK IAM client reads every answer', () => {
  it('users, groups, roles, policies, keys and instance profiles', async () => {
    const { client } = setup();
    const user = await client.send(
      new CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'web' }] }),
    );
    expect(user.User).toMatchObject({
      UserName: 'alice',
      Path: '/eng/',
      Arn: `arn:aws:iam::${A}:user/eng/alice`,
      Tags: [{ Key: 'team', Value: 'web' }],
    });
    expect(user.User?.CreateDate).toEqual(new Date('2026-01-01T12:00:00Z'));
    expect((await client.send(new GetUserCommand({ UserName: 'alice' }))).User?.UserId).toBe(user.User?.UserId);
    expect((await client.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual(['admin', 'alice']);

    const group = await client.send(new CreateGroupCommand({ GroupName: 'devs' }));
    expect(group.Group).toMatchObject({ GroupName: 'devs', Path: '/', Arn: `arn:aws:iam::${A}:group/devs` });
    expect(
      (await client.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }))).$metadata.httpStatusCode,
    ).toBe(200);

    const role = await client.send(
      new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: TRUST, Description: 'web servers' }),
    );
    expect(role.Role).toMatchObject({
      RoleName: 'web',
      Arn: `arn:aws:iam::${A}:role/web`,
      Description: 'web servers',
      MaxSessionDuration: 3600,
    });
    const got = await client.send(new GetRoleCommand({ RoleName: 'web' }));
    expect(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(TRUST));
    expect((await client.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toEqual(['web']);
    const lambdaTrust = TRUST.replace('ec2', 'lambda');
    await client.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'web', PolicyDocument: lambdaTrust }));
    expect(
      decodeURIComponent((await client.send(new GetRoleCommand({ RoleName: 'web' }))).Role!.AssumeRolePolicyDocument!),
    ).toContain('lambda.amazonaws.com');

    await client.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'read', PolicyDocument: READ }));
    await client.send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'read', PolicyDocument: READ }));
    await client.send(new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'read', PolicyDocument: READ }));

    const policy = await client.send(new CreatePolicyCommand({ PolicyName: 'Read', PolicyDocument: READ }));
    const arn = `arn:aws:iam::${A}:policy/Read`;
    expect(policy.Policy).toMatchObject({
      PolicyName: 'Read',
      Arn: arn,
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      IsAttachable: true,
    });
    const v2 = await client.send(
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: READ, SetAsDefault: true }),
    );
    expect(v2.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    await client.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: arn }));
    await client.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: arn }));
    await client.send(new AttachRolePolicyCommand({ RoleName: 'web', PolicyArn: arn }));
    const p = await client.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(p.Policy).toMatchObject({ DefaultVersionId: 'v2', AttachmentCount: 3 });
    const pv = await client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(pv.PolicyVersion?.IsDefaultVersion).toBe(false);
    expect(JSON.parse(decodeURIComponent(pv.PolicyVersion!.Document!))).toEqual(JSON.parse(READ));

    const key = await client.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    expect(key.AccessKey).toMatchObject({ UserName: 'alice', Status: 'Active' });
    expect(key.AccessKey?.AccessKeyId).toMatch(/^AKIA/);
    const keys = await client.send(new ListAccessKeysCommand({ UserName: 'alice' }));
    expect(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([key.AccessKey?.AccessKeyId]);
    expect(keys.IsTruncated).toBe(false);
    expect((await client.send(new ListAccessKeysCommand({ UserName: 'admin' }))).AccessKeyMetadata).toEqual([]);

    const profile = await client.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile' }));
    expect(profile.InstanceProfile).toMatchObject({ InstanceProfileName: 'web-profile', Roles: [] });
    await client.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'web' }));
  });

  it('errors come back as the SDK exception classes, with AWS messages and statuses', async () => {
    const { client } = setup();
    await client.send(new CreateUserCommand({ UserName: 'alice' }));
    const dup = await client.send(new CreateUserCommand({ UserName: 'alice' })).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(EntityAlreadyExistsException);
    expect(dup).toMatchObject({ message: 'User with name alice already exists.', $metadata: { httpStatusCode: 409 } });
    const missing = await client.send(new GetUserCommand({ UserName: 'bob' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NoSuchEntityException);
    expect(missing).toMatchObject({
      message: 'The user with name bob cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    const malformed = await client
      .send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: '{' }))
      .catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(MalformedPolicyDocumentException);
    await client.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await client.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const limit = await client.send(new CreateAccessKeyCommand({ UserName: 'alice' })).catch((e: unknown) => e);
    expect(limit).toBeInstanceOf(LimitExceededException);
    const invalid = await client.send(new CreateUserCommand({ UserName: 'a b' })).catch((e: unknown) => e);
    expect(invalid).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    });
  });

  it('GetAccountAuthorizationDetails, as the SDK (and so the AWS CLI) reads it, imports back to the same world', async () => {
    const { ctx, client } = setup();
    await client.send(new CreatePolicyCommand({ PolicyName: 'Read', PolicyDocument: READ, Description: 'read all' }));
    await client.send(
      new CreatePolicyVersionCommand({ PolicyArn: `arn:aws:iam::${A}:policy/Read`, PolicyDocument: READ }),
    );
    await client.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await client.send(new CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'web' }] }));
    await client.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    await client.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: `arn:aws:iam::${A}:policy/Read` }));
    await client.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'inline', PolicyDocument: READ }));
    await client.send(new CreateRoleCommand({ RoleName: 'web', Path: '/svc/', AssumeRolePolicyDocument: TRUST }));
    await client.send(new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'read', PolicyDocument: READ }));
    await client.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile' }));
    await client.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'web' }));

    const details = await client.send(new GetAccountAuthorizationDetailsCommand({}));
    expect(details.UserDetailList?.map((u) => u.UserName)).toEqual(['admin', 'alice']);
    expect(details.RoleDetailList?.[0]?.InstanceProfileList?.[0]?.InstanceProfileName).toBe('web-profile');
    expect(details.Policies?.[0]?.PolicyVersionList?.map((v) => v.VersionId)).toEqual(['v1', 'v2']);
    // The AWS CLI prints the SDK's answer as JSON, dates in ISO 8601.
    const { $metadata: _m, ...rest } = details;
    const printed = JSON.stringify(rest, (_k, v: unknown) =>
      typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? v.replace('.000Z', 'Z') : v,
    );
    const imported = importAuthorizationDetails(printed);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const w = ctx.state.world;
    expect(imported.value.users).toEqual(w.users);
    expect(imported.value.groups).toEqual(w.groups);
    expect(imported.value.roles).toEqual(w.roles);
    expect(imported.value.managedPolicies).toEqual(w.managedPolicies);
  });
});
