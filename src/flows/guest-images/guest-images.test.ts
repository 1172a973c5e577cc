import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import { guestImages as flow } from './index';
import { coverage, machinePaths, testRun } from '../testing';

const GUEST = 'arn:aws:sts::111122223333:assumed-role/photos-app-guest/CognitoIdentityCredentials';
const PRE = 'idpool.getId:ok → idpool.getCredentialsForIdentity:ok → s3.getObject:ok';

describe('flow 4: guest access to public images', () => {
  it('has a path to done for each answer S3 may give, and one to failed at the calls that must work', () => {
    expect(machinePaths(flow)).toEqual([
      'idpool.getId:error',
      'idpool.getId:ok → idpool.getCredentialsForIdentity:error',
      'idpool.getId:ok → idpool.getCredentialsForIdentity:ok → s3.getObject:error',
      `${PRE} → s3.listObjectsV2:denied → s3.getObjectPrivate:denied`,
      `${PRE} → s3.listObjectsV2:denied → s3.getObjectPrivate:ok`,
      `${PRE} → s3.listObjectsV2:ok → s3.getObjectPrivate:denied`,
      `${PRE} → s3.listObjectsV2:ok → s3.getObjectPrivate:ok`,
    ]);
  });

  it('with AmazonS3ReadOnlyAccess a stranger lists the bucket and reads a private file', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'read-only-access' });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.changes).toEqual([
      'Attached the AWS managed policy `AmazonS3ReadOnlyAccess` to the guest role `photos-app-guest`.',
    ]);
    const [getId, creds, pub, list, priv] = run.steps;
    expect(getId!.messages[0]!.http.body).not.toMatch(/Logins/);
    expect(creds!.credentials?.arn).toBe('arn:aws:iam::111122223333:role/photos-app-guest');
    expect(creds!.facts.find((f) => f.label === 'Session policy')?.explain).toMatch(/never narrows S3/);
    expect(pub!.decision?.decision).toBe('Allow');
    expect(pub!.decision?.deciding?.map((d) => d.sid)).toEqual(['PublicImages']);
    expect(list!.outcome).toBe('ok');
    expect(list!.facts.find((f) => f.label === 'Keys')?.value).toBe(
      'home/alice/notes.txt, home/bob/todo.txt, public/pixel.png, public/welcome.txt',
    );
    expect(priv!.outcome).toBe('ok');
    expect(priv!.decision?.decision).toBe('Allow');
    expect(priv!.decision?.principal).toBe(GUEST);
    expect(priv!.decision?.resource).toBe('arn:aws:s3:::playground-photos/home/alice/notes.txt');
    expect(priv!.decision?.byPolicyType?.session).toBe('Allow');
    expect(priv!.decision?.deciding?.map((d) => d.policyId)).toEqual([
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      'session:0',
    ]);
    expect(priv!.narration).toMatch(/Only alice \(and the resizer\) may read this\./);
  }, 60_000);

  it('with a least-privilege guest role the private file is denied, with the engine’s decision', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'least-privilege' });
    expect(run.final.status).toBe('done');
    expect(run.changes).toEqual([
      'Gave the guest role `photos-app-guest` one inline policy, `public-images-only` (s3:GetObject on `public/*`), and no managed policy.',
    ]);
    expect(run.steps[2]!.outcome).toBe('ok');
    const list = run.steps[3]!;
    expect(list.outcome).toBe('denied');
    expect(list.messages[1]!.label).toBe('403 AccessDenied');
    const priv = run.steps[4]!;
    expect(priv.outcome).toBe('denied');
    expect(priv.messages[1]!.label).toBe('403 AccessDenied');
    expect(priv.decision?.decision).toBe('ImplicitDeny');
    expect(priv.decision?.deniedBy).toBe('identity');
    expect(priv.decision?.message).toBe(
      `User: ${GUEST} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::playground-photos/home/alice/notes.txt because no identity-based policy allows the s3:GetObject action`,
    );
    expect(priv.narration).toMatch(/^The stranger asks for alice's private file: AccessDenied/);
  }, 60_000);

  it('a guest role that may list the bucket shows every user’s file names, though it reads none', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'least-privilege', switches: ['guest-lists-bucket'] });
    expect(run.steps[3]!.outcome).toBe('ok');
    expect(run.steps[3]!.decision?.deciding?.[0]?.policyId).toBe('role/photos-app-guest:inline/list-the-bucket');
    expect(run.steps[4]!.outcome).toBe('denied');
    expect(flow.switches.find((s) => s.id === 'guest-lists-bucket')?.risk).toMatch(/lists every key/);
  }, 60_000);

  it('each failing break-it switch fails where it says, with AWS’s error', async () => {
    for (const s of flow.switches.filter((w) => w.fails)) {
      const run = await testRun(flow, defaultWorld(), { switches: [s.id] });
      const last = run.steps[run.steps.length - 1]!;
      expect(run.final.status, s.id).toBe('failed');
      expect(last.event, s.id).toBe(s.fails!.step);
      expect(last.error?.code, s.id).toBe(s.fails!.code);
    }
    const off = await testRun(flow, defaultWorld(), { switches: ['guests-off'] });
    expect(off.steps[0]!.error?.message).toBe('Unauthenticated access is not supported for this identity pool.');
  }, 60_000);

  it('real runs take every path of the machine, and no other', async () => {
    const c = await coverage(flow, defaultWorld());
    expect(c.strays).toEqual([]);
    expect(c.runs.every((r) => r.final.status !== 'stopped')).toBe(true);
    // The guest role always exists and trusts the pool's guests, the public image is public in
    // every variant, and no variant reads home/ without being able to list the bucket.
    expect(c.missed).toEqual([
      'idpool.getId:ok → idpool.getCredentialsForIdentity:error',
      'idpool.getId:ok → idpool.getCredentialsForIdentity:ok → s3.getObject:error',
      `${PRE} → s3.listObjectsV2:denied → s3.getObjectPrivate:ok`,
    ]);
  }, 180_000);
});
