/**
 * The `Logins` map of GetId, GetCredentialsForIdentity and GetOpenIdToken, checked as an identity
 * pool checks it (cognito-sts.md §4.2, §8.2): each key names a provider, each value is its token.
 * A user pool login (`cognito-idp.REGION.amazonaws.com/POOL_ID`) must carry an ID token of that
 * pool: its `iss` must be `https://` + the key, its signature and `exp` good (`verifyJwt` with the
 * user pool's key, on the simulated clock), an `aud` claim (an access token has none, and AWS
 * answers "Missing a required claim: aud"), `token_use: id`, and the pool must list that user pool
 * with that app client in `CognitoIdentityProviders`. Other providers (Google, Facebook, OIDC,
 * SAML, developer) cannot be verified here and are refused as unsupported.
 */
import { decodeJwt } from 'jose';
import type { IdentityPool } from '../../world/types';
import type { AwsContext } from '../context';
import { verifyJwt } from '../signing-keys';
import { accessKeyIssuer, idKeyIssuer } from '../cognito-idp/tokens';

export interface CheckedLogin {
  /** The Logins key: `cognito-idp.REGION.amazonaws.com/POOL_ID`. */
  provider: string;
  /** The role-mapping key: `PROVIDER:CLIENT_ID`. */
  providerKey: string;
  /** The token's `sub`: the user the login is. */
  subject: string;
  claims: Record<string, unknown>;
}

export type LoginsCheck =
  { ok: true; logins: CheckedLogin[] } | { ok: false; type: 'NotAuthorizedException'; message: string };

const USER_POOL_PROVIDER = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([\w-]+_[0-9a-zA-Z]+)$/;

function refuse(message: string): LoginsCheck {
  return { ok: false, type: 'NotAuthorizedException', message };
}

const UNSUPPORTED = 'Token is not from a supported provider of this identity pool.';

export async function checkLogins(
  ctx: AwsContext,
  pool: IdentityPool,
  logins: Record<string, string>,
): Promise<LoginsCheck> {
  const out: CheckedLogin[] = [];
  for (const [provider, token] of Object.entries(logins)) {
    const m = USER_POOL_PROVIDER.exec(provider);
    let unverified: Record<string, unknown>;
    try {
      unverified = decodeJwt(token) as Record<string, unknown>;
    } catch {
      return refuse(m ? "Invalid login token. Couldn't verify signed token." : UNSUPPORTED);
    }
    if (!m) return refuse(UNSUPPORTED);
    const userPoolId = m[2]!;
    if (unverified.iss !== `https://${provider}`)
      return refuse("Invalid login token. Issuer doesn't match providerName");
    const configured = (pool.cognitoIdentityProviders ?? []).filter((p) => p.providerName === provider);
    if (configured.length === 0) return refuse(UNSUPPORTED);
    // The pool's JWKS holds both of its keys (ID and access tokens): a token signed by either verifies.
    let verified = await verifyJwt(ctx, idKeyIssuer(userPoolId), token);
    if (!verified.ok && verified.reason === 'signature') {
      const access = await verifyJwt(ctx, accessKeyIssuer(userPoolId), token);
      if (access.ok || access.reason === 'expired') verified = access;
    }
    if (!verified.ok) {
      if (verified.reason === 'expired') {
        const now = Math.floor(ctx.clock.now() / 1000);
        const exp = typeof unverified.exp === 'number' ? unverified.exp : 0;
        return refuse(`Invalid login token. Token expired: ${now} >= ${exp}`);
      }
      return refuse("Invalid login token. Couldn't verify signed token.");
    }
    const claims = verified.value as Record<string, unknown>;
    const aud = claims.aud;
    if (aud === undefined) return refuse('Invalid login token. Missing a required claim: aud');
    // A token with an `aud` that is not an ID token: a text AWS answers ("Not a Cognito token"), its
    // exact trigger [UNCERTAIN].
    if (claims.token_use !== 'id') return refuse('Invalid login token. Not a Cognito token.');
    const audiences = Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [String(aud)];
    const client = configured.find((p) => audiences.includes(p.clientId));
    if (!client) return refuse(UNSUPPORTED);
    if (typeof claims.sub !== 'string' || claims.sub === '')
      return refuse('Invalid login token. Missing a required claim: sub');
    if (client.serverSideTokenCheck === true && !userStillThere(ctx, userPoolId, claims.sub))
      // [UNCERTAIN] wording: the model says only "400 Not Authorized" for a deleted or signed-out user.
      return refuse('Invalid login token. The user was deleted or disabled.');
    out.push({ provider, providerKey: `${provider}:${client.clientId}`, subject: claims.sub, claims });
  }
  return { ok: true, logins: out };
}

/**
 * `ServerSideTokenCheck`: the user of the token is still in the user pool and enabled. (A global
 * sign-out is the user pool's runtime record and is not consulted.)
 */
function userStillThere(ctx: AwsContext, userPoolId: string, sub: string): boolean {
  const pool = ctx.state.world.userPools?.find((p) => p.id === userPoolId);
  const user = pool?.users?.find((u) => u.attributes.some((a) => a.name === 'sub' && a.value === sub));
  return user !== undefined && user.enabled !== false;
}

/** `cognito-identity.amazonaws.com:amr` for these logins (guests: `unauthenticated`). */
export function amrOf(logins: CheckedLogin[]): string[] {
  if (logins.length === 0) return ['unauthenticated'];
  const amr = ['authenticated'];
  for (const l of logins) amr.push(l.provider, `${l.provider}:CognitoSignIn:${l.subject}`);
  return amr;
}
