import { afterEach, describe, expect, it, vi } from 'vitest';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { defaultWorld } from '../../world/default-world';
import { runFlow } from '../runner';
import { poolJwksOf } from '../common';
import type { FlowEnv, FlowRun, FlowStep } from '../types';
import { coverage, machinePaths, runPath, testRun } from '../testing';
import { userPoolFlow as flow } from './index';
import { TOTP_SECRET } from './steps';

const POOL = 'us-east-1_Pl4yGr0nd';
const CLIENT = '5ekq2vd8s7rj4ndm0m9ocpga1t';
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`;

const SIGNED_IN =
  'userPool.getUser:ok → clock.wait:ok → userPool.getUser:expired → auth.refresh:ok → userPool.getUser:ok → userPool.globalSignOut:ok';
const SUFFIXES = [
  'userPool.getUser:error',
  `${SIGNED_IN} → auth.refresh:revoked`,
  `${SIGNED_IN} → userPool.getUser:revoked`,
  'userPool.getUser:ok → clock.wait:ok → userPool.getUser:expired → userPool.globalSignOut:error',
];
const after = (prefix: string) => SUFFIXES.map((s) => `${prefix} → ${s}`);

function last(run: FlowRun): FlowStep {
  return run.steps[run.steps.length - 1]!;
}

function fact(step: FlowStep, label: string): string | undefined {
  return step.facts.find((f) => f.label === label)?.value;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('flow 1: user pool sign-up, SRP sign-in, refresh, sign-out', () => {
  it('has one path per way through, and no path a real run cannot take', () => {
    expect(machinePaths(flow)).toEqual(
      [
        'srp.initiate:error',
        'srp.initiate:ok → srp.respondPasswordVerifier:NEW_PASSWORD_REQUIRED → auth.respondNewPassword:error',
        ...after('srp.initiate:ok → srp.respondPasswordVerifier:NEW_PASSWORD_REQUIRED → auth.respondNewPassword:ok'),
        'srp.initiate:ok → srp.respondPasswordVerifier:SOFTWARE_TOKEN_MFA → auth.respondSoftwareTokenMfa:error',
        ...after('srp.initiate:ok → srp.respondPasswordVerifier:SOFTWARE_TOKEN_MFA → auth.respondSoftwareTokenMfa:ok'),
        'srp.initiate:ok → srp.respondPasswordVerifier:error',
        ...after('srp.initiate:ok → srp.respondPasswordVerifier:ok'),
        'userPool.signUp:error',
        'userPool.signUp:ok → userPool.confirmSignUp:error',
        'userPool.signUp:ok → userPool.confirmSignUp:ok → srp.initiate:error',
        'userPool.signUp:ok → userPool.confirmSignUp:ok → srp.initiate:ok → srp.respondPasswordVerifier:error',
        ...after('userPool.signUp:ok → userPool.confirmSignUp:ok → srp.initiate:ok → srp.respondPasswordVerifier:ok'),
        'userPool.signUp:ok → userPool.confirmSignUp:skipped → srp.initiate:ok → srp.respondPasswordVerifier:error',
      ].sort(),
    );
  });

  it('a new user signs up, confirms the emailed code, signs in with SRP, refreshes and signs out', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'new-user' });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.changes).toEqual([]);
    expect(runPath(run)).toBe(
      `userPool.signUp:ok → userPool.confirmSignUp:ok → srp.initiate:ok → srp.respondPasswordVerifier:ok → ${SIGNED_IN} → userPool.getUser:revoked`,
    );
    const [signUp, confirm, initiate, verify, getUser, wait, expired, refresh, getUser2, signOut, refused] = run.steps;
    // SignUp: the pool's confirmation-code note gives the code ConfirmSignUp sends.
    const code = fact(signUp!, 'The code in the email')!;
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(fact(signUp!, 'UserConfirmed')).toBe('false');
    expect(fact(signUp!, 'Code sent to')).toBe('l***@e***.com (EMAIL)');
    expect(JSON.parse(signUp!.messages[0]!.http.body)).toEqual({
      ClientId: CLIENT,
      Username: 'lena@example.com',
      Password: 'Maple-Lantern-31!',
      UserAttributes: [{ Name: 'email', Value: 'lena@example.com' }],
    });
    expect(JSON.parse(confirm!.messages[0]!.http.body)).toEqual({
      ClientId: CLIENT,
      Username: 'lena@example.com',
      ConfirmationCode: code,
    });
    expect(confirm!.messages.map((m) => m.label)).toEqual(['POST ConfirmSignUp', '200 OK']);
    // SRP: SRP_A out, the four challenge parameters back, and no password on the wire.
    const srpBody = JSON.parse(initiate!.messages[0]!.http.body) as { AuthParameters: Record<string, string> };
    expect(Object.keys(srpBody.AuthParameters).sort()).toEqual(['SRP_A', 'USERNAME']);
    const challenge = JSON.parse(initiate!.messages[1]!.http.body) as {
      ChallengeName: string;
      ChallengeParameters: Record<string, string>;
    };
    expect(challenge.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(challenge.ChallengeParameters).sort()).toEqual([
      'SALT',
      'SECRET_BLOCK',
      'SRP_B',
      'USERNAME',
      'USER_ID_FOR_SRP',
    ]);
    const answer = verify!.messages[0]!.http.body;
    expect(Object.keys((JSON.parse(answer) as { ChallengeResponses: object }).ChallengeResponses).sort()).toEqual([
      'PASSWORD_CLAIM_SECRET_BLOCK',
      'PASSWORD_CLAIM_SIGNATURE',
      'TIMESTAMP',
      'USERNAME',
    ]);
    for (const s of [initiate!, verify!]) expect(s.messages[0]!.http.body).not.toContain('Maple-Lantern-31!');
    expect(verify!.narration).toMatch(/the password never crosses the wire/);
    expect(verify!.tokens.map((t) => t.label)).toEqual(['ID token', 'Access token', 'Refresh token']);
    expect(verify!.tokens[0]!.payload?.['email']).toBe('lena@example.com');
    expect(verify!.tokens[0]!.payload?.['email_verified']).toBe(true);
    expect(fact(getUser!, 'email_verified')).toBe('true');
    // The wait moves the clock past the access token's exp; GetUser is then refused.
    const exp = Number(verify!.tokens[1]!.payload?.['exp']) * 1000;
    expect(wait!.messages).toEqual([]);
    expect(wait!.at).toBeGreaterThan(exp);
    expect(expired!.error).toEqual({
      code: 'NotAuthorizedException',
      message: 'Access Token has expired',
      step: 'userPool.getUser',
    });
    expect(expired!.messages.map((m) => m.label)).toEqual(['POST GetUser', '400 NotAuthorizedException']);
    // Refresh: new ID and access tokens, no new refresh token, the same sign-in.
    expect(refresh!.tokens.map((t) => t.label)).toEqual(['ID token', 'Access token']);
    expect(fact(refresh!, 'RefreshToken in the reply')).toBe('none');
    expect(refresh!.tokens[1]!.payload?.['origin_jti']).toBe(verify!.tokens[1]!.payload?.['origin_jti']);
    expect(refresh!.tokens[1]!.payload?.['auth_time']).toBe(verify!.tokens[1]!.payload?.['auth_time']);
    expect(refresh!.tokens[1]!.raw).not.toBe(verify!.tokens[1]!.raw);
    expect(getUser2!.error).toBeUndefined();
    expect(signOut!.messages.map((m) => m.label)).toEqual(['POST GlobalSignOut', '200 OK']);
    expect(refused!.state).toBe('done');
    expect(refused!.error).toEqual({
      code: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
      step: 'userPool.getUser',
    });
    expect(refused!.alternatives).toEqual(['auth.refresh']);
  }, 60_000);

  it('Sam’s temporary password gets NEW_PASSWORD_REQUIRED, then tokens for his new password', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'force-change-password' });
    expect(run.final.status).toBe('done');
    const [initiate, verify, newPassword] = run.steps;
    expect(JSON.parse(initiate!.messages[0]!.http.body)).toMatchObject({
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: 'sam@example.com' },
    });
    expect(verify!.outcome).toBe('NEW_PASSWORD_REQUIRED');
    expect(verify!.state).toBe('newPasswordRequired');
    expect(verify!.tokens).toEqual([]);
    expect(JSON.parse(verify!.messages[1]!.http.body)).toMatchObject({ ChallengeName: 'NEW_PASSWORD_REQUIRED' });
    expect(JSON.parse(newPassword!.messages[0]!.http.body)).toMatchObject({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ChallengeResponses: { USERNAME: 'c7d9e1f3-5a6b-4c8d-8e0f-1a2b3c4d5e6f', NEW_PASSWORD: 'Sunny-Harbor-58!' },
    });
    expect(newPassword!.tokens.map((t) => t.label)).toEqual(['ID token', 'Access token', 'Refresh token']);
    expect(newPassword!.tokens[0]!.payload?.['email']).toBe('sam@example.com');
  }, 60_000);

  it('with MFA OPTIONAL and a TOTP device, Maria answers SOFTWARE_TOKEN_MFA with the code for the clock', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'totp' });
    expect(run.final.status).toBe('done');
    expect(run.changes).toEqual([
      'Set the user pool’s MFA to OPTIONAL: users with an authenticator app are asked for a code.',
      `Gave maria@example.com an authenticator app (TOTP secret \`${TOTP_SECRET}\`).`,
    ]);
    const [, verify, mfa, getUser] = run.steps;
    expect(verify!.outcome).toBe('SOFTWARE_TOKEN_MFA');
    expect(verify!.tokens).toEqual([]);
    const code = fact(mfa!, 'Code')!;
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(JSON.parse(mfa!.messages[0]!.http.body)).toMatchObject({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ChallengeResponses: { SOFTWARE_TOKEN_MFA_CODE: code },
    });
    expect(mfa!.tokens.map((t) => t.label)).toEqual(['ID token', 'Access token', 'Refresh token']);
    expect(fact(getUser!, 'PreferredMfaSetting')).toBe('SOFTWARE_TOKEN_MFA');
  }, 60_000);

  it('Maria signs in straight away; her ID token carries her group and role', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'existing-user' });
    expect(run.final.status).toBe('done');
    expect(run.steps.map((s) => s.event).slice(0, 3)).toEqual([
      'srp.initiate',
      'srp.respondPasswordVerifier',
      'userPool.getUser',
    ]);
    const id = run.steps[1]!.tokens[0]!.payload!;
    expect(id['cognito:groups']).toEqual(['editors']);
    expect(id['cognito:preferred_role']).toBe('arn:aws:iam::111122223333:role/photos-app-editors');
    expect(fact(run.steps[2]!, 'Username')).toBe('a4e8b2c6-1d3f-4e5a-9b7c-2f6d8e0a1c3b');
    expect(fact(run.steps[2]!, 'email')).toBe('maria@example.com');
  }, 60_000);

  it('the learner’s other choices: sign out with an expired token, or refresh after signing out', async () => {
    const events = [
      'srp.initiate',
      'srp.respondPasswordVerifier',
      'userPool.getUser',
      'clock.wait',
      'userPool.getUser',
      'userPool.globalSignOut',
    ];
    const expired = await testRun(flow, defaultWorld(), { variant: 'existing-user' }, events);
    expect(expired.final).toEqual({ state: 'failed', status: 'failed' });
    expect(last(expired).error).toEqual({
      code: 'NotAuthorizedException',
      message: 'Access Token has expired',
      step: 'userPool.globalSignOut',
    });
    expect(last(expired).narration).toMatch(/Refresh first, then sign out/);
    expect(expired.steps[4]!.alternatives).toEqual([]);
    expect(expired.steps[5]!.alternatives).toEqual(['auth.refresh']);
    const refresh = await testRun(flow, defaultWorld(), { variant: 'existing-user' }, [
      ...events.slice(0, 5),
      'auth.refresh',
      'userPool.getUser',
      'userPool.globalSignOut',
      'auth.refresh',
    ]);
    expect(refresh.final).toEqual({ state: 'done', status: 'done' });
    expect(last(refresh).event).toBe('auth.refresh');
    expect(last(refresh).error).toEqual({
      code: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
      step: 'auth.refresh',
    });
  }, 60_000);

  const SWITCHES: { id: string; message: string }[] = [
    { id: 'wrong-password', message: 'Incorrect username or password.' },
    { id: 'unconfirmed', message: 'User is not confirmed.' },
    {
      id: 'weak-password',
      message: 'Password did not conform with policy: Password must have symbol characters',
    },
    { id: 'email-taken', message: 'An account with the given email already exists.' },
    { id: 'wrong-code', message: 'Invalid verification code provided, please try again.' },
    { id: 'late-code', message: 'Invalid code provided, please request a code again.' },
    { id: 'password-auth', message: 'USER_PASSWORD_AUTH flow not enabled for this client' },
    {
      id: 'temp-password-expired',
      message: 'Temporary password has expired and must be reset by an administrator.',
    },
    { id: 'wrong-totp', message: 'Invalid code or auth state for the user.' },
    { id: 'slow-mfa', message: 'Invalid session for the user, session is expired.' },
    { id: 'id-token', message: 'Invalid Access Token' },
  ];

  it('each break-it switch fails at its step with AWS’s code and message, whatever the variant', async () => {
    expect(SWITCHES.map((s) => s.id).sort()).toEqual(flow.switches.map((s) => s.id).sort());
    for (const s of SWITCHES) {
      const declared = flow.switches.find((w) => w.id === s.id)!.fails!;
      for (const variant of flow.variants.map((v) => v.id)) {
        // A weak password in Sam's variant is his new one, refused at the challenge.
        const step =
          s.id === 'weak-password' && variant === 'force-change-password' ? 'auth.respondNewPassword' : declared.step;
        const run = await testRun(flow, defaultWorld(), { variant, switches: [s.id] });
        const where = `${s.id} in ${variant}`;
        expect(run.final, where).toEqual({ state: 'failed', status: 'failed' });
        expect(last(run).error, where).toEqual({ code: declared.code, message: s.message, step });
        expect(last(run).messages[last(run).messages.length - 1]!.label, where).toBe(`400 ${declared.code}`);
        expect(run.steps.filter((x) => x.error).length, where).toBe(1);
      }
    }
  }, 120_000);

  it('a switch that belongs to one kind of user says so, and the run follows that user', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'existing-user', switches: ['temp-password-expired'] });
    expect(run.changes).toEqual([
      'The switch `temp-password-expired` is about sam@example.com and his temporary password: this run follows sam@example.com and his temporary password.',
      'Made sam@example.com’s account 11 days old: his temporary password (valid 7 days) has expired.',
    ]);
    expect(JSON.parse(run.steps[0]!.messages[0]!.http.body)).toMatchObject({
      AuthParameters: { USERNAME: 'sam@example.com' },
    });
    const signUp = await testRun(flow, defaultWorld(), { variant: 'totp', switches: ['wrong-code'] });
    expect(signUp.changes).toEqual([
      'The switch `wrong-code` is about a new user (lena@example.com signs up): this run follows a new user (lena@example.com signs up).',
    ]);
    expect(signUp.steps.map((x) => x.event)).toEqual(['userPool.signUp', 'userPool.confirmSignUp']);
  }, 60_000);

  it('the switches say what happened in the narration and the facts', async () => {
    const unconfirmed = await testRun(flow, defaultWorld(), { variant: 'new-user', switches: ['unconfirmed'] });
    expect(unconfirmed.steps[1]!.outcome).toBe('skipped');
    expect(unconfirmed.steps[1]!.messages).toEqual([]);
    const weak = await testRun(flow, defaultWorld(), {
      variant: 'force-change-password',
      switches: ['weak-password'],
    });
    expect(last(weak).error).toEqual({
      code: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have symbol characters',
      step: 'auth.respondNewPassword',
    });
    const wrongCode = await testRun(flow, defaultWorld(), { variant: 'new-user', switches: ['wrong-code'] });
    expect(fact(last(wrongCode), 'Code typed')).not.toBe(fact(last(wrongCode), 'Code emailed'));
    const expired = await testRun(flow, defaultWorld(), {
      variant: 'force-change-password',
      switches: ['temp-password-expired'],
    });
    expect(expired.changes).toEqual([
      'Made sam@example.com’s account 11 days old: his temporary password (valid 7 days) has expired.',
    ]);
    const passwordAuth = await testRun(flow, defaultWorld(), { variant: 'existing-user', switches: ['password-auth'] });
    expect(JSON.parse(last(passwordAuth).messages[0]!.http.body)).toMatchObject({
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'maria@example.com', PASSWORD: 'Correct-Horse-7' },
    });
  }, 60_000);

  it('a failure the default world cannot produce still ends the run in failed, with AWS’s error', async () => {
    // A learner's world whose app client no longer allows refresh tokens: the refresh step fails
    // where the machine expects none, and the root's catch-all ends the run.
    const world = defaultWorld();
    world.userPools![0]!.clients![0]!.explicitAuthFlows = ['ALLOW_USER_SRP_AUTH'];
    const run = await testRun(flow, world, { variant: 'existing-user' });
    expect(run.final).toEqual({ state: 'failed', status: 'failed' });
    expect(last(run).error).toEqual({
      code: 'InvalidParameterException',
      message: 'Refresh Token auth flow not enabled for this client',
      step: 'auth.refresh',
    });
    // Two switches at once (the tests' option sets try one at a time): refused at the first.
    const both = await testRun(flow, defaultWorld(), {
      variant: 'new-user',
      switches: ['unconfirmed', 'password-auth'],
    });
    expect(both.final.status).toBe('failed');
    expect(last(both).error?.step).toBe('srp.initiate');
    expect(last(both).error?.message).toBe('USER_PASSWORD_AUTH flow not enabled for this client');
  }, 60_000);

  it('real runs take every path of the machine, and no other', async () => {
    const c = await coverage(flow, defaultWorld());
    expect(c.strays).toEqual([]);
    expect(c.runs.every((r) => r.final.status !== 'stopped')).toBe(true);
    expect(c.missed).toEqual([]);
  }, 300_000);

  it('every ID and access token verifies with aws-jwt-verify and jose against the pool’s JWKS; one changed byte fails', async () => {
    let checked = 0;
    let keys: Awaited<ReturnType<typeof runFlow>>['keys'] | undefined;
    for (const variant of flow.variants.map((v) => v.id)) {
      const r = await runFlow({ flow, world: defaultWorld(), seed: 'jwt', options: { variant }, keys });
      keys = r.keys;
      const jwks = poolJwksOf({ state: { keys: r.keys } } as unknown as FlowEnv, POOL);
      const local = createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
      const verifiers = {
        'ID token': CognitoJwtVerifier.create({ userPoolId: POOL, tokenUse: 'id', clientId: CLIENT }),
        'Access token': CognitoJwtVerifier.create({ userPoolId: POOL, tokenUse: 'access', clientId: CLIENT }),
      };
      for (const v of Object.values(verifiers)) v.cacheJwks(jwks as unknown as Jwks);
      for (const step of r.run.steps)
        for (const t of step.tokens) {
          if (t.label === 'Refresh token') continue;
          const verifier = verifiers[t.label as keyof typeof verifiers];
          expect(verifier, t.label).toBeDefined();
          vi.useFakeTimers({ now: step.at, toFake: ['Date'] });
          const payload = await verifier.verify(t.raw);
          vi.useRealTimers();
          expect(payload['iss']).toBe(ISSUER);
          expect(payload['token_use']).toBe(t.label === 'ID token' ? 'id' : 'access');
          const { payload: p } = await jwtVerify(t.raw, local, { issuer: ISSUER, currentDate: new Date(step.at) });
          expect(p['sub']).toBe(payload['sub']);
          // One changed byte of the signature: both verifiers refuse it.
          const sig = t.raw.slice(t.raw.lastIndexOf('.') + 1);
          const flipped = t.raw.slice(0, t.raw.length - sig.length) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
          await expect(jwtVerify(flipped, local, { currentDate: new Date(step.at) })).rejects.toThrow(
            /signature verification failed/,
          );
          vi.useFakeTimers({ now: step.at, toFake: ['Date'] });
          await expect(verifier.verify(flipped)).rejects.toThrow(/Invalid signature/);
          vi.useRealTimers();
          checked++;
        }
    }
    // Four sign-ins and four refreshes, an ID and an access token each.
    expect(checked).toBe(16);
  }, 120_000);

  it('the same seed and options give the same run, byte for byte', async () => {
    const a = await testRun(flow, defaultWorld(), { variant: 'new-user' }, undefined, 'same');
    const b = await testRun(flow, defaultWorld(), { variant: 'new-user' }, undefined, 'same');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  }, 60_000);
});
