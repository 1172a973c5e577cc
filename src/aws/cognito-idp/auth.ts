/**
 * Sign-in: InitiateAuth (USER_SRP_AUTH, USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH / REFRESH_TOKEN) and
 * RespondToAuthChallenge (PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA,
 * MFA_SETUP). After the password: a temporary password asks for a new one, an unconfirmed user is
 * refused, a TOTP user of a pool with MFA ON or OPTIONAL is asked for a code, and then the tokens.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import * as OTPAuth from 'otpauth';
import type { UserPool, UserPoolClient, UserPoolUser } from '../../world/types';
import type { AwsContext } from '../context';
import type { Note } from '../service';
import { uuid } from '../random';
import { apiError, isError } from './input';
import type { Failure, Operation, OpResult } from './common';
import { EXPIRED_SESSION, newSession, ok, pruneSessions, takeSession } from './common';
import { checkSecretHash, clientOf, findPool, passwordProblem, updateUser, attr } from './pools';
import { readClientId } from './signup';
import * as srp from './srp';
import { issueTokens } from './tokens';
import { idpState } from './state';
import type { AuthSession } from './state';

const FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
] as const;

const CHALLENGES = [
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
] as const;

/** How far the SRP `TIMESTAMP` may be from the simulated clock. */
export const SRP_TIMESTAMP_SKEW_MS = 5 * 60_000;

const WRONG_PASSWORD = (): Failure => apiError('NotAuthorizedException', 'Incorrect username or password.');
const missing = (p: string): Failure => apiError('InvalidParameterException', `Missing required parameter ${p}`);

function allows(client: UserPoolClient, flow: string): boolean {
  const flows = client.explicitAuthFlows ?? ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];
  return (flows as string[]).includes(flow);
}

/** The user a sign-in names, or the error the client's PreventUserExistenceErrors setting calls for. */
function signInUser(pool: UserPool, client: UserPoolClient, name: string): UserPoolUser | Failure {
  const users = pool.users ?? [];
  let user = users.find((u) => u.username === name);
  if (!user)
    for (const a of pool.usernameAttributes ?? []) {
      user = users.find((u) => (attr(u, a) ?? '').toLowerCase() === name.toLowerCase());
      if (user) break;
    }
  if (user) return user;
  return client.preventUserExistenceErrors === 'ENABLED'
    ? WRONG_PASSWORD()
    : apiError('UserNotFoundException', 'User does not exist.');
}

/** A stable salt per user (hex): derived, so an unknown user also gets the same one each time. */
function saltFor(poolId: string, username: string): string {
  return srp.bytesToHex(sha256(new TextEncoder().encode(`salt:${poolId}:${username}`)).slice(0, 16));
}

function temporaryPasswordExpired(ctx: AwsContext, pool: UserPool, user: UserPoolUser): boolean {
  const days = pool.passwordPolicy?.temporaryPasswordValidityDays ?? 7;
  if (days === 0) return false;
  const set =
    idpState(ctx.state).temporaryPasswords[`${pool.id}/${user.username}`] ?? Date.parse(user.userCreateDate ?? '');
  return !Number.isNaN(set) && ctx.clock.now() > set + days * 86_400_000;
}

/** What follows a proved password (or a new one, or an MFA code). */
async function afterPassword(
  ctx: AwsContext,
  pool: UserPool,
  client: UserPoolClient,
  user: UserPoolUser,
  passed: { newPassword?: boolean; mfa?: boolean } = {},
): Promise<OpResult> {
  if (user.enabled === false) return apiError('NotAuthorizedException', 'User is disabled.');
  if (user.userStatus === 'UNCONFIRMED') return apiError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.userStatus === 'RESET_REQUIRED')
    return apiError('PasswordResetRequiredException', 'Password reset required for the user');
  const base = { poolId: pool.id, clientId: client.clientId, username: user.username };
  if (user.userStatus === 'FORCE_CHANGE_PASSWORD' && !passed.newPassword) {
    if (temporaryPasswordExpired(ctx, pool, user))
      return apiError(
        'NotAuthorizedException',
        'Temporary password has expired and must be reset by an administrator.',
      );
    const attrs: Record<string, string> = {};
    for (const a of user.attributes) if (a.name !== 'sub' && !a.name.endsWith('_verified')) attrs[a.name] = a.value;
    return ok({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: newSession(ctx, { ...base, challenge: 'NEW_PASSWORD_REQUIRED' }),
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(attrs),
      },
    });
  }
  const mfa = pool.mfaConfiguration ?? 'OFF';
  if (mfa !== 'OFF' && !passed.mfa) {
    if (user.softwareTokenSecret)
      return ok({
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: newSession(ctx, { ...base, challenge: 'SOFTWARE_TOKEN_MFA' }),
        ChallengeParameters: {},
      });
    if (mfa === 'ON')
      return ok({
        ChallengeName: 'MFA_SETUP',
        Session: newSession(ctx, { ...base, challenge: 'MFA_SETUP' }),
        ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
      });
  }
  const signIn = { originJti: uuid(ctx.random), authTime: Math.floor(ctx.clock.now() / 1000) };
  const result = await issueTokens(ctx, pool, client, user, signIn, true);
  return ok({ ChallengeParameters: {}, AuthenticationResult: result });
}

export const initiateAuth: Operation = async (input, ctx) => {
  pruneSessions(ctx);
  const flow = input.str('AuthFlow', { required: true, values: FLOWS });
  const params = input.stringMap('AuthParameters') ?? {};
  const clientId = readClientId(input);
  input.stringMap('ClientMetadata');
  const bad = input.failure();
  if (bad) return bad;
  const found = clientOf(ctx.state.world, clientId!);
  if (isError(found)) return found;
  const { pool, client } = found;
  switch (flow) {
    case 'ADMIN_NO_SRP_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
      return apiError('InvalidParameterException', 'Initiate Auth method not supported.');
    case 'USER_SRP_AUTH':
      return srpStart(ctx, pool, client, params);
    case 'USER_PASSWORD_AUTH':
      return passwordAuth(ctx, pool, client, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshAuth(ctx, pool, client, params);
    case 'CUSTOM_AUTH':
      if (!allows(client, 'ALLOW_CUSTOM_AUTH'))
        return apiError('InvalidParameterException', 'Auth flow not enabled for this client');
      return apiError('InvalidParameterException', 'Custom auth lambda trigger is not configured for the user pool.');
    default:
      return apiError('InvalidParameterException', 'Auth flow not enabled for this client');
  }
};

async function srpStart(
  ctx: AwsContext,
  pool: UserPool,
  client: UserPoolClient,
  params: Record<string, string>,
): Promise<OpResult> {
  if (!allows(client, 'ALLOW_USER_SRP_AUTH'))
    return apiError('InvalidParameterException', 'Auth flow not enabled for this client');
  const name = params['USERNAME'];
  if (name === undefined) return missing('USERNAME');
  const aHex = params['SRP_A'];
  if (aHex === undefined) return missing('SRP_A');
  const A = srp.parseHexBig(aHex);
  if (A === undefined || A % srp.N === 0n)
    return apiError('InvalidParameterException', 'Invalid SRP_A: it must be a non-zero hex number modulo N');
  const found = signInUser(pool, client, name);
  const user = isError(found) ? undefined : found;
  if (isError(found) && found.type !== 'NotAuthorizedException') return found;
  const hashProblem = checkSecretHash(client, params['SECRET_HASH'], user ? [name, user.username] : [name]);
  if (hashProblem) return hashProblem;
  if (user?.enabled === false) return apiError('NotAuthorizedException', 'User is disabled.');
  const userId = user?.username ?? name;
  const salt = saltFor(pool.id, userId);
  const x = srp.passwordX(pool.id, userId, user?.password ?? '', salt);
  const v = srp.verifier(x);
  const b = BigInt('0x' + srp.bytesToHex(ctx.random.bytes(128)));
  const B = srp.serverB(v, b);
  const secretBlock = btoa(String.fromCharCode(...ctx.random.bytes(96)));
  const session = newSession(ctx, {
    poolId: pool.id,
    clientId: client.clientId,
    username: userId,
    challenge: 'PASSWORD_VERIFIER',
    srp: { b: b.toString(16), B: B.toString(16), A: A.toString(16), salt, secretBlock, userFound: user !== undefined },
  });
  return ok({
    ChallengeName: 'PASSWORD_VERIFIER',
    Session: session,
    ChallengeParameters: {
      SALT: salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: B.toString(16),
      USERNAME: userId,
      USER_ID_FOR_SRP: userId,
    },
  });
}

async function passwordAuth(
  ctx: AwsContext,
  pool: UserPool,
  client: UserPoolClient,
  params: Record<string, string>,
): Promise<OpResult> {
  if (!allows(client, 'ALLOW_USER_PASSWORD_AUTH'))
    return apiError('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client');
  const name = params['USERNAME'];
  if (name === undefined) return missing('USERNAME');
  const password = params['PASSWORD'];
  if (password === undefined) return missing('PASSWORD');
  const user = signInUser(pool, client, name);
  if (isError(user)) return user;
  const hashProblem = checkSecretHash(client, params['SECRET_HASH'], [name, user.username]);
  if (hashProblem) return hashProblem;
  if (user.enabled === false) return apiError('NotAuthorizedException', 'User is disabled.');
  if (user.password === undefined || user.password !== password) return WRONG_PASSWORD();
  return afterPassword(ctx, pool, client, user);
}

async function refreshAuth(
  ctx: AwsContext,
  pool: UserPool,
  client: UserPoolClient,
  params: Record<string, string>,
): Promise<OpResult> {
  if (!allows(client, 'ALLOW_REFRESH_TOKEN_AUTH'))
    return apiError('InvalidParameterException', 'Refresh Token auth flow not enabled for this client');
  const token = params['REFRESH_TOKEN'];
  if (token === undefined) return missing('REFRESH_TOKEN');
  const rec = idpState(ctx.state).refreshTokens[token];
  if (!rec || rec.clientId !== client.clientId || rec.poolId !== pool.id)
    return apiError('NotAuthorizedException', 'Invalid Refresh Token');
  const user = (pool.users ?? []).find((u) => u.username === rec.username);
  const sub = user ? attr(user, 'sub') : undefined;
  const hashProblem = checkSecretHash(client, params['SECRET_HASH'], [
    params['USERNAME'] ?? rec.username,
    rec.username,
    ...(sub ? [sub] : []),
  ]);
  if (hashProblem) return hashProblem;
  if (rec.revoked) return apiError('NotAuthorizedException', 'Refresh Token has been revoked');
  if (rec.expires <= ctx.clock.now()) return apiError('NotAuthorizedException', 'Refresh Token has expired');
  if (!user) return apiError('NotAuthorizedException', 'Invalid Refresh Token');
  if (user.enabled === false) return apiError('NotAuthorizedException', 'User is disabled.');
  const result = await issueTokens(
    ctx,
    pool,
    client,
    user,
    { originJti: rec.originJti, authTime: rec.authTime },
    false,
  );
  return ok({ ChallengeParameters: {}, AuthenticationResult: result });
}

export const respondToAuthChallenge: Operation = async (input, ctx) => {
  pruneSessions(ctx);
  const clientId = readClientId(input);
  const challenge = input.str('ChallengeName', { required: true, values: CHALLENGES });
  const session = input.str('Session', { min: 20, max: 2048 });
  const responses = input.stringMap('ChallengeResponses') ?? {};
  input.stringMap('ClientMetadata');
  const bad = input.failure();
  if (bad) return bad;
  const found = clientOf(ctx.state.world, clientId!);
  if (isError(found)) return found;
  const { client } = found;
  if (responses['USERNAME'] === undefined) return missing('USERNAME');
  let rec: AuthSession | Failure;
  if (challenge === 'PASSWORD_VERIFIER' && session === undefined) {
    const block = responses['PASSWORD_CLAIM_SECRET_BLOCK'];
    const hit = Object.entries(idpState(ctx.state).sessions).find(
      ([, s]) => s.srp !== undefined && s.srp.secretBlock === block && s.clientId === client.clientId,
    );
    rec = hit ? hit[1] : EXPIRED_SESSION();
    if (hit) delete idpState(ctx.state).sessions[hit[0]];
  } else {
    rec = takeSession(ctx, session, client.clientId);
    if (
      !isError(rec) &&
      rec.challenge === challenge &&
      (challenge === 'PASSWORD_VERIFIER' || challenge === 'MFA_SETUP')
    )
      delete idpState(ctx.state).sessions[session!];
  }
  if (isError(rec)) return rec;
  if (rec.challenge !== challenge)
    return apiError(
      'InvalidParameterException',
      `Invalid challenge ${challenge}: this session expects ${rec.challenge}`,
    );
  const pool = findPool(ctx.state.world, rec.poolId);
  const user = pool?.users?.find((u) => u.username === rec.username);
  const hashProblem = checkSecretHash(client, responses['SECRET_HASH'], [responses['USERNAME'], rec.username]);
  if (hashProblem) return hashProblem;
  switch (challenge) {
    case 'PASSWORD_VERIFIER': {
      const notes: Note[] = [];
      const proved = passwordVerifier(ctx, rec, responses, notes);
      if (!proved || !pool || !user || !rec.srp?.userFound) return { ...WRONG_PASSWORD(), notes };
      return afterPassword(ctx, pool, client, user);
    }
    case 'NEW_PASSWORD_REQUIRED': {
      if (!pool || !user) return EXPIRED_SESSION();
      const next = responses['NEW_PASSWORD'];
      if (next === undefined) return missing('NEW_PASSWORD');
      const weak = passwordProblem(pool, next);
      if (weak) return weak;
      delete idpState(ctx.state).sessions[session!];
      const updated = updateUser(ctx, pool.id, user.username, (u) => {
        let out: UserPoolUser = { ...u, password: next, userStatus: 'CONFIRMED' };
        for (const [k, v] of Object.entries(responses))
          if (k.startsWith('userAttributes.')) {
            const name = k.slice('userAttributes.'.length);
            if (name !== 'sub') {
              const has = out.attributes.some((a) => a.name === name);
              out = {
                ...out,
                attributes: has
                  ? out.attributes.map((a) => (a.name === name ? { name, value: v } : a))
                  : [...out.attributes, { name, value: v }],
              };
            }
          }
        return out;
      })!;
      delete idpState(ctx.state).temporaryPasswords[`${pool.id}/${user.username}`];
      return afterPassword(ctx, findPool(ctx.state.world, pool.id)!, client, updated, { newPassword: true });
    }
    case 'SOFTWARE_TOKEN_MFA': {
      if (!pool || !user || !user.softwareTokenSecret) return EXPIRED_SESSION();
      const code = responses['SOFTWARE_TOKEN_MFA_CODE'];
      if (code === undefined) return missing('SOFTWARE_TOKEN_MFA_CODE');
      if (!totpMatches(ctx, user.softwareTokenSecret, code))
        return apiError('CodeMismatchException', 'Invalid code or auth state for the user.');
      delete idpState(ctx.state).sessions[session!];
      return afterPassword(ctx, pool, client, user, { newPassword: true, mfa: true });
    }
    case 'MFA_SETUP': {
      if (!pool || !user) return EXPIRED_SESSION();
      if (!rec.verifiedSecret)
        return apiError(
          'InvalidParameterException',
          'Software token MFA has not been verified for this session: call VerifySoftwareToken first',
        );
      const updated = updateUser(ctx, pool.id, user.username, (u) => ({
        ...u,
        softwareTokenSecret: rec.verifiedSecret,
      }))!;
      return afterPassword(ctx, pool, client, updated, { newPassword: true, mfa: true });
    }
    default:
      return apiError('InvalidParameterException', `The challenge ${challenge} is not offered by this simulator`);
  }
};

/** Checks the SRP claim: the signature over the secret block and the timestamp, with the key S gives. */
function passwordVerifier(
  ctx: AwsContext,
  rec: AuthSession,
  responses: Record<string, string>,
  notes: Note[],
): boolean {
  const s = rec.srp;
  if (!s) return false;
  const signature = responses['PASSWORD_CLAIM_SIGNATURE'];
  const block = responses['PASSWORD_CLAIM_SECRET_BLOCK'];
  const timestamp = responses['TIMESTAMP'];
  if (signature === undefined || block === undefined || timestamp === undefined || block !== s.secretBlock)
    return false;
  const at = srp.parseSrpTimestamp(timestamp);
  if (at === undefined || Math.abs(at - ctx.clock.now()) > SRP_TIMESTAMP_SKEW_MS) {
    notes.push({
      kind: 'info',
      message: `The SRP TIMESTAMP "${timestamp}" is not within 5 minutes of the service's clock (${srp.srpTimestamp(ctx.clock.now())})`,
    });
    return false;
  }
  const pool = findPool(ctx.state.world, rec.poolId);
  const user = pool?.users?.find((u) => u.username === rec.username);
  const A = BigInt('0x' + s.A);
  const B = BigInt('0x' + s.B);
  const u = srp.scramble(A, B);
  if (u === 0n) return false;
  const v = srp.verifier(srp.passwordX(rec.poolId, rec.username, user?.password ?? '', s.salt));
  const S = srp.serverS(A, v, u, BigInt('0x' + s.b));
  const key = srp.sessionKey(S, u);
  let blockBytes: Uint8Array;
  try {
    blockBytes = Uint8Array.from(atob(s.secretBlock), (c) => c.charCodeAt(0));
  } catch {
    return false;
  }
  const expected = btoa(
    String.fromCharCode(...srp.claimSignature(key, rec.poolId, rec.username, blockBytes, timestamp)),
  );
  return expected === signature;
}

/** RFC 6238 (SHA-1, 6 digits, 30 s), one step either side, by the simulated clock. */
export function totpMatches(ctx: AwsContext, secret: string, code: string): boolean {
  if (!/^[0-9]{6}$/.test(code)) return false;
  try {
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(secret),
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
    return totp.validate({ token: code, timestamp: ctx.clock.now(), window: 1 }) !== null;
  } catch {
    return false;
  }
}
