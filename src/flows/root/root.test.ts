import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import { rootUser as flow } from './index';
import { coverage, machinePaths, testRun } from '../testing';

const INCORRECT = 'Your authentication information is incorrect. Please try again.';

describe('flow 9: the root user, MFA, and an access key on root versus an admin user', () => {
  it('enumerates the sign-in, the call with a key and the MFA session', () => {
    expect(machinePaths(flow)).toEqual([
      'signin.password:error',
      'signin.password:mfa → signin.mfa:error',
      'signin.password:mfa → signin.mfa:ok → s3.getObject:denied → sts.getSessionToken:error',
      'signin.password:mfa → signin.mfa:ok → s3.getObject:denied → sts.getSessionToken:ok → s3.getObjectWithMfa:error',
      'signin.password:mfa → signin.mfa:ok → s3.getObject:denied → sts.getSessionToken:ok → s3.getObjectWithMfa:ok',
      'signin.password:mfa → signin.mfa:ok → s3.getObject:error',
      'signin.password:mfa → signin.mfa:ok → s3.getObject:ok',
      'signin.password:ok → s3.getObject:denied → sts.getSessionToken:error',
      'signin.password:ok → s3.getObject:denied → sts.getSessionToken:ok → s3.getObjectWithMfa:error',
      'signin.password:ok → s3.getObject:denied → sts.getSessionToken:ok → s3.getObjectWithMfa:ok',
      'signin.password:ok → s3.getObject:error',
      'signin.password:ok → s3.getObject:ok',
    ]);
  });

  it('root signs in with MFA, and its access key is allowed where IAM policies have no say', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'root' });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.events).toEqual(['signin.password', 'signin.mfa', 's3.getObject']);
    const [password, mfa, call] = run.steps as [(typeof run.steps)[0], (typeof run.steps)[0], (typeof run.steps)[0]];
    expect(password.messages.map((m) => `${m.from}→${m.to} ${m.label}`)).toEqual([
      'user→sign-in POST SignIn (password)',
      'sign-in→user 200 OK',
    ]);
    expect(password.messages[0]!.http.startLine).toBe('POST https://signin.aws.amazon.com/signin HTTP/1.1');
    expect(password.narration).toMatch(/browser page at signin\.aws\.amazon\.com, not an API/);
    expect(password.facts[0]?.value).toBe('arn:aws:iam::111122223333:mfa/root-account-mfa-device');
    expect(JSON.parse(mfa.messages[1]!.http.body)).toMatchObject({
      state: 'SUCCESS',
      principal: 'arn:aws:iam::111122223333:root',
      mfaAuthenticated: true,
      sessionExpires: '2026-12-01T10:00:00Z',
    });
    expect(call.messages[0]!.http.startLine).toBe(
      'GET https://playground-photos.s3.us-east-1.amazonaws.com/home/alice/notes.txt HTTP/1.1',
    );
    expect(call.decision?.principal).toBe('arn:aws:iam::111122223333:root');
    expect(call.decision?.decision).toBe('Allow');
    expect(call.narration).toMatch(/Only an SCP of an AWS Organization/);
    expect(call.facts.map((f) => f.value)).toContain('The root user has an active access key: delete it.');
    expect(run.changes).toContain(
      'Assigned the root user a virtual MFA device (arn:aws:iam::111122223333:mfa/root-account-mfa-device).',
    );
  }, 30_000);

  it('the same Deny stops the admin user’s key; an MFA session from GetSessionToken gets through', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'admin' });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.events).toEqual([
      'signin.password',
      'signin.mfa',
      's3.getObject',
      'sts.getSessionToken',
      's3.getObjectWithMfa',
    ]);
    const denied = run.steps[2]!;
    expect(denied.outcome).toBe('denied');
    expect(denied.decision?.decision).toBe('ExplicitDeny');
    expect(denied.decision?.deniedBy).toBe('identity');
    expect(denied.error).toEqual({
      code: 'AccessDenied',
      message:
        'User: arn:aws:iam::111122223333:user/admin is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::playground-photos/home/alice/notes.txt" with an explicit deny in an identity-based policy',
      step: 's3.getObject',
    });
    const gst = run.steps[3]!;
    expect(gst.messages[0]!.http.body).toMatch(
      /^Action=GetSessionToken\n&Version=2011-06-15\n&DurationSeconds=3600\n&SerialNumber=arn%3Aaws%3Aiam%3A%3A111122223333%3Amfa%2Fadmin\n&TokenCode=\d{6}$/,
    );
    expect(gst.credentials?.accessKeyId).toMatch(/^ASIA/);
    const ok = run.steps[4]!;
    expect(ok.decision?.decision).toBe('Allow');
    expect(ok.decision?.request.context?.['aws:MultiFactorAuthPresent']).toBe('true');
  }, 30_000);

  it('each break-it switch that fails, fails where it says, with the sign-in’s code', async () => {
    for (const variant of ['root', 'admin'])
      for (const s of flow.switches.filter((w) => w.fails)) {
        const run = await testRun(flow, defaultWorld(), { variant, switches: [s.id] });
        const last = run.steps[run.steps.length - 1]!;
        expect(run.final.status, s.id).toBe('failed');
        expect(last.event, s.id).toBe(s.fails!.step);
        expect(last.error, s.id).toEqual({ code: s.fails!.code, message: INCORRECT, step: s.fails!.step });
        expect(last.messages[1]!.label).toBe('401 AuthenticationFailed');
      }
  }, 30_000);

  it('without MFA the root signs in with the password alone (the risk); the admin cannot get an MFA session', async () => {
    const root = await testRun(flow, defaultWorld(), { variant: 'root', switches: ['no-mfa'] });
    expect(root.final.status).toBe('done');
    expect(root.events).toEqual(['signin.password', 's3.getObject']);
    expect(root.steps[0]!.narration).toMatch(/password alone/);
    expect(root.steps[1]!.decision?.decision).toBe('Allow');
    expect(flow.switches.find((s) => s.id === 'no-mfa')?.risk).toMatch(/IAM policies cannot limit root/);

    const admin = await testRun(flow, defaultWorld(), { variant: 'admin', switches: ['no-mfa'] });
    expect(admin.final.status).toBe('failed');
    expect(admin.steps[2]!.error).toEqual({
      code: 'AccessDenied',
      message:
        'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
      step: 'sts.getSessionToken',
    });
  }, 30_000);

  it('real runs take the machine’s paths, and no other', async () => {
    const c = await coverage(flow, defaultWorld());
    expect(c.strays).toEqual([]);
    expect(c.runs.every((r) => r.final.status !== 'stopped')).toBe(true);
    // S3 answers the key's GetObject with 200 or AccessDenied, never another error, and an MFA
    // session always reads the object; with a device, GetSessionToken always takes the code; and
    // without one, the admin never gets an MFA session.
    expect(c.missed).toEqual([
      'signin.password:mfa → signin.mfa:ok → s3.getObject:denied → sts.getSessionToken:error',
      'signin.password:mfa → signin.mfa:ok → s3.getObject:denied → sts.getSessionToken:ok → s3.getObjectWithMfa:error',
      'signin.password:mfa → signin.mfa:ok → s3.getObject:error',
      'signin.password:ok → s3.getObject:denied → sts.getSessionToken:ok → s3.getObjectWithMfa:error',
      'signin.password:ok → s3.getObject:denied → sts.getSessionToken:ok → s3.getObjectWithMfa:ok',
      'signin.password:ok → s3.getObject:error',
    ]);
  }, 120_000);

  it('the same seed and options give the same run, byte for byte', async () => {
    const a = await testRun(flow, defaultWorld(), { variant: 'admin' }, undefined, 'same');
    const b = await testRun(flow, defaultWorld(), { variant: 'admin' }, undefined, 'same');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  }, 30_000);
});
