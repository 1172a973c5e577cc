/**
 * A token for its panel: header, payload and signature apart, each claim explained, and the
 * verification checklist (signature against the issuer's JWKS, `alg`, `kid`, `iss`, `exp`, `nbf`,
 * `iat`, `token_use`, client id), each check with what was expected and what the token has.
 * Opaque tokens (a user pool's refresh token is encrypted, a JWE of five parts) get a view that
 * says so instead of claims.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import type { ClaimView, TokenCheck, TokenSpec, TokenView } from './types';

/** What each claim a Cognito or identity-pool token carries means. */
export const CLAIM_EXPLANATIONS: Record<string, string> = {
  sub: 'The subject: the user’s unique, never-reused id in the user pool (a UUID). For an identity pool’s OpenID token, the identity id.',
  iss: 'The issuer: the user pool’s URL (`https://cognito-idp.REGION.amazonaws.com/POOL_ID`), or `https://cognito-identity.amazonaws.com`. Its JWKS is at `ISSUER/.well-known/jwks.json`.',
  aud: 'The audience: who the token is for. In an ID token, the app client id; in an identity pool’s OpenID token, the identity pool id. An access token has no `aud`: it has `client_id`.',
  client_id:
    'The app client the access token was issued to. Access tokens carry it instead of `aud`, which is why an identity pool refuses them (`Missing a required claim: aud`).',
  token_use:
    '`id` for an ID token (who the user is, for your app), `access` for an access token (what it may call on the user pool’s API). Check it: an access token is not proof of identity for another service.',
  auth_time: 'When the user authenticated (seconds since the epoch). It stays the same when the tokens are refreshed.',
  iat: 'Issued at (seconds since the epoch).',
  exp: 'Expires at (seconds since the epoch): after it, a verifier must refuse the token.',
  nbf: 'Not before (seconds since the epoch): a verifier must refuse the token until then.',
  jti: 'The token’s own unique id.',
  origin_jti:
    'The id of the sign-in the token comes from: every token of one sign-in and its refreshes shares it, so revoking the refresh token revokes them all.',
  event_id: 'The id of the authentication event (the same in the ID and access tokens of one sign-in).',
  username:
    'The user name in the user pool (access tokens). Often the `sub`; for an alias sign-in, not the email typed.',
  'cognito:username': 'The user name in the user pool (ID tokens).',
  'cognito:groups': 'The user pool groups the user is in.',
  'cognito:roles':
    'The IAM role ARNs of the user’s groups: the roles an identity pool may choose from with “Choose role from token”.',
  'cognito:preferred_role':
    'The role of the group with the lowest `Precedence` (absent when groups with roles tie): the role an identity pool gives with “Choose role from token”.',
  amr: 'Authentication methods references. In an identity pool’s OpenID token: `authenticated` or `unauthenticated`, then the provider and the login; trust policies test it with `cognito-identity.amazonaws.com:amr`.',
  scope:
    'The OAuth scopes the access token grants (`aws.cognito.signin.user.admin` lets it call the user pool API for the user himself).',
  email: 'The user’s email attribute.',
  email_verified: 'Whether the user pool has verified the email (a code was confirmed).',
  phone_number: 'The user’s phone number attribute.',
  phone_number_verified: 'Whether the user pool has verified the phone number.',
  version: 'The access token’s format version (2).',
  name: 'The user’s name attribute.',
  'https://cognito-identity.amazonaws.com/identity-pool-arn': 'The identity pool that issued the OpenID token.',
  'https://aws.amazon.com/tags':
    'Principal tags the identity pool maps from the login’s claims; STS turns them into session tags (`aws:PrincipalTag/KEY`).',
};

const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf', 'auth_time']);

/** What a claim means (custom attributes and the rest by their shape). */
export function explainClaim(name: string): string | undefined {
  const known = CLAIM_EXPLANATIONS[name];
  if (known) return known;
  if (name.startsWith('custom:'))
    return 'A custom attribute of the user pool. If the app client may write it, the user can set it himself: never map roles from it.';
  return undefined;
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** `3 minutes ago`, `in 59 minutes 40 seconds`, `now`. */
export function relativeTime(seconds: number, at: number): string {
  const diff = Math.round(seconds - at / 1000);
  if (diff === 0) return 'now';
  let n = Math.abs(diff);
  const parts: string[] = [];
  const unit = (size: number, name: string) => {
    const q = Math.floor(n / size);
    if (q > 0) parts.push(`${q} ${name}${q === 1 ? '' : 's'}`);
    n -= q * size;
  };
  unit(86400, 'day');
  unit(3600, 'hour');
  unit(60, 'minute');
  unit(1, 'second');
  const text = parts.slice(0, 2).join(' ');
  return diff > 0 ? `in ${text}` : `${text} ago`;
}

function claimOf(name: string, value: unknown, at: number): ClaimView {
  const explain = explainClaim(name);
  const c: ClaimView = { name, value, ...(explain ? { explain } : {}) };
  if (TIME_CLAIMS.has(name) && typeof value === 'number') {
    c.date = iso(value);
    c.relative = relativeTime(value, at);
  }
  return c;
}

function text(v: unknown): string {
  if (v === undefined) return '(absent)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Whether the signature verifies with the JWKS key whose `kid` matches. */
async function signatureCheck(
  jwt: string,
  kid: unknown,
  keys: Record<string, unknown>[],
): Promise<{ ok: boolean; actual: string }> {
  const key = keys.find((k) => k['kid'] === kid);
  if (!key) return { ok: false, actual: 'no key with this kid in the JWKS' };
  try {
    const pub = await importJWK(key as Parameters<typeof importJWK>[0], 'RS256');
    await compactVerify(jwt, pub, { algorithms: ['RS256'] });
    return { ok: true, actual: 'verifies with the key of this kid' };
  } catch (e) {
    const code = (e as { code?: string }).code;
    return {
      ok: false,
      actual:
        code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
          ? 'does not verify: the header, payload or signature was changed'
          : `does not verify: ${(e as Error).message}`,
    };
  }
}

async function checksOf(spec: TokenSpec, view: TokenView, at: number): Promise<TokenCheck[]> {
  const expect = spec.expect;
  if (!expect) return [];
  const h = view.header ?? {};
  const p = view.payload ?? {};
  const now = Math.floor(at / 1000);
  const checks: TokenCheck[] = [];
  const sig = await signatureCheck(spec.jwt, h['kid'], expect.jwks.keys);
  checks.push({
    name: 'signature',
    expected: 'verifies with the issuer’s JWKS (RS256)',
    actual: sig.actual,
    ok: sig.ok,
  });
  checks.push({ name: 'alg', expected: 'RS256', actual: text(h['alg']), ok: h['alg'] === 'RS256' });
  const kids = expect.jwks.keys.map((k) => String(k['kid']));
  checks.push({
    name: 'kid',
    expected: `one of the JWKS’s keys: ${kids.join(', ')}`,
    actual: text(h['kid']),
    ok: typeof h['kid'] === 'string' && kids.includes(h['kid']),
  });
  checks.push({ name: 'iss', expected: expect.issuer, actual: text(p['iss']), ok: p['iss'] === expect.issuer });
  const exp = p['exp'];
  checks.push({
    name: 'exp',
    expected: `after ${iso(now)} (the step’s time)`,
    actual: typeof exp === 'number' ? `${iso(exp)} (${relativeTime(exp, at)})` : text(exp),
    ok: typeof exp === 'number' && exp > now,
  });
  if (p['nbf'] !== undefined) {
    const nbf = p['nbf'];
    checks.push({
      name: 'nbf',
      expected: `at or before ${iso(now)}`,
      actual: typeof nbf === 'number' ? iso(nbf) : text(nbf),
      ok: typeof nbf === 'number' && nbf <= now,
    });
  }
  const iat = p['iat'];
  checks.push({
    name: 'iat',
    expected: `at or before ${iso(now)}`,
    actual: typeof iat === 'number' ? iso(iat) : text(iat),
    ok: typeof iat === 'number' && iat <= now,
  });
  if (expect.tokenUse)
    checks.push({
      name: 'token_use',
      expected: expect.tokenUse,
      actual: text(p['token_use']),
      ok: p['token_use'] === expect.tokenUse,
    });
  if (expect.audience !== undefined) {
    // ID tokens (and identity-pool OpenID tokens) name the client in `aud`; access tokens in `client_id`.
    const claim = expect.tokenUse === 'access' ? 'client_id' : 'aud';
    const value = p[claim];
    const ok = Array.isArray(value) ? value.includes(expect.audience) : value === expect.audience;
    checks.push({
      name: 'client id',
      expected: `${claim} = ${expect.audience}`,
      actual: `${claim} = ${text(value)}`,
      ok,
    });
  }
  return checks;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const v: unknown = JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The note an opaque token's panel shows instead of claims. */
export const OPAQUE_NOTE =
  'An opaque token: not a signed JWT a client can read. A user pool’s refresh token is encrypted (a JWE of five parts, RSA-OAEP and A256GCM) with a key only the user pool has; the app keeps it and sends it back as it is.';

/** The token's view at simulated time `at` (ms). */
export async function tokenView(spec: TokenSpec, at: number): Promise<TokenView> {
  const parts = spec.jwt.split('.');
  const view: TokenView = { label: spec.label, raw: spec.jwt, claims: [], checks: [] };
  if (parts.length !== 3) {
    const header = parts.length === 5 ? decodePart(parts[0]!) : undefined;
    if (header) view.header = header;
    view.claims = [{ name: '(opaque)', value: `${parts.length} parts`, explain: OPAQUE_NOTE }];
    return view;
  }
  view.signature = parts[2];
  try {
    view.header = decodeProtectedHeader(spec.jwt) as Record<string, unknown>;
  } catch {
    // A header that does not decode: no kid, so the signature check fails.
  }
  try {
    view.payload = decodeJwt(spec.jwt) as Record<string, unknown>;
  } catch {
    // A payload that does not decode (a changed byte): the checks below fail on it.
  }
  view.claims = view.payload
    ? Object.entries(view.payload).map(([name, value]) => claimOf(name, value, at))
    : [{ name: '(undecodable)', value: parts[1], explain: 'The payload is not base64url-encoded JSON.' }];
  view.checks = await checksOf(spec, view, at);
  return view;
}
