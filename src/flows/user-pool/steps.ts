/**
 * Flow 1's steps against the simulated user pool, each one exchange as the SDK sends it: SignUp,
 * ConfirmSignUp with the code the pool "emailed" (the service's `confirmation-code` note),
 * InitiateAuth with SRP_A, RespondToAuthChallenge with the password proof (then a new password or
 * a TOTP code when the pool asks), GetUser, a wait past the access token's expiry, refresh with
 * REFRESH_TOKEN_AUTH, and GlobalSignOut. Every answer is the service's own.
 */
import * as OTPAuth from 'otpauth';
import { decodeJwt } from 'jose';
import type { World, UserPool, UserPoolUser } from '../../world/types';
import { isoSeconds } from '../../aws/clock';
import type { FlowContext, FlowEnv, FlowExchange, FlowOptions, StepImpl, StepOutput } from '../types';
import { expiryText, failure, poolTokenSpecs, tokensOf } from '../common';
import type { PoolTokens } from '../common';
import { srpAnswer, srpStart } from '../srp-client';
import type { SrpChallenge } from '../srp-client';
import * as wire from '../wire';
import { storyOf } from './story';
import type { Story } from './story';

/** The app client the flow signs in with (in the default world: `photos-web` of `us-east-1_Pl4yGr0nd`). */
export const APP_CLIENT_NAME = 'photos-web';

/** The people of the variants. Lena is new (she signs up); Maria and Sam are in the default world. */
export const LENA = { username: 'lena@example.com', password: 'Maple-Lantern-31!' };
export const MARIA = { username: 'maria@example.com', password: 'Correct-Horse-7' };
export const SAM = { username: 'sam@example.com', password: 'Temp-Pass-2026!', newPassword: 'Sunny-Harbor-58!' };
/** What `weak-password` types: upper and lower case and digits, but no symbol. */
export const WEAK_PASSWORD = 'Lantern31';
/** Maria's authenticator app secret in the `totp` variant (base32, as AssociateSoftwareToken hands it out). */
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPKRSXG5DFON2GC3DF';
/** Sam's account in `temp-password-expired`: created 11 days before the run (temporary passwords last 7). */
const SAM_CREATED_LONG_AGO = '2026-11-20T09:00:00Z';

const HOUR = 3_600_000;

/** Who each story follows, for the sentences `prepare` returns. */
const WHO_TEXT: Record<Story, string> = {
  'new-user': `a new user (${LENA.username} signs up)`,
  'force-change-password': `${SAM.username} and his temporary password`,
  totp: `${MARIA.username} with an authenticator app`,
  'existing-user': MARIA.username,
};

interface Setup {
  poolId: string;
  clientId: string;
}

function setupOf(world: World): Setup {
  for (const p of world.userPools ?? []) {
    const c = p.clients?.find((x) => x.clientName === APP_CLIENT_NAME);
    if (c) return { poolId: p.id, clientId: c.clientId };
  }
  throw new Error(`the world has no user pool with the app client \`${APP_CLIENT_NAME}\``);
}

function userByEmail(pool: UserPool, email: string): UserPoolUser | undefined {
  return pool.users?.find((u) => u.attributes.some((a) => a.name === 'email' && a.value.toLowerCase() === email));
}

/** Adds what the variant and switches need: MFA OPTIONAL and a TOTP device; an old account for Sam. */
export function prepare(world: World, options: FlowOptions): { world: World; changes: string[] } {
  const changes: string[] = [];
  const s = setupOf(world);
  const pool = world.userPools!.find((p) => p.id === s.poolId)!;
  const story = storyOf(options);
  const chosen = options.variant ?? 'new-user';
  if (story !== chosen) {
    const on = (options.switches ?? []).find((id) => storyOf({ variant: chosen, switches: [id] }) === story);
    changes.push(`The switch \`${on ?? ''}\` is about ${WHO_TEXT[story]}: this run follows ${WHO_TEXT[story]}.`);
  }
  if (story === 'totp') {
    if (pool.mfaConfiguration !== 'ON' && pool.mfaConfiguration !== 'OPTIONAL') {
      pool.mfaConfiguration = 'OPTIONAL';
      changes.push('Set the user pool’s MFA to OPTIONAL: users with an authenticator app are asked for a code.');
    }
    const maria = userByEmail(pool, MARIA.username);
    if (maria && !maria.softwareTokenSecret) {
      maria.softwareTokenSecret = TOTP_SECRET;
      changes.push(`Gave ${MARIA.username} an authenticator app (TOTP secret \`${TOTP_SECRET}\`).`);
    }
  }
  if ((options.switches ?? []).includes('temp-password-expired')) {
    const sam = userByEmail(pool, SAM.username);
    if (sam) {
      sam.userCreateDate = SAM_CREATED_LONG_AGO;
      changes.push(`Made ${SAM.username}’s account 11 days old: his temporary password (valid 7 days) has expired.`);
    }
  }
  return { world, changes };
}

interface Who {
  username: string;
  password: string;
}

/** Who signs in: Lena (new-user, the default), Sam, or Maria. */
function whoOf(env: FlowEnv): Who {
  switch (storyOf(env.options)) {
    case 'force-change-password':
      return SAM;
    case 'totp':
    case 'existing-user':
      return MARIA;
    default:
      return LENA;
  }
}

function username(ctx: FlowContext, env: FlowEnv): string {
  return (ctx.data['username'] as string | undefined) ?? whoOf(env).username;
}

/** The password the user types at sign-in (wrong case with `wrong-password`). */
function typedPassword(ctx: FlowContext, env: FlowEnv): string {
  const p = (ctx.data['password'] as string | undefined) ?? whoOf(env).password;
  return env.on('wrong-password') ? p.toLowerCase() : p;
}

function tokensIn(ctx: FlowContext): PoolTokens {
  return ctx.data['tokens'] as PoolTokens;
}

/** A long hex or base64 value shortened for a fact line. */
function short(v: string): string {
  return v.length > 48 ? `${v.slice(0, 32)}… (${v.length} characters)` : v;
}

function body(x: FlowExchange): Record<string, unknown> {
  return wire.jsonOf(x.response.body) ?? {};
}

const signUp: StepImpl = async (_ctx, env) => {
  const s = setupOf(env.state.world);
  const email = env.on('email-taken') ? MARIA.username : LENA.username;
  const password = env.on('weak-password') ? WEAK_PASSWORD : LENA.password;
  const x = await env.send(
    wire.cognitoIdp(
      'SignUp',
      {
        ClientId: s.clientId,
        Username: email,
        Password: password,
        UserAttributes: [{ Name: 'email', Value: email }],
      },
      env.region,
    ),
  );
  const title = 'SignUp: a new, unconfirmed user';
  if (x.response.status !== 200)
    return failure('userPool.signUp', title, [x], (code, m) =>
      code === 'InvalidPasswordException'
        ? `The pool checks the password against its policy before it creates anyone, and refuses it: ${m}`
        : code === 'UsernameExistsException'
          ? `This pool signs users in by email, and ${email} already has an account: ${m}`
          : `The pool refused the sign-up: ${code}: ${m}`,
    );
  const b = body(x);
  const note = x.notes.find((n) => n.kind === 'confirmation-code');
  const code = note?.data?.['code'] ?? '';
  const delivery = (b['CodeDeliveryDetails'] ?? {}) as Record<string, string>;
  return {
    outcome: 'ok',
    title,
    narration: `The app sends SignUp with ${email} and the password Lena chose. This is the one call where the password itself goes to the pool (inside TLS): the pool checks it against its policy and keeps what it needs to check SRP proofs later. The new user is UNCONFIRMED, and the pool emails a six-digit code to ${delivery['Destination'] ?? email}.`,
    exchanges: [x],
    data: { username: email, password, code, userSub: b['UserSub'] },
    facts: [
      {
        label: 'UserSub',
        value: String(b['UserSub'] ?? ''),
        explain:
          'The user’s permanent id (`sub` in the tokens). With email as the user name, it is also the internal user name.',
      },
      { label: 'UserConfirmed', value: String(b['UserConfirmed']), explain: 'Not until ConfirmSignUp.' },
      {
        label: 'Code sent to',
        value: `${delivery['Destination'] ?? '—'} (${delivery['DeliveryMedium'] ?? '—'})`,
        explain: 'AWS masks the address in the reply; the code itself only goes to the inbox.',
      },
      {
        label: 'The code in the email',
        value: code,
        explain: note?.message ?? 'The simulator shows what Cognito would have emailed.',
      },
    ],
  };
};

/** The code with its last digit changed (a typo). */
function mistype(code: string): string {
  const last = Number(code.slice(-1));
  return code.slice(0, -1) + String((last + 1) % 10);
}

const confirmSignUp: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const user = username(ctx, env);
  if (env.on('unconfirmed'))
    return {
      outcome: 'skipped',
      title: 'Lena leaves without typing the code',
      narration:
        'Lena closes the tab before the email arrives, and comes back later to sign in. Nothing is sent: her account stays UNCONFIRMED.',
      exchanges: [],
      facts: [{ label: 'User status', value: 'UNCONFIRMED' }],
    };
  const late = env.on('late-code');
  if (late) env.clock.advance(25 * HOUR);
  const code = String(ctx.data['code'] ?? '');
  const typed = env.on('wrong-code') ? mistype(code) : code;
  const x = await env.send(
    wire.cognitoIdp('ConfirmSignUp', { ClientId: s.clientId, Username: user, ConfirmationCode: typed }, env.region),
  );
  const title = 'ConfirmSignUp with the emailed code';
  const facts = [
    { label: 'Code emailed', value: code },
    { label: 'Code typed', value: typed },
    ...(late ? [{ label: 'Typed at', value: `${isoSeconds(env.clock.now())} (25 hours after sign-up)` }] : []),
  ];
  if (x.response.status !== 200)
    return {
      ...failure('userPool.confirmSignUp', title, [x], (c, m) =>
        c === 'ExpiredCodeException'
          ? `The code was right, but it was valid 24 hours and Lena typed it 25 hours later: ${m} (ResendConfirmationCode sends a new one).`
          : c === 'CodeMismatchException'
            ? `One digit is wrong, so the pool refuses: ${m}`
            : `The pool refused the code: ${c}: ${m}`,
      ),
      facts,
    };
  return {
    outcome: 'ok',
    title,
    narration:
      'Lena types the code from the email. It proves she owns the address: the pool marks the user CONFIRMED and `email_verified` true. The reply is empty; she still has to sign in.',
    exchanges: [x],
    facts,
  };
};

const initiate: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const user = username(ctx, env);
  const exchanges: FlowExchange[] = [];
  let before = '';
  if (env.on('password-auth')) {
    const p = await env.send(
      wire.cognitoIdp(
        'InitiateAuth',
        {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: s.clientId,
          AuthParameters: { USERNAME: user, PASSWORD: typedPassword(ctx, env) },
        },
        env.region,
      ),
    );
    exchanges.push(p);
    if (p.response.status !== 200)
      return failure(
        'srp.initiate',
        'InitiateAuth (USER_PASSWORD_AUTH)',
        exchanges,
        (c, m) =>
          `The app put the password itself in AuthParameters. The app client allows only SRP and refresh, so the pool refuses the flow: ${c}: ${m}. The fix is SRP, not allowing USER_PASSWORD_AUTH.`,
      );
    before =
      'This app client accepts USER_PASSWORD_AUTH, so the password just crossed the wire (inside TLS). The app then signs in with SRP as it should. ';
  }
  const start = srpStart(env.random);
  const x = await env.send(
    wire.cognitoIdp(
      'InitiateAuth',
      { AuthFlow: 'USER_SRP_AUTH', ClientId: s.clientId, AuthParameters: { USERNAME: user, SRP_A: start.srpA } },
      env.region,
    ),
  );
  exchanges.push(x);
  const title = 'InitiateAuth (USER_SRP_AUTH): the app sends SRP_A';
  if (x.response.status !== 200)
    return failure('srp.initiate', title, exchanges, (c, m) => `The pool refused to start SRP: ${c}: ${m}`);
  const b = body(x);
  const p = (b['ChallengeParameters'] ?? {}) as Record<string, string>;
  return {
    outcome: 'ok',
    title,
    narration: `${before}The app picks a secret random number a and sends only SRP_A = g^a mod N with the user name: nothing in it reveals the password. The pool answers with the PASSWORD_VERIFIER challenge: SALT, SRP_B, SECRET_BLOCK and USER_ID_FOR_SRP, and a Session for the answer.`,
    exchanges,
    data: { username: user, srp: { a: start.a.toString(16), srpA: start.srpA }, challenge: p, session: b['Session'] },
    facts: [
      {
        label: 'SRP_A',
        value: short(start.srpA),
        explain: 'g^a mod N for a secret a the app keeps: a fresh public value for this sign-in only.',
      },
      {
        label: 'SALT',
        value: p['SALT'] ?? '',
        explain: 'The user’s salt: the pool’s password verifier was made from it and the password.',
      },
      {
        label: 'SRP_B',
        value: short(p['SRP_B'] ?? ''),
        explain: 'The pool’s public value, built from its own secret b and the password verifier.',
      },
      {
        label: 'SECRET_BLOCK',
        value: short(p['SECRET_BLOCK'] ?? ''),
        explain: 'An opaque block the app must sign and send back: it ties the proof to this sign-in.',
      },
      {
        label: 'USER_ID_FOR_SRP',
        value: p['USER_ID_FOR_SRP'] ?? '',
        explain: 'The internal user name (here the `sub`) that goes into the proof, not the email typed.',
      },
    ],
  };
};

/** The tokens a step received, with their panels and the data to keep. */
function signedIn(
  env: FlowEnv,
  s: Setup,
  x: FlowExchange,
  tokens: PoolTokens,
  title: string,
  narration: string,
  facts: StepOutput['facts'] = [],
): StepOutput {
  const exp = decodeJwt(tokens.accessToken).exp ?? 0;
  const result = body(x)['AuthenticationResult'] as Record<string, unknown> | undefined;
  return {
    outcome: 'ok',
    title,
    narration,
    exchanges: [x],
    tokens: poolTokenSpecs(env, s.poolId, s.clientId, tokens),
    data: { tokens },
    facts: [
      ...(facts ?? []),
      {
        label: 'Access token expires',
        value: expiryText(exp * 1000, env.clock.now()),
        explain: `ExpiresIn ${String(result?.['ExpiresIn'])} seconds: the app client’s access token validity.`,
      },
    ],
  };
}

/** The challenge a RespondToAuthChallenge reply asks for next. */
function nextChallenge(x: FlowExchange): { name: string; session: string; parameters: Record<string, string> } {
  const b = body(x);
  return {
    name: String(b['ChallengeName'] ?? ''),
    session: String(b['Session'] ?? ''),
    parameters: (b['ChallengeParameters'] ?? {}) as Record<string, string>,
  };
}

/** A challenge this flow does not walk through (MFA_SETUP when the learner's pool has MFA ON). */
function unsupported(step: string, title: string, x: FlowExchange, name: string): StepOutput {
  return {
    outcome: 'error',
    title,
    narration: `The pool asks for ${name}, which this flow does not walk through.`,
    exchanges: [x],
    error: { code: name, message: `The pool answered the challenge ${name}.`, step },
  };
}

const respondPasswordVerifier: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const saved = ctx.data['srp'] as { a: string; srpA: string };
  const challenge = ctx.data['challenge'] as SrpChallenge;
  const typed = typedPassword(ctx, env);
  const answer = srpAnswer(
    { a: BigInt('0x' + saved.a), srpA: saved.srpA },
    s.poolId,
    challenge,
    typed,
    env.clock.now(),
  );
  const x = await env.send(
    wire.cognitoIdp(
      'RespondToAuthChallenge',
      {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: s.clientId,
        ChallengeResponses: answer,
        Session: ctx.data['session'],
      },
      env.region,
    ),
  );
  const title = 'RespondToAuthChallenge (PASSWORD_VERIFIER): the password proof';
  const proof =
    'The app combines its secret a, SRP_B, the SALT and the password into a key, and signs pool name | USER_ID_FOR_SRP | SECRET_BLOCK | TIMESTAMP with it: PASSWORD_CLAIM_SIGNATURE. The pool derives the same key from its password verifier and checks the signature; the password never crosses the wire.';
  const facts: StepOutput['facts'] = [
    {
      label: 'PASSWORD_CLAIM_SIGNATURE',
      value: answer.PASSWORD_CLAIM_SIGNATURE,
      explain: 'HMAC-SHA256 with the shared SRP key: only someone who knows the password can compute that key.',
    },
    {
      label: 'TIMESTAMP',
      value: answer.TIMESTAMP,
      explain:
        'The app’s clock, in the format AWS’s SDKs use; it is signed with the rest, so the proof belongs to this moment.',
    },
  ];
  if (x.response.status !== 200)
    return {
      ...failure('srp.respondPasswordVerifier', title, [x], (c, m) =>
        c === 'UserNotConfirmedException'
          ? `${proof} The proof is right, but Lena never confirmed her email, so the pool gives no tokens: ${m}`
          : m === 'Temporary password has expired and must be reset by an administrator.'
            ? `${proof} The temporary password is right but older than the pool’s 7 days: ${m}`
            : c === 'NotAuthorizedException' && m === 'Incorrect username or password.'
              ? `${proof} The password typed was wrong, so the key and the signature are wrong: ${m} The same words for an unknown user, so an attacker learns nothing about who exists.`
              : `${proof} The pool refused: ${c}: ${m}`,
      ),
      facts,
    };
  const tokens = tokensOf(x);
  if (tokens)
    return signedIn(
      env,
      s,
      x,
      tokens,
      title,
      `${proof} The pool answers with an ID token (who the user is, for the app), an access token (for the user pool’s own API) and a refresh token (to get new ones).`,
      facts,
    );
  const next = nextChallenge(x);
  if (next.name === 'NEW_PASSWORD_REQUIRED')
    return {
      outcome: 'NEW_PASSWORD_REQUIRED',
      title,
      narration: `${proof} The password was right, but it is a temporary one an administrator set: instead of tokens the pool answers NEW_PASSWORD_REQUIRED, with a new Session.`,
      exchanges: [x],
      data: { session: next.session, challenge: { ...challenge, ...next.parameters } },
      facts: [
        ...facts,
        {
          label: 'userAttributes',
          value: next.parameters['userAttributes'] ?? '',
          explain: 'The user’s current attributes, for a form; requiredAttributes lists any the user must fill in.',
        },
      ],
    };
  if (next.name === 'SOFTWARE_TOKEN_MFA')
    return {
      outcome: 'SOFTWARE_TOKEN_MFA',
      title,
      narration: `${proof} The password was right; the pool’s MFA is on for this user and she has an authenticator app, so the pool answers SOFTWARE_TOKEN_MFA and waits for a six-digit code.`,
      exchanges: [x],
      data: { session: next.session },
      facts,
    };
  return unsupported('srp.respondPasswordVerifier', title, x, next.name);
};

const respondNewPassword: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const challenge = ctx.data['challenge'] as SrpChallenge;
  const next = env.on('weak-password') ? WEAK_PASSWORD : SAM.newPassword;
  const x = await env.send(
    wire.cognitoIdp(
      'RespondToAuthChallenge',
      {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ClientId: s.clientId,
        ChallengeResponses: { USERNAME: challenge.USER_ID_FOR_SRP, NEW_PASSWORD: next },
        Session: ctx.data['session'],
      },
      env.region,
    ),
  );
  const title = 'RespondToAuthChallenge (NEW_PASSWORD_REQUIRED)';
  if (x.response.status !== 200)
    return failure('auth.respondNewPassword', title, [x], (c, m) =>
      c === 'InvalidPasswordException'
        ? `The new password goes to the pool (this challenge sends it, inside TLS), which checks it against the policy and refuses it: ${m}`
        : `The pool refused the new password: ${c}: ${m}`,
    );
  const tokens = tokensOf(x);
  if (!tokens) return unsupported('auth.respondNewPassword', title, x, nextChallenge(x).name);
  return signedIn(
    env,
    s,
    x,
    tokens,
    title,
    'Sam chooses his own password and the app sends it with the Session. The pool checks it against the policy, replaces the temporary one, marks him CONFIRMED and returns the three tokens.',
  );
};

const respondSoftwareTokenMfa: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const slow = env.on('slow-mfa');
  if (slow) env.clock.advance(4 * 60_000);
  const pool = env.state.world.userPools?.find((p) => p.id === s.poolId);
  const user = pool?.users?.find((u) => u.username === (ctx.data['challenge'] as SrpChallenge).USER_ID_FOR_SRP);
  const secret = user?.softwareTokenSecret ?? TOTP_SECRET;
  const behind = env.on('wrong-totp') ? 120_000 : 0;
  const at = env.clock.now() - behind;
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  });
  const code = totp.generate({ timestamp: at });
  const x = await env.send(
    wire.cognitoIdp(
      'RespondToAuthChallenge',
      {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ClientId: s.clientId,
        ChallengeResponses: {
          USERNAME: (ctx.data['challenge'] as SrpChallenge).USER_ID_FOR_SRP,
          SOFTWARE_TOKEN_MFA_CODE: code,
        },
        Session: ctx.data['session'],
      },
      env.region,
    ),
  );
  const title = 'RespondToAuthChallenge (SOFTWARE_TOKEN_MFA)';
  const facts: StepOutput['facts'] = [
    {
      label: 'Code',
      value: code,
      explain: `HMAC-SHA1 of the shared secret and the 30-second step ${Math.floor(at / 30_000)} (${isoSeconds(at)}), 6 digits (RFC 6238).`,
    },
    ...(behind ? [{ label: 'Phone clock', value: `${isoSeconds(at)} (2 minutes behind)` }] : []),
    ...(slow ? [{ label: 'Sent at', value: `${isoSeconds(env.clock.now())} (4 minutes after the challenge)` }] : []),
  ];
  if (x.response.status !== 200)
    return {
      ...failure('auth.respondSoftwareTokenMfa', title, [x], (c, m) =>
        c === 'CodeMismatchException'
          ? `The pool computes the code for its own clock, one step either side; a code from 2 minutes ago is not among them: ${m}`
          : m === 'Invalid session for the user, session is expired.'
            ? `The code is right, but the challenge’s Session lasts 3 minutes and this answer came after 4: ${m} The user must sign in again.`
            : `The pool refused the code: ${c}: ${m}`,
      ),
      facts,
    };
  const tokens = tokensOf(x);
  if (!tokens) return unsupported('auth.respondSoftwareTokenMfa', title, x, nextChallenge(x).name);
  return signedIn(
    env,
    s,
    x,
    tokens,
    title,
    'The authenticator app computes a six-digit code from the secret it shares with the pool and the current 30-second step; the app sends it with the Session. The pool computes the same code, and only then returns the tokens: a stolen password alone is not enough.',
    facts,
  );
};

const getUser: StepImpl = async (ctx, env) => {
  const t = tokensIn(ctx);
  const useId = env.on('id-token');
  const x = await env.send(wire.cognitoIdp('GetUser', { AccessToken: useId ? t.idToken : t.accessToken }, env.region));
  const title = useId ? 'GetUser with the ID token' : 'GetUser with the access token';
  const err = wire.errorOf(x.response);
  const at = isoSeconds(env.clock.now());
  if (err?.code === 'NotAuthorizedException' && err.message === 'Access Token has expired')
    return {
      outcome: 'expired',
      title,
      narration: `At ${at} the access token is past its \`exp\`, so the pool refuses it: ${err.message}. Its signature is still fine; time alone ended it. The app must refresh.`,
      exchanges: [x],
      error: { ...err, step: 'userPool.getUser' },
    };
  if (err?.code === 'NotAuthorizedException' && err.message === 'Access Token has been revoked')
    return {
      outcome: 'revoked',
      title,
      narration: `The access token has not expired yet, but GlobalSignOut revoked every token of this sign-in, and the pool checks that on its own API: ${err.message}. (Elsewhere, a service that only checks the JWT would accept it until \`exp\`.)`,
      exchanges: [x],
      error: { ...err, step: 'userPool.getUser' },
    };
  if (err)
    return failure('userPool.getUser', title, [x], (c, m) =>
      useId
        ? `GetUser wants the access token (\`token_use: access\`, signed with the pool’s access-token key). The ID token is signed with the other key, so the pool refuses it: ${c}: ${m}`
        : `The pool refused the token: ${c}: ${m}`,
    );
  const b = body(x);
  const attrs = (b['UserAttributes'] ?? []) as { Name: string; Value: string }[];
  return {
    outcome: 'ok',
    title,
    narration: `The app calls the user pool’s own API with the access token (no AWS credentials: the token is the authorization). The pool checks its signature, expiry and revocation, and returns the user: ${String(b['Username'])} with ${attrs.length} attributes.`,
    exchanges: [x],
    facts: [
      { label: 'Username', value: String(b['Username'] ?? ''), explain: 'The internal user name (the `sub`).' },
      ...attrs.filter((a) => a.Name !== 'sub').map((a) => ({ label: a.Name, value: a.Value })),
      ...(b['PreferredMfaSetting'] ? [{ label: 'PreferredMfaSetting', value: String(b['PreferredMfaSetting']) }] : []),
    ],
  };
};

const wait: StepImpl = async (ctx, env) => {
  const t = tokensIn(ctx);
  const exp = (decodeJwt(t.accessToken).exp ?? 0) * 1000;
  const from = env.clock.now();
  const until = Math.max(exp, from) + 60_000;
  env.clock.advance(until - from);
  return {
    outcome: 'ok',
    title: 'An hour passes',
    narration: `The app stays open while ${whoOf(env).username} does something else. The simulated clock moves from ${isoSeconds(from)} to ${isoSeconds(until)}, a minute past the access token’s \`exp\`. Nothing is sent.`,
    exchanges: [],
    facts: [
      { label: 'Clock before', value: isoSeconds(from) },
      { label: 'Access token exp', value: isoSeconds(exp) },
      { label: 'Clock now', value: isoSeconds(until) },
    ],
  };
};

const refresh: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const t = tokensIn(ctx);
  const x = await env.send(
    wire.cognitoIdp(
      'InitiateAuth',
      { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: s.clientId, AuthParameters: { REFRESH_TOKEN: t.refreshToken } },
      env.region,
    ),
  );
  const title = 'InitiateAuth (REFRESH_TOKEN_AUTH)';
  const err = wire.errorOf(x.response);
  if (err?.code === 'NotAuthorizedException' && err.message === 'Refresh Token has been revoked')
    return {
      outcome: 'revoked',
      title,
      narration: `GlobalSignOut also revoked the refresh token, so the app cannot get new tokens: ${err.message}. The user must sign in again.`,
      exchanges: [x],
      error: { ...err, step: 'auth.refresh' },
    };
  if (err) return failure('auth.refresh', title, [x], (c, m) => `The pool refused the refresh token: ${c}: ${m}`);
  const fresh = tokensOf(x);
  if (!fresh) return failure('auth.refresh', title, [x], () => 'The reply held no tokens.');
  const kept: PoolTokens = { idToken: fresh.idToken, accessToken: fresh.accessToken, refreshToken: t.refreshToken };
  const old = decodeJwt(t.accessToken);
  const now = decodeJwt(fresh.accessToken);
  const out = signedIn(
    env,
    s,
    x,
    { idToken: fresh.idToken, accessToken: fresh.accessToken },
    title,
    'The app sends the refresh token (no password, no SRP) and gets a new ID token and a new access token, valid another hour. No new refresh token: the app keeps the one it has, valid 30 days from the sign-in.',
    [
      {
        label: 'RefreshToken in the reply',
        value: fresh.refreshToken ? 'yes' : 'none',
        explain: 'REFRESH_TOKEN_AUTH returns only ID and access tokens; the app keeps its refresh token.',
      },
      {
        label: 'auth_time',
        value: `${isoSeconds(Number(now['auth_time']) * 1000)} (unchanged: ${now['auth_time'] === old['auth_time'] ? 'yes' : 'no'})`,
        explain: 'Still the time the user signed in: a refresh is not a new sign-in.',
      },
      {
        label: 'origin_jti',
        value: `${String(now['origin_jti'])} (the same as before: ${now['origin_jti'] === old['origin_jti'] ? 'yes' : 'no'})`,
        explain: 'Ties the new tokens to the original sign-in, so a sign-out revokes them too.',
      },
    ],
  );
  return { ...out, data: { tokens: kept } };
};

const globalSignOut: StepImpl = async (ctx, env) => {
  const t = tokensIn(ctx);
  const x = await env.send(wire.cognitoIdp('GlobalSignOut', { AccessToken: t.accessToken }, env.region));
  const title = 'GlobalSignOut';
  if (x.response.status !== 200)
    return failure('userPool.globalSignOut', title, [x], (c, m) =>
      m === 'Access Token has expired'
        ? `GlobalSignOut needs a valid access token, and this one expired: ${m}. Refresh first, then sign out.`
        : `The pool refused the sign-out: ${c}: ${m}`,
    );
  return {
    outcome: 'ok',
    title,
    narration:
      'The user signs out everywhere: the pool revokes the refresh tokens of every sign-in of this user, and the access tokens issued from them. The app also forgets its tokens, but that alone would not stop a copy.',
    exchanges: [x],
    data: { signedOut: true },
  };
};

export const steps: Record<string, StepImpl> = {
  'userPool.signUp': signUp,
  'userPool.confirmSignUp': confirmSignUp,
  'srp.initiate': initiate,
  'srp.respondPasswordVerifier': respondPasswordVerifier,
  'auth.respondNewPassword': respondNewPassword,
  'auth.respondSoftwareTokenMfa': respondSoftwareTokenMfa,
  'userPool.getUser': getUser,
  'clock.wait': wait,
  'auth.refresh': refresh,
  'userPool.globalSignOut': globalSignOut,
};
