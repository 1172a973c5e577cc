/**
 * The operations a signed-in user calls with an access token: GetUser, GlobalSignOut, and TOTP
 * enrolment (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference). AssociateSoftwareToken
 * and VerifySoftwareToken also take the `Session` of an MFA_SETUP challenge.
 */
import type { UserPool, UserPoolUser } from '../../world/types';
import type { AwsContext } from '../context';
import { randomString, UPPER_DIGITS } from '../random';
import type { Input } from './input';
import { apiError, isError, TOKEN_CHARS, DIGITS } from './input';
import type { Failure, Operation } from './common';
import { ok, takeSession, pruneSessions } from './common';
import { findPool, updateUser } from './pools';
import { ADMIN_SCOPE, tokenPoolId, verifyAccessToken } from './tokens';
import { revokeUserSignIns } from './signout';
import { totpMatches } from './auth';
import { idpState } from './state';

function readAccessToken(input: Input, required: boolean): string | undefined {
  return input.str('AccessToken', { required, pattern: [TOKEN_CHARS, '[A-Za-z0-9-_=.]+'], sensitive: true });
}

/** The user an access token stands for, or the NotAuthorizedException AWS answers. */
export async function accessTokenUser(
  ctx: AwsContext,
  token: string,
): Promise<{ pool: UserPool; user: UserPoolUser; originJti: string | undefined } | Failure> {
  const invalid = () => apiError('NotAuthorizedException', 'Invalid Access Token');
  const poolId = tokenPoolId(token);
  if (!poolId) return invalid();
  const check = await verifyAccessToken(ctx, token, { poolId });
  if (!check.ok) {
    if (check.reason === 'expired') return apiError('NotAuthorizedException', 'Access Token has expired');
    if (check.reason === 'revoked') return apiError('NotAuthorizedException', 'Access Token has been revoked');
    return invalid();
  }
  const scope = check.claims['scope'];
  if (typeof scope !== 'string' || !scope.split(' ').includes(ADMIN_SCOPE))
    return apiError('NotAuthorizedException', 'Access Token does not have required scopes');
  const pool = findPool(ctx.state.world, poolId)!;
  const user = (pool.users ?? []).find((u) => u.username === check.claims['username']);
  if (!user) return apiError('UserNotFoundException', 'User does not exist.');
  if (user.enabled === false) return apiError('NotAuthorizedException', 'User is disabled.');
  const origin = check.claims['origin_jti'];
  return { pool, user, originJti: typeof origin === 'string' ? origin : undefined };
}

export const getUser: Operation = async (input, ctx) => {
  const token = readAccessToken(input, true);
  const bad = input.failure();
  if (bad) return bad;
  const r = await accessTokenUser(ctx, token!);
  if (isError(r)) return r;
  const body: Record<string, unknown> = {
    Username: r.user.username,
    UserAttributes: r.user.attributes.map((a) => ({ Name: a.name, Value: a.value })),
  };
  if (r.user.softwareTokenSecret) {
    body['PreferredMfaSetting'] = 'SOFTWARE_TOKEN_MFA';
    body['UserMFASettingList'] = ['SOFTWARE_TOKEN_MFA'];
  }
  return ok(body);
};

/**
 * UpdateUserAttributes: the signed-in user changes their own attributes with an access token. The
 * world has no attribute schema or app-client `WriteAttributes`, so every attribute but `sub` is
 * writable, as it is for an app client whose `WriteAttributes` is left unset (AWS's default). A
 * new `email` is unverified until confirmed. [UNCERTAIN] the text for `sub`.
 */
export const updateUserAttributes: Operation = async (input, ctx) => {
  const token = readAccessToken(input, true);
  const attributes = input.attributes('UserAttributes');
  if (attributes === undefined)
    input.problem("Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
  const bad = input.failure();
  if (bad) return bad;
  const r = await accessTokenUser(ctx, token!);
  if (isError(r)) return r;
  if (attributes!.some((a) => a.name === 'sub'))
    return apiError('InvalidParameterException', 'Cannot modify the non-mutable attribute sub');
  const changed = new Map(attributes!.map((a) => [a.name, a.value]));
  const emailChanged =
    changed.has('email') && changed.get('email') !== r.user.attributes.find((a) => a.name === 'email')?.value;
  if (emailChanged) changed.set('email_verified', 'false');
  updateUser(ctx, r.pool.id, r.user.username, (u) => ({
    ...u,
    attributes: [
      ...u.attributes.filter((a) => !changed.has(a.name)),
      ...[...changed].map(([name, value]) => ({ name, value })),
    ],
  }));
  const details = emailChanged
    ? [{ Destination: maskEmail(changed.get('email')!), DeliveryMedium: 'EMAIL', AttributeName: 'email' }]
    : [];
  return ok({ CodeDeliveryDetailsList: details });
};

function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
}

export const globalSignOut: Operation = async (input, ctx) => {
  const token = readAccessToken(input, true);
  const bad = input.failure();
  if (bad) return bad;
  const r = await accessTokenUser(ctx, token!);
  if (isError(r)) return r;
  revokeUserSignIns(ctx, r.pool.id, r.user.username, r.originJti);
  return ok({});
};

function newTotpSecret(ctx: AwsContext): string {
  return randomString(ctx.random, UPPER_DIGITS, 52);
}

export const associateSoftwareToken: Operation = async (input, ctx) => {
  pruneSessions(ctx);
  const token = readAccessToken(input, false);
  const session = input.str('Session', { min: 20, max: 2048 });
  const bad = input.failure();
  if (bad) return bad;
  if (token === undefined && session === undefined)
    return apiError('InvalidParameterException', 'Either AccessToken or Session must be provided');
  const secret = newTotpSecret(ctx);
  if (token !== undefined) {
    const r = await accessTokenUser(ctx, token);
    if (isError(r)) return r;
    idpState(ctx.state).pendingSoftwareTokens[`${r.pool.id}/${r.user.username}`] = secret;
    return ok({ SecretCode: secret });
  }
  const rec = idpState(ctx.state).sessions[session!];
  if (!rec || rec.challenge !== 'MFA_SETUP')
    return apiError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
  const check = takeSession(ctx, session, rec.clientId);
  if (isError(check)) return check;
  rec.pendingSecret = secret;
  return ok({ SecretCode: secret, Session: session });
};

export const verifySoftwareToken: Operation = async (input, ctx) => {
  pruneSessions(ctx);
  const token = readAccessToken(input, false);
  const session = input.str('Session', { min: 20, max: 2048 });
  const code = input.str('UserCode', { required: true, min: 6, max: 6, pattern: [DIGITS, '[0-9]+'] });
  input.str('FriendlyDeviceName');
  const bad = input.failure();
  if (bad) return bad;
  const mismatch = () =>
    apiError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA mode');
  if (token !== undefined) {
    const r = await accessTokenUser(ctx, token);
    if (isError(r)) return r;
    const key = `${r.pool.id}/${r.user.username}`;
    const secret = idpState(ctx.state).pendingSoftwareTokens[key];
    if (!secret)
      return apiError('SoftwareTokenMFANotFoundException', 'Software Token MFA mode is not found for the user');
    if (!totpMatches(ctx, secret, code!)) return mismatch();
    delete idpState(ctx.state).pendingSoftwareTokens[key];
    updateUser(ctx, r.pool.id, r.user.username, (u) => ({ ...u, softwareTokenSecret: secret }));
    return ok({ Status: 'SUCCESS' });
  }
  if (session === undefined)
    return apiError('InvalidParameterException', 'Either AccessToken or Session must be provided');
  const rec = idpState(ctx.state).sessions[session];
  if (!rec || rec.challenge !== 'MFA_SETUP' || rec.expires <= ctx.clock.now())
    return apiError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
  if (!rec.pendingSecret)
    return apiError('SoftwareTokenMFANotFoundException', 'Software Token MFA mode is not found for the user');
  if (!totpMatches(ctx, rec.pendingSecret, code!)) return mismatch();
  rec.verifiedSecret = rec.pendingSecret;
  return ok({ Status: 'SUCCESS', Session: session });
};

export const setUserMFAPreference: Operation = async (input, ctx) => {
  const token = readAccessToken(input, true);
  const totp = input.struct('SoftwareTokenMfaSettings');
  const enabled = totp?.bool('Enabled');
  totp?.bool('PreferredMfa');
  input.struct('SMSMfaSettings');
  input.struct('EmailMfaSettings');
  const bad = input.failure();
  if (bad) return bad;
  const r = await accessTokenUser(ctx, token!);
  if (isError(r)) return r;
  if (enabled === true && !r.user.softwareTokenSecret)
    return apiError('InvalidParameterException', 'User has not verified software token mfa');
  if (enabled === false && r.user.softwareTokenSecret)
    updateUser(ctx, r.pool.id, r.user.username, (u) => {
      const { softwareTokenSecret: _drop, ...rest } = u;
      return rest;
    });
  return ok({});
};
