/**
 * The pool's tokens checked by AWS's own verifier (`aws-jwt-verify` with the pool's JWKS cached):
 * ID vs access token use, claims, lifetimes and expiry by the simulated clock; refresh; sign-out.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { request, text } from '../http';
import { call } from '../testing';
import { cognitoIdp, verifyIdToken } from './index';
import type { AwsContext } from '../context';
import { CLIENT, MARIA, POOL, claims, err, idpContext, send } from './test-support';
import { createClient } from './flows.test-support';

async function jwksOf(ctx: AwsContext, poolId = POOL): Promise<Jwks> {
  const reply = await cognitoIdp.handle(
    call(request({ method: 'GET', path: `/${poolId}/.well-known/jwks.json` })),
    ctx,
  );
  expect(reply.response.status).toBe(200);
  return JSON.parse(text(reply.response.body)) as Jwks;
}

/** Maria signs in with USER_PASSWORD_AUTH on a client that allows it. */
async function mariaTokens(ctx: AwsContext) {
  const clientId = await createClient(ctx, {
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  const a = await send(ctx, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: MARIA.email, PASSWORD: MARIA.password },
  });
  expect(a.status).toBe(200);
  const r = a.json['AuthenticationResult'] as Record<string, string>;
  return { clientId, id: r['IdToken']!, access: r['AccessToken']!, refresh: r['RefreshToken']!, result: r };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('tokens', () => {
  it('are accepted by aws-jwt-verify: the ID token as an id token, the access token as an access token', async () => {
    const ctx = await idpContext();
    const t = await mariaTokens(ctx);
    vi.useFakeTimers({ now: ctx.clock.now(), toFake: ['Date'] });
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: POOL, tokenUse: 'id', clientId: t.clientId });
    idVerifier.cacheJwks(await jwksOf(ctx));
    const id = await idVerifier.verify(t.id);
    expect(id['cognito:groups']).toEqual(['editors']);
    expect(id['cognito:roles']).toEqual(['arn:aws:iam::111122223333:role/photos-app-editors']);
    expect(id['cognito:preferred_role']).toBe('arn:aws:iam::111122223333:role/photos-app-editors');
    expect(id['iss']).toBe('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd');
    expect(id['aud']).toBe(t.clientId);
    expect(id['email_verified']).toBe(true);
    expect(id['sub']).toBe(MARIA.username);
    expect(id['exp'] - id['iat']).toBe(3600);
    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: POOL, tokenUse: 'access', clientId: t.clientId });
    accessVerifier.cacheJwks(await jwksOf(ctx));
    const access = await accessVerifier.verify(t.access);
    expect(access['scope']).toBe('aws.cognito.signin.user.admin');
    expect(access['username']).toBe(MARIA.username);
    expect(access['client_id']).toBe(t.clientId);
    expect(access['origin_jti']).toBe(id['origin_jti']);
    await expect(idVerifier.verify(t.access)).rejects.toThrow(/token use/i);
    await expect(accessVerifier.verify(t.id)).rejects.toThrow(/token use/i);
    expect(t.result['TokenType']).toBe('Bearer');
    expect(t.result['ExpiresIn']).toBe(3600);
  });

  it('sign ID and access tokens with two different keys, both in the JWKS', async () => {
    const ctx = await idpContext();
    const t = await mariaTokens(ctx);
    const kid = (jwt: string) => JSON.parse(atob(jwt.split('.')[0]!)) as { kid: string; alg: string };
    const jwks = await jwksOf(ctx);
    expect(jwks.keys.map((k) => k.kid)).toEqual([kid(t.id).kid, kid(t.access).kid]);
    expect(kid(t.id).alg).toBe('RS256');
    expect(kid(t.id).kid).not.toBe(kid(t.access).kid);
  });

  it('expire by the simulated clock: aws-jwt-verify refuses them an hour later, GetUser says "Access Token has expired"', async () => {
    const ctx = await idpContext();
    const t = await mariaTokens(ctx);
    ctx.clock.advance(3601_000);
    vi.useFakeTimers({ now: ctx.clock.now(), toFake: ['Date'] });
    const v = CognitoJwtVerifier.create({ userPoolId: POOL, tokenUse: 'id', clientId: t.clientId });
    v.cacheJwks(await jwksOf(ctx));
    await expect(v.verify(t.id)).rejects.toThrow(/expired/i);
    expect(err(await send(ctx, 'GetUser', { AccessToken: t.access }))).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
    const check = await verifyIdToken(ctx, t.id, { poolId: POOL, clientId: t.clientId });
    expect(check).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('follow the client lifetimes and units', async () => {
    const ctx = await idpContext();
    const a = await send(ctx, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: CLIENT,
      AuthParameters: { USERNAME: MARIA.email, SRP_A: '02' },
    });
    expect(a.json['ChallengeName']).toBe('PASSWORD_VERIFIER');
    const clientId = await createClient(ctx, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      AccessTokenValidity: 15,
      IdTokenValidity: 2,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours' },
    });
    const b = await send(ctx, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: MARIA.email, PASSWORD: MARIA.password },
    });
    const r = b.json['AuthenticationResult'] as Record<string, string>;
    expect(r['ExpiresIn']).toBe(900);
    const id = claims(r['IdToken']!);
    const access = claims(r['AccessToken']!);
    expect((access['exp'] as number) - (access['iat'] as number)).toBe(900);
    expect((id['exp'] as number) - (id['iat'] as number)).toBe(7200);
  });

  it('verifyIdToken names the reason a token is refused', async () => {
    const ctx = await idpContext();
    const t = await mariaTokens(ctx);
    expect(await verifyIdToken(ctx, t.id, { poolId: POOL, clientId: t.clientId })).toMatchObject({ ok: true });
    expect(await verifyIdToken(ctx, t.id, { poolId: POOL, clientId: CLIENT })).toMatchObject({
      ok: false,
      reason: 'audience',
    });
    expect(await verifyIdToken(ctx, t.access, { poolId: POOL })).toMatchObject({ ok: false, reason: 'signature' });
    expect(await verifyIdToken(ctx, 'not-a-jwt', { poolId: POOL })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(await verifyIdToken(ctx, t.id, { poolId: 'us-east-1_Nope12345' })).toMatchObject({
      ok: false,
      reason: 'unknown-pool',
    });
  });
});

describe('refresh and sign-out', () => {
  it('REFRESH_TOKEN_AUTH gives new ID and access tokens of the same sign-in and no new refresh token', async () => {
    const ctx = await idpContext();
    const t = await mariaTokens(ctx);
    ctx.clock.advance(600_000);
    const a = await send(ctx, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: t.clientId,
      AuthParameters: { REFRESH_TOKEN: t.refresh },
    });
    expect(a.status).toBe(200);
    const r = a.json['AuthenticationResult'] as Record<string, string>;
    expect(r['RefreshToken']).toBeUndefined();
    const before = claims(t.id);
    const after = claims(r['IdToken']!);
    expect(after['origin_jti']).toBe(before['origin_jti']);
    expect(after['auth_time']).toBe(before['auth_time']);
    expect(after['iat']).toBe((before['iat'] as number) + 600);
    expect(after['jti']).not.toBe(before['jti']);
  });

  it('refuses an unknown refresh token, and one used with another client', async () => {
    const ctx = await idpContext();
    const t = await mariaTokens(ctx);
    const other = await createClient(ctx, {});
    expect(
      err(
        await send(ctx, 'InitiateAuth', {
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: t.clientId,
          AuthParameters: { REFRESH_TOKEN: 'x.y.z' },
        }),
      ),
    ).toEqual({ status: 400, type: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
    expect(
      err(
        await send(ctx, 'InitiateAuth', {
          AuthFlow: 'REFRESH_TOKEN',
          ClientId: other,
          AuthParameters: { REFRESH_TOKEN: t.refresh },
        }),
      ),
    ).toEqual({ status: 400, type: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });

  it('refuses a refresh token after its 30 days', async () => {
    const ctx = await idpContext();
    const t = await mariaTokens(ctx);
    ctx.clock.advance(30 * 86400_000 + 1000);
    expect(
      err(
        await send(ctx, 'InitiateAuth', {
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: t.clientId,
          AuthParameters: { REFRESH_TOKEN: t.refresh },
        }),
      ),
    ).toEqual({ status: 400, type: 'NotAuthorizedException', message: 'Refresh Token has expired' });
  });

  it('GetUser answers with the user; after GlobalSignOut the access token and the refresh token are revoked', async () => {
    const ctx = await idpContext();
    const t = await mariaTokens(ctx);
    const u = await send(ctx, 'GetUser', { AccessToken: t.access });
    expect(u.status).toBe(200);
    expect(u.json['Username']).toBe(MARIA.username);
    expect(u.json['UserAttributes']).toEqual([
      { Name: 'sub', Value: MARIA.username },
      { Name: 'email', Value: 'maria@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ]);
    const out = await send(ctx, 'GlobalSignOut', { AccessToken: t.access });
    expect(out.status).toBe(200);
    expect(out.json).toEqual({});
    expect(err(await send(ctx, 'GetUser', { AccessToken: t.access }))).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    expect(
      err(
        await send(ctx, 'InitiateAuth', {
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: t.clientId,
          AuthParameters: { REFRESH_TOKEN: t.refresh },
        }),
      ),
    ).toEqual({ status: 400, type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect(await verifyIdToken(ctx, t.id, { poolId: POOL })).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it("GetUser refuses a token that is not one of the pool's", async () => {
    const ctx = await idpContext();
    expect(err(await send(ctx, 'GetUser', { AccessToken: 'abc.def.ghi' }))).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
  });
});

describe('the JWKS and OpenID configuration', () => {
  it('publish RSA keys and the issuer; an unknown pool is a 404', async () => {
    const ctx = await idpContext();
    const jwks = await jwksOf(ctx);
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', e: 'AQAB', use: 'sig' });
    const conf = await cognitoIdp.handle(
      call(request({ method: 'GET', path: `/${POOL}/.well-known/openid-configuration` })),
      ctx,
    );
    expect(JSON.parse(text(conf.response.body))).toMatchObject({
      issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd',
      jwks_uri: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd/.well-known/jwks.json',
    });
    const none = await cognitoIdp.handle(
      call(request({ method: 'GET', path: '/us-east-1_Nope12345/.well-known/jwks.json' })),
      ctx,
    );
    expect(none.response.status).toBe(404);
  });
});

describe('the runtime records', () => {
  it('drop a refresh token a day after it expires (then it is unknown), so the state does not grow', async () => {
    const ctx = await idpContext();
    const t = await mariaTokens(ctx);
    expect(Object.keys(ctx.state.cognitoIdp.refreshTokens)).toEqual([t.refresh]);
    ctx.clock.advance(31 * 86400_000 + 1000);
    const refresh = () =>
      send(ctx, 'InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: t.clientId,
        AuthParameters: { REFRESH_TOKEN: t.refresh },
      });
    expect(err(await refresh())).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
    expect(ctx.state.cognitoIdp.refreshTokens).toEqual({});
  });
});
