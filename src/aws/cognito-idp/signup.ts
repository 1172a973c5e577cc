/**
 * Self sign-up: SignUp (password policy, SecretHash, a new UNCONFIRMED user with a `sub`, and a
 * six-digit code valid 24 hours "sent" to the first auto-verified attribute: the app and the serve
 * log show it as a `confirmation-code` note), ConfirmSignUp and ResendConfirmationCode; and the
 * password reset: ForgotPassword (a code valid one hour to a verified email or phone number) and
 * ConfirmForgotPassword.
 */
import type { UserPool, UserPoolUser } from '../../world/types';
import type { AwsContext } from '../context';
import type { Note } from '../service';
import { randomDigits, uuid } from '../random';
import { apiError, isError, HASH_CHARS, NON_SPACE, PRINTABLE, WORD_PLUS } from './input';
import type { Input } from './input';
import type { Failure, Operation } from './common';
import { ok } from './common';
import {
  attr,
  checkSecretHash,
  clientOf,
  findPool,
  findUser,
  isEmail,
  maskDestination,
  passwordProblem,
  replacePool,
  setAttr,
  updateUser,
} from './pools';
import { idpState } from './state';

const DAY = 24 * 3600 * 1000;

export function readClientId(input: Input): string | undefined {
  return input.str('ClientId', { required: true, min: 1, max: 128, pattern: [WORD_PLUS, '[\\w+]+'], sensitive: true });
}

export function readUsername(input: Input): string | undefined {
  return input.str('Username', {
    required: true,
    min: 1,
    max: 128,
    pattern: [PRINTABLE, '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+'],
    sensitive: true,
  });
}

function readSecretHash(input: Input): string | undefined {
  return input.str('SecretHash', { min: 1, max: 128, pattern: [HASH_CHARS, '[\\w+=/]+'], sensitive: true });
}

/** Where the code goes: the first auto-verified attribute the user has. */
function delivery(
  pool: UserPool,
  user: UserPoolUser,
): { attribute: 'email' | 'phone_number'; value: string } | undefined {
  for (const a of pool.autoVerifiedAttributes ?? []) {
    const v = attr(user, a);
    if (v) return { attribute: a, value: v };
  }
  return undefined;
}

/** A new confirmation code for the user, with its delivery details and the note that shows it. */
function sendCode(
  ctx: AwsContext,
  pool: UserPool,
  user: UserPoolUser,
): { details?: Record<string, string>; notes: Note[] } {
  const to = delivery(pool, user);
  if (!to) return { notes: [] };
  const code = randomDigits(ctx.random, 6);
  idpState(ctx.state).codes[`${pool.id}/${user.username}`] = { code, expires: ctx.clock.now() + DAY };
  const destination = maskDestination(to.attribute, to.value);
  return {
    details: {
      Destination: destination,
      DeliveryMedium: to.attribute === 'email' ? 'EMAIL' : 'SMS',
      AttributeName: to.attribute,
    },
    notes: [
      {
        kind: 'confirmation-code',
        message: `Cognito would send the confirmation code ${code} to ${to.value} (valid 24 hours)`,
        data: { userPoolId: pool.id, username: user.username, code, destination: to.value },
      },
    ],
  };
}

export const signUp: Operation = async (input, ctx) => {
  const clientId = readClientId(input);
  const secret = readSecretHash(input);
  const username = readUsername(input);
  const password = input.str('Password', { required: true, max: 256, pattern: [NON_SPACE, '[\\S]+'], sensitive: true });
  const attributes = input.attributes('UserAttributes') ?? [];
  input.attributes('ValidationData');
  input.stringMap('ClientMetadata');
  const bad = input.failure();
  if (bad) return bad;
  const found = clientOf(ctx.state.world, clientId!);
  if (isError(found)) return found;
  const { pool, client } = found;
  const hashProblem = checkSecretHash(client, secret, [username!]);
  if (hashProblem) return hashProblem;
  if (pool.allowAdminCreateUserOnly)
    return apiError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
  const byEmail = (pool.usernameAttributes ?? []).includes('email');
  if (byEmail && !isEmail(username!)) return apiError('InvalidParameterException', 'Username should be an email.');
  if (attributes.some((a) => a.name === 'sub'))
    return apiError(
      'InvalidParameterException',
      'Attributes did not conform to the schema: sub: Attribute cannot be written',
    );
  const weak = passwordProblem(pool, password!);
  if (weak) return weak;
  if (findUser(pool, username!))
    return apiError(
      'UsernameExistsException',
      byEmail ? 'An account with the given email already exists.' : 'User already exists',
    );
  const sub = uuid(ctx.random);
  let user: UserPoolUser = {
    username: byEmail ? sub : username!,
    attributes: [{ name: 'sub', value: sub }],
    userStatus: 'UNCONFIRMED',
    enabled: true,
    password: password!,
    userCreateDate: new Date(Math.floor(ctx.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
  };
  for (const a of attributes) user = setAttr(user, a.name, a.value);
  if (byEmail) user = setAttr(user, 'email', username!);
  ctx.state.world = replacePool(ctx.state.world, { ...pool, users: [...(pool.users ?? []), user] });
  const sent = sendCode(ctx, pool, user);
  const body: Record<string, unknown> = { UserConfirmed: false, UserSub: sub };
  if (sent.details) body['CodeDeliveryDetails'] = sent.details;
  return ok(body, sent.notes);
};

/** The client, its pool and the user a public call names (SECRET_HASH checked), or the error. */
function publicUser(
  ctx: AwsContext,
  clientId: string,
  username: string,
  secret: string | undefined,
  whenMissing: () => Failure,
): { pool: UserPool; user: UserPoolUser } | Failure {
  const found = clientOf(ctx.state.world, clientId);
  if (isError(found)) return found;
  const user = findUser(found.pool, username);
  const hashProblem = checkSecretHash(found.client, secret, user ? [username, user.username] : [username]);
  if (hashProblem) return hashProblem;
  if (!user) return whenMissing();
  return { pool: found.pool, user };
}

export const confirmSignUp: Operation = async (input, ctx) => {
  const clientId = readClientId(input);
  const secret = readSecretHash(input);
  const username = readUsername(input);
  const code = input.str('ConfirmationCode', { required: true, min: 1, max: 2048, pattern: [NON_SPACE, '[\\S]+'] });
  input.bool('ForceAliasCreation');
  input.stringMap('ClientMetadata');
  const bad = input.failure();
  if (bad) return bad;
  const found = clientOf(ctx.state.world, clientId!);
  if (isError(found)) return found;
  const hidden = found.client.preventUserExistenceErrors === 'ENABLED';
  const r = publicUser(ctx, clientId!, username!, secret, () =>
    hidden
      ? apiError('CodeMismatchException', 'Invalid verification code provided, please try again.')
      : apiError('UserNotFoundException', 'Username/client id combination not found.'),
  );
  if (isError(r)) return r;
  const { pool, user } = r;
  if (user.userStatus !== 'UNCONFIRMED')
    return apiError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.userStatus}`);
  const key = `${pool.id}/${user.username}`;
  const rec = idpState(ctx.state).codes[key];
  if (!rec || rec.code !== code)
    return apiError('CodeMismatchException', 'Invalid verification code provided, please try again.');
  if (rec.expires <= ctx.clock.now())
    return apiError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
  delete idpState(ctx.state).codes[key];
  const to = delivery(findPool(ctx.state.world, pool.id)!, user);
  updateUser(ctx, pool.id, user.username, (u) => {
    const confirmed: UserPoolUser = { ...u, userStatus: 'CONFIRMED' };
    return to ? setAttr(confirmed, `${to.attribute}_verified`, 'true') : confirmed;
  });
  return ok({});
};

export const resendConfirmationCode: Operation = async (input, ctx) => {
  const clientId = readClientId(input);
  const secret = readSecretHash(input);
  const username = readUsername(input);
  input.stringMap('ClientMetadata');
  const bad = input.failure();
  if (bad) return bad;
  const r = publicUser(ctx, clientId!, username!, secret, () =>
    apiError('UserNotFoundException', 'Username/client id combination not found.'),
  );
  if (isError(r)) return r;
  if (r.user.userStatus !== 'UNCONFIRMED') return apiError('InvalidParameterException', 'User is already confirmed.');
  const sent = sendCode(ctx, r.pool, r.user);
  if (!sent.details) return apiError('InvalidParameterException', 'Auto verification not turned on.');
  return ok({ CodeDeliveryDetails: sent.details }, sent.notes);
};

const HOUR = 3600 * 1000;

/** A verified email or phone number to send a reset code to. */
function verifiedChannel(user: UserPoolUser): { attribute: 'email' | 'phone_number'; value: string } | undefined {
  for (const a of ['email', 'phone_number'] as const) {
    const v = attr(user, a);
    if (v && attr(user, `${a}_verified`) === 'true') return { attribute: a, value: v };
  }
  return undefined;
}

export const forgotPassword: Operation = async (input, ctx) => {
  const clientId = readClientId(input);
  const secret = readSecretHash(input);
  const username = readUsername(input);
  input.stringMap('ClientMetadata');
  const bad = input.failure();
  if (bad) return bad;
  const r = publicUser(ctx, clientId!, username!, secret, () =>
    apiError('UserNotFoundException', 'Username/client id combination not found.'),
  );
  if (isError(r)) return r;
  const to = verifiedChannel(r.user);
  if (!to)
    return apiError(
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  const code = randomDigits(ctx.random, 6);
  idpState(ctx.state).codes[`${r.pool.id}/${r.user.username}#reset`] = { code, expires: ctx.clock.now() + HOUR };
  return ok(
    {
      CodeDeliveryDetails: {
        Destination: maskDestination(to.attribute, to.value),
        DeliveryMedium: to.attribute === 'email' ? 'EMAIL' : 'SMS',
        AttributeName: to.attribute,
      },
    },
    [
      {
        kind: 'confirmation-code',
        message: `Cognito would send the password reset code ${code} to ${to.value} (valid 1 hour)`,
        data: { userPoolId: r.pool.id, username: r.user.username, code, destination: to.value },
      },
    ],
  );
};

export const confirmForgotPassword: Operation = async (input, ctx) => {
  const clientId = readClientId(input);
  const secret = readSecretHash(input);
  const username = readUsername(input);
  const code = input.str('ConfirmationCode', { required: true, min: 1, max: 2048, pattern: [NON_SPACE, '[\\S]+'] });
  const password = input.str('Password', { required: true, max: 256, pattern: [NON_SPACE, '[\\S]+'], sensitive: true });
  input.stringMap('ClientMetadata');
  const bad = input.failure();
  if (bad) return bad;
  const r = publicUser(ctx, clientId!, username!, secret, () =>
    apiError('UserNotFoundException', 'Username/client id combination not found.'),
  );
  if (isError(r)) return r;
  const key = `${r.pool.id}/${r.user.username}#reset`;
  const rec = idpState(ctx.state).codes[key];
  if (!rec || rec.code !== code)
    return apiError('CodeMismatchException', 'Invalid verification code provided, please try again.');
  if (rec.expires <= ctx.clock.now())
    return apiError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
  const weak = passwordProblem(r.pool, password!);
  if (weak) return weak;
  delete idpState(ctx.state).codes[key];
  updateUser(ctx, r.pool.id, r.user.username, (u) => ({
    ...u,
    password: password!,
    userStatus:
      u.userStatus === 'RESET_REQUIRED' || u.userStatus === 'FORCE_CHANGE_PASSWORD' ? 'CONFIRMED' : u.userStatus,
  }));
  delete idpState(ctx.state).temporaryPasswords[`${r.pool.id}/${r.user.username}`];
  return ok({});
};
