import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { defaultWorld } from '../../world/default-world';
import { identityPoolBasic as flow } from './index';
import { coverage, machinePaths, testRun } from '../testing';
import { runFlow } from '../runner';
import { OTHER } from './steps';

const POOL = 'us-east-1:7b0e4c1a-3f2d-4e6b-9a8c-5d1e2f3a4b6c';
const AUTH_ROLE = 'arn:aws:iam::111122223333:role/photos-app-authenticated';

describe('flow 3: identity pool, basic (classic) flow', () => {
  it('has a path to done and one to failed at every step; after the wait STS can only refuse', () => {
    const pre = 'userPool.signIn:ok → idpool.getId:ok → idpool.getOpenIdToken:ok';
    expect(machinePaths(flow)).toEqual([
      'userPool.signIn:error',
      'userPool.signIn:ok → idpool.getId:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getOpenIdToken:error',
      `${pre} → app.wait:ok → sts.assumeRoleWithWebIdentity:error`,
      `${pre} → sts.assumeRoleWithWebIdentity:error`,
      `${pre} → sts.assumeRoleWithWebIdentity:ok → sts.getCallerIdentity:error`,
      `${pre} → sts.assumeRoleWithWebIdentity:ok → sts.getCallerIdentity:ok → attacker.assumeRoleWithWebIdentity:allowed`,
      `${pre} → sts.assumeRoleWithWebIdentity:ok → sts.getCallerIdentity:ok → attacker.assumeRoleWithWebIdentity:refused`,
    ]);
  });

  it('maria gets the role the app asks for, decided by its trust policy; a guest of the pool is refused', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'authenticated-role' });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.changes).toEqual([
      'Turned on `AllowClassicFlow` on the identity pool `photos_app_identities`: the basic flow is off by default.',
    ]);
    expect(run.steps.map((s) => s.event)).toEqual([
      'userPool.signIn',
      'idpool.getId',
      'idpool.getOpenIdToken',
      'sts.assumeRoleWithWebIdentity',
      'sts.getCallerIdentity',
      'attacker.assumeRoleWithWebIdentity',
    ]);
    const token = run.steps[2]!.tokens[0]!;
    expect(token.label).toBe('OpenID token (identity pool)');
    expect(token.payload?.['iss']).toBe('https://cognito-identity.amazonaws.com');
    expect(token.payload?.['aud']).toBe(POOL);
    expect(token.payload?.['amr']).toEqual([
      'authenticated',
      'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd',
      'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd:CognitoSignIn:a4e8b2c6-1d3f-4e5a-9b7c-2f6d8e0a1c3b',
    ]);
    expect(Number(token.payload?.['exp']) - Number(token.payload?.['iat'])).toBe(600);
    const assume = run.steps[3]!;
    expect(assume.credentials?.arn).toBe('arn:aws:sts::111122223333:assumed-role/photos-app-authenticated/photos-web');
    expect(assume.credentials?.source).toBe('AssumeRoleWithWebIdentity');
    expect(assume.decision?.decision).toBe('Allow');
    expect(assume.decision?.action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(assume.decision?.resource).toBe(AUTH_ROLE);
    expect(assume.decision?.request.context?.['cognito-identity.amazonaws.com:aud']).toBe(POOL);
    expect(assume.messages.map((m) => `${m.from}→${m.to} ${m.label}`)).toEqual([
      'app→sts POST AssumeRoleWithWebIdentity',
      'sts→app 200 OK',
    ]);
    expect(run.steps[4]!.facts[0]?.value).toBe(
      'arn:aws:sts::111122223333:assumed-role/photos-app-authenticated/photos-web',
    );
    const guest = run.steps[5]!;
    expect(guest.outcome).toBe('refused');
    expect(guest.messages[0]?.from).toBe('attacker');
    expect(guest.messages.filter((m) => m.kind === 'request').map((m) => m.label)).toEqual([
      'POST GetId',
      'POST GetOpenIdToken',
      'POST AssumeRoleWithWebIdentity',
    ]);
    expect(guest.messages[guest.messages.length - 1]?.label).toBe('403 AccessDenied');
    expect(guest.tokens[0]?.payload?.['amr']).toEqual(['unauthenticated']);
    expect(guest.decision?.decision).toBe('ImplicitDeny');
  }, 60_000);

  it('in the basic flow a user in no group gets the editors role: nothing looks at groups', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'editors-role' });
    expect(run.final.status).toBe('done');
    expect(run.changes[1]).toBe('Added the user `lee@example.com` (in no group) to the user pool.');
    expect(run.steps[3]!.credentials?.arn).toBe('arn:aws:sts::111122223333:assumed-role/photos-app-editors/photos-web');
    expect(run.steps[3]!.decision?.decision).toBe('Allow');
    expect(run.steps[3]!.narration).toMatch(/Lee is in no group/);
  }, 60_000);

  it('each failing break-it switch fails where it says, with AWS’s code and message', async () => {
    const messages: Record<string, string> = {};
    for (const s of flow.switches.filter((w) => w.fails)) {
      const run = await testRun(flow, defaultWorld(), { switches: [s.id] });
      const last = run.steps[run.steps.length - 1]!;
      expect(run.final.status, s.id).toBe('failed');
      expect(last.event, s.id).toBe(s.fails!.step);
      expect(last.error?.code, s.id).toBe(s.fails!.code);
      messages[s.id] = last.error!.message;
      if (s.id === 'expired-openid-token') expect(run.steps[3]!.event).toBe('app.wait');
    }
    expect(messages).toEqual({
      'expired-openid-token':
        'Token expired: current date/time 1796116260 must be before the expiration date/time 1796116200',
      'wrong-kid':
        'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
      'classic-off': 'Basic (classic) flow is not enabled, please use enhanced flow.',
    });
  }, 60_000);

  it('a trust policy without `aud` lets a user of someone else’s identity pool assume the role', async () => {
    const run = await testRun(flow, defaultWorld(), { switches: ['no-aud'] });
    expect(run.final.status).toBe('done');
    const other = run.steps[5]!;
    expect(other.outcome).toBe('allowed');
    expect(other.tokens[0]?.payload?.['aud']).toBe(OTHER.identityPoolId);
    expect(other.credentials?.arn).toBe('arn:aws:sts::111122223333:assumed-role/photos-app-authenticated/not-the-app');
    expect(other.decision?.decision).toBe('Allow');
    expect(other.narration).toMatch(/^The risk, shown: mallory@example.net/);
    expect(flow.switches.find((s) => s.id === 'no-aud')?.risk).toMatch(/Any identity pool/);
  }, 60_000);

  it('a trust policy without `amr` lets a guest assume the signed-in users’ role', async () => {
    const run = await testRun(flow, defaultWorld(), { switches: ['no-amr'] });
    const guest = run.steps[5]!;
    expect(guest.outcome).toBe('allowed');
    expect(guest.tokens[0]?.payload?.['amr']).toEqual(['unauthenticated']);
    expect(guest.credentials?.arn).toBe('arn:aws:sts::111122223333:assumed-role/photos-app-authenticated/not-the-app');
    expect(guest.narration).toMatch(/a guest’s token matches/);
  }, 60_000);

  it('the OpenID token verifies with the identity pools’ JWKS, and one changed byte fails', async () => {
    const r = await runFlow({ flow, world: defaultWorld(), seed: 'jwks' });
    const step = r.run.steps[2]!;
    const raw = step.tokens[0]!.raw;
    const jwks = createLocalJWKSet({ keys: [r.keys['cognito-identity']!.publicJwk] });
    const options = {
      issuer: 'https://cognito-identity.amazonaws.com',
      audience: POOL,
      currentDate: new Date(step.at),
    };
    const { payload, protectedHeader } = await jwtVerify(raw, jwks, options);
    expect(payload.sub).toBe(step.tokens[0]!.payload?.['sub']);
    expect(protectedHeader.kid).toBe(r.keys['cognito-identity']!.kid);
    const [h, p, sig] = raw.split('.') as [string, string, string];
    const i = Math.floor(p.length / 2);
    const changed = `${h}.${p.slice(0, i)}${p[i] === 'A' ? 'B' : 'A'}${p.slice(i + 1)}.${sig}`;
    await expect(jwtVerify(changed, jwks, options)).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  }, 60_000);

  it('real runs take every path of the machine, and no other', async () => {
    const c = await coverage(flow, defaultWorld());
    expect(c.strays).toEqual([]);
    expect(c.runs.every((r) => r.final.status !== 'stopped')).toBe(true);
    // No variant or switch of this flow fails the SRP sign-in or GetId (flow 2 and flow 5 do),
    // and valid fresh credentials always pass GetCallerIdentity.
    expect(c.missed).toEqual([
      'userPool.signIn:error',
      'userPool.signIn:ok → idpool.getId:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getOpenIdToken:ok → sts.assumeRoleWithWebIdentity:ok → sts.getCallerIdentity:error',
    ]);
  }, 180_000);
});
