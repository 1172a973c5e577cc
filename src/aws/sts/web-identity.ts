/**
 * AssumeRoleWithWebIdentity as a function other services can call: the token is verified with
 * its issuer's key (`https://cognito-identity.amazonaws.com` → the identity pools' key; a user
 * pool `https://cognito-idp.REGION.amazonaws.com/POOL` → the pool's key, through an IAM OIDC
 * provider of the role's account; any other issuer with a provider → the key kept under the
 * issuer URL), then the role's trust policy decides, by the engine, with the web identity as the
 * principal and the provider's context keys (`cognito-identity.amazonaws.com:aud`, `:amr`, `:sub`,
 * or `HOST:aud`, `HOST:sub`). The session carries those keys into every call it signs.
 */
import { decodeJwt } from 'jose';
import type { JWTPayload } from 'jose';
import type { ContextValue } from '../../engine/model';
import { roleArn as arnOfRole } from '../../world/edit';
import type { OidcProvider, Role } from '../../world/types';
import type { AwsContext, Principal } from '../context';
import type { CallDecision } from '../authz';
import { authorizeCall } from '../authz';
import type { ServiceCall } from '../service';
import type { TemporarySession } from '../sessions';
import { issueSession } from '../sessions';
import { COGNITO_IDENTITY_ISSUER, verifyJwt } from '../signing-keys';
import { roleId } from '../iam/shapes';
import { Fault } from '../iam/input';
import type { SessionPolicyInput } from './session-policies';
import { checkPackedSize, checkSessionPolicies, packedPolicySize, roleDuration } from './session-policies';

export const COGNITO_IDENTITY_ISS = 'https://cognito-identity.amazonaws.com';
const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';
const ACTION = 'sts:AssumeRoleWithWebIdentity';
const DENIED = `Not authorized to perform ${ACTION}`;
const INVALID =
  'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.';

export interface WebIdentityParams {
  roleArn: string;
  roleSessionName: string;
  webIdentityToken: string;
  durationSeconds?: number;
  sessionPolicies?: SessionPolicyInput;
}

export interface WebIdentityResult {
  ok: true;
  session: TemporarySession;
  subject: string;
  audience: string;
  provider: string;
  assumedRoleId: string;
  packedPolicySize?: number;
  decision: CallDecision;
}

export interface WebIdentityFailure {
  ok: false;
  code: string;
  message: string;
  status: number;
  decision?: CallDecision;
}

const stripSlash = (u: string) => (u.endsWith('/') ? u.slice(0, -1) : u);

interface Issuer {
  /** The signing-key id (`cognito-identity`, a pool id, or the issuer URL). */
  key: string;
  /** The principal the trust policy sees. */
  principal: string;
  /** The prefix of the context keys (`cognito-identity.amazonaws.com`, `HOST`). */
  prefix: string;
  /** `Provider` of the answer. */
  provider: string;
  oidc?: OidcProvider;
}

function issuerOf(ctx: AwsContext, role: Role, iss: string): Issuer {
  if (stripSlash(iss) === COGNITO_IDENTITY_ISS)
    return {
      key: COGNITO_IDENTITY_ISSUER,
      principal: COGNITO_IDENTITY,
      prefix: COGNITO_IDENTITY,
      provider: COGNITO_IDENTITY,
    };
  const url = stripSlash(iss);
  const oidc = ctx.state.world.identityProviders?.find(
    (p): p is OidcProvider => p.type === 'OIDC' && p.account === role.account && stripSlash(p.url) === url,
  );
  if (!oidc || !url.startsWith('https://'))
    throw new Fault('InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${iss}`);
  const host = url.slice('https://'.length);
  const arn = `arn:aws:iam::${role.account}:oidc-provider/${host}`;
  const pool = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/([\w-]+_[0-9a-zA-Z]+)$/.exec(host);
  return { key: pool ? pool[1]! : url, principal: arn, prefix: host, provider: arn, oidc };
}

function audiences(claims: JWTPayload): string[] {
  const aud = claims.aud ?? (claims as { client_id?: unknown }).client_id;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}

/**
 * Verifies the token and asks the role's trust policy; on success issues the session. Never
 * throws: failures answer STS's code, message and status.
 */
export async function assumeRoleWithWebIdentity(
  ctx: AwsContext,
  call: Pick<ServiceCall, 'sourceIp' | 'secure'>,
  params: WebIdentityParams,
): Promise<WebIdentityResult | WebIdentityFailure> {
  let decision: CallDecision | undefined;
  try {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(params.webIdentityToken);
    } catch {
      throw new Fault('InvalidIdentityToken', INVALID);
    }
    if (typeof claims.iss !== 'string') throw new Fault('InvalidIdentityToken', INVALID);
    const role = ctx.state.world.roles?.find((r) => arnOfRole(r) === params.roleArn);
    if (!role) throw new Fault('AccessDenied', DENIED, 403);
    const issuer = issuerOf(ctx, role, claims.iss);
    const verified = await verifyJwt(ctx, issuer.key, params.webIdentityToken);
    if (!verified.ok) {
      if (verified.reason === 'expired') {
        const nowS = Math.floor(ctx.clock.now() / 1000);
        throw new Fault(
          'ExpiredTokenException',
          `Token expired: current date/time ${nowS} must be before the expiration date/time ${String(claims.exp)}`,
        );
      }
      throw new Fault('InvalidIdentityToken', INVALID);
    }
    const payload = verified.value;
    const aud = audiences(payload);
    if (issuer.oidc && !aud.some((a) => issuer.oidc!.clientIds.includes(a)))
      throw new Fault('InvalidIdentityToken', 'Incorrect token audience');
    const sub = typeof payload.sub === 'string' ? payload.sub : '';
    const audience = aud[0] ?? '';

    const duration = roleDuration(params.durationSeconds, role.maxSessionDuration ?? 3600, false);
    const policyInput = params.sessionPolicies ?? { policyArns: [] };
    const policies = checkSessionPolicies(ctx, role.account, policyInput);
    const packed = packedPolicySize(policyInput, []);
    checkPackedSize(packed);

    const keys: Record<string, ContextValue> = {};
    keys[`${issuer.prefix}:aud`] = aud.length === 1 ? aud[0]! : aud;
    keys[`${issuer.prefix}:sub`] = sub;
    if (issuer.prefix === COGNITO_IDENTITY) {
      const amr = (payload as { amr?: unknown }).amr;
      keys[`${issuer.prefix}:amr`] = Array.isArray(amr) ? amr.filter((a): a is string => typeof a === 'string') : [];
    }
    // The web identity is the caller: no identity policy of its own, the trust policy decides.
    const web = {
      kind: 'federated-user',
      arn: issuer.principal,
      account: role.account,
      userId: '',
      accessKeyId: '',
    } as Principal;
    decision = authorizeCall(
      ctx,
      { caller: web, sourceIp: call.sourceIp, secure: call.secure },
      ACTION,
      params.roleArn,
      {
        context: { ...keys, 'sts:RoleSessionName': params.roleSessionName, 'aws:FederatedProvider': issuer.principal },
      },
    );
    if (!decision.allowed) throw new Fault('AccessDenied', DENIED, 403);

    const assumedRoleId = `${roleId(role)}:${params.roleSessionName}`;
    const session = issueSession(ctx, {
      kind: 'assumed-role',
      arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${params.roleSessionName}`,
      account: role.account,
      userId: assumedRoleId,
      roleArn: arnOfRole(role),
      facts: { ...policies },
      context: keys,
      durationSeconds: duration,
    });
    const result: WebIdentityResult = {
      ok: true,
      session,
      subject: sub,
      audience,
      provider: issuer.provider,
      assumedRoleId,
      decision,
    };
    if (params.sessionPolicies && (policyInput.policy !== undefined || policyInput.policyArns.length > 0))
      result.packedPolicySize = packed;
    return result;
  } catch (e) {
    if (e instanceof Fault) return { ok: false, code: e.code, message: e.message, status: e.status, decision };
    return { ok: false, code: 'InternalFailure', message: 'The request processing has failed.', status: 500, decision };
  }
}
