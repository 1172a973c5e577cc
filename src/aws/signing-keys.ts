/**
 * RS256 signing keys of the token issuers: one per user pool (ID and access tokens, published at
 * `/<poolId>/.well-known/jwks.json`) and one for Cognito identity pools' OpenID tokens. Keys are
 * made on first use with `jose` and kept in the state as JWKs, so a restart with `--state` keeps
 * tokens valid.
 */
import { exportJWK, generateKeyPair, importJWK, SignJWT, jwtVerify, createLocalJWKSet } from 'jose';
import type { JWK, JWTPayload, JWTVerifyResult } from 'jose';
import type { AwsContext } from './context';
import { randomString, ALNUM } from './random';

export interface SigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** The issuer id of identity pools' OpenID tokens. */
export const COGNITO_IDENTITY_ISSUER = 'cognito-identity';

/** The key of an issuer (a user pool id, or `COGNITO_IDENTITY_ISSUER`), made if absent. */
export async function signingKey(ctx: AwsContext, issuer: string): Promise<SigningKey> {
  const have = ctx.state.keys[issuer];
  if (have) return have;
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const kid = randomString(ctx.random, ALNUM, 43) + '=';
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
  // Another request may have made it while this one awaited: keep the first.
  const again = ctx.state.keys[issuer];
  if (again) return again;
  const key = { kid, privateJwk, publicJwk };
  ctx.state.keys[issuer] = key;
  return key;
}

/** `{ keys: [...] }` for the issuer's JWKS endpoint. */
export async function jwks(ctx: AwsContext, issuer: string): Promise<{ keys: JWK[] }> {
  return { keys: [(await signingKey(ctx, issuer)).publicJwk] };
}

/** Signs claims as the issuer, RS256 with its `kid`. Times in the claims are the caller's (seconds). */
export async function signJwt(ctx: AwsContext, issuer: string, claims: JWTPayload): Promise<string> {
  const key = await signingKey(ctx, issuer);
  const privateKey = await importJWK(key.privateJwk, 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(privateKey);
}

/**
 * Checks a token's signature against the issuer's key and its `exp` against the simulated clock.
 * Claim checks beyond that (iss, aud/client_id, token_use) are the caller's: their errors differ.
 */
export async function verifyJwt(
  ctx: AwsContext,
  issuer: string,
  token: string,
): Promise<
  { ok: true; value: JWTVerifyResult['payload'] } | { ok: false; reason: 'malformed' | 'signature' | 'expired' }
> {
  const key = ctx.state.keys[issuer];
  if (!key) return { ok: false, reason: 'signature' };
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [key.publicJwk] }), {
      algorithms: ['RS256'],
      currentDate: new Date(ctx.clock.now()),
      clockTolerance: 0,
    });
    return { ok: true, value: payload };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: 'expired' };
    if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID') return { ok: false, reason: 'malformed' };
    return { ok: false, reason: 'signature' };
  }
}
