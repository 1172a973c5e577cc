import { describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import type { World } from '../../world/types';
import { request, text } from '../http';
import { call, testContext, userPrincipal } from '../testing';
import type { Principal } from '../context';
import type { TemporarySession } from '../sessions';
import { authorizeCall } from '../authz';
import { COGNITO_IDENTITY_ISSUER, signJwt } from '../signing-keys';
import { sts } from './index';
import { assumeRoleWithWebIdentity } from './web-identity';

const A = '111122223333';
const B = '444455556666';
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const MFA = `arn:aws:iam::${A}:mfa/alice`;
const POOL = 'us-east-1:1a2b3c4d-1111-2222-3333-444455556666';
const USER_POOL = 'us-east-1_Pool1';
const IDP_HOST = `cognito-idp.us-east-1.amazonaws.com/${USER_POOL}`;

const allow = (Action: string | string[], Resource: string | string[] = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource }],
});
const trust = (
  principal: Record<string, string>,
  Action: string | string[] = 'sts:AssumeRole',
  Condition?: unknown,
) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action, ...(Condition ? { Condition } : {}) }],
});
const aliceArn = `arn:aws:iam::${A}:user/alice`;

function world(): World {
  return {
    accounts: [{ id: A }, { id: B }],
    managedPolicies: [
      {
        arn: `arn:aws:iam::${A}:policy/OnlyS3`,
        versions: [{ versionId: 'v1', document: allow('s3:*') }],
        defaultVersion: 'v1',
      },
    ],
    users: [
      {
        account: A,
        name: 'alice',
        id: 'AIDAALICEALICEALICE1',
        inlinePolicies: [{ name: 'assume', document: allow('sts:AssumeRole') }],
        mfaDevices: [{ serialNumber: MFA, seed: SEED }],
      },
      {
        account: A,
        name: 'bob',
        id: 'AIDABOBBOBBOBBOBBOB1',
        inlinePolicies: [
          {
            name: 'deny',
            document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: '*' }] },
          },
        ],
      },
      {
        account: A,
        name: 'bounded',
        inlinePolicies: [{ name: 'assume', document: allow('sts:AssumeRole') }],
        permissionsBoundary: `arn:aws:iam::${A}:policy/OnlyS3`,
      },
      { account: A, name: 'nobody' },
      { account: B, name: 'outsider', inlinePolicies: [{ name: 'assume', document: allow('sts:AssumeRole') }] },
    ],
    roles: [
      {
        account: A,
        name: 'reader',
        id: 'AROAREADERREADERREAD1',
        trustPolicy: trust({ AWS: `arn:aws:iam::${A}:root` }),
        inlinePolicies: [{ name: 's3', document: allow('s3:*') }],
        maxSessionDuration: 43200,
      },
      {
        account: A,
        name: 'direct',
        trustPolicy: trust({ AWS: aliceArn }),
        inlinePolicies: [{ name: 'assume', document: allow('sts:AssumeRole') }],
        maxSessionDuration: 43200,
      },
      {
        account: A,
        name: 'partner',
        trustPolicy: trust({ AWS: aliceArn }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'ext-123' } }),
      },
      {
        account: A,
        name: 'mfa-only',
        trustPolicy: trust({ AWS: aliceArn }, 'sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
      },
      {
        account: A,
        name: 'source-ok',
        trustPolicy: trust({ AWS: aliceArn }, ['sts:AssumeRole', 'sts:SetSourceIdentity']),
      },
      { account: A, name: 'tags-ok', trustPolicy: trust({ AWS: aliceArn }, ['sts:AssumeRole', 'sts:TagSession']) },
      {
        account: A,
        name: 'chain',
        path: '/team/',
        trustPolicy: trust({ AWS: `arn:aws:iam::${A}:role/direct` }),
        maxSessionDuration: 43200,
      },
      {
        account: A,
        name: 'web',
        id: 'AROAWEBWEBWEBWEBWEBW1',
        trustPolicy: trust({ Federated: 'cognito-identity.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity', {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }),
        inlinePolicies: [
          {
            name: 'own',
            document: allow('s3:GetObject', 'arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/*'),
          },
        ],
      },
      {
        account: A,
        name: 'pool-users',
        trustPolicy: trust(
          { Federated: `arn:aws:iam::${A}:oidc-provider/${IDP_HOST}` },
          'sts:AssumeRoleWithWebIdentity',
          {
            StringEquals: { [`${IDP_HOST}:aud`]: 'client1' },
          },
        ),
      },
    ],
    identityProviders: [{ type: 'OIDC', account: A, url: `https://${IDP_HOST}`, clientIds: ['client1'] }],
  };
}

const alice = userPrincipal(A, 'alice');

type Ctx = ReturnType<typeof testContext>;

async function send(ctx: Ctx, params: Record<string, string>, who: Principal | null = alice) {
  const body = new URLSearchParams({ Version: '2011-06-15', ...params }).toString();
  const reply = await sts.handle(
    call(request({ body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), who ?? undefined),
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
  expect({ status: r.status, code: tag(r.body, 'Code'), message: tag(r.body, 'Message') }).toEqual({
    status,
    code,
    message: message.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/"/g, '&quot;'),
  });
}

/** The caller a request signed with the session's keys is (what SigV4 authentication makes of it). */
function principalOf(s: TemporarySession): Principal {
  return {
    kind: s.kind,
    arn: s.arn,
    account: s.account,
    userId: s.userId,
    accessKeyId: s.accessKeyId,
    session: {
      ...s.facts,
      expiration: s.expiration,
      ...(s.roleArn ? { roleArn: s.roleArn } : {}),
      ...(s.userArn ? { userArn: s.userArn } : {}),
      ...(s.chained ? { chained: true } : {}),
      ...(s.sourceIdentity ? { sourceIdentity: s.sourceIdentity } : {}),
      ...(s.context ? { context: s.context } : {}),
    },
  };
}

function sessionOf(ctx: Ctx, body: string): TemporarySession {
  const s = ctx.state.sts.sessions[tag(body, 'AccessKeyId')!];
  expect(s).toBeDefined();
  return s!;
}

const code = (ctx: Ctx, seed = SEED) =>
  new TOTP({ secret: Secret.fromBase32(seed), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: ctx.clock.now(),
  });

describe('GetCallerIdentity', () => {
  it('answers the caller, even under an explicit deny of sts:*', async () => {
    const ctx = testContext(world());
    const r = await send(ctx, { Action: 'GetCallerIdentity' }, userPrincipal(A, 'bob'));
    expect(r.status).toBe(200);
    expect(tag(r.body, 'Arn')).toBe(`arn:aws:iam::${A}:user/bob`);
    expect(tag(r.body, 'Account')).toBe(A);
    expect(tag(r.body, 'UserId')).toBe('AIDABOB');
    expect(r.body).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
  });

  it('an unsigned call is MissingAuthenticationToken', async () => {
    expectError(
      await send(testContext(world()), { Action: 'GetCallerIdentity' }, null),
      403,
      'MissingAuthenticationToken',
      'Request is missing Authentication Token',
    );
  });
});

describe('AssumeRole', () => {
  it('answers credentials, the assumed-role user and records the session', async () => {
    const ctx = testContext(world());
    const r = await send(ctx, {
      Action: 'AssumeRole',
      RoleArn: `arn:aws:iam::${A}:role/reader`,
      RoleSessionName: 'alice-s3',
      DurationSeconds: '7200',
    });
    expect(r.status).toBe(200);
    expect(tag(r.body, 'AccessKeyId')).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(tag(r.body, 'SecretAccessKey')).toHaveLength(40);
    expect(tag(r.body, 'Expiration')).toBe('2026-01-01T14:00:00Z');
    expect(tag(r.body, 'AssumedRoleId')).toBe('AROAREADERREADERREAD1:alice-s3');
    expect(tag(r.body, 'Arn')).toBe(`arn:aws:sts::${A}:assumed-role/reader/alice-s3`);
    expect(tag(r.body, 'PackedPolicySize')).toBeUndefined();
    expect(r.reply.decision?.decision).toBe('Allow');
    const s = sessionOf(ctx, r.body);
    expect(s).toMatchObject({
      kind: 'assumed-role',
      roleArn: `arn:aws:iam::${A}:role/reader`,
      userId: 'AROAREADERREADERREAD1:alice-s3',
    });
  });

  it('is refused when the caller has no identity permission (the trust policy names the account)', async () => {
    const r = await send(
      testContext(world()),
      { Action: 'AssumeRole', RoleArn: `arn:aws:iam::${A}:role/reader`, RoleSessionName: 's1' },
      userPrincipal(A, 'nobody'),
    );
    expectError(
      r,
      403,
      'AccessDenied',
      `User: arn:aws:iam::${A}:user/nobody is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/reader because no identity-based policy allows the sts:AssumeRole action`,
    );
  });

  it('is refused by a permissions boundary', async () => {
    const r = await send(
      testContext(world()),
      { Action: 'AssumeRole', RoleArn: `arn:aws:iam::${A}:role/reader`, RoleSessionName: 's1' },
      userPrincipal(A, 'bounded'),
    );
    expectError(
      r,
      403,
      'AccessDenied',
      `User: arn:aws:iam::${A}:user/bounded is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/reader because no permissions boundary allows the sts:AssumeRole action`,
    );
  });

  it('is refused by a trust policy that does not name the caller', async () => {
    const r = await send(
      testContext(world()),
      { Action: 'AssumeRole', RoleArn: `arn:aws:iam::${A}:role/direct`, RoleSessionName: 's1' },
      userPrincipal(B, 'outsider'),
    );
    expectError(
      r,
      403,
      'AccessDenied',
      `User: arn:aws:iam::${B}:user/outsider is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/direct`,
    );
  });

  it('an unknown role is AccessDenied, as STS answers', async () => {
    expectError(
      await send(testContext(world()), {
        Action: 'AssumeRole',
        RoleArn: `arn:aws:iam::${A}:role/ghost`,
        RoleSessionName: 's1',
      }),
      403,
      'AccessDenied',
      `User: ${aliceArn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/ghost`,
    );
  });

  it('ExternalId: the right one passes, a missing or wrong one is refused', async () => {
    const ctx = testContext(world());
    const base = { Action: 'AssumeRole', RoleArn: `arn:aws:iam::${A}:role/partner`, RoleSessionName: 'pp' };
    expect((await send(ctx, { ...base, ExternalId: 'ext-123' })).status).toBe(200);
    const denied = `User: ${aliceArn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/partner`;
    expectError(await send(ctx, base), 403, 'AccessDenied', denied);
    expectError(await send(ctx, { ...base, ExternalId: 'ext-999' }), 403, 'AccessDenied', denied);
  });

  it('MFA: the TOTP code of the clock passes and marks the session; a wrong code or device is refused', async () => {
    const ctx = testContext(world());
    const base = { Action: 'AssumeRole', RoleArn: `arn:aws:iam::${A}:role/mfa-only`, RoleSessionName: 'mm' };
    expectError(
      await send(ctx, base),
      403,
      'AccessDenied',
      `User: ${aliceArn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/mfa-only`,
    );
    const ok = await send(ctx, { ...base, SerialNumber: MFA, TokenCode: code(ctx) });
    expect(ok.status).toBe(200);
    expect(sessionOf(ctx, ok.body).facts.mfa).toBe(true);
    const wrong = code(ctx) === '000000' ? '111111' : '000000';
    expectError(
      await send(ctx, { ...base, SerialNumber: MFA, TokenCode: wrong }),
      403,
      'AccessDenied',
      'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );
    // A code from ten minutes ago no longer passes.
    const old = code(ctx);
    ctx.clock.advance(600_000);
    expectError(
      await send(ctx, { ...base, SerialNumber: MFA, TokenCode: old }),
      403,
      'AccessDenied',
      'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );
    expectError(
      await send(ctx, { ...base, SerialNumber: `arn:aws:iam::${A}:mfa/other`, TokenCode: code(ctx) }),
      403,
      'AccessDenied',
      'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
    );
    expectError(
      await send(ctx, { ...base, TokenCode: code(ctx) }),
      403,
      'AccessDenied',
      'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
    );
  });

  it('session tags need sts:TagSession in the trust policy; they reach aws:PrincipalTag', async () => {
    const ctx = testContext(world());
    const tags = { 'Tags.member.1.Key': 'project', 'Tags.member.1.Value': 'photos' };
    expectError(
      await send(ctx, {
        Action: 'AssumeRole',
        RoleArn: `arn:aws:iam::${A}:role/partner`,
        RoleSessionName: 'tt',
        ExternalId: 'ext-123',
        ...tags,
      }),
      403,
      'AccessDenied',
      `User: ${aliceArn} is not authorized to perform: sts:TagSession on resource: arn:aws:iam::${A}:role/partner`,
    );
    const ok = await send(ctx, {
      Action: 'AssumeRole',
      RoleArn: `arn:aws:iam::${A}:role/tags-ok`,
      RoleSessionName: 'tt',
      ...tags,
    });
    expect(ok.status).toBe(200);
    expect(tag(ok.body, 'PackedPolicySize')).toBe('1');
    const s = sessionOf(ctx, ok.body);
    expect(s.facts.tags).toEqual({ project: 'photos' });
    const d = authorizeCall(ctx, call(request({}), principalOf(s)), 's3:GetObject', 'arn:aws:s3:::photos/a');
    expect(d.authorized?.request.context['aws:principaltag/project']?.value).toBe('photos');
  });

  it('too many packed tags is PackedPolicyTooLarge', async () => {
    const ctx = testContext(world());
    const params: Record<string, string> = {
      Action: 'AssumeRole',
      RoleArn: `arn:aws:iam::${A}:role/tags-ok`,
      RoleSessionName: 'tt',
    };
    for (let i = 1; i <= 40; i++) {
      params[`Tags.member.${i}.Key`] = `k${i}`.padEnd(100, 'x');
      params[`Tags.member.${i}.Value`] = 'v'.repeat(200);
    }
    expectError(
      await send(ctx, params),
      400,
      'PackedPolicyTooLarge',
      'Packed policy consumes 293% of allotted space, please use smaller policy.',
    );
  });

  it('DurationSeconds: past the role maximum, and past an hour when chaining', async () => {
    const ctx = testContext(world());
    expectError(
      await send(ctx, {
        Action: 'AssumeRole',
        RoleArn: `arn:aws:iam::${A}:role/partner`,
        RoleSessionName: 'pp',
        ExternalId: 'ext-123',
        DurationSeconds: '7200',
      }),
      400,
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
    expectError(
      await send(ctx, {
        Action: 'AssumeRole',
        RoleArn: `arn:aws:iam::${A}:role/reader`,
        RoleSessionName: 'pp',
        DurationSeconds: '600',
      }),
      400,
      'ValidationError',
      "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    const first = await send(ctx, {
      Action: 'AssumeRole',
      RoleArn: `arn:aws:iam::${A}:role/direct`,
      RoleSessionName: 'hop1',
    });
    const hop = principalOf(sessionOf(ctx, first.body));
    const chainArn = `arn:aws:iam::${A}:role/team/chain`;
    expectError(
      await send(
        ctx,
        { Action: 'AssumeRole', RoleArn: chainArn, RoleSessionName: 'hop2', DurationSeconds: '7200' },
        hop,
      ),
      400,
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
    const second = await send(
      ctx,
      { Action: 'AssumeRole', RoleArn: chainArn, RoleSessionName: 'hop2', DurationSeconds: '3600' },
      hop,
    );
    expect(second.status).toBe(200);
    expect(tag(second.body, 'Arn')).toBe(`arn:aws:sts::${A}:assumed-role/chain/hop2`);
    expect(sessionOf(ctx, second.body).chained).toBe(true);
  });

  it('a later call signed by the session is decided with its session policy', async () => {
    const ctx = testContext(world());
    const policy = JSON.stringify(allow('s3:GetObject', 'arn:aws:s3:::photos/*'));
    const r = await send(ctx, {
      Action: 'AssumeRole',
      RoleArn: `arn:aws:iam::${A}:role/reader`,
      RoleSessionName: 'scoped',
      Policy: policy,
    });
    expect(tag(r.body, 'PackedPolicySize')).toBe('3');
    const who = call(request({}), principalOf(sessionOf(ctx, r.body)));
    expect(authorizeCall(ctx, who, 's3:GetObject', 'arn:aws:s3:::photos/cat.png').allowed).toBe(true);
    const put = authorizeCall(ctx, who, 's3:PutObject', 'arn:aws:s3:::photos/cat.png');
    expect(put.message).toBe(
      `User: arn:aws:sts::${A}:assumed-role/reader/scoped is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::photos/cat.png because no session policy allows the s3:PutObject action`,
    );
  });

  it('a session policy IAM would refuse is MalformedPolicyDocument', async () => {
    const ctx = testContext(world());
    const bad = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] });
    const r = await send(ctx, {
      Action: 'AssumeRole',
      RoleArn: `arn:aws:iam::${A}:role/reader`,
      RoleSessionName: 'ss',
      Policy: bad,
    });
    expect({ status: r.status, code: tag(r.body, 'Code') }).toEqual({ status: 400, code: 'MalformedPolicyDocument' });
    expectError(
      await send(ctx, {
        Action: 'AssumeRole',
        RoleArn: `arn:aws:iam::${A}:role/reader`,
        RoleSessionName: 'ss',
        'PolicyArns.member.1.arn': `arn:aws:iam::${A}:policy/Nope`,
      }),
      400,
      'MalformedPolicyDocument',
      `Policy arn:aws:iam::${A}:policy/Nope does not exist or is not attachable.`,
    );
    expect(Object.keys(ctx.state.sts.sessions)).toHaveLength(0);
  });

  it('SourceIdentity needs sts:SetSourceIdentity; it is answered and kept on the session', async () => {
    const ctx = testContext(world());
    expectError(
      await send(ctx, {
        Action: 'AssumeRole',
        RoleArn: `arn:aws:iam::${A}:role/direct`,
        RoleSessionName: 'xx',
        SourceIdentity: 'alice',
      }),
      403,
      'AccessDenied',
      `User: ${aliceArn} is not authorized to perform: sts:SetSourceIdentity on resource: arn:aws:iam::${A}:role/direct`,
    );
    const ok = await send(ctx, {
      Action: 'AssumeRole',
      RoleArn: `arn:aws:iam::${A}:role/source-ok`,
      RoleSessionName: 'xx',
      SourceIdentity: 'alice',
    });
    expect(tag(ok.body, 'SourceIdentity')).toBe('alice');
    expect(sessionOf(ctx, ok.body).sourceIdentity).toBe('alice');
    expectError(
      await send(ctx, {
        Action: 'AssumeRole',
        RoleArn: `arn:aws:iam::${A}:role/source-ok`,
        RoleSessionName: 'xx',
        SourceIdentity: 'aws:me',
      }),
      400,
      'ValidationError',
      "1 validation error detected: Value 'aws:me' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });
});

describe('GetSessionToken', () => {
  it('answers credentials for a user, with MFA when a right code is given', async () => {
    const ctx = testContext(world());
    const r = await send(ctx, { Action: 'GetSessionToken', SerialNumber: MFA, TokenCode: code(ctx) });
    expect(r.status).toBe(200);
    expect(tag(r.body, 'Expiration')).toBe('2026-01-02T00:00:00Z');
    const s = sessionOf(ctx, r.body);
    expect(s).toMatchObject({ kind: 'user', arn: aliceArn, userArn: aliceArn });
    expect(s.facts.mfa).toBe(true);
    const d = authorizeCall(ctx, call(request({}), principalOf(s)), 's3:GetObject', 'arn:aws:s3:::photos/a');
    expect(d.authorized?.request.context['aws:multifactorauthpresent']?.value).toBe('true');
  });

  it('is refused with session credentials, and holds DurationSeconds to its range', async () => {
    const ctx = testContext(world());
    const first = await send(ctx, { Action: 'GetSessionToken', DurationSeconds: '900' });
    expect(tag(first.body, 'Expiration')).toBe('2026-01-01T12:15:00Z');
    expectError(
      await send(ctx, { Action: 'GetSessionToken' }, principalOf(sessionOf(ctx, first.body))),
      403,
      'AccessDenied',
      'Cannot call GetSessionToken with session credentials',
    );
    expectError(
      await send(ctx, { Action: 'GetSessionToken', DurationSeconds: '200000' }),
      400,
      'ValidationError',
      "1 validation error detected: Value '200000' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600",
    );
  });

  it('the root user gets at most an hour', async () => {
    const ctx = testContext(world());
    const root: Principal = {
      kind: 'root',
      arn: `arn:aws:iam::${A}:root`,
      account: A,
      userId: A,
      accessKeyId: 'AKIAROOTROOTROOTROOT',
    };
    const r = await send(ctx, { Action: 'GetSessionToken', DurationSeconds: '7200' }, root);
    expect(tag(r.body, 'Expiration')).toBe('2026-01-01T13:00:00Z');
  });
});

describe('AssumeRoleWithWebIdentity', () => {
  async function cognitoToken(ctx: Ctx, claims: Record<string, unknown> = {}) {
    const now = Math.floor(ctx.clock.now() / 1000);
    return signJwt(ctx, COGNITO_IDENTITY_ISSUER, {
      iss: 'https://cognito-identity.amazonaws.com',
      sub: 'us-east-1:aaaa-bbbb',
      aud: POOL,
      amr: ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1'],
      iat: now,
      exp: now + 600,
      ...claims,
    });
  }
  const webParams = (token: string, role = 'web') => ({
    Action: 'AssumeRoleWithWebIdentity',
    RoleArn: `arn:aws:iam::${A}:role/${role}`,
    RoleSessionName: 'CognitoIdentityCredentials',
    WebIdentityToken: token,
  });

  it('unsigned, with a Cognito identity token: answers the subject, audience, provider, and a session carrying the keys', async () => {
    const ctx = testContext(world());
    const r = await send(ctx, webParams(await cognitoToken(ctx)), null);
    expect(r.status).toBe(200);
    expect(tag(r.body, 'SubjectFromWebIdentityToken')).toBe('us-east-1:aaaa-bbbb');
    expect(tag(r.body, 'Audience')).toBe(POOL);
    expect(tag(r.body, 'Provider')).toBe('cognito-identity.amazonaws.com');
    expect(tag(r.body, 'AssumedRoleId')).toBe('AROAWEBWEBWEBWEBWEBW1:CognitoIdentityCredentials');
    const s = sessionOf(ctx, r.body);
    expect(s.context).toEqual({
      'cognito-identity.amazonaws.com:aud': POOL,
      'cognito-identity.amazonaws.com:sub': 'us-east-1:aaaa-bbbb',
      'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1'],
    });
    const who = call(request({}), principalOf(s));
    expect(authorizeCall(ctx, who, 's3:GetObject', 'arn:aws:s3:::photos/us-east-1:aaaa-bbbb/cat.png').allowed).toBe(
      true,
    );
    expect(authorizeCall(ctx, who, 's3:GetObject', 'arn:aws:s3:::photos/us-east-1:other/cat.png').allowed).toBe(false);
  });

  it('an expired token is ExpiredTokenException', async () => {
    const ctx = testContext(world());
    const token = await cognitoToken(ctx);
    const exp = Math.floor(ctx.clock.now() / 1000) + 600;
    ctx.clock.advance(601_000);
    expectError(
      await send(ctx, webParams(token), null),
      400,
      'ExpiredTokenException',
      `Token expired: current date/time ${exp + 1} must be before the expiration date/time ${exp}`,
    );
  });

  it('a trust policy refusing the audience or the amr is AccessDenied', async () => {
    const ctx = testContext(world());
    const denied = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';
    const wrongAud = await send(
      ctx,
      webParams(await cognitoToken(ctx, { aud: 'us-east-1:00000000-0000-0000-0000-000000000000' })),
      null,
    );
    expectError(wrongAud, 403, 'AccessDenied', denied);
    expect(wrongAud.reply.decision?.decision).toBe('ImplicitDeny');
    expectError(
      await send(ctx, webParams(await cognitoToken(ctx, { amr: ['unauthenticated'] })), null),
      403,
      'AccessDenied',
      denied,
    );
  });

  it('a token not signed by the issuer key, or not a JWT, is InvalidIdentityToken', async () => {
    const ctx = testContext(world());
    const good = await cognitoToken(ctx);
    const other = testContext(world(), 'other');
    const forged = await cognitoToken(other);
    const message =
      'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.';
    expectError(await send(ctx, webParams(forged), null), 400, 'InvalidIdentityToken', message);
    expectError(await send(ctx, webParams('not.a.jwt'), null), 400, 'InvalidIdentityToken', message);
    expect((await send(ctx, webParams(good), null)).status).toBe(200);
  });

  it('a user pool token needs the IAM OIDC provider; its audience must be a client id of it', async () => {
    const ctx = testContext(world());
    const now = Math.floor(ctx.clock.now() / 1000);
    const idToken = (aud: string) =>
      signJwt(ctx, USER_POOL, {
        iss: `https://${IDP_HOST}`,
        sub: 'user-sub-1',
        aud,
        token_use: 'id',
        iat: now,
        exp: now + 3600,
      });
    const ok = await send(ctx, webParams(await idToken('client1'), 'pool-users'), null);
    expect(ok.status).toBe(200);
    expect(tag(ok.body, 'Provider')).toBe(`arn:aws:iam::${A}:oidc-provider/${IDP_HOST}`);
    expect(sessionOf(ctx, ok.body).context).toEqual({
      [`${IDP_HOST}:aud`]: 'client1',
      [`${IDP_HOST}:sub`]: 'user-sub-1',
    });
    expectError(
      await send(ctx, webParams(await idToken('client2'), 'pool-users'), null),
      400,
      'InvalidIdentityToken',
      'Incorrect token audience',
    );
    const otherPool = await signJwt(ctx, 'us-east-1_Other', {
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other',
      sub: 'x',
      aud: 'client1',
      exp: now + 3600,
    });
    expectError(
      await send(ctx, webParams(otherPool, 'pool-users'), null),
      400,
      'InvalidIdentityToken',
      'No OpenIDConnect provider found in your account for https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other',
    );
  });

  it('is callable by other services as a function', async () => {
    const ctx = testContext(world());
    const r = await assumeRoleWithWebIdentity(
      ctx,
      { sourceIp: '127.0.0.1', secure: true },
      {
        roleArn: `arn:aws:iam::${A}:role/web`,
        roleSessionName: 'CognitoIdentityCredentials',
        webIdentityToken: await cognitoToken(ctx),
      },
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.session.arn).toBe(`arn:aws:sts::${A}:assumed-role/web/CognitoIdentityCredentials`);
    const missing = await assumeRoleWithWebIdentity(
      ctx,
      { sourceIp: '127.0.0.1', secure: true },
      {
        roleArn: `arn:aws:iam::${A}:role/none`,
        roleSessionName: 'x1',
        webIdentityToken: await cognitoToken(ctx),
      },
    );
    expect(missing).toMatchObject({
      ok: false,
      code: 'AccessDenied',
      status: 403,
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    });
  });
});
