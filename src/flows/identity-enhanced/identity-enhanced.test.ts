import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import { identityPoolEnhanced as flow } from './index';
import { coverage, machinePaths, testRun } from '../testing';

describe('flow 2: identity pool, enhanced flow', () => {
  it('has a path to done and one to failed at every step', () => {
    expect(machinePaths(flow)).toEqual([
      'userPool.signIn:error',
      'userPool.signIn:ok → idpool.getId:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:ok → sts.getCallerIdentity:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:ok → sts.getCallerIdentity:ok',
    ]);
  });

  it('maria in `editors` gets the group’s role from cognito:preferred_role', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'group' });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.steps.map((s) => s.event)).toEqual([
      'userPool.signIn',
      'idpool.getId',
      'idpool.getCredentialsForIdentity',
      'sts.getCallerIdentity',
    ]);
    const creds = run.steps[2]!;
    expect(creds.credentials?.arn).toBe('arn:aws:iam::111122223333:role/photos-app-editors');
    expect(creds.facts[0]?.explain).toMatch(/preferred_role/);
    expect(run.steps[3]!.facts[0]?.value).toMatch(/^arn:aws:sts::111122223333:assumed-role\/photos-app-editors\//);
    expect(run.steps[0]!.messages.map((m) => `${m.from}→${m.to} ${m.label}`)).toEqual([
      'app→user-pool POST InitiateAuth',
      'user-pool→app 200 OK',
      'app→user-pool POST RespondToAuthChallenge',
      'user-pool→app 200 OK',
    ]);
    expect(run.steps[0]!.tokens.map((t) => t.label)).toEqual(['ID token', 'Access token', 'Refresh token']);
  }, 60_000);

  it('a user in no group falls back to the authenticated role', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'no-group' });
    expect(run.final.status).toBe('done');
    expect(run.steps[2]!.credentials?.arn).toBe('arn:aws:iam::111122223333:role/photos-app-authenticated');
    expect(run.changes[0]).toMatch(/lee@example.com/);
  }, 60_000);

  it('each break-it switch fails where it says, with AWS’s error', async () => {
    for (const s of flow.switches.filter((w) => w.fails)) {
      const run = await testRun(flow, defaultWorld(), { variant: 'group', switches: [s.id] });
      const last = run.steps[run.steps.length - 1]!;
      expect(run.final.status, s.id).toBe('failed');
      expect(last.event, s.id).toBe(s.fails!.step);
      expect(last.error?.code, s.id).toBe(s.fails!.code);
    }
    const access = await testRun(flow, defaultWorld(), { switches: ['access-token'] });
    expect(access.steps[1]!.error?.message).toBe('Invalid login token. Missing a required claim: aud');
  }, 60_000);

  it('with two groups the lower precedence wins', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'group', switches: ['several-groups'] });
    expect(run.steps[2]!.credentials?.arn).toBe('arn:aws:iam::111122223333:role/photos-app-editors');
  }, 60_000);

  it('real runs take every path of the machine, and no other', async () => {
    const c = await coverage(flow, defaultWorld());
    expect(c.strays).toEqual([]);
    expect(c.runs.every((r) => r.final.status !== 'stopped')).toBe(true);
    // Failing GetCallerIdentity with valid credentials and a failed SRP sign-in are not reachable
    // from the variants: say so rather than pretend.
    expect(c.missed).toEqual([
      'userPool.signIn:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:ok → sts.getCallerIdentity:error',
    ]);
  }, 120_000);

  it('the same seed and options give the same run, byte for byte', async () => {
    const a = await testRun(flow, defaultWorld(), { variant: 'group' }, undefined, 'same');
    const b = await testRun(flow, defaultWorld(), { variant: 'group' }, undefined, 'same');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  }, 60_000);
});
