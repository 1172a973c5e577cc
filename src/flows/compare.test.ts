import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../world/default-world';
import { identityPoolEnhanced } from './identity-enhanced';
import { testRun } from './testing';
import { compareRuns, roleOfCredentials, summarise } from './compare';
import type { FlowRun } from './types';

describe('comparing two runs', () => {
  it('reads the role from assumed-role credentials', () => {
    expect(
      roleOfCredentials('arn:aws:sts::111122223333:assumed-role/photos-app-editors/CognitoIdentityCredentials'),
    ).toEqual({
      name: 'photos-app-editors',
      arn: 'arn:aws:iam::111122223333:role/photos-app-editors',
    });
    expect(roleOfCredentials('arn:aws:iam::111122223333:user/alice')).toBeUndefined();
  });

  it('summarises the enhanced flow: the identity pool chooses, five calls', async () => {
    const world = defaultWorld();
    const run = await testRun(identityPoolEnhanced, world, { variant: 'group' });
    const s = summarise(run, world);
    expect(s.chooser).toBe('identity-pool');
    expect(s.operations).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge',
      'GetId',
      'GetCredentialsForIdentity',
      'GetCallerIdentity',
    ]);
    expect(s.calls).toBe(5);
    expect(s.role).toBe('photos-app-editors');
    expect(s.status).toBe('done');
    expect(s.error).toBeUndefined();
  }, 60_000);

  it('tells the basic flow by its AssumeRoleWithWebIdentity, and rows say what differs', async () => {
    const world = defaultWorld();
    const a = await testRun(identityPoolEnhanced, world, { variant: 'group' });
    // The basic flow's shape, without its machine: the app names the role to STS.
    const b: FlowRun = structuredClone(a);
    b.flow = { id: 'identity-pool-basic', version: 1, title: 'Identity pool, basic flow' };
    b.steps[2]!.messages[0]!.label = 'POST AssumeRoleWithWebIdentity';
    b.steps[2]!.credentials!.arn = 'arn:aws:sts::111122223333:assumed-role/photos-app-authenticated/app';
    const c = compareRuns(a, b, world);
    expect(c.right.chooser).toBe('app');
    expect(c.rows.map((r) => [r.label, r.same])).toEqual([
      ['Who chooses the role', false],
      ['Calls', false],
      ['Role', false],
      ['Its policies', false],
      ['What it was allowed', true],
      ['Ended', true],
    ]);
    expect(c.rows[2]).toEqual({
      label: 'Role',
      left: 'photos-app-editors',
      right: 'photos-app-authenticated',
      same: false,
    });
    expect(c.rows[3]!.right).toBe('own-photos (inline)');
  }, 60_000);
});
