/**
 * The real AWS SDK v3 STS client parses every answer: its request handler hands the request to
 * the STS handler directly (no network), and the SDK's own Query deserializer reads the XML.
 */
import { describe, expect, it } from 'vitest';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  ExpiredTokenException,
  InvalidIdentityTokenException,
  PackedPolicyTooLargeException,
} from '@aws-sdk/client-sts';
import { Secret, TOTP } from 'otpauth';
import type { World } from '../../world/types';
import { testContext, userPrincipal } from '../testing';
import type { Principal } from '../context';
import { COGNITO_IDENTITY_ISSUER, signJwt } from '../signing-keys';
import { sts } from './index';
import { serviceHandler } from '../sdk.test-helper';

const A = '111122223333';
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const MFA = `arn:aws:iam::${A}:mfa/alice`;
const POOL = 'us-east-1:1a2b3c4d-1111-2222-3333-444455556666';

const world = (): World => ({
  accounts: [{ id: A }],
  users: [
    {
      account: A,
      name: 'alice',
      id: 'AIDAALICEALICEALICE1',
      inlinePolicies: [
        {
          name: 'assume',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
          },
        },
      ],
      mfaDevices: [{ serialNumber: MFA, seed: SEED }],
    },
  ],
  roles: [
    {
      account: A,
      name: 'reader',
      id: 'AROAREADERREADERREAD1',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
            Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
          },
        ],
      },
    },
    {
      account: A,
      name: 'web',
      id: 'AROAWEBWEBWEBWEBWEBW1',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL } },
          },
        ],
      },
    },
  ],
});

function setup(who: () => Principal | undefined = () => userPrincipal(A, 'alice')) {
  const ctx = testContext(world());
  const client = new STSClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:4566',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    requestHandler: serviceHandler(sts, ctx, who),
    maxAttempts: 1,
  });
  return { ctx, client };
}

describe('the AWS SDK STS client reads every answer', () => {
  it('GetCallerIdentity', async () => {
    const { client } = setup();
    const r = await client.send(new GetCallerIdentityCommand({}));
    expect({ UserId: r.UserId, Account: r.Account, Arn: r.Arn }).toEqual({
      UserId: 'AIDAALICE',
      Account: A,
      Arn: `arn:aws:iam::${A}:user/alice`,
    });
  });

  it('AssumeRole with a session policy, tags, MFA and a source identity', async () => {
    const { ctx, client } = setup();
    const token = new TOTP({ secret: Secret.fromBase32(SEED), digits: 6, period: 30 }).generate({
      timestamp: ctx.clock.now(),
    });
    const r = await client.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${A}:role/reader`,
        RoleSessionName: 'alice-session',
        DurationSeconds: 1800,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
        }),
        Tags: [{ Key: 'project', Value: 'photos' }],
        TransitiveTagKeys: ['project'],
        SerialNumber: MFA,
        TokenCode: token,
        SourceIdentity: 'alice',
      }),
    );
    expect(r.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(r.Credentials?.SecretAccessKey).toHaveLength(40);
    expect(r.Credentials?.SessionToken?.length).toBeGreaterThan(300);
    expect(r.Credentials?.Expiration).toEqual(new Date('2026-01-01T12:30:00Z'));
    expect(r.AssumedRoleUser).toEqual({
      AssumedRoleId: 'AROAREADERREADERREAD1:alice-session',
      Arn: `arn:aws:sts::${A}:assumed-role/reader/alice-session`,
    });
    expect(r.PackedPolicySize).toBe(3);
    expect(r.SourceIdentity).toBe('alice');
    const s = ctx.state.sts.sessions[r.Credentials!.AccessKeyId!]!;
    expect(s.facts).toMatchObject({ mfa: true, tags: { project: 'photos' } });
    expect(s.transitiveTagKeys).toEqual(['project']);
  });

  it('AssumeRole errors: AccessDenied, PackedPolicyTooLarge', async () => {
    const { client } = setup();
    const denied = await client
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/web`, RoleSessionName: 'x1' }))
      .catch((e: unknown) => e);
    expect(denied).toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: `User: arn:aws:iam::${A}:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/web`,
    });
    const tags = Array.from({ length: 40 }, (_, i) => ({ Key: `k${i}`.padEnd(100, 'x'), Value: 'v'.repeat(200) }));
    const big = await client
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/reader`, RoleSessionName: 'x1', Tags: tags }))
      .catch((e: unknown) => e);
    expect(big).toBeInstanceOf(PackedPolicyTooLargeException);
  });

  it('GetSessionToken', async () => {
    const { client } = setup();
    const r = await client.send(new GetSessionTokenCommand({ DurationSeconds: 3600 }));
    expect(r.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(r.Credentials?.Expiration).toEqual(new Date('2026-01-01T13:00:00Z'));
  });

  it('AssumeRoleWithWebIdentity, and its token errors', async () => {
    const { ctx, client } = setup(() => undefined);
    const now = Math.floor(ctx.clock.now() / 1000);
    const claims = {
      iss: 'https://cognito-identity.amazonaws.com',
      sub: 'us-east-1:abcd',
      aud: POOL,
      amr: ['authenticated'],
      iat: now,
      exp: now + 600,
    };
    const token = await signJwt(ctx, COGNITO_IDENTITY_ISSUER, claims);
    const r = await client.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: `arn:aws:iam::${A}:role/web`,
        RoleSessionName: 'web-user',
        WebIdentityToken: token,
      }),
    );
    expect(r.SubjectFromWebIdentityToken).toBe('us-east-1:abcd');
    expect(r.Audience).toBe(POOL);
    expect(r.Provider).toBe('cognito-identity.amazonaws.com');
    expect(r.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${A}:assumed-role/web/web-user`);
    expect(r.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const bad = await client
      .send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: `arn:aws:iam::${A}:role/web`,
          RoleSessionName: 'web-user',
          WebIdentityToken: 'abc.def.ghi',
        }),
      )
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidIdentityTokenException);
    ctx.clock.advance(3_600_000);
    const expired = await client
      .send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: `arn:aws:iam::${A}:role/web`,
          RoleSessionName: 'web-user',
          WebIdentityToken: token,
        }),
      )
      .catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(ExpiredTokenException);
    expect(expired).toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });
});
