import { describe, expect, it } from 'vitest';
import { importAuthorizationDetails } from '../../world/import/authorization-details';
import type { World } from '../../world/types';
import { request, text } from '../http';
import { call, testContext, userPrincipal } from '../testing';
import type { Principal } from '../context';
import { iam } from './index';

const A = '111122223333';
const ADMIN_POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
});
const READ_S3 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }],
});

function baseWorld(): World {
  return {
    accounts: [{ id: A }],
    users: [
      {
        account: A,
        name: 'admin',
        id: 'AIDAADMINADMINADMIN1',
        inlinePolicies: [{ name: 'all', document: ADMIN_POLICY }],
      },
      {
        account: A,
        name: 'carol',
        id: 'AIDACAROLCAROLCAROL1',
        inlinePolicies: [
          {
            name: 'users-only',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*' }],
            },
          },
        ],
      },
    ],
  };
}

const admin = userPrincipal(A, 'admin');
const carol = userPrincipal(A, 'carol');

function form(params: Record<string, string>): string {
  return new URLSearchParams({ Version: '2010-05-08', ...params }).toString();
}

async function send(
  ctx: ReturnType<typeof testContext>,
  params: Record<string, string>,
  who: Principal | null = admin,
) {
  const reply = await iam.handle(
    call(
      request({ body: form(params), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } }),
      who ?? undefined,
    ),
    ctx,
  );
  return { reply, status: reply.response.status, body: text(reply.response.body) };
}

function tag(body: string, name: string): string | undefined {
  const open = `<${name}>`;
  const at = body.indexOf(open);
  if (at < 0) return undefined;
  return body.slice(at + open.length, body.indexOf(`</${name}>`, at));
}

function expectError(r: { status: number; body: string }, status: number, code: string, message: string) {
  expect(r.status).toBe(status);
  expect(tag(r.body, 'Code')).toBe(code);
  expect(tag(r.body, 'Message')).toBe(message.replace(/&/g, '&amp;').replace(/'/g, '&apos;'));
}

describe('IAM users and groups', () => {
  it('CreateUser answers the user and records it in a new world', async () => {
    const ctx = testContext(baseWorld());
    const before = ctx.state.world;
    const r = await send(ctx, { Action: 'CreateUser', UserName: 'alice', Path: '/eng/' });
    expect(r.status).toBe(200);
    expect(r.reply.operation).toBe('CreateUser');
    expect(tag(r.body, 'UserName')).toBe('alice');
    expect(tag(r.body, 'Path')).toBe('/eng/');
    expect(tag(r.body, 'Arn')).toBe(`arn:aws:iam::${A}:user/eng/alice`);
    expect(tag(r.body, 'UserId')).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(tag(r.body, 'CreateDate')).toBe('2026-01-01T12:00:00Z');
    expect(r.body).toContain('<CreateUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
    expect(before.users).toHaveLength(2);
    expect(ctx.state.world.users?.map((u) => u.name)).toEqual(['admin', 'carol', 'alice']);
  });

  it('CreateUser of an existing name (any case) is EntityAlreadyExists', async () => {
    const ctx = testContext(baseWorld());
    await send(ctx, { Action: 'CreateUser', UserName: 'alice' });
    expectError(
      await send(ctx, { Action: 'CreateUser', UserName: 'Alice' }),
      409,
      'EntityAlreadyExists',
      'User with name Alice already exists.',
    );
  });

  it('a missing or malformed parameter is a ValidationError naming each constraint', async () => {
    const ctx = testContext(baseWorld());
    expectError(
      await send(ctx, { Action: 'CreateUser' }),
      400,
      'ValidationError',
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    );
    expectError(
      await send(ctx, { Action: 'CreateUser', UserName: 'a b', Path: 'x' }),
      400,
      'ValidationError',
      "2 validation errors detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; Value 'x' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/",
    );
  });

  it('is refused by the engine with its AccessDenied text', async () => {
    const ctx = testContext(baseWorld());
    const r = await send(ctx, { Action: 'CreateGroup', GroupName: 'devs' }, carol);
    expectError(
      r,
      403,
      'AccessDenied',
      `User: arn:aws:iam::${A}:user/carol is not authorized to perform: iam:CreateGroup on resource: arn:aws:iam::${A}:group/devs because no identity-based policy allows the iam:CreateGroup action`,
    );
    expect(r.reply.decision?.decision).toBe('ImplicitDeny');
    expect(ctx.state.world.groups).toBeUndefined();
  });

  it('an unsigned call is MissingAuthenticationToken', async () => {
    const ctx = testContext(baseWorld());
    expectError(
      await send(ctx, { Action: 'ListUsers' }, null),
      403,
      'MissingAuthenticationToken',
      'Request is missing Authentication Token',
    );
  });

  it('an unknown action is InvalidAction', async () => {
    const ctx = testContext(baseWorld());
    expectError(
      await send(ctx, { Action: 'FlyAway' }),
      400,
      'InvalidAction',
      'Could not find operation FlyAway for version 2010-05-08',
    );
  });

  it('CreateGroup, AddUserToGroup, and the errors of unknown users and groups', async () => {
    const ctx = testContext(baseWorld());
    const g = await send(ctx, { Action: 'CreateGroup', GroupName: 'devs' });
    expect(tag(g.body, 'GroupName')).toBe('devs');
    expect(tag(g.body, 'Arn')).toBe(`arn:aws:iam::${A}:group/devs`);
    expect(tag(g.body, 'GroupId')).toMatch(/^AGPA[A-Z0-9]{17}$/);
    expectError(
      await send(ctx, { Action: 'CreateGroup', GroupName: 'devs' }),
      409,
      'EntityAlreadyExists',
      'Group with name devs already exists.',
    );
    const add = await send(ctx, { Action: 'AddUserToGroup', GroupName: 'devs', UserName: 'carol' });
    expect(add.status).toBe(200);
    expect(add.body).not.toContain('AddUserToGroupResult');
    expect(ctx.state.world.users?.find((u) => u.name === 'carol')?.groups).toEqual(['devs']);
    expectError(
      await send(ctx, { Action: 'AddUserToGroup', GroupName: 'devs', UserName: 'bob' }),
      404,
      'NoSuchEntity',
      'The user with name bob cannot be found.',
    );
    expectError(
      await send(ctx, { Action: 'AddUserToGroup', GroupName: 'ops', UserName: 'carol' }),
      404,
      'NoSuchEntity',
      'The group with name ops cannot be found.',
    );
  });

  it('GetUser names the caller without UserName; ListUsers filters by path', async () => {
    const ctx = testContext(baseWorld());
    await send(ctx, { Action: 'CreateUser', UserName: 'dave', Path: '/ops/' });
    const me = await send(ctx, { Action: 'GetUser' });
    expect(tag(me.body, 'UserName')).toBe('admin');
    expect(tag(me.body, 'UserId')).toBe('AIDAADMINADMINADMIN1');
    const list = await send(ctx, { Action: 'ListUsers', PathPrefix: '/ops/' });
    expect(list.body.match(/<UserName>[^<]*<\/UserName>/g)).toEqual(['<UserName>dave</UserName>']);
    expect(tag(list.body, 'IsTruncated')).toBe('false');
  });
});

describe('IAM roles and policies', () => {
  it('CreateRole validates the trust policy and GetRole answers it URL-encoded', async () => {
    const ctx = testContext(baseWorld());
    const c = await send(ctx, {
      Action: 'CreateRole',
      RoleName: 'deployer',
      AssumeRolePolicyDocument: TRUST,
      MaxSessionDuration: '7200',
    });
    expect(c.status).toBe(200);
    expect(tag(c.body, 'RoleId')).toMatch(/^AROA[A-Z0-9]{17}$/);
    const g = await send(ctx, { Action: 'GetRole', RoleName: 'deployer' });
    expect(decodeURIComponent(tag(g.body, 'AssumeRolePolicyDocument')!)).toBe(
      JSON.stringify(JSON.parse(TRUST), null, 2),
    );
    expect(tag(g.body, 'AssumeRolePolicyDocument')).toContain('%7B%0A%20%20%22Version%22');
    expect(tag(g.body, 'MaxSessionDuration')).toBe('7200');
    expectError(
      await send(ctx, { Action: 'GetRole', RoleName: 'nobody' }),
      404,
      'NoSuchEntity',
      'The role with name nobody cannot be found.',
    );
    expectError(
      await send(ctx, { Action: 'CreateRole', RoleName: 'deployer', AssumeRolePolicyDocument: TRUST }),
      409,
      'EntityAlreadyExists',
      'Role with name deployer already exists.',
    );
  });

  it('a trust policy IAM would refuse is MalformedPolicyDocument and nothing is stored', async () => {
    const ctx = testContext(baseWorld());
    const noPrincipal = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
    });
    const r = await send(ctx, { Action: 'CreateRole', RoleName: 'r1', AssumeRolePolicyDocument: noPrincipal });
    expect(r.status).toBe(400);
    expect(tag(r.body, 'Code')).toBe('MalformedPolicyDocument');
    expect(ctx.state.world.roles).toBeUndefined();
    expectError(
      await send(ctx, { Action: 'CreateRole', RoleName: 'r1', AssumeRolePolicyDocument: '{"Version": ' }),
      400,
      'MalformedPolicyDocument',
      'Syntax errors in policy.',
    );
  });

  it('UpdateAssumeRolePolicy replaces the trust policy; a bad one leaves it as it was', async () => {
    const ctx = testContext(baseWorld());
    await send(ctx, { Action: 'CreateRole', RoleName: 'deployer', AssumeRolePolicyDocument: TRUST });
    const ec2 = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(
      (await send(ctx, { Action: 'UpdateAssumeRolePolicy', RoleName: 'deployer', PolicyDocument: ec2 })).status,
    ).toBe(200);
    expect(ctx.state.world.roles?.[0]?.trustPolicy).toEqual(JSON.parse(ec2));
    const bad = await send(ctx, { Action: 'UpdateAssumeRolePolicy', RoleName: 'deployer', PolicyDocument: '[]' });
    expect(tag(bad.body, 'Code')).toBe('MalformedPolicyDocument');
    expect(ctx.state.world.roles?.[0]?.trustPolicy).toEqual(JSON.parse(ec2));
  });

  it('Put*Policy stores inline policies and holds them to the size limits', async () => {
    const ctx = testContext(baseWorld());
    await send(ctx, { Action: 'CreateGroup', GroupName: 'devs' });
    await send(ctx, { Action: 'CreateRole', RoleName: 'app', AssumeRolePolicyDocument: TRUST });
    for (const [action, key, name] of [
      ['PutUserPolicy', 'UserName', 'carol'],
      ['PutGroupPolicy', 'GroupName', 'devs'],
      ['PutRolePolicy', 'RoleName', 'app'],
    ] as const) {
      const r = await send(ctx, { Action: action, [key]: name, PolicyName: 'read', PolicyDocument: READ_S3 });
      expect(r.status).toBe(200);
    }
    expect(ctx.state.world.groups?.[0]?.inlinePolicies).toEqual([{ name: 'read', document: JSON.parse(READ_S3) }]);
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: Array.from({ length: 100 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`),
        },
      ],
    });
    expectError(
      await send(ctx, { Action: 'PutUserPolicy', UserName: 'carol', PolicyName: 'big', PolicyDocument: big }),
      409,
      'LimitExceeded',
      'Maximum policy size of 2048 bytes exceeded for user carol',
    );
    expectError(
      await send(ctx, { Action: 'PutUserPolicy', UserName: 'zed', PolicyName: 'read', PolicyDocument: READ_S3 }),
      404,
      'NoSuchEntity',
      'The user with name zed cannot be found.',
    );
    const wrong = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] });
    expect(
      tag(
        (await send(ctx, { Action: 'PutRolePolicy', RoleName: 'app', PolicyName: 'x', PolicyDocument: wrong })).body,
        'Code',
      ),
    ).toBe('MalformedPolicyDocument');
  });

  it('CreatePolicy, CreatePolicyVersion with SetAsDefault, the five-version limit, GetPolicy, GetPolicyVersion', async () => {
    const ctx = testContext(baseWorld());
    const c = await send(ctx, {
      Action: 'CreatePolicy',
      PolicyName: 'Read',
      PolicyDocument: READ_S3,
      Description: 'photos',
    });
    const arn = `arn:aws:iam::${A}:policy/Read`;
    expect(tag(c.body, 'Arn')).toBe(arn);
    expect(tag(c.body, 'DefaultVersionId')).toBe('v1');
    expect(tag(c.body, 'AttachmentCount')).toBe('0');
    expect(tag(c.body, 'PolicyId')).toMatch(/^ANPA[A-Z0-9]{17}$/);
    expectError(
      await send(ctx, { Action: 'CreatePolicy', PolicyName: 'Read', PolicyDocument: READ_S3 }),
      409,
      'EntityAlreadyExists',
      'A policy called Read already exists. Duplicate names are not allowed.',
    );
    const v2 = await send(ctx, {
      Action: 'CreatePolicyVersion',
      PolicyArn: arn,
      PolicyDocument: READ_S3,
      SetAsDefault: 'true',
    });
    expect(tag(v2.body, 'VersionId')).toBe('v2');
    expect(tag(v2.body, 'IsDefaultVersion')).toBe('true');
    const v3 = await send(ctx, { Action: 'CreatePolicyVersion', PolicyArn: arn, PolicyDocument: READ_S3 });
    expect(tag(v3.body, 'IsDefaultVersion')).toBe('false');
    await send(ctx, { Action: 'CreatePolicyVersion', PolicyArn: arn, PolicyDocument: READ_S3 });
    await send(ctx, { Action: 'CreatePolicyVersion', PolicyArn: arn, PolicyDocument: READ_S3 });
    expectError(
      await send(ctx, { Action: 'CreatePolicyVersion', PolicyArn: arn, PolicyDocument: READ_S3 }),
      409,
      'LimitExceeded',
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
    const p = await send(ctx, { Action: 'GetPolicy', PolicyArn: arn });
    expect(tag(p.body, 'DefaultVersionId')).toBe('v2');
    expect(tag(p.body, 'Description')).toBe('photos');
    const pv = await send(ctx, { Action: 'GetPolicyVersion', PolicyArn: arn, VersionId: 'v1' });
    expect(JSON.parse(decodeURIComponent(tag(pv.body, 'Document')!))).toEqual(JSON.parse(READ_S3));
    expectError(
      await send(ctx, { Action: 'GetPolicyVersion', PolicyArn: arn, VersionId: 'v9' }),
      404,
      'NoSuchEntity',
      `Policy ${arn} version v9 does not exist or is not attachable.`,
    );
    expectError(
      await send(ctx, { Action: 'GetPolicy', PolicyArn: `arn:aws:iam::${A}:policy/Nope` }),
      404,
      'NoSuchEntity',
      `Policy arn:aws:iam::${A}:policy/Nope was not found.`,
    );
  });

  it('Attach*Policy attaches; an unknown policy is NoSuchEntity', async () => {
    const ctx = testContext(baseWorld());
    await send(ctx, { Action: 'CreatePolicy', PolicyName: 'Read', PolicyDocument: READ_S3 });
    await send(ctx, { Action: 'CreateGroup', GroupName: 'devs' });
    await send(ctx, { Action: 'CreateRole', RoleName: 'app', AssumeRolePolicyDocument: TRUST });
    const arn = `arn:aws:iam::${A}:policy/Read`;
    for (const [action, key, name] of [
      ['AttachUserPolicy', 'UserName', 'carol'],
      ['AttachGroupPolicy', 'GroupName', 'devs'],
      ['AttachRolePolicy', 'RoleName', 'app'],
    ] as const) {
      expect((await send(ctx, { Action: action, [key]: name, PolicyArn: arn })).status).toBe(200);
    }
    expect(ctx.state.world.roles?.[0]?.managedPolicies).toEqual([arn]);
    expect(tag((await send(ctx, { Action: 'GetPolicy', PolicyArn: arn })).body, 'AttachmentCount')).toBe('3');
    expectError(
      await send(ctx, { Action: 'AttachUserPolicy', UserName: 'carol', PolicyArn: `arn:aws:iam::${A}:policy/Missing` }),
      404,
      'NoSuchEntity',
      `Policy arn:aws:iam::${A}:policy/Missing does not exist or is not attachable.`,
    );
  });
});

describe('IAM access keys and instance profiles', () => {
  it('CreateAccessKey makes an AKIA key with its secret in the world; two at most; ListAccessKeys lists them', async () => {
    const ctx = testContext(baseWorld());
    const k = await send(ctx, { Action: 'CreateAccessKey', UserName: 'carol' });
    const id = tag(k.body, 'AccessKeyId')!;
    expect(id).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(tag(k.body, 'SecretAccessKey')).toHaveLength(40);
    expect(tag(k.body, 'Status')).toBe('Active');
    const stored = ctx.state.world.users?.find((u) => u.name === 'carol')?.accessKeys;
    expect(stored?.[0]).toMatchObject({
      accessKeyId: id,
      secretAccessKey: tag(k.body, 'SecretAccessKey'),
      status: 'Active',
    });
    await send(ctx, { Action: 'CreateAccessKey', UserName: 'carol' });
    expectError(
      await send(ctx, { Action: 'CreateAccessKey', UserName: 'carol' }),
      409,
      'LimitExceeded',
      'Cannot exceed quota for AccessKeysPerUser: 2',
    );
    const l = await send(ctx, { Action: 'ListAccessKeys', UserName: 'carol' });
    expect(l.body.match(/<AccessKeyId>/g)).toHaveLength(2);
    expect(l.body).not.toContain('SecretAccessKey');
  });

  it('CreateInstanceProfile and AddRoleToInstanceProfile (one role per profile)', async () => {
    const ctx = testContext(baseWorld());
    await send(ctx, { Action: 'CreateRole', RoleName: 'web', AssumeRolePolicyDocument: TRUST });
    await send(ctx, { Action: 'CreateRole', RoleName: 'web2', AssumeRolePolicyDocument: TRUST });
    const p = await send(ctx, { Action: 'CreateInstanceProfile', InstanceProfileName: 'web-profile' });
    expect(tag(p.body, 'Arn')).toBe(`arn:aws:iam::${A}:instance-profile/web-profile`);
    expect(tag(p.body, 'InstanceProfileId')).toMatch(/^AIPA[A-Z0-9]{17}$/);
    expectError(
      await send(ctx, { Action: 'CreateInstanceProfile', InstanceProfileName: 'web-profile' }),
      409,
      'EntityAlreadyExists',
      'Instance Profile web-profile already exists.',
    );
    expect(
      (await send(ctx, { Action: 'AddRoleToInstanceProfile', InstanceProfileName: 'web-profile', RoleName: 'web' }))
        .status,
    ).toBe(200);
    expect(ctx.state.world.roles?.find((r) => r.name === 'web')?.instanceProfiles).toEqual(['web-profile']);
    expectError(
      await send(ctx, { Action: 'AddRoleToInstanceProfile', InstanceProfileName: 'web-profile', RoleName: 'web2' }),
      409,
      'LimitExceeded',
      'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
    );
    expectError(
      await send(ctx, { Action: 'AddRoleToInstanceProfile', InstanceProfileName: 'nope', RoleName: 'web2' }),
      404,
      'NoSuchEntity',
      'Instance Profile nope cannot be found.',
    );
  });
});

describe('GetAccountAuthorizationDetails', () => {
  it('round trip: a world made through the API, read back and imported, is the same world', async () => {
    const ctx = testContext({
      accounts: [{ id: A }],
      users: [{ ...baseWorld().users![0]!, createDate: '2025-05-01T08:00:00Z' }],
    });
    await send(ctx, { Action: 'CreatePolicy', PolicyName: 'Read', PolicyDocument: READ_S3, Description: 'photos' });
    await send(ctx, {
      Action: 'CreatePolicyVersion',
      PolicyArn: `arn:aws:iam::${A}:policy/Read`,
      PolicyDocument: READ_S3,
    });
    await send(ctx, { Action: 'CreateGroup', GroupName: 'devs' });
    await send(ctx, { Action: 'CreateUser', UserName: 'alice' });
    await send(ctx, {
      Action: 'CreateUser',
      UserName: 'bob',
      Path: '/eng/',
      'Tags.member.1.Key': 'team',
      'Tags.member.1.Value': 'web',
    });
    await send(ctx, { Action: 'AddUserToGroup', GroupName: 'devs', UserName: 'bob' });
    await send(ctx, { Action: 'PutUserPolicy', UserName: 'bob', PolicyName: 'inline', PolicyDocument: READ_S3 });
    await send(ctx, { Action: 'AttachGroupPolicy', GroupName: 'devs', PolicyArn: `arn:aws:iam::${A}:policy/Read` });
    await send(ctx, { Action: 'CreateRole', RoleName: 'app', AssumeRolePolicyDocument: TRUST });
    await send(ctx, { Action: 'PutRolePolicy', RoleName: 'app', PolicyName: 'read', PolicyDocument: READ_S3 });
    await send(ctx, { Action: 'CreateInstanceProfile', InstanceProfileName: 'app-profile' });
    await send(ctx, { Action: 'AddRoleToInstanceProfile', InstanceProfileName: 'app-profile', RoleName: 'app' });
    const r = await send(ctx, { Action: 'GetAccountAuthorizationDetails' });
    expect(r.status).toBe(200);
    // What the AWS CLI prints for it is what the import reads; here, straight from the XML.
    const details = parseDetails(r.body);
    const imported = importAuthorizationDetails(details);
    expect(imported.ok).toBe(true);
    const world = ctx.state.world;
    if (imported.ok) {
      expect(imported.value.users).toEqual(world.users?.map(({ accessKeys: _k, ...u }) => u));
      expect(imported.value.groups).toEqual(world.groups);
      expect(imported.value.roles).toEqual(world.roles);
      expect(imported.value.managedPolicies).toEqual(world.managedPolicies);
    }
  });
});

/** A small reader of the details XML into the JSON the AWS CLI prints (lists of members, strings). */
function parseDetails(xml: string): unknown {
  const result = xml.slice(
    xml.indexOf('<GetAccountAuthorizationDetailsResult>') + '<GetAccountAuthorizationDetailsResult>'.length,
    xml.indexOf('</GetAccountAuthorizationDetailsResult>'),
  );
  const LISTS = new Set([
    'UserDetailList',
    'GroupDetailList',
    'RoleDetailList',
    'Policies',
    'UserPolicyList',
    'GroupList',
    'AttachedManagedPolicies',
    'Tags',
    'InstanceProfileList',
    'Roles',
    'RolePolicyList',
    'GroupPolicyList',
    'PolicyVersionList',
  ]);
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  let i = 0;
  function node(): unknown {
    // at the content of an element
    if (result.startsWith('<', i) && !result.startsWith('</', i)) {
      const out: Record<string, unknown> = {};
      while (result.startsWith('<', i) && !result.startsWith('</', i)) {
        const close = result.indexOf('>', i);
        const name = result.slice(i + 1, close);
        i = close + 1;
        let value: unknown;
        if (LISTS.has(name)) {
          const items: unknown[] = [];
          while (result.startsWith('<member>', i)) {
            i += '<member>'.length;
            items.push(node());
            i += '</member>'.length;
          }
          value = items;
        } else value = node();
        i += `</${name}>`.length;
        out[name] =
          value === ''
            ? ''
            : value === 'true'
              ? true
              : value === 'false'
                ? false
                : name === 'MaxSessionDuration'
                  ? Number(value)
                  : value;
      }
      return out;
    }
    const end = result.indexOf('<', i);
    const t = result.slice(i, end);
    i = end;
    return unescape(t);
  }
  return node();
}
