/**
 * The pool's tokens (cognito-sts.md §3): an ID token and an access token, RS256 with the pool's
 * keys (the two token kinds use different keys, so their `kid`s differ), lifetimes from the app
 * client, and an opaque refresh token kept in the state. `verifyIdToken` and `verifyAccessToken`
 * check a token as Cognito's consumers do and say why one is refused.
 */
import type { JWTPayload } from 'jose';
import type { UserPool, UserPoolClient, UserPoolUser } from '../../world/types';
import type { AwsContext } from '../context';
import { signJwt, verifyJwt, jwks } from '../signing-keys';
import { randomString, uuid, SECRET_CHARS } from '../random';
import { attr, findPool } from './pools';
import { idpState } from './state';

export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** The signing-key issuers of a pool: ID tokens, access tokens. */
export function idKeyIssuer(poolId: string): string {
  return poolId;
}
export function accessKeyIssuer(poolId: string): string {
  return `${poolId}#access`;
}

export function issuerUrl(poolId: string): string {
  const region = poolId.slice(0, poolId.indexOf('_'));
  return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
}

/** `{ keys: [...] }`: the two keys a pool publishes at `/.well-known/jwks.json`. */
export async function poolJwks(ctx: AwsContext, poolId: string): Promise<{ keys: unknown[] }> {
  const [a, b] = await Promise.all([jwks(ctx, idKeyIssuer(poolId)), jwks(ctx, accessKeyIssuer(poolId))]);
  return { keys: [...a.keys, ...b.keys] };
}

const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;

/** The client's lifetimes in seconds (defaults: 1 h, 1 h, 30 days). */
export function lifetimes(client: UserPoolClient): { access: number; id: number; refresh: number } {
  const u = client.tokenValidityUnits ?? {};
  return {
    access:
      (client.accessTokenValidity ?? 1) *
      UNIT_SECONDS[client.accessTokenValidity ? (u.accessToken ?? 'hours') : 'hours'],
    id: (client.idTokenValidity ?? 1) * UNIT_SECONDS[client.idTokenValidity ? (u.idToken ?? 'hours') : 'hours'],
    refresh:
      (client.refreshTokenValidity ?? 30) *
      UNIT_SECONDS[client.refreshTokenValidity ? (u.refreshToken ?? 'days') : 'days'],
  };
}

/** `cognito:groups`, `cognito:roles`, `cognito:preferred_role` of the user (§2.15). */
export function groupClaims(pool: UserPool, user: UserPoolUser): Record<string, unknown> {
  const names = user.groups ?? [];
  if (names.length === 0) return {};
  const groups = names.map((n) => (pool.groups ?? []).find((g) => g.groupName === n)).filter((g) => g !== undefined);
  const out: Record<string, unknown> = { 'cognito:groups': names };
  const withRoles = groups.filter((g) => g.roleArn);
  if (withRoles.length === 0) return out;
  out['cognito:roles'] = [...new Set(withRoles.map((g) => g.roleArn!))];
  const rank = (p: number | undefined) => (p === undefined ? Number.POSITIVE_INFINITY : p);
  const best = Math.min(...withRoles.map((g) => rank(g.precedence)));
  const top = new Set(withRoles.filter((g) => rank(g.precedence) === best).map((g) => g.roleArn!));
  if (top.size === 1) out['cognito:preferred_role'] = [...top][0];
  return out;
}

const BOOLEAN_ATTRIBUTES = new Set(['email_verified', 'phone_number_verified']);

export interface SignIn {
  /** Shared by every token of this sign-in and its refreshes. */
  originJti: string;
  /** Epoch seconds of the sign-in. */
  authTime: number;
}

export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  RefreshToken?: string;
  IdToken: string;
}

/** New ID and access tokens (and a refresh token when `withRefresh`). */
export async function issueTokens(
  ctx: AwsContext,
  pool: UserPool,
  client: UserPoolClient,
  user: UserPoolUser,
  signIn: SignIn,
  withRefresh: boolean,
): Promise<AuthenticationResult> {
  const now = Math.floor(ctx.clock.now() / 1000);
  const life = lifetimes(client);
  const sub = attr(user, 'sub') ?? user.username;
  const iss = issuerUrl(pool.id);
  const eventId = uuid(ctx.random);
  const groups = groupClaims(pool, user);
  const idClaims: JWTPayload = { sub };
  for (const a of user.attributes) {
    if (a.name === 'sub') continue;
    idClaims[a.name] = BOOLEAN_ATTRIBUTES.has(a.name) ? a.value === 'true' : a.value;
  }
  Object.assign(idClaims, groups, {
    iss,
    'cognito:username': user.username,
    origin_jti: signIn.originJti,
    aud: client.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: signIn.authTime,
    exp: now + life.id,
    iat: now,
    jti: uuid(ctx.random),
  });
  const accessClaims: JWTPayload = { sub };
  if (groups['cognito:groups']) accessClaims['cognito:groups'] = groups['cognito:groups'];
  Object.assign(accessClaims, {
    iss,
    version: 2,
    client_id: client.clientId,
    origin_jti: signIn.originJti,
    event_id: eventId,
    token_use: 'access',
    scope: ADMIN_SCOPE,
    auth_time: signIn.authTime,
    exp: now + life.access,
    iat: now,
    jti: uuid(ctx.random),
    username: user.username,
  });
  const [IdToken, AccessToken] = await Promise.all([
    signJwt(ctx, idKeyIssuer(pool.id), idClaims),
    signJwt(ctx, accessKeyIssuer(pool.id), accessClaims),
  ]);
  const result: AuthenticationResult = { AccessToken, ExpiresIn: life.access, TokenType: 'Bearer', IdToken };
  if (withRefresh) {
    const token = refreshTokenString(ctx);
    idpState(ctx.state).refreshTokens[token] = {
      poolId: pool.id,
      clientId: client.clientId,
      username: user.username,
      originJti: signIn.originJti,
      authTime: signIn.authTime,
      expires: ctx.clock.now() + life.refresh * 1000,
    };
    result.RefreshToken = token;
  }
  return result;
}

function b64url(s: string): string {
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Opaque, shaped like Cognito's (an encrypted JWT: five base64url parts). */
function refreshTokenString(ctx: AwsContext): string {
  const url = (n: number) => randomString(ctx.random, SECRET_CHARS, n).replace(/\+/g, '-').replace(/\//g, '_');
  return [b64url('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}'), url(342), url(22), url(600), url(22)].join('.');
}

export type TokenRefusal =
  'malformed' | 'signature' | 'expired' | 'issuer' | 'audience' | 'token-use' | 'revoked' | 'unknown-pool';

export type TokenCheck =
  { ok: true; claims: JWTPayload } | { ok: false; reason: TokenRefusal; message: string; claims?: JWTPayload };

/** Whether GlobalSignOut (or a revocation) ended the sign-in this token belongs to. */
export function isRevoked(ctx: AwsContext, claims: JWTPayload): boolean {
  const origin = claims['origin_jti'];
  return typeof origin === 'string' && idpState(ctx.state).revokedOrigins[origin] !== undefined;
}

function unverifiedClaims(token: string): JWTPayload | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JWTPayload) : undefined;
  } catch {
    return undefined;
  }
}

async function verifyPoolToken(
  ctx: AwsContext,
  token: string,
  poolId: string,
  use: 'id' | 'access',
  clientId: string | undefined,
): Promise<TokenCheck> {
  if (!findPool(ctx.state.world, poolId))
    return { ok: false, reason: 'unknown-pool', message: `User pool ${poolId} does not exist.` };
  if (token.split('.').length !== 3) return { ok: false, reason: 'malformed', message: 'the token is not a JWT' };
  const issuer = use === 'id' ? idKeyIssuer(poolId) : accessKeyIssuer(poolId);
  const r = await verifyJwt(ctx, issuer, token);
  if (!r.ok) {
    const claims = unverifiedClaims(token);
    if (r.reason === 'expired' && claims) {
      const now = Math.floor(ctx.clock.now() / 1000);
      return { ok: false, reason: 'expired', message: `Token expired: ${now} >= ${String(claims.exp)}`, claims };
    }
    return {
      ok: false,
      reason: r.reason,
      message:
        r.reason === 'malformed'
          ? 'the token is not a JWT'
          : `the token was not signed by the ${use} token key of ${poolId}`,
    };
  }
  const claims = r.value;
  if (claims.iss !== issuerUrl(poolId))
    return { ok: false, reason: 'issuer', message: `Issuer doesn't match providerName`, claims };
  if (claims['token_use'] !== use)
    return { ok: false, reason: 'token-use', message: `Token use not allowed: ${String(claims['token_use'])}`, claims };
  const aud = use === 'id' ? claims.aud : claims['client_id'];
  if (clientId !== undefined && aud !== clientId)
    return { ok: false, reason: 'audience', message: `Audience ${String(aud)} is not the client ${clientId}`, claims };
  if (isRevoked(ctx, claims)) return { ok: false, reason: 'revoked', message: 'Token has been revoked', claims };
  return { ok: true, claims };
}

/**
 * Checks an ID token of the pool: signature with the pool's ID-token key, `exp` by the simulated
 * clock, `iss`, `token_use: id`, `aud` (when `clientId` is given), and whether a GlobalSignOut
 * revoked its sign-in. For the identity-pool service (ServerSideTokenCheck) and the flows.
 */
export function verifyIdToken(
  ctx: AwsContext,
  token: string,
  expect: { poolId: string; clientId?: string },
): Promise<TokenCheck> {
  return verifyPoolToken(ctx, token, expect.poolId, 'id', expect.clientId);
}

/** The same checks for an access token (`client_id` in place of `aud`). */
export function verifyAccessToken(
  ctx: AwsContext,
  token: string,
  expect: { poolId: string; clientId?: string },
): Promise<TokenCheck> {
  return verifyPoolToken(ctx, token, expect.poolId, 'access', expect.clientId);
}

/** The pool id an access or ID token names in its `iss`, read without checking it. */
export function tokenPoolId(token: string): string | undefined {
  const iss = unverifiedClaims(token)?.iss;
  if (typeof iss !== 'string') return undefined;
  const i = iss.lastIndexOf('/');
  return i < 0 ? undefined : iss.slice(i + 1);
}
