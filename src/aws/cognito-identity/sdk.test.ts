/**
 * The real AWS SDK v3 client (`@aws-sdk/client-cognito-identity`) reads the service's answers: its
 * request handler hands each request to `cognitoIdentity.handle` directly (no network), signed
 * calls as the IAM user `builder`.
 */
import { describe, expect, it } from 'vitest';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  GetOpenIdTokenCommand,
  InvalidIdentityPoolConfigurationException,
  NotAuthorizedException,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { defaultWorld } from '../../world/default-world';
import type { World } from '../../world/types';
import type { AwsContext } from '../context';
import { testContext, userPrincipal } from '../testing';
import { cognitoIdentity } from './index';
import { ACCOUNT, CLIENT, IDENTITY_POOL, PROVIDER, idToken } from './testkit';
import { serviceHandler } from '../sdk.test-helper';

const AUTH_ROLE = `arn:aws:iam::${ACCOUNT}:role/photos-app-authenticated`;
const GUEST_ROLE = `arn:aws:iam::${ACCOUNT}:role/photos-app-guest`;

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
    ],
  };
}

function client(ctx: AwsContext): CognitoIdentityClient {
  const builder = userPrincipal(ACCOUNT, 'builder');
  return new CognitoIdentityClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:4566',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 1,
    requestHandler: serviceHandler(cognitoIdentity, ctx, (req) => (req.headers['authorization'] ? builder : undefined)),
  });
}

describe('the AWS SDK v3 client', () => {
  it('creates a pool, sets its roles and gets credentials through the enhanced flow', async () => {
    const ctx = testContext(world());
    const c = client(ctx);
    const created = await c.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'sdk pool',
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: PROVIDER, ClientId: CLIENT }],
      }),
    );
    expect(created.IdentityPoolName).toBe('sdk pool');
    expect(created.AllowUnauthenticatedIdentities).toBe(true);
    expect(created.CognitoIdentityProviders).toEqual([
      { ProviderName: PROVIDER, ClientId: CLIENT, ServerSideTokenCheck: false },
    ]);
    const poolId = created.IdentityPoolId!;
    await c.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: { authenticated: AUTH_ROLE, unauthenticated: GUEST_ROLE },
      }),
    );
    const roles = await c.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId }));
    expect(roles.Roles).toEqual({ authenticated: AUTH_ROLE, unauthenticated: GUEST_ROLE });

    // The default world's roles trust only the default pool: this one's guests are refused.
    const guest = await c.send(new GetIdCommand({ IdentityPoolId: poolId }));
    await expect(c.send(new GetCredentialsForIdentityCommand({ IdentityId: guest.IdentityId! }))).rejects.toThrow(
      InvalidIdentityPoolConfigurationException,
    );

    const token = await idToken(ctx, 'sdk-user');
    const id = await c.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL, Logins: { [PROVIDER]: token } }));
    const creds = await c.send(
      new GetCredentialsForIdentityCommand({ IdentityId: id.IdentityId!, Logins: { [PROVIDER]: token } }),
    );
    expect(creds.IdentityId).toBe(id.IdentityId);
    expect(creds.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(creds.Credentials?.SecretKey).toHaveLength(40);
    expect(creds.Credentials?.Expiration).toEqual(new Date(ctx.clock.now() + 3600 * 1000));
  });

  it("reads AWS's errors as the SDK's exception classes", async () => {
    const w = world();
    const ctx = testContext({
      ...w,
      identityPools: w.identityPools!.map((p) => ({ ...p, allowUnauthenticatedIdentities: false })),
    });
    const c = client(ctx);
    const err = await c.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotAuthorizedException);
    expect((err as NotAuthorizedException).message).toBe(
      'Unauthenticated access is not supported for this identity pool.',
    );
    expect((err as NotAuthorizedException).$metadata.httpStatusCode).toBe(400);
    const token = await idToken(ctx, 'sdk-user');
    const id = await c.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL, Logins: { [PROVIDER]: token } }));
    const classic = await c
      .send(new GetOpenIdTokenCommand({ IdentityId: id.IdentityId!, Logins: { [PROVIDER]: token } }))
      .catch((e: unknown) => e);
    expect((classic as Error).name).toBe('InvalidParameterException');
    expect((classic as Error).message).toBe('Basic (classic) flow is not enabled, please use enhanced flow.');
  });
});
