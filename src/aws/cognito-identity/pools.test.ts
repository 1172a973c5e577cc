import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import type { World } from '../../world/types';
import { testContext, userPrincipal } from '../testing';
import { ACCOUNT, CLIENT, IDENTITY_POOL, PROVIDER, idToken, send } from './testkit';

const admin = userPrincipal(ACCOUNT, 'builder');
const AUTH_ROLE = `arn:aws:iam::${ACCOUNT}:role/photos-app-authenticated`;
const GUEST_ROLE = `arn:aws:iam::${ACCOUNT}:role/photos-app-guest`;
const EDITORS_ROLE = `arn:aws:iam::${ACCOUNT}:role/photos-app-editors`;

/**
 * The default world with two IAM users: `builder`, allowed everything by an inline policy, and
 * `reader`, allowed only to describe identity pools.
 */
function world(): World {
  const w = defaultWorld();
  return {
    ...w,
    users: [
      ...(w.users ?? []),
      {
        account: ACCOUNT,
        name: 'builder',
        inlinePolicies: [
          {
            name: 'everything',
            document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
          },
        ],
      },
      {
        account: ACCOUNT,
        name: 'reader',
        inlinePolicies: [
          {
            name: 'describe',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'cognito-identity:Describe*', Resource: '*' }],
            },
          },
        ],
      },
    ],
  };
}

describe('CreateIdentityPool', () => {
  it('creates a pool in the world and answers its IdentityPool shape', async () => {
    const ctx = testContext(world());
    const before = ctx.state.world;
    const r = await send(
      ctx,
      'CreateIdentityPool',
      {
        IdentityPoolName: 'notes app',
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: true,
        CognitoIdentityProviders: [{ ProviderName: PROVIDER, ClientId: CLIENT, ServerSideTokenCheck: false }],
        IdentityPoolTags: { team: 'notes' },
      },
      admin,
    );
    expect(r.status).toBe(200);
    const id = r.json.IdentityPoolId as string;
    expect(id).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(r.json).toEqual({
      IdentityPoolId: id,
      IdentityPoolName: 'notes app',
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: true,
      CognitoIdentityProviders: [{ ProviderName: PROVIDER, ClientId: CLIENT, ServerSideTokenCheck: false }],
      IdentityPoolTags: { team: 'notes' },
    });
    expect(r.reply.decision?.action).toBe('cognito-identity:CreateIdentityPool');
    expect(r.reply.decision?.resource).toBe(`arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${id}`);
    expect(ctx.state.world.identityPools?.map((p) => p.identityPoolId)).toEqual([IDENTITY_POOL, id]);
    // The old world is left as it was.
    expect(before.identityPools?.length).toBe(1);

    const described = await send(ctx, 'DescribeIdentityPool', { IdentityPoolId: id }, admin);
    expect(described.json).toEqual(r.json);
  });

  it('needs a signed caller', async () => {
    const ctx = testContext(world());
    const r = await send(ctx, 'CreateIdentityPool', { IdentityPoolName: 'x', AllowUnauthenticatedIdentities: true });
    expect(r.status).toBe(400);
    expect(r.reply.operation).toBe('CreateIdentityPool');
    expect(ctx.state.world.identityPools?.length).toBe(1);
  });

  it('is refused with AWS text to a caller no policy allows', async () => {
    const ctx = testContext(world());
    const reader = userPrincipal(ACCOUNT, 'reader');
    const r = await send(
      ctx,
      'CreateIdentityPool',
      { IdentityPoolName: 'x', AllowUnauthenticatedIdentities: true },
      reader,
    );
    expect(r.json.__type).toBe('AccessDeniedException');
    expect(r.json.message).toMatch(
      /^User: arn:aws:iam::111122223333:user\/reader is not authorized to perform: cognito-identity:CreateIdentityPool on resource: arn:aws:cognito-identity:us-east-1:111122223333:identitypool\/us-east-1:[0-9a-f-]{36} because no identity-based policy allows the cognito-identity:CreateIdentityPool action$/,
    );
    expect(ctx.state.world.identityPools?.length).toBe(1);
    const described = await send(ctx, 'DescribeIdentityPool', { IdentityPoolId: IDENTITY_POOL }, reader);
    expect(described.json.IdentityPoolName).toBe('photos_app_identities');
  });

  it('answers bad input as AWS does', async () => {
    const ctx = testContext(world());
    const r = await send(ctx, 'CreateIdentityPool', { IdentityPoolName: 'bad/name' }, admin);
    expect(r.json).toEqual({
      __type: 'ValidationException',
      message:
        "2 validation errors detected: Value 'bad/name' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w ]+; Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null",
    });
    const wrongType = await send(
      ctx,
      'CreateIdentityPool',
      { IdentityPoolName: 'ok', AllowUnauthenticatedIdentities: 'yes' },
      admin,
    );
    expect(wrongType.json.__type).toBe('SerializationException');
  });
});

describe('SetIdentityPoolRoles and GetIdentityPoolRoles', () => {
  const key = `${PROVIDER}:${CLIENT}`;
  const rules = {
    Type: 'Rules',
    AmbiguousRoleResolution: 'Deny',
    RulesConfiguration: {
      Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains', Value: 'editors', RoleARN: EDITORS_ROLE }],
    },
  };

  it('stores roles and rule mappings that decide later credentials', async () => {
    const ctx = testContext(world());
    const set = await send(
      ctx,
      'SetIdentityPoolRoles',
      {
        IdentityPoolId: IDENTITY_POOL,
        Roles: { authenticated: AUTH_ROLE, unauthenticated: GUEST_ROLE },
        RoleMappings: { [key]: rules },
      },
      admin,
    );
    expect(set.status).toBe(200);
    expect(set.json).toEqual({});
    const got = await send(ctx, 'GetIdentityPoolRoles', { IdentityPoolId: IDENTITY_POOL }, admin);
    expect(got.json).toEqual({
      IdentityPoolId: IDENTITY_POOL,
      Roles: { authenticated: AUTH_ROLE, unauthenticated: GUEST_ROLE },
      RoleMappings: { [key]: rules },
    });
    const token = await idToken(ctx, 'u-1', { 'cognito:groups': ['editors'] });
    const id = await send(ctx, 'GetId', { IdentityPoolId: IDENTITY_POOL, Logins: { [PROVIDER]: token } });
    const creds = await send(ctx, 'GetCredentialsForIdentity', {
      IdentityId: id.json.IdentityId,
      Logins: { [PROVIDER]: token },
    });
    const keyId = (creds.json.Credentials as Record<string, string>).AccessKeyId!;
    expect(ctx.state.sts.sessions[keyId]!.roleArn).toBe(EDITORS_ROLE);
  });

  it('refuses a mapping without AmbiguousRoleResolution, a bad match type and an unknown pool', async () => {
    const ctx = testContext(world());
    const noAmbiguous = await send(
      ctx,
      'SetIdentityPoolRoles',
      {
        IdentityPoolId: IDENTITY_POOL,
        Roles: { authenticated: AUTH_ROLE },
        RoleMappings: { [key]: { Type: 'Token' } },
      },
      admin,
    );
    expect(noAmbiguous.json).toEqual({
      __type: 'InvalidParameterException',
      message: `AmbiguousRoleResolution must be specified for the Token role mapping of ${key}.`,
    });
    const badMatch = await send(
      ctx,
      'SetIdentityPoolRoles',
      {
        IdentityPoolId: IDENTITY_POOL,
        Roles: { authenticated: AUTH_ROLE },
        RoleMappings: {
          [key]: {
            Type: 'Rules',
            AmbiguousRoleResolution: 'Deny',
            RulesConfiguration: { Rules: [{ Claim: 'email', MatchType: 'Like', Value: 'x', RoleARN: EDITORS_ROLE }] },
          },
        },
      },
      admin,
    );
    expect(badMatch.json).toEqual({
      __type: 'ValidationException',
      message: `1 validation error detected: Value 'Like' at 'roleMappings.${key}.member.rulesConfiguration.rules.1.member.matchType' failed to satisfy constraint: Member must satisfy enum value set: [Equals, Contains, StartsWith, NotEqual]`,
    });
    const badRoleKey = await send(
      ctx,
      'SetIdentityPoolRoles',
      { IdentityPoolId: IDENTITY_POOL, Roles: { admin: AUTH_ROLE } },
      admin,
    );
    expect(badRoleKey.json.__type).toBe('ValidationException');
    expect(badRoleKey.json.message).toContain('Member must satisfy regular expression pattern: (un)?authenticated');
    const unknown = await send(
      ctx,
      'SetIdentityPoolRoles',
      { IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000', Roles: {} },
      admin,
    );
    expect(unknown.json).toEqual({
      __type: 'ResourceNotFoundException',
      message: "IdentityPool 'us-east-1:00000000-0000-4000-8000-000000000000' not found.",
    });
    // Nothing was changed by the refused calls.
    expect(ctx.state.world.identityPools![0]!.roleMappings?.[key]?.type).toBe('Token');
  });

  it('refuses a role mapping for a provider the pool does not have, a __proto__ key among them', async () => {
    const ctx = testContext(world());
    const body = `{"IdentityPoolId":"${IDENTITY_POOL}","Roles":{"authenticated":"${AUTH_ROLE}"},"RoleMappings":{"__proto__":{"Type":"Token","AmbiguousRoleResolution":"Deny"}}}`;
    const r = await send(ctx, 'SetIdentityPoolRoles', body, admin);
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message: 'The role mapping key __proto__ is not a provider of this identity pool.',
    });
  });

  it('refuses role mappings on a pool with the classic flow on', async () => {
    const w = world();
    const ctx = testContext({
      ...w,
      identityPools: w.identityPools!.map((p) => ({ ...p, allowClassicFlow: true, roleMappings: undefined })),
    });
    const r = await send(
      ctx,
      'SetIdentityPoolRoles',
      { IdentityPoolId: IDENTITY_POOL, Roles: { authenticated: AUTH_ROLE }, RoleMappings: { [key]: rules } },
      admin,
    );
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message: 'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.',
    });
  });
});
